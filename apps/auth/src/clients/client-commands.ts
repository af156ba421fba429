import type { PrismaClient } from '../generated/prisma/client.js';
import { clientReply, createdClientReply } from './clients.dto.js';
import { CLIENT_SECRET_MIN_LENGTH, CLIENT_SECRET_PATTERN } from './client-secret.js';
import { type ClientRegistration, InvalidClientRegistration } from './client-registration.js';
import { OAuthClientRegistry, type RegisteredClient } from './oauth-client-registry.js';

/** A command the `clients` CLI cannot carry out; the message is the one line it prints. */
export class ClientCommandError extends Error {
  override readonly name = 'ClientCommandError';
}

/** A parsed command line of the `clients` CLI (cli/clients.ts), and the CLIENT_SECRET variable. */
export interface ClientCommand {
  command: string;
  arguments: string[];
  options: { name?: string; scope?: string[]; audience?: string[]; 'client-id'?: string; json?: boolean };
  secret: string | undefined;
}

/** Runs one command of the `clients` CLI against auth's database and returns what it prints. */
export async function runClientCommand(prisma: PrismaClient, { command, arguments: args, options, secret }: ClientCommand): Promise<string> {
  const clients = new OAuthClientRegistry(prisma);
  const json = options.json === true;
  try {
    switch (command) {
      case 'create': {
        noArguments(command, args);
        const created = await clients.create(registrationOf(options));
        const reply = createdClientReply(created);
        if (json) return JSON.stringify({ client_id: reply.client_id, client_secret: reply.client_secret, scope: reply.scope, audience: reply.audience });
        return [
          `Created client ${reply.client_id} (${reply.name})`,
          `  scope:    ${reply.scope.join(' ')}`,
          `  audience: ${reply.audience.join(' ')}`,
          `  secret:   ${reply.client_secret}`,
          'Keep the secret now: only its hash is stored, so it cannot be shown again.',
        ].join('\n');
      }
      case 'list': {
        noArguments(command, args);
        const all = await clients.list();
        return json ? JSON.stringify(all.map(clientReply)) : clientTable(all);
      }
      case 'revoke': {
        const clientId = oneArgument(command, args, 'client_id');
        if (!(await clients.revoke(clientId))) throw new ClientCommandError(`no client "${clientId}"`);
        if (json) return JSON.stringify(clientReply((await clients.list()).find((client) => client.clientId === clientId)!));
        return `Revoked client ${clientId}: its next token request fails. Tokens it already holds stay valid until they expire (ACCESS_TOKEN_TTL, 15 minutes by default).`;
      }
      case 'ensure': {
        noArguments(command, args);
        const clientId = options['client-id'];
        if (!clientId) throw new ClientCommandError('ensure needs --client-id');
        const outcome = await clients.ensure(clientId, registrationOf({ ...options, name: options.name ?? clientId }), ensuredSecret(secret));
        if (outcome === 'revoked') {
          throw new ClientCommandError(`client "${clientId}" is revoked, and ensure leaves it so (revocation is final for a client id): register the application under another --client-id`);
        }
        if (json) return JSON.stringify({ client_id: clientId, outcome });
        return `${outcome === 'created' ? 'Created' : 'Updated'} client ${clientId} (scope ${splitList(options.scope).join(' ')}, audience ${splitList(options.audience).join(' ')})`;
      }
      default:
        throw new ClientCommandError(`unknown command "${command}": use create, list, revoke or ensure (--help shows how)`);
    }
  } catch (error) {
    if (error instanceof InvalidClientRegistration) throw new ClientCommandError(error.message);
    throw error;
  }
}

function registrationOf(options: ClientCommand['options']): ClientRegistration {
  if (options.name === undefined) throw new ClientCommandError('--name is required');
  return { name: options.name, scopes: splitList(options.scope), audiences: splitList(options.audience) };
}

/** `--scope a --scope b`, `--scope "a b"` and `--scope a,b` all mean a and b. */
function splitList(values: string[] | undefined): string[] {
  return (values ?? []).flatMap((value) => value.split(/[\s,]+/)).filter((value) => value !== '');
}

function ensuredSecret(secret: string | undefined): string {
  if (secret === undefined || secret === '') {
    throw new ClientCommandError('ensure reads the client secret from the CLIENT_SECRET variable, which is not set');
  }
  if (!CLIENT_SECRET_PATTERN.test(secret)) {
    throw new ClientCommandError(
      `CLIENT_SECRET must be ${CLIENT_SECRET_MIN_LENGTH} to 256 characters of A-Z a-z 0-9 . _ ~ - (e.g. 32 random bytes in base64url)`,
    );
  }
  return secret;
}

function noArguments(command: string, args: string[]): void {
  if (args.length > 0) throw new ClientCommandError(`${command} takes no argument "${args[0]}"`);
}

function oneArgument(command: string, args: string[], what: string): string {
  if (args.length !== 1) throw new ClientCommandError(`${command} takes one ${what}`);
  return args[0]!;
}

function clientTable(clients: RegisteredClient[]): string {
  if (clients.length === 0) return 'No clients registered yet (create one with: npm run clients -- create --name ... --scope ... --audience ...).';
  const rows = [
    ['CLIENT ID', 'NAME', 'SCOPE', 'AUDIENCE', 'CREATED', 'REVOKED'],
    ...clients.map((client) => [
      client.clientId,
      client.name,
      client.scopes.join(' '),
      client.audiences.join(' '),
      minute(client.createdAt),
      client.revokedAt ? minute(client.revokedAt) : '-',
    ]),
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd()).join('\n');
}

function minute(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')}Z`;
}
