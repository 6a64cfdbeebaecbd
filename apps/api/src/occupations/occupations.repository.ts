import { Injectable } from '@nestjs/common';
import type { OccupationSummary, Region, Sector } from '@equipole/shared';
import type { EntityManager } from 'typeorm';
import { SqlParams } from '../common/sql-params';

/** The occupations row `o` as an OccupationSummary, its regions' shortage flags by region. */
const summaryJson = (o: string): string => `json_build_object(
  'id', ${o}.id, 'code', ${o}.code, 'labels', json_build_object('fr', ${o}.label_fr, 'nl', ${o}.label_nl, 'en', ${o}.label_en), 'sector', ${o}.sector,
  'escoUri', ${o}.esco_uri, 'iscoCode', ${o}.isco_code, 'romeCode', ${o}.rome_code,
  'shortage', coalesce((SELECT json_agg(json_build_object('region', f.region, 'inShortage', f.in_shortage,
                                                          'listDate', to_char(f.list_date, 'YYYY-MM-DD'), 'source', f.source) ORDER BY f.region)
                          FROM occupation_shortages f WHERE f.occupation_id = ${o}.id), '[]'))`;

/** Editable columns of `occupations`, keyed by their field in the API. */
const COLUMNS = {
  code: 'code', labelFr: 'label_fr', labelNl: 'label_nl', labelEn: 'label_en', sector: 'sector', escoUri: 'esco_uri', iscoCode: 'isco_code', romeCode: 'rome_code',
} as const;

export type OccupationFields = { [K in keyof typeof COLUMNS]?: K extends 'sector' ? Sector : K extends 'escoUri' | 'iscoCode' | 'romeCode' ? string | null : string };

/** One row of the reference catalogue, in the columns' own names. */
export interface ReferenceOccupation {
  code: string;
  label_fr: string;
  label_nl: string;
  label_en: string;
  sector: string;
  esco_uri: string | null;
  isco_code: string | null;
  rome_code: string | null;
}

/** A region's flag of one occupation, in the columns' own names. */
export interface ShortageFlag {
  occupation_id: string;
  region: Region;
  in_shortage: boolean;
  list_date: string | null;
  source: string | null;
}

/** The given fields (undefined ones left out) as [column, value] pairs. */
function columnsOf(fields: OccupationFields): [string, unknown][] {
  return (Object.keys(COLUMNS) as (keyof typeof COLUMNS)[]).filter((key) => fields[key] !== undefined).map((key) => [COLUMNS[key], fields[key]]);
}

/** The statements on `occupations` and `occupation_shortages`; each runs with the caller's manager. */
@Injectable()
export class OccupationsRepository {
  /** Adds the rows whose code is not there yet; returns those added. */
  insertMissing(manager: EntityManager, rows: ReferenceOccupation[]): Promise<{ id: string; code: string }[]> {
    return manager.query(
      `INSERT INTO occupations (code, label_fr, label_nl, label_en, sector, esco_uri, isco_code, rome_code)
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(code text, label_fr text, label_nl text, label_en text, sector text,
                                                        esco_uri text, isco_code text, rome_code text)
       ON CONFLICT (code) DO NOTHING RETURNING id, code`,
      [JSON.stringify(rows)],
    );
  }

  async insertShortageFlags(manager: EntityManager, flags: ShortageFlag[]): Promise<void> {
    await manager.query(
      `INSERT INTO occupation_shortages (occupation_id, region, in_shortage, list_date, source)
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(occupation_id uuid, region text, in_shortage boolean, list_date date, source text)
       ON CONFLICT DO NOTHING`,
      [JSON.stringify(flags)],
    );
  }

  /** By French label; `search` (LIKE-escaped) is matched without accents against the three labels. */
  async page(manager: EntityManager, filter: { search?: string; sector?: Sector }, limit: number, offset: number): Promise<{ items: OccupationSummary[]; total: number }> {
    const params = new SqlParams();
    const where: string[] = [];
    if (filter.search) {
      where.push(`unaccent(lower(o.label_fr || ' ' || o.label_nl || ' ' || o.label_en)) LIKE '%' || unaccent(lower(${params.add(filter.search)})) || '%'`);
    }
    if (filter.sector) where.push(`o.sector = ${params.add(filter.sector)}`);
    const [row]: { items: OccupationSummary[]; total: number }[] = await manager.query(
      `WITH matched AS (SELECT o.* FROM occupations o ${where.length ? `WHERE ${where.join(' AND ')}` : ''}),
            page AS (SELECT * FROM matched ORDER BY label_fr, id LIMIT ${params.add(limit)} OFFSET ${params.add(offset)})
       SELECT (SELECT count(*)::int FROM matched) AS total,
              coalesce((SELECT json_agg(${summaryJson('p')} ORDER BY p.label_fr, p.id) FROM page p), '[]') AS items`,
      params.values,
    );
    return row;
  }

  async get(manager: EntityManager, id: string): Promise<OccupationSummary | undefined> {
    const [row]: { summary: OccupationSummary }[] = await manager.query(`SELECT ${summaryJson('o')} AS summary FROM occupations o WHERE o.id = $1`, [id]);
    return row?.summary;
  }

  /** A new occupation, with a flag `false` for each of `regions`. */
  async insert(manager: EntityManager, fields: OccupationFields, regions: readonly Region[]): Promise<string> {
    const columns = columnsOf(fields);
    const [{ id }]: { id: string }[] = await manager.query(
      `INSERT INTO occupations (${columns.map(([column]) => column).join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id`,
      columns.map(([, value]) => value),
    );
    await manager.query(`INSERT INTO occupation_shortages (occupation_id, region, in_shortage) SELECT $1, unnest($2::text[]), false`, [id, [...regions]]);
    return id;
  }

  /** False when there is no such occupation. */
  async update(manager: EntityManager, id: string, fields: OccupationFields): Promise<boolean> {
    const columns = columnsOf(fields);
    const [, affected]: [unknown, number] = await manager.query(
      `UPDATE occupations SET ${columns.map(([column], i) => `${column} = $${i + 2}, `).join('')}updated_at = now() WHERE id = $1`,
      [id, ...columns.map(([, value]) => value)],
    );
    return affected > 0;
  }

  async setShortage(manager: EntityManager, flag: ShortageFlag): Promise<void> {
    await manager.query(
      `INSERT INTO occupation_shortages (occupation_id, region, in_shortage, list_date, source, updated_at)
       VALUES ($1, $2, $3, $4, $5, now())
       ON CONFLICT (occupation_id, region) DO UPDATE
         SET in_shortage = EXCLUDED.in_shortage, list_date = EXCLUDED.list_date, source = EXCLUDED.source, updated_at = now()`,
      [flag.occupation_id, flag.region, flag.in_shortage, flag.list_date, flag.source],
    );
  }
}
