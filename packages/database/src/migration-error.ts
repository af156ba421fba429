/** Why a migration run stopped; each case names one migration. */
export type MigrationErrorReason = 'failed' | 'checksum-mismatch' | 'unfinished' | 'missing-script';

/** A migration could not be applied, or the database's history disagrees with the migrations folder. */
export class MigrationError extends Error {
  override readonly name = 'MigrationError';

  constructor(
    readonly reason: MigrationErrorReason,
    readonly migrationName: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
