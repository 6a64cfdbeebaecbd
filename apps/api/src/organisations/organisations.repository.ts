import { Injectable } from '@nestjs/common';
import type { MemberSummary, MembershipRole, OrganisationDetail, OrganisationSummary } from '@equipole/shared';
import type { EntityManager } from 'typeorm';
import { SqlParams } from '../common/sql-params';

const SUMMARY_COLUMNS = `o.id, o.kind, o.name, o.country, o.city,
  (SELECT count(*)::int FROM memberships m WHERE m.organisation_id = o.id) AS "memberCount"`;

/** The directory's filters; `search` is matched without accents against the name and the city. */
export interface OrganisationFilter {
  search?: string;
  kind?: string;
  country?: string;
}

/** Column values of `organisations`, by column name (only the ones given are written). */
export type OrganisationColumns = Record<string, unknown>;

/** An organisation as its page shows it, before the caller's own role is added. */
export type OrganisationRow = Omit<OrganisationDetail, 'myRole' | 'canManage'>;

/** The statements on `organisations` and `memberships`; each runs with the caller's manager. */
@Injectable()
export class OrganisationsRepository {
  async page(manager: EntityManager, filter: OrganisationFilter, limit: number, offset: number): Promise<{ rows: OrganisationSummary[]; total: number }> {
    const params = new SqlParams();
    const where: string[] = [];
    if (filter.search) {
      const search = params.add(filter.search.replace(/[\\%_]/g, (c) => `\\${c}`));
      where.push(`unaccent(lower(o.name || ' ' || coalesce(o.city, ''))) LIKE '%' || unaccent(lower(${search})) || '%'`);
    }
    if (filter.kind) where.push(`o.kind = ${params.add(filter.kind)}`);
    if (filter.country) where.push(`o.country = ${params.add(filter.country)}`);
    const rows: (OrganisationSummary & { total: number })[] = await manager.query(
      `SELECT ${SUMMARY_COLUMNS}, count(*) OVER ()::int AS total FROM organisations o ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY o.name LIMIT ${params.add(limit)} OFFSET ${params.add(offset)}`,
      params.values,
    );
    return { rows: rows.map(({ total: _total, ...row }) => row), total: rows[0]?.total ?? 0 };
  }

  async detail(manager: EntityManager, id: string): Promise<OrganisationRow | undefined> {
    const [row]: OrganisationRow[] = await manager.query(
      `SELECT ${SUMMARY_COLUMNS}, o.address, o.postcode, o.latitude, o.longitude, o.registration_number AS "registrationNumber",
              o.contact_email AS "contactEmail", o.contact_phone AS "contactPhone", o.website, o.logo_path AS "logoPath",
              coalesce((SELECT json_agg(json_build_object('id', c.id, 'name', c.name) ORDER BY c.name)
                          FROM cluster_members cm JOIN clusters c ON c.id = cm.cluster_id WHERE cm.organisation_id = o.id), '[]') AS clusters
         FROM organisations o WHERE o.id = $1`,
      [id],
    );
    return row;
  }

  /** `columns` are trusted column names (the service's own list), never the request's keys. */
  async insert(manager: EntityManager, columns: OrganisationColumns): Promise<string> {
    const names = Object.keys(columns);
    const [{ id }]: { id: string }[] = await manager.query(
      `INSERT INTO organisations (${names.join(', ')}) VALUES (${names.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id`,
      Object.values(columns),
    );
    return id;
  }

  /** `columns` as for insert; at least one. */
  async update(manager: EntityManager, id: string, columns: OrganisationColumns): Promise<void> {
    const names = Object.keys(columns);
    await manager.query(
      `UPDATE organisations SET ${names.map((name, i) => `${name} = $${i + 2}`).join(', ')}, updated_at = now() WHERE id = $1`,
      [id, ...Object.values(columns)],
    );
  }

  /** The organisation's name; with `lock`, its row stays locked until the transaction ends (role changes serialise on it). */
  async name(manager: EntityManager, id: string, options: { lock?: boolean } = {}): Promise<string | undefined> {
    const [row]: { name: string }[] = await manager.query(`SELECT name FROM organisations WHERE id = $1 ${options.lock ? 'FOR UPDATE' : ''}`, [id]);
    return row?.name;
  }

  async exists(manager: EntityManager, id: string): Promise<boolean> {
    const [row] = await manager.query('SELECT 1 FROM organisations WHERE id = $1', [id]);
    return Boolean(row);
  }

  /** Managers first, then by name. */
  members(manager: EntityManager, organisationId: string): Promise<MemberSummary[]> {
    return manager.query(
      `SELECT u.id AS "userId", u.name, u.email, m.role, (u.password_hash IS NULL) AS "invitationPending", m.created_at AS since
         FROM memberships m JOIN users u ON u.id = m.user_id
        WHERE m.organisation_id = $1 ORDER BY m.role, u.name`,
      [organisationId],
    );
  }

  /** False when the person is already a member. */
  async addMember(manager: EntityManager, organisationId: string, userId: string, role: MembershipRole): Promise<boolean> {
    const inserted: unknown[] = await manager.query(
      `INSERT INTO memberships (user_id, organisation_id, role) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING user_id`,
      [userId, organisationId, role],
    );
    return inserted.length > 0;
  }

  /** False when the person is not a member. */
  async setRole(manager: EntityManager, organisationId: string, userId: string, role: MembershipRole): Promise<boolean> {
    const [, changed]: [unknown, number] = await manager.query('UPDATE memberships SET role = $3 WHERE organisation_id = $1 AND user_id = $2', [
      organisationId, userId, role,
    ]);
    return changed > 0;
  }

  /** False when the person is not a member. */
  async removeMember(manager: EntityManager, organisationId: string, userId: string): Promise<boolean> {
    const [, removed]: [unknown, number] = await manager.query('DELETE FROM memberships WHERE organisation_id = $1 AND user_id = $2', [organisationId, userId]);
    return removed > 0;
  }

  async countMembers(manager: EntityManager, organisationId: string): Promise<{ managers: number; members: number }> {
    const [row]: { managers: number; members: number }[] = await manager.query(
      `SELECT count(*) FILTER (WHERE role = 'manager')::int AS managers, count(*)::int AS members FROM memberships WHERE organisation_id = $1`,
      [organisationId],
    );
    return row;
  }
}
