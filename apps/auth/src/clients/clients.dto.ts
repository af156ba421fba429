import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsIn, IsString, Length, Matches } from 'class-validator';
import { CLIENT_AUDIENCES, CLIENT_NAME_MAX, SCOPE_PATTERN } from './client-registration.js';
import type { CreatedClient, RegisteredClient } from './oauth-client-registry.js';

/** `POST /auth/clients`: what the new application may ask for. */
export class CreateClientInput {
  @ApiProperty({ minLength: 1, maxLength: CLIENT_NAME_MAX, example: 'reporting', description: 'Also the start of the generated client id' })
  @IsString()
  @Length(1, CLIENT_NAME_MAX)
  @Matches(/\S/, { message: 'name must not be blank' })
  name!: string;

  @ApiProperty({ type: [String], example: ['orders:read'], description: 'The scopes its tokens may carry' })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(50)
  @Matches(SCOPE_PATTERN, { each: true, message: 'each scope must be 1 to 64 letters, digits or . _ : -' })
  scope!: string[];

  @ApiProperty({ type: [String], enum: CLIENT_AUDIENCES, example: ['shop'], description: 'The services its tokens may be for' })
  @IsArray()
  @ArrayNotEmpty()
  @IsIn(CLIENT_AUDIENCES, { each: true })
  audience!: string[];
}

/** A client as the admin endpoints show it (snake_case, as OAuth names these fields). */
export interface ClientReply {
  client_id: string;
  name: string;
  scope: string[];
  audience: string[];
  created_at: string;
  revoked_at: string | null;
}

/** The answer to a creation: the one time the secret is shown. */
export interface CreatedClientReply extends Omit<ClientReply, 'revoked_at'> {
  client_secret: string;
}

export function clientReply(client: RegisteredClient): ClientReply {
  return {
    client_id: client.clientId,
    name: client.name,
    scope: client.scopes,
    audience: client.audiences,
    created_at: client.createdAt.toISOString(),
    revoked_at: client.revokedAt?.toISOString() ?? null,
  };
}

export function createdClientReply({ client, secret }: CreatedClient): CreatedClientReply {
  const { client_id: clientId, revoked_at: _revokedAt, ...shown } = clientReply(client);
  return { client_id: clientId, client_secret: secret, ...shown };
}
