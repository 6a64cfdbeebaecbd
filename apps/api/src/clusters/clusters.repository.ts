import { Injectable } from '@nestjs/common';
import type { ClusterDetail, ClusterSummary } from '@equipole/shared';
import type { EntityManager } from 'typeorm';

const SUMMARY = `c.id, c.name, c.sector, c.status, to_char(c.start_date, 'YYYY-MM-DD') AS "startDate",
  CASE WHEN lead.id IS NULL THEN NULL ELSE json_build_object('id', lead.id, 'name', lead.name) END AS "leadOrganisation",
  (SELECT count(*)::int FROM cluster_members cm WHERE cm.cluster_id = c.id) AS "memberCount",
  (SELECT count(*)::int FROM cluster_occupations co WHERE co.cluster_id = c.id) AS "occupationCount"`;

/** The cluster columns a request may set, by DTO field. */
export const SCALARS: Record<string, string> = {
  name: 'name', descriptionFr: 'description_fr', descriptionNl: 'description_nl', descriptionEn: 'description_en',
  sector: 'sector', status: 'status', startDate: 'start_date', leadOrganisationId: 'lead_organisation_id',
};

/** The statements of the clusters; every method takes the caller's EntityManager (a transaction's, or the DataSource's). */
@Injectable()
export class ClustersRepository {
  list(db: EntityManager): Promise<ClusterSummary[]> {
    return db.query(
      `SELECT ${SUMMARY} FROM clusters c LEFT JOIN organisations lead ON lead.id = c.lead_organisation_id
        ORDER BY c.start_date NULLS LAST, c.name`,
    );
  }

  async detail(db: EntityManager, id: string): Promise<ClusterDetail | undefined> {
    const [row] = await db.query(
      `SELECT ${SUMMARY},
              json_build_object('fr', c.description_fr, 'nl', c.description_nl, 'en', c.description_en) AS descriptions,
              coalesce((SELECT json_agg(json_build_object('id', o.id, 'name', o.name, 'kind', o.kind, 'country', o.country) ORDER BY o.name)
                          FROM cluster_members cm JOIN organisations o ON o.id = cm.organisation_id WHERE cm.cluster_id = c.id), '[]') AS members,
              coalesce((SELECT json_agg(json_build_object('id', oc.id, 'code', oc.code,
                                 'labels', json_build_object('fr', oc.label_fr, 'nl', oc.label_nl, 'en', oc.label_en)) ORDER BY oc.label_fr)
                          FROM cluster_occupations co JOIN occupations oc ON oc.id = co.occupation_id WHERE co.cluster_id = c.id), '[]') AS occupations,
              coalesce((SELECT json_agg(json_build_object('id', u.id, 'name', u.name) ORDER BY u.name)
                          FROM cluster_coordinators cc JOIN users u ON u.id = cc.user_id WHERE cc.cluster_id = c.id), '[]') AS coordinators
         FROM clusters c LEFT JOIN organisations lead ON lead.id = c.lead_organisation_id
        WHERE c.id = $1`,
      [id],
    );
    return row;
  }

  /** Inserts a cluster with the given columns (keys of SCALARS); returns its id. */
  async insert(db: EntityManager, values: Record<string, unknown>): Promise<string> {
    const keys = Object.keys(values);
    const [{ id }] = await db.query(
      `INSERT INTO clusters (${keys.map((k) => SCALARS[k]).join(', ')}) VALUES (${keys.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id`,
      keys.map((k) => values[k]),
    );
    return id;
  }

  /** Sets the given columns (keys of SCALARS); returns how many clusters changed (0 or 1). */
  async update(db: EntityManager, id: string, values: Record<string, unknown>): Promise<number> {
    const keys = Object.keys(values);
    const [, updated] = await db.query(
      `UPDATE clusters SET ${[...keys.map((k, i) => `${SCALARS[k]} = $${i + 2}`), 'updated_at = now()'].join(', ')} WHERE id = $1`,
      [id, ...keys.map((k) => values[k])],
    );
    return updated;
  }

  async exists(db: EntityManager, id: string): Promise<boolean> {
    const [row] = await db.query('SELECT 1 FROM clusters WHERE id = $1', [id]);
    return Boolean(row);
  }

  async addMember(db: EntityManager, id: string, organisationId: string): Promise<void> {
    await db.query(
      'INSERT INTO cluster_members (cluster_id, organisation_id) VALUES ($1, $2) ON CONFLICT DO NOTHING',
      [id, organisationId],
    );
  }

  /** Returns how many memberships went (0 or 1). */
  async removeMember(db: EntityManager, id: string, organisationId: string): Promise<number> {
    const [, removed] = await db.query(
      'DELETE FROM cluster_members WHERE cluster_id = $1 AND organisation_id = $2',
      [id, organisationId],
    );
    return removed;
  }

  /** Makes the cluster's occupations or members exactly `ids` (unknown ids fail with 23503). */
  async replaceLinks(db: EntityManager, id: string, link: 'occupations' | 'members', ids: string[]): Promise<void> {
    const [table, column] = link === 'occupations' ? ['cluster_occupations', 'occupation_id'] : ['cluster_members', 'organisation_id'];
    await db.query(`DELETE FROM ${table} WHERE cluster_id = $1 AND NOT (${column} = ANY($2::uuid[]))`, [id, ids]);
    await db.query(
      `INSERT INTO ${table} (cluster_id, ${column}) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING`,
      [id, [...new Set(ids)]],
    );
  }

  /** How many of `ids` are coordinators. */
  async countCoordinators(db: EntityManager, ids: string[]): Promise<number> {
    const [{ n }] = await db.query('SELECT count(*)::int AS n FROM users WHERE id = ANY($1::uuid[]) AND is_coordinator', [ids]);
    return n;
  }

  async replaceCoordinators(db: EntityManager, id: string, userIds: string[]): Promise<void> {
    await db.query('DELETE FROM cluster_coordinators WHERE cluster_id = $1', [id]);
    await db.query('INSERT INTO cluster_coordinators (cluster_id, user_id) SELECT $1, unnest($2::uuid[])', [id, userIds]);
  }
}
