import { Injectable } from '@nestjs/common';
import type { BookingAnswers, ItemQuestion, QuestionInput } from '@equipole/shared';
import type { EntityManager } from 'typeorm';

const QUESTION_VIEW = `id, kind, required, json_build_object('fr', label_fr, 'nl', label_nl, 'en', label_en) AS labels, options`;

/** An item's own questions (resource_questions) and the answers bookings give them (booking_answers). */
@Injectable()
export class QuestionsRepository {
  forItem(manager: EntityManager, resourceId: string): Promise<ItemQuestion[]> {
    return manager.query(`SELECT ${QUESTION_VIEW} FROM resource_questions WHERE resource_id = $1 ORDER BY position`, [resourceId]);
  }

  /** The questions of several items, item by item in the given order. */
  forItems(manager: EntityManager, resourceIds: string[]): Promise<ItemQuestion[]> {
    return manager.query(
      `SELECT ${QUESTION_VIEW} FROM resource_questions WHERE resource_id = ANY($1::uuid[]) ORDER BY array_position($1::uuid[], resource_id), position`,
      [resourceIds],
    );
  }

  /** The item's owner, its row locked (questions are replaced one writer at a time); undefined when there is no such item. */
  async lockItemOwner(manager: EntityManager, resourceId: string): Promise<string | undefined> {
    const [row] = await manager.query('SELECT organisation_id AS "ownerId" FROM resources WHERE id = $1 FOR UPDATE', [resourceId]);
    return row?.ownerId;
  }

  /**
   * Makes the item's questions exactly `questions`, in order: those kept (by id) are updated, the
   * others deleted (with their answers), the new ones inserted. Answers the ids given that are not
   * questions of this item (nothing should be written then: the caller rolls back).
   */
  async replace(manager: EntityManager, resourceId: string, questions: QuestionInput[]): Promise<string[]> {
    const keptIds = questions.map((q) => q.id).filter((id): id is string => Boolean(id));
    await manager.query('DELETE FROM resource_questions WHERE resource_id = $1 AND NOT (id = ANY($2::uuid[]))', [resourceId, keptIds]);
    const unknown: string[] = [];
    for (const [position, q] of questions.entries()) {
      const values = [resourceId, position, q.kind, q.required, q.labelFr ?? null, q.labelNl ?? null, q.labelEn ?? null, JSON.stringify(q.options ?? [])];
      if (q.id) {
        const [, updated] = await manager.query(
          `UPDATE resource_questions SET position = $2, kind = $3, required = $4, label_fr = $5, label_nl = $6, label_en = $7, options = $8::jsonb
            WHERE resource_id = $1 AND id = $9`,
          [...values, q.id],
        );
        if (!updated) unknown.push(q.id);
      } else {
        await manager.query(
          `INSERT INTO resource_questions (resource_id, position, kind, required, label_fr, label_nl, label_en, options)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb)`,
          values,
        );
      }
    }
    return unknown;
  }

  /** A booking's answers, already checked against its item's questions. */
  async insertAnswers(manager: EntityManager, bookingId: string, answers: BookingAnswers): Promise<void> {
    const entries = Object.entries(answers);
    if (entries.length === 0) return;
    await manager.query(
      `INSERT INTO booking_answers (booking_id, question_id, value)
       SELECT $1, a.key::uuid, a.value FROM jsonb_each($2::jsonb) a`,
      [bookingId, JSON.stringify(answers)],
    );
  }
}
