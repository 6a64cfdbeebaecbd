import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ErrorCode, type ClusterDetail, type ClusterSummary } from '@equipole/shared';
import { DataSource, EntityManager } from 'typeorm';
import { type AuthUser, requireCoordinator } from '../auth/auth-user';
import { DomainError } from '../common/domain-error';
import { ClustersRepository, SCALARS } from './clusters.repository';
import { AddClusterMemberDto, CreateClusterDto, UpdateClusterDto } from './dto/cluster.dto';

/** The scalar fields of `dto` that the request sets. */
function scalars(dto: UpdateClusterDto): Record<string, unknown> {
  const keys = Object.keys(SCALARS).filter((key) => dto[key as keyof UpdateClusterDto] !== undefined);
  return Object.fromEntries(keys.map((key) => [key, dto[key as keyof UpdateClusterDto]]));
}

/**
 * Clusters (pôles de collaboration) are public: anyone may read what they do and which organisations
 * take part. Only signed-in people see who coordinates them; only coordinators change them.
 */
@Injectable()
export class ClustersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: ClustersRepository,
  ) {}

  list(): Promise<ClusterSummary[]> {
    return this.repository.list(this.dataSource.manager);
  }

  /** `visitor`: the answer for someone signed out, without any person in it. */
  async get(id: string, options: { visitor?: boolean } = {}): Promise<ClusterDetail> {
    const row = await this.repository.detail(this.dataSource.manager, id);
    if (!row) throw new DomainError(ErrorCode.NotFound);
    return options.visitor ? { ...row, coordinators: [] } : row;
  }

  async create(user: AuthUser, dto: CreateClusterDto): Promise<ClusterDetail> {
    requireCoordinator(user);
    const id = await this.dataSource.transaction(async (manager) => {
      const created = await this.repository.insert(manager, scalars(dto));
      await this.replaceLinks(manager, created, dto);
      return created;
    });
    return this.get(id);
  }

  async update(user: AuthUser, id: string, dto: UpdateClusterDto): Promise<ClusterDetail> {
    requireCoordinator(user);
    await this.dataSource.transaction(async (manager) => {
      const updated = await this.repository.update(manager, id, scalars(dto));
      if (updated === 0) throw new DomainError(ErrorCode.NotFound);
      await this.replaceLinks(manager, id, dto);
    });
    return this.get(id);
  }

  async addMember(user: AuthUser, id: string, dto: AddClusterMemberDto): Promise<ClusterDetail> {
    requireCoordinator(user);
    if (!(await this.repository.exists(this.dataSource.manager, id))) throw new DomainError(ErrorCode.NotFound);
    await this.repository.addMember(this.dataSource.manager, id, dto.organisationId);
    return this.get(id);
  }

  async removeMember(user: AuthUser, id: string, organisationId: string): Promise<void> {
    requireCoordinator(user);
    const removed = await this.repository.removeMember(this.dataSource.manager, id, organisationId);
    if (removed === 0) throw new DomainError(ErrorCode.NotFound);
  }

  /** Replaces each list given in the request (occupations, members, coordinators); unknown ids fail with 422. */
  private async replaceLinks(manager: EntityManager, id: string, dto: UpdateClusterDto): Promise<void> {
    if (dto.occupationIds) await this.repository.replaceLinks(manager, id, 'occupations', dto.occupationIds);
    if (dto.memberIds) await this.repository.replaceLinks(manager, id, 'members', dto.memberIds);
    if (dto.coordinatorIds) {
      const coordinators = [...new Set(dto.coordinatorIds)];
      const n = await this.repository.countCoordinators(manager, coordinators);
      if (n !== coordinators.length) throw new DomainError(ErrorCode.ReferenceInvalid, { details: { field: 'coordinatorIds' } });
      await this.repository.replaceCoordinators(manager, id, coordinators);
    }
  }
}
