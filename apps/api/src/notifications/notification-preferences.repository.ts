import { Injectable } from '@nestjs/common';
import type { OptionalEmail } from '@equipole/shared';
import type { EntityManager } from 'typeorm';

/** The optional emails a person switched off (`users.email_opt_outs`). */
@Injectable()
export class NotificationPreferencesRepository {
  /** Undefined when the account does not exist. */
  async optOuts(manager: EntityManager, userId: string): Promise<OptionalEmail[] | undefined> {
    const [row]: { optOuts: OptionalEmail[] }[] = await manager.query('SELECT email_opt_outs AS "optOuts" FROM users WHERE id = $1', [userId]);
    return row?.optOuts;
  }

  /** The list as stored. */
  async setOptOuts(manager: EntityManager, userId: string, optOuts: OptionalEmail[]): Promise<OptionalEmail[]> {
    // An UPDATE answers [rows, affected].
    const [[row]]: [{ optOuts: OptionalEmail[] }[], number] = await manager.query(
      'UPDATE users SET email_opt_outs = $2::text[], updated_at = now() WHERE id = $1 RETURNING email_opt_outs AS "optOuts"',
      [userId, optOuts],
    );
    return row.optOuts;
  }
}
