import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ErrorCode, REGIONS, type OccupationSummary, type Page, type Region } from '@equipole/shared';
import { DataSource } from 'typeorm';
import { type AuthUser, requireCoordinator } from '../auth/auth-user';
import { DomainError } from '../common/domain-error';
import { ListOccupationsQuery } from './dto/list-occupations.query';
import { CreateOccupationDto, SetShortageDto, UpdateOccupationDto } from './dto/occupation.dto';
import { REFERENCE_OCCUPATIONS, SHORTAGE_LIST_SOURCES } from './reference/occupations-catalogue';
import { OccupationsRepository } from './occupations.repository';

@Injectable()
export class OccupationsService implements OnApplicationBootstrap {
  private readonly logger = new Logger(OccupationsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly occupations: OccupationsRepository,
  ) {}

  /** Adds the reference catalogue's missing occupations; never overwrites what coordinators edited. */
  async onApplicationBootstrap(): Promise<void> {
    const added = await this.occupations.insertMissing(
      this.dataSource.manager,
      REFERENCE_OCCUPATIONS.map((o) => ({
        code: o.code, label_fr: o.fr, label_nl: o.nl, label_en: o.en, sector: o.sector, esco_uri: o.esco ?? null, isco_code: o.isco ?? null, rome_code: o.rome ?? null,
      })),
    );
    if (added.length === 0) return;
    const byCode = new Map(REFERENCE_OCCUPATIONS.map((o) => [o.code, o]));
    const flags = added.flatMap(({ id, code }) =>
      REGIONS.map((region) => ({
        occupation_id: id,
        region,
        in_shortage: byCode.get(code)!.shortage.includes(region),
        list_date: SHORTAGE_LIST_SOURCES[region].listDate,
        source: SHORTAGE_LIST_SOURCES[region].source,
      })),
    );
    await this.occupations.insertShortageFlags(this.dataSource.manager, flags);
    this.logger.log({ added: added.length }, 'Reference occupations added');
  }

  async list(query: ListOccupationsQuery): Promise<Page<OccupationSummary>> {
    const { items, total } = await this.occupations.list(this.dataSource.manager, {
      search: query.search?.trim() ? escapeLike(query.search.trim()) : undefined, sector: query.sector, limit: query.limit, offset: query.offset,
    });
    return { items, total, limit: query.limit, offset: query.offset };
  }

  async get(id: string): Promise<OccupationSummary> {
    const occupation = await this.occupations.find(this.dataSource.manager, id);
    if (!occupation) throw new DomainError(ErrorCode.NotFound);
    return occupation;
  }

  async create(user: AuthUser, dto: CreateOccupationDto): Promise<OccupationSummary> {
    requireCoordinator(user);
    const id = await this.dataSource.transaction((manager) => this.occupations.insert(manager, { ...dto }, REGIONS));
    return this.get(id);
  }

  async update(user: AuthUser, id: string, dto: UpdateOccupationDto): Promise<OccupationSummary> {
    requireCoordinator(user);
    if (!(await this.occupations.update(this.dataSource.manager, id, { ...dto }))) throw new DomainError(ErrorCode.NotFound);
    return this.get(id);
  }

  async setShortage(user: AuthUser, id: string, region: Region, dto: SetShortageDto): Promise<OccupationSummary> {
    requireCoordinator(user);
    await this.get(id);
    await this.occupations.setShortage(this.dataSource.manager, id, region, { inShortage: dto.inShortage, listDate: dto.listDate ?? null, source: dto.source ?? null });
    return this.get(id);
  }
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (character) => `\\${character}`);
}
