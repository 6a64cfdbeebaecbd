import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Attendance attestations: one platform reference per completed booking, printed on its PDF with a
 * URL anyone can open to check it (docs/campaigns.md, "Attestations").
 */
export class Attestations1796860801000 implements MigrationInterface {
  name = 'Attestations1796860801000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE attestations (
        reference text PRIMARY KEY CHECK (reference ~ '^EQP-[A-Z2-7]{12}$'),
        booking_id uuid NOT NULL UNIQUE REFERENCES bookings (id) ON DELETE CASCADE,
        issued_at timestamptz NOT NULL,
        issued_by_id uuid REFERENCES users (id) ON DELETE SET NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE attestations');
  }
}
