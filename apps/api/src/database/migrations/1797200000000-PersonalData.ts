import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 23, personal data (docs/privacy.md): an account can be anonymised (`anonymised_at`; its name
 * and address are replaced, the row stays so that bookings, attendance and audit rows keep their
 * figures), and accounts nobody signs in to are warned, then anonymised by the retention job. The
 * last sign-in is kept on the account (`last_sign_in_at`, set by a trigger when a session is
 * opened, which also forgets an earlier inactivity warning), because sessions themselves are deleted
 * 30 days after they end.
 */
export class PersonalData1797200000000 implements MigrationInterface {
  name = 'PersonalData1797200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE users
        ADD COLUMN anonymised_at timestamptz,
        ADD COLUMN last_sign_in_at timestamptz,
        ADD COLUMN inactivity_warned_at timestamptz`);
    await queryRunner.query(`
      UPDATE users u SET last_sign_in_at = s.last
        FROM (SELECT user_id, max(created_at) AS last FROM sessions GROUP BY user_id) s
       WHERE s.user_id = u.id`);
    await queryRunner.query(`
      CREATE FUNCTION users_signed_in() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE users SET last_sign_in_at = NEW.created_at, inactivity_warned_at = NULL WHERE id = NEW.user_id;
        RETURN NULL;
      END $$`);
    await queryRunner.query('CREATE TRIGGER sessions_sign_in AFTER INSERT ON sessions FOR EACH ROW EXECUTE FUNCTION users_signed_in()');
    // The retention job's scans: accounts still named, sessions and sent emails by age.
    await queryRunner.query('CREATE INDEX users_not_anonymised_idx ON users (coalesce(last_sign_in_at, created_at)) WHERE anonymised_at IS NULL');
    await queryRunner.query('CREATE INDEX sessions_ended_idx ON sessions (least(expires_at, coalesce(revoked_at, expires_at)))');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX sessions_ended_idx');
    await queryRunner.query('DROP INDEX users_not_anonymised_idx');
    await queryRunner.query('DROP TRIGGER sessions_sign_in ON sessions');
    await queryRunner.query('DROP FUNCTION users_signed_in()');
    await queryRunner.query('ALTER TABLE users DROP COLUMN anonymised_at, DROP COLUMN last_sign_in_at, DROP COLUMN inactivity_warned_at');
  }
}
