import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 15, accounts (docs/architecture.md, "Security"):
 * - `outbox.sealed`: the whole bodies of an email with a private link, encrypted with a key outside
 *   the database, while `text_body` and `html_body` keep them with the link's token redacted. The
 *   partial index finds the link emails written before, which the app seals at start-up.
 * - `login_failures.device`: the device cookie a failed attempt came with, so that a known browser
 *   has its own count and an attack from elsewhere cannot lock its owner out.
 * - `user_tokens.superseded_at`: an invitation ended because another one activated the account; it
 *   no longer works, and its page asks to sign in instead of saying the link is invalid.
 * - `throttle_hits`: requests counted per bucket and subject (the client address asking for
 *   password-reset emails), in PostgreSQL so that every instance sees the same counts.
 */
export class AccountSecurity1796428800000 implements MigrationInterface {
  name = 'AccountSecurity1796428800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE outbox ADD COLUMN sealed bytea');
    await queryRunner.query(
      `CREATE INDEX outbox_unsealed_links_idx ON outbox (id)
        WHERE sealed IS NULL AND kind IN ('invitation', 'coordinator_invitation', 'password_reset')`,
    );
    await queryRunner.query('ALTER TABLE login_failures ADD COLUMN device text');
    await queryRunner.query('CREATE INDEX login_failures_device_idx ON login_failures (device, failed_at) WHERE device IS NOT NULL');
    await queryRunner.query('ALTER TABLE user_tokens ADD COLUMN superseded_at timestamptz');
    await queryRunner.query(`
      CREATE TABLE throttle_hits (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        bucket text NOT NULL,
        subject text NOT NULL,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE INDEX throttle_hits_subject_idx ON throttle_hits (bucket, subject, at)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE throttle_hits');
    await queryRunner.query('ALTER TABLE user_tokens DROP COLUMN superseded_at');
    await queryRunner.query('DROP INDEX login_failures_device_idx');
    await queryRunner.query('ALTER TABLE login_failures DROP COLUMN device');
    await queryRunner.query('DROP INDEX outbox_unsealed_links_idx');
    await queryRunner.query('ALTER TABLE outbox DROP COLUMN sealed');
  }
}
