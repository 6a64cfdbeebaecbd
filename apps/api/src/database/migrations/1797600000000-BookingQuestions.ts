import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 21: partners' own questions per item (docs/campaigns.md, "Questions per item"), the answers a
 * booking carries, and the participants' names a teacher may type for an attestation, kept only for
 * RETENTION_PARTICIPANT_NAMES_MONTHS (the retention job clears them).
 */
export class BookingQuestions1797600000000 implements MigrationInterface {
  name = 'BookingQuestions1797600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE resource_questions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        resource_id uuid NOT NULL REFERENCES resources(id) ON DELETE CASCADE,
        position integer NOT NULL CHECK (position >= 0),
        kind text NOT NULL CHECK (kind IN ('text', 'number', 'choice', 'yes_no')),
        required boolean NOT NULL DEFAULT false,
        label_fr text, label_nl text, label_en text,
        options jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(options) = 'array'),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT resource_questions_label CHECK (coalesce(label_fr, label_nl, label_en) IS NOT NULL),
        CONSTRAINT resource_questions_choice CHECK ((kind = 'choice') = (jsonb_array_length(options) > 0)),
        CONSTRAINT resource_questions_position UNIQUE (resource_id, position) DEFERRABLE INITIALLY DEFERRED
      )`);
    await queryRunner.query(`
      CREATE TABLE booking_answers (
        booking_id uuid NOT NULL REFERENCES bookings(id) ON DELETE CASCADE,
        question_id uuid NOT NULL REFERENCES resource_questions(id) ON DELETE CASCADE,
        value jsonb NOT NULL CHECK (jsonb_typeof(value) IN ('string', 'number', 'boolean')),
        PRIMARY KEY (booking_id, question_id)
      )`);
    await queryRunner.query('CREATE INDEX booking_answers_question_idx ON booking_answers (question_id)');
    // A campaign request's answers (question id → value), copied onto the bookings its publication makes.
    await queryRunner.query(`ALTER TABLE campaign_requests ADD COLUMN answers jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(answers) = 'object')`);
    await queryRunner.query(`
      ALTER TABLE bookings
        ADD COLUMN participant_names text[],
        ADD COLUMN participant_names_at timestamptz,
        ADD CONSTRAINT bookings_participant_names_at CHECK ((participant_names IS NULL) = (participant_names_at IS NULL))`);
    // The retention job's scan: names kept, by the end of their booking.
    await queryRunner.query('CREATE INDEX bookings_participant_names_idx ON bookings (upper(period)) WHERE participant_names IS NOT NULL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX bookings_participant_names_idx');
    await queryRunner.query(`
      ALTER TABLE bookings DROP CONSTRAINT bookings_participant_names_at, DROP COLUMN participant_names_at, DROP COLUMN participant_names`);
    await queryRunner.query('ALTER TABLE campaign_requests DROP COLUMN answers');
    await queryRunner.query('DROP TABLE booking_answers');
    await queryRunner.query('DROP TABLE resource_questions');
  }
}
