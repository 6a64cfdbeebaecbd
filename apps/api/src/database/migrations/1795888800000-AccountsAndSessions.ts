import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Server-side sessions, single-use tokens (invitations, password resets), the record of failed
 * logins that throttling counts, and the outbox every email goes through.
 * Tokens are stored as SHA-256 hashes: a leaked table opens no account.
 */
export class AccountsAndSessions1795888800000 implements MigrationInterface {
  name = 'AccountsAndSessions1795888800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        token_hash bytea NOT NULL UNIQUE,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        ip text,
        user_agent text
      )`);
    await queryRunner.query('CREATE INDEX sessions_user_idx ON sessions (user_id)');

    await queryRunner.query(`
      CREATE TABLE user_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        purpose text NOT NULL CHECK (purpose IN ('invitation', 'password_reset')),
        token_hash bytea NOT NULL UNIQUE,
        organisation_id uuid REFERENCES organisations (id) ON DELETE CASCADE,
        created_by_id uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz
      )`);
    await queryRunner.query('CREATE INDEX user_tokens_user_idx ON user_tokens (user_id, purpose)');

    await queryRunner.query(`
      CREATE TABLE login_failures (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        email text NOT NULL,
        ip text NOT NULL,
        failed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE INDEX login_failures_email_idx ON login_failures (email, failed_at)');
    await queryRunner.query('CREATE INDEX login_failures_ip_idx ON login_failures (ip, failed_at)');

    await queryRunner.query(`
      CREATE TABLE outbox (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL,
        recipient text NOT NULL,
        locale text NOT NULL CHECK (locale IN ('fr', 'nl', 'en')),
        subject text NOT NULL,
        text_body text NOT NULL,
        html_body text,
        payload jsonb NOT NULL DEFAULT '{}',
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX outbox_due_idx ON outbox (next_attempt_at) WHERE status = 'pending'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE outbox');
    await queryRunner.query('DROP TABLE login_failures');
    await queryRunner.query('DROP TABLE user_tokens');
    await queryRunner.query('DROP TABLE sessions');
  }
}
