import { MigrationInterface, QueryRunner } from 'typeorm';

/** Delivery bookkeeping of the outbox: a lease for the worker that claimed a row, and a stable Message-ID. */
export class OutboxDelivery1795899600000 implements MigrationInterface {
  name = 'OutboxDelivery1795899600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE outbox
        ADD COLUMN claimed_until timestamptz,
        ADD COLUMN message_id text`);
    await queryRunner.query(`UPDATE outbox SET message_id = '<' || id || '@equipole>' WHERE message_id IS NULL`);
    await queryRunner.query(`ALTER TABLE outbox ALTER COLUMN message_id SET NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE outbox DROP COLUMN message_id, DROP COLUMN claimed_until');
  }
}
