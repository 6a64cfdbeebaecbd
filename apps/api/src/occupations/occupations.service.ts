import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { OccupationSummary, Page } from '@equipole/shared';
import { Repository } from 'typeorm';
import { ListOccupationsQuery } from './dto/list-occupations.query';
import { Occupation } from './occupation.entity';

@Injectable()
export class OccupationsService {
  constructor(@InjectRepository(Occupation) private readonly occupations: Repository<Occupation>) {}

  async list(query: ListOccupationsQuery): Promise<Page<OccupationSummary>> {
    const builder = this.occupations
      .createQueryBuilder('occupation')
      .leftJoinAndSelect('occupation.shortages', 'shortage')
      .orderBy('occupation.labelFr', 'ASC')
      .addOrderBy('shortage.region', 'ASC');
    if (query.search?.trim()) {
      builder.andWhere(
        `unaccent(lower(occupation.label_fr || ' ' || occupation.label_nl || ' ' || occupation.label_en)) LIKE '%' || unaccent(lower(:search)) || '%'`,
        { search: escapeLike(query.search.trim()) },
      );
    }
    if (query.sector) builder.andWhere('occupation.sector = :sector', { sector: query.sector });
    const [items, total] = await builder.skip(query.offset).take(query.limit).getManyAndCount();
    return {
      items: items.map((o) => ({
        id: o.id,
        code: o.code,
        labels: { fr: o.labelFr, nl: o.labelNl, en: o.labelEn },
        sector: o.sector,
        escoUri: o.escoUri,
        iscoCode: o.iscoCode,
        romeCode: o.romeCode,
        shortage: o.shortages.map((s) => ({ region: s.region, inShortage: s.inShortage, listDate: s.listDate, source: s.source })),
      })),
      total,
      limit: query.limit,
      offset: query.offset,
    };
  }
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (character) => `\\${character}`);
}
