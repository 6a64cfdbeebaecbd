import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { ErrorCode, REGIONS, type OccupationSummary, type Page, type Region } from '@equipole/shared';
import { Repository } from 'typeorm';
import { type AuthUser, requireCoordinator } from '../auth/auth-user';
import { DomainError } from '../common/domain-error';
import { ListOccupationsQuery } from './dto/list-occupations.query';
import { CreateOccupationDto, SetShortageDto, UpdateOccupationDto } from './dto/occupation.dto';
import { REFERENCE_OCCUPATIONS, SHORTAGE_LIST_SOURCES } from './reference/occupations-catalogue';
import { Occupation } from './occupation.entity';

@Injectable()
export class OccupationsService implements OnApplicationBootstrap {
  private readonly logger = new Logger(OccupationsService.name);

  constructor(@InjectRepository(Occupation) private readonly occupations: Repository<Occupation>) {}

  /** Adds the reference catalogue's missing occupations; never overwrites what coordinators edited. */
  async onApplicationBootstrap(): Promise<void> {
    const rows = REFERENCE_OCCUPATIONS.map((o) => [o.code, o.fr, o.nl, o.en, o.sector, o.esco ?? null, o.isco ?? null, o.rome ?? null]);
    const added: { id: string; code: string }[] = await this.occupations.query(
      `INSERT INTO occupations (code, label_fr, label_nl, label_en, sector, esco_uri, isco_code, rome_code)
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(code text, label_fr text, label_nl text, label_en text, sector text,
                                                        esco_uri text, isco_code text, rome_code text)
       ON CONFLICT (code) DO NOTHING RETURNING id, code`,
      [JSON.stringify(rows.map(([code, label_fr, label_nl, label_en, sector, esco_uri, isco_code, rome_code]) =>
        ({ code, label_fr, label_nl, label_en, sector, esco_uri, isco_code, rome_code })))],
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
    await this.occupations.query(
      `INSERT INTO occupation_shortages (occupation_id, region, in_shortage, list_date, source)
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(occupation_id uuid, region text, in_shortage boolean, list_date date, source text)
       ON CONFLICT DO NOTHING`,
      [JSON.stringify(flags)],
    );
    this.logger.log({ added: added.length }, 'Reference occupations added');
  }

  async list(query: ListOccupationsQuery): Promise<Page<OccupationSummary>> {
    const builder = this.occupations
      .createQueryBuilder('occupation')
      .leftJoinAndSelect('occupation.shortages', 'shortage')
      // Ordering by a joined column would make TypeORM page over (occupation, flag) pairs; the flags are sorted below.
      .orderBy('occupation.labelFr', 'ASC')
      .addOrderBy('occupation.id', 'ASC');
    if (query.search?.trim()) {
      builder.andWhere(
        `unaccent(lower(occupation.label_fr || ' ' || occupation.label_nl || ' ' || occupation.label_en)) LIKE '%' || unaccent(lower(:search)) || '%'`,
        { search: escapeLike(query.search.trim()) },
      );
    }
    if (query.sector) builder.andWhere('occupation.sector = :sector', { sector: query.sector });
    const [items, total] = await builder.skip(query.offset).take(query.limit).getManyAndCount();
    return { items: items.map(toSummary), total, limit: query.limit, offset: query.offset };
  }

  async get(id: string): Promise<OccupationSummary> {
    const occupation = await this.occupations.findOne({ where: { id }, relations: { shortages: true }, order: { shortages: { region: 'ASC' } } });
    if (!occupation) throw new DomainError(ErrorCode.NotFound);
    return toSummary(occupation);
  }

  async create(user: AuthUser, dto: CreateOccupationDto): Promise<OccupationSummary> {
    requireCoordinator(user);
    const created = await this.occupations.manager.transaction(async (manager) => {
      const occupation = await manager.save(manager.create(Occupation, { ...dto }));
      await manager.query(
        `INSERT INTO occupation_shortages (occupation_id, region, in_shortage) SELECT $1, unnest($2::text[]), false`,
        [occupation.id, [...REGIONS]],
      );
      return occupation;
    });
    return this.get(created.id);
  }

  async update(user: AuthUser, id: string, dto: UpdateOccupationDto): Promise<OccupationSummary> {
    requireCoordinator(user);
    const result = await this.occupations.update({ id }, { ...dto });
    if (result.affected === 0) throw new DomainError(ErrorCode.NotFound);
    return this.get(id);
  }

  async setShortage(user: AuthUser, id: string, region: Region, dto: SetShortageDto): Promise<OccupationSummary> {
    requireCoordinator(user);
    await this.get(id);
    await this.occupations.query(
      `INSERT INTO occupation_shortages (occupation_id, region, in_shortage, list_date, source, updated_at)
       VALUES ($1, $2, $3, $4, $5, now())
       ON CONFLICT (occupation_id, region) DO UPDATE
         SET in_shortage = EXCLUDED.in_shortage, list_date = EXCLUDED.list_date, source = EXCLUDED.source, updated_at = now()`,
      [id, region, dto.inShortage, dto.listDate ?? null, dto.source ?? null],
    );
    return this.get(id);
  }
}

function toSummary(o: Occupation): OccupationSummary {
  return {
    id: o.id,
    code: o.code,
    labels: { fr: o.labelFr, nl: o.labelNl, en: o.labelEn },
    sector: o.sector,
    escoUri: o.escoUri,
    iscoCode: o.iscoCode,
    romeCode: o.romeCode,
    shortage: [...o.shortages].sort((a, b) => a.region.localeCompare(b.region)).map((s) => ({ region: s.region, inShortage: s.inShortage, listDate: s.listDate, source: s.source })),
  };
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (character) => `\\${character}`);
}
