import { Injectable } from '@nestjs/common';
import type { OccupationSummary, Region } from '@equipole/shared';
import type { EntityManager } from 'typeorm';

/** Columns of occupations, keyed by DTO field. */
const COLUMNS = {
  code: 'code', labelFr: 'label_fr', labelNl: 'label_nl', labelEn: 'label_en', sector: 'sector',
  escoUri: 'esco_uri', iscoCode: 'isco_code', romeCode: 'rome_code',
} as const;

export type OccupationFields = Partial<Record<keyof typeof COLUMNS, string | null>>;

/** An occupations row `oc` as an OccupationSummary, its regions' shortage flags by region. */
const SUMMARY = `oc.id, oc.code, json_build_object('fr', oc.label_fr, 'nl', oc.label_nl, 'en', oc.label_en) AS labels, oc.sector,
  oc.esco_uri AS "escoUri", oc.isco_code AS "iscoCode", oc.rome_code AS "romeCode",
  coalesce((SELECT json_agg(json_build_object('region', f.region, 'inShortage', f.in_shortage, 'listDate', f.list_date, 'source', f.source)
                   ORDER BY f.region COLLATE "C")
              FROM occupation_shortages f WHERE f.occupation_id = oc.id), '[]') AS shortage`;

/** A reference occupation as the catalogue seeds it. */
export interface ReferenceOccupationRow {
  code: string;
  label_fr: string;
  label_nl: string;
  label_en: string;
  sector: string;
  esco_uri: string | null;
  isco_code: string | null;
  rome_code: string | null;
}

/** The occupations catalogue and each region's list of occupations in shortage. */
@Injectable()
export class OccupationsRepository {
  /** Adds the occupations whose code is new; answers those added. */
  insertMissing(manager: EntityManager, rows: ReferenceOccupationRow[]): Promise<{ id: string; code: string }[]> {
    return manager.query(
      `INSERT INTO occupations (code, label_fr, label_nl, label_en, sector, esco_uri, isco_code, rome_code)
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(code text, label_fr text, label_nl text, label_en text, sector text,
                                                        esco_uri text, isco_code text, rome_code text)
       ON CONFLICT (code) DO NOTHING RETURNING id, code`,
      [JSON.stringify(rows)],
    );
  }

  /** Adds shortage flags; a flag already set is kept. */
  async insertShortageFlags(
    manager: EntityManager,
    flags: { occupation_id: string; region: Region; in_shortage: boolean; list_date: string | null; source: string | null }[],
  ): Promise<void> {
    await manager.query(
      `INSERT INTO occupation_shortages (occupation_id, region, in_shortage, list_date, source)
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(occupation_id uuid, region text, in_shortage boolean, list_date date, source text)
       ON CONFLICT DO NOTHING`,
      [JSON.stringify(flags)],
    );
  }

  /** A page by French label; `search` (LIKE-escaped) must appear in a label, accents and case aside. */
  async list(manager: EntityManager, filter: { search?: string; sector?: string; limit: number; offset: number }): Promise<{ items: OccupationSummary[]; total: number }> {
    const values: unknown[] = [];
    const where: string[] = [];
    if (filter.search) {
      values.push(filter.search);
      where.push(`unaccent(lower(oc.label_fr || ' ' || oc.label_nl || ' ' || oc.label_en)) LIKE '%' || unaccent(lower($${values.length})) || '%'`);
    }
    if (filter.sector) {
      values.push(filter.sector);
      where.push(`oc.sector = $${values.length}`);
    }
    values.push(filter.limit, filter.offset);
    const rows: (OccupationSummary & { total: number })[] = await manager.query(
      `SELECT ${SUMMARY}, count(*) OVER ()::int AS total FROM occupations oc ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY oc.label_fr, oc.id LIMIT $${values.length - 1} OFFSET $${values.length}`,
      values,
    );
    let total = rows[0]?.total;
    if (total === undefined) {
      // A page past the end still tells how many there are.
      [{ total }] = await manager.query(`SELECT count(*)::int AS total FROM occupations oc ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`, values.slice(0, -2));
    }
    return { items: rows.map(({ total: _total, ...row }) => row), total };
  }

  async find(manager: EntityManager, id: string): Promise<OccupationSummary | undefined> {
    const [row] = await manager.query(`SELECT ${SUMMARY} FROM occupations oc WHERE oc.id = $1`, [id]);
    return row;
  }

  /** A new occupation, in shortage nowhere yet; answers its id. */
  async insert(manager: EntityManager, fields: OccupationFields, regions: readonly Region[]): Promise<string> {
    const keys = this.keys(fields);
    const [{ id }] = await manager.query(
      `INSERT INTO occupations (${keys.map((k) => COLUMNS[k]).join(', ')}) VALUES (${keys.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id`,
      keys.map((k) => fields[k]),
    );
    await manager.query(`INSERT INTO occupation_shortages (occupation_id, region, in_shortage) SELECT $1, unnest($2::text[]), false`, [id, [...regions]]);
    return id;
  }

  /** Sets the given fields; false when there is no such occupation. */
  async update(manager: EntityManager, id: string, fields: OccupationFields): Promise<boolean> {
    const keys = this.keys(fields);
    const [, changed] = await manager.query(
      `UPDATE occupations SET ${[...keys.map((k, i) => `${COLUMNS[k]} = $${i + 2}`), 'updated_at = now()'].join(', ')} WHERE id = $1`,
      [id, ...keys.map((k) => fields[k])],
    );
    return changed > 0;
  }

  async setShortage(manager: EntityManager, id: string, region: Region, flag: { inShortage: boolean; listDate: string | null; source: string | null }): Promise<void> {
    await manager.query(
      `INSERT INTO occupation_shortages (occupation_id, region, in_shortage, list_date, source, updated_at)
       VALUES ($1, $2, $3, $4, $5, now())
       ON CONFLICT (occupation_id, region) DO UPDATE
         SET in_shortage = EXCLUDED.in_shortage, list_date = EXCLUDED.list_date, source = EXCLUDED.source, updated_at = now()`,
      [id, region, flag.inShortage, flag.listDate, flag.source],
    );
  }

  /** The fields given (undefined ones are left alone), in column order. */
  private keys(fields: OccupationFields): (keyof typeof COLUMNS)[] {
    return (Object.keys(COLUMNS) as (keyof typeof COLUMNS)[]).filter((key) => fields[key] !== undefined);
  }
}
