import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ErrorCode, type ClusterDetail, type ClusterSummary } from '@equipole/shared';
import { DataSource, EntityManager } from 'typeorm';
import { type AuthUser, requireCoordinator } from '../auth/auth-user';
import { DomainError } from '../common/domain-error';
import { AddClusterMemberDto, CreateClusterDto, UpdateClusterDto } from './dto/cluster.dto';

const SUMMARY = `c.id, c.name, c.sector, c.status, to_char(c.start_date, 'YYYY-MM-DD') AS "startDate",
  CASE WHEN lead.id IS NULL THEN NULL ELSE json_build_object('id', lead.id, 'name', lead.name) END AS "leadOrganisation",
  (SELECT count(*)::int FROM cluster_members cm WHERE cm.cluster_id = c.id) AS "memberCount",
  (SELECT count(*)::int FROM cluster_occupations co WHERE co.cluster_id = c.id) AS "occupationCount"`;

const SCALARS: Record<string, string> = {
  name: 'name', descriptionFr: 'description_fr', descriptionNl: 'description_nl', descriptionEn: 'description_en',
  sector: 'sector', status: 'status', startDate: 'start_date', leadOrganisationId: 'lead_organisation_id',
};

/**
 * Clusters (pôles de collaboration) are public: anyone may read what they do and which organisations
 * take part. Only signed-in people see who coordinates them; only coordinators change them.
 */
@Injectable()
export class ClustersService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  list(): Promise<ClusterSummary[]> {
    return this.dataSource.query(
      `SELECT ${SUMMARY} FROM clusters c LEFT JOIN organisations lead ON lead.id = c.lead_organisation_id
        ORDER BY c.start_date NULLS LAST, c.name`,
    );
  }

  /** `visitor`: the answer for someone signed out, without any person in it. */
  async get(id: string, options: { visitor?: boolean } = {}): Promise<ClusterDetail> {
    const [row] = await this.dataSource.query(
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
    if (!row) throw new DomainError(ErrorCode.NotFound);
    return options.visitor ? { ...row, coordinators: [] } : row;
  }

  async create(user: AuthUser, dto: CreateClusterDto): Promise<ClusterDetail> {
    requireCoordinator(user);
    const id = await this.dataSource.transaction(async (manager) => {
      const keys = Object.keys(SCALARS).filter((key) => dto[key as keyof CreateClusterDto] !== undefined);
      const [{ id: created }] = await manager.query(
        `INSERT INTO clusters (${keys.map((k) => SCALARS[k]).join(', ')}) VALUES (${keys.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id`,
        keys.map((k) => dto[k as keyof CreateClusterDto]),
      );
      await this.replaceLinks(manager, created, dto);
      return created as string;
    });
    return this.get(id);
  }

  async update(user: AuthUser, id: string, dto: UpdateClusterDto): Promise<ClusterDetail> {
    requireCoordinator(user);
    await this.dataSource.transaction(async (manager) => {
      const keys = Object.keys(SCALARS).filter((key) => dto[key as keyof UpdateClusterDto] !== undefined);
      const [, updated] = await manager.query(
        `UPDATE clusters SET ${[...keys.map((k, i) => `${SCALARS[k]} = $${i + 2}`), 'updated_at = now()'].join(', ')} WHERE id = $1`,
        [id, ...keys.map((k) => dto[k as keyof UpdateClusterDto])],
      );
      if (updated === 0) throw new DomainError(ErrorCode.NotFound);
      await this.replaceLinks(manager, id, dto);
    });
    return this.get(id);
  }

  async addMember(user: AuthUser, id: string, dto: AddClusterMemberDto): Promise<ClusterDetail> {
    requireCoordinator(user);
    await this.assertExists(id);
    await this.dataSource.query(
      'INSERT INTO cluster_members (cluster_id, organisation_id) VALUES ($1, $2) ON CONFLICT DO NOTHING',
      [id, dto.organisationId],
    );
    return this.get(id);
  }

  async removeMember(user: AuthUser, id: string, organisationId: string): Promise<void> {
    requireCoordinator(user);
    const [, removed] = await this.dataSource.query(
      'DELETE FROM cluster_members WHERE cluster_id = $1 AND organisation_id = $2',
      [id, organisationId],
    );
    if (removed === 0) throw new DomainError(ErrorCode.NotFound);
  }

  private async assertExists(id: string): Promise<void> {
    const [row] = await this.dataSource.query('SELECT 1 FROM clusters WHERE id = $1', [id]);
    if (!row) throw new DomainError(ErrorCode.NotFound);
  }

  /** Replaces each list given in the request (occupations, members, coordinators); unknown ids fail with 422. */
  private async replaceLinks(manager: EntityManager, id: string, dto: UpdateClusterDto): Promise<void> {
    const links: [string[] | undefined, string, string][] = [
      [dto.occupationIds, 'cluster_occupations', 'occupation_id'],
      [dto.memberIds, 'cluster_members', 'organisation_id'],
    ];
    for (const [ids, table, column] of links) {
      if (!ids) continue;
      await manager.query(`DELETE FROM ${table} WHERE cluster_id = $1 AND NOT (${column} = ANY($2::uuid[]))`, [id, ids]);
      await manager.query(
        `INSERT INTO ${table} (cluster_id, ${column}) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING`,
        [id, [...new Set(ids)]],
      );
    }
    if (dto.coordinatorIds) {
      const coordinators = [...new Set(dto.coordinatorIds)];
      const [{ n }] = await manager.query('SELECT count(*)::int AS n FROM users WHERE id = ANY($1::uuid[]) AND is_coordinator', [coordinators]);
      if (n !== coordinators.length) throw new DomainError(ErrorCode.ReferenceInvalid, { details: { field: 'coordinatorIds' } });
      await manager.query('DELETE FROM cluster_coordinators WHERE cluster_id = $1', [id]);
      await manager.query('INSERT INTO cluster_coordinators (cluster_id, user_id) SELECT $1, unnest($2::uuid[])', [id, coordinators]);
    }
  }
}
