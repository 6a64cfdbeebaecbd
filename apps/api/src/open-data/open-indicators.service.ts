import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { stringify } from 'csv-stringify/sync';
import { DateTime } from 'luxon';
import {
  ErrorCode, INDICATOR_VERSION, OPEN_DATA_LICENCE, OPEN_DATA_MIN_ORGANISATIONS, type Country, type SatisfactionAggregate,
} from '@equipole/shared';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { ReportsService } from '../reports/reports.service';
import { SatisfactionService } from '../satisfaction/satisfaction.service';
import { type Combo, OPEN_DATA_ZONE as ZONE, OpenDataRepository } from './open-data.repository';

/** The reports run as this coordinator-like reader (its own report slots), never as a visitor's session. */
export const OPEN_DATA_READER: AuthUser = {
  id: '00000000-0000-4000-8000-00000000da7a', email: 'open-data@equipole.invalid', name: 'Open data', locale: 'en',
  isCoordinator: true, memberships: [], sessionId: 'open-data',
};

const MAX_MONTHS = 24;
const CACHE_MS = 10 * 60_000;

/** The published figures of a cell, in column order (docs/indicators.md, "Open indicators"). */
export const OPEN_FIGURES = [
  'openHours', 'bookedHours', 'occupancyRate', 'usedHours', 'usageRate', 'learnerHours',
  'learnerHoursPupils', 'learnerHoursApprentices', 'learnerHoursJobSeekers', 'learnerHoursTrainers', 'learnerHoursEmployees',
  'partnerships', 'newPartnerships', 'crossBorderPartnerships', 'shortageHours', 'unmetHours', 'sessionsHeld', 'sessionParticipants',
] as const;
export type OpenFigure = (typeof OPEN_FIGURES)[number];

export interface OpenCell {
  month: string;
  clusterId: string;
  cluster: string;
  occupation: string;
  country: Country;
  /** Fewer than OPEN_DATA_MIN_ORGANISATIONS organisations behind the cell: every figure is null. */
  suppressed: boolean;
  figures: Record<OpenFigure, number | null>;
}

export interface OpenIndicators {
  name: string;
  indicatorVersion: string;
  licence: typeof OPEN_DATA_LICENCE;
  suppression: { minOrganisations: number; rule: string };
  from: string;
  to: string;
  cells: OpenCell[];
  /** Satisfaction per cluster over the whole period (hidden below 3 answers). */
  clusters: { id: string; name: string; satisfaction: SatisfactionAggregate }[];
}

/**
 * Open indicators (issue 22): per month × cluster × occupation × country of the equipment, the
 * coordinator's own report figures (ReportsService, whatever its definitions are) for the same
 * filters, sessions held and their participants; a cell with fewer than three organisations behind
 * it is published without figures. Nothing names an organisation or a person.
 */
@Injectable()
export class OpenIndicatorsService {
  private readonly cache = new Map<string, { at: number; value: Promise<{ body: OpenIndicators; etag: string }> }>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reports: ReportsService,
    private readonly satisfaction: SatisfactionService,
    private readonly clock: Clock,
    private readonly repository: OpenDataRepository,
  ) {}

  /** The months asked for (YYYY-MM, both included); by default the last 12 whole months. */
  period(from?: string, to?: string): { from: string; to: string } {
    const current = this.clock.dateTime().setZone(ZONE).startOf('month');
    const last = to ?? current.minus({ months: 1 }).toFormat('yyyy-MM');
    const first = from ?? DateTime.fromFormat(last, 'yyyy-MM', { zone: ZONE }).minus({ months: 11 }).toFormat('yyyy-MM');
    const problems: { field: string; constraint: string; args: unknown[] }[] = [];
    const parse = (value: string) => DateTime.fromFormat(value, 'yyyy-MM', { zone: ZONE });
    if (!/^\d{4}-\d{2}$/.test(first) || !parse(first).isValid) problems.push({ field: 'from', constraint: 'matches', args: [] });
    if (!/^\d{4}-\d{2}$/.test(last) || !parse(last).isValid) problems.push({ field: 'to', constraint: 'matches', args: [] });
    if (problems.length === 0) {
      const months = parse(last).diff(parse(first), 'months').months + 1;
      if (months < 1) problems.push({ field: 'to', constraint: 'periodOrder', args: [] });
      else if (months > MAX_MONTHS) problems.push({ field: 'to', constraint: 'max', args: [MAX_MONTHS] });
      else if (first < '2020-01') problems.push({ field: 'from', constraint: 'periodTooEarly', args: ['2020-01-01'] });
      else if (parse(last) > current) problems.push({ field: 'to', constraint: 'max', args: [current.toFormat('yyyy-MM')] });
    }
    if (problems.length > 0) throw new DomainError(ErrorCode.ValidationFailed, { details: problems });
    return { from: first, to: last };
  }

  /** The dataset and its ETag, computed once per period and cluster for CACHE_MS (concurrent callers share one computation). */
  get(from: string, to: string, clusterId?: string): Promise<{ body: OpenIndicators; etag: string }> {
    const key = `${from}|${to}|${clusterId ?? ''}`;
    const cached = this.cache.get(key);
    const nowMs = Date.now();
    if (cached && nowMs - cached.at < CACHE_MS) return cached.value;
    const value = this.compute(from, to, clusterId).then((body) => ({ body, etag: `"${createHash('sha256').update(JSON.stringify(body)).digest('base64url').slice(0, 32)}"` }));
    value.catch(() => this.cache.delete(key));
    this.cache.set(key, { at: nowMs, value });
    return value;
  }

  csv(body: OpenIndicators): string {
    const columns = ['month', 'cluster_id', 'cluster', 'occupation', 'country', 'suppressed', ...OPEN_FIGURES.map(snake)];
    const rows = body.cells.map((cell) => [
      cell.month, cell.clusterId, cell.cluster, cell.occupation, cell.country, cell.suppressed ? 'true' : 'false',
      ...OPEN_FIGURES.map((figure) => cell.figures[figure] ?? ''),
    ]);
    return stringify([columns, ...rows], { escape_formulas: true });
  }

  /** Frictionless Data package describing the two files. */
  datapackage(baseUrl: string): object {
    const number = (name: string, description: string) => ({ name, type: 'number', description });
    return {
      profile: 'tabular-data-package',
      name: 'equipole-open-indicators',
      title: 'Equipôle — open indicators of the training equipment clusters',
      version: INDICATOR_VERSION,
      licenses: [OPEN_DATA_LICENCE],
      description: `Monthly indicators per cluster, occupation and country of the equipment. A cell with fewer than ${OPEN_DATA_MIN_ORGANISATIONS} organisations behind it is published without figures (suppressed = true). Definitions: docs/indicators.md, version ${INDICATOR_VERSION}.`,
      resources: [{
        name: 'indicators',
        path: `${baseUrl}/api/open/indicators.csv`,
        profile: 'tabular-data-resource',
        format: 'csv',
        mediatype: 'text/csv',
        encoding: 'utf-8',
        schema: {
          fields: [
            { name: 'month', type: 'yearmonth' },
            { name: 'cluster_id', type: 'string', format: 'uuid' },
            { name: 'cluster', type: 'string' },
            { name: 'occupation', type: 'string', description: 'Occupation code (ESCO-aligned list of the platform)' },
            { name: 'country', type: 'string', constraints: { enum: ['BE', 'FR'] }, description: 'Country of the equipment’s site' },
            { name: 'suppressed', type: 'boolean' },
            ...OPEN_FIGURES.map((figure) => number(snake(figure), FIGURE_DESCRIPTIONS[figure])),
          ],
          missingValues: [''],
          primaryKey: ['month', 'cluster_id', 'occupation', 'country'],
        },
      }, {
        name: 'indicators-json',
        path: `${baseUrl}/api/open/indicators`,
        format: 'json',
        mediatype: 'application/json',
      }],
    };
  }

  private async compute(from: string, to: string, clusterId?: string): Promise<OpenIndicators> {
    const combos = await this.repository.combos(this.dataSource.manager, clusterId);
    const months: string[] = [];
    for (let m = DateTime.fromFormat(from, 'yyyy-MM', { zone: ZONE }); m.toFormat('yyyy-MM') <= to; m = m.plus({ months: 1 })) months.push(m.toFormat('yyyy-MM'));
    const cells: OpenCell[] = [];
    for (const month of months) {
      for (const combo of combos) cells.push(await this.cell(month, combo));
    }
    const clusterIds = [...new Set(combos.map((combo) => combo.clusterId))];
    const first = `${from}-01`;
    const last = DateTime.fromFormat(to, 'yyyy-MM', { zone: ZONE }).endOf('month').toISODate()!;
    const satisfaction = await this.satisfaction.aggregates(this.dataSource.manager, { from: first, to: last });
    return {
      name: 'equipole-open-indicators',
      indicatorVersion: INDICATOR_VERSION,
      licence: OPEN_DATA_LICENCE,
      suppression: {
        minOrganisations: OPEN_DATA_MIN_ORGANISATIONS,
        rule: `A cell is published without figures when fewer than ${OPEN_DATA_MIN_ORGANISATIONS} distinct organisations own its equipment, booked it in the month or took part in its sessions.`,
      },
      from, to, cells,
      clusters: satisfaction.clusters.filter((cluster) => clusterIds.includes(cluster.id)),
    };
  }

  /** One cell: the coordinator's summary and learners reports for the same filters, unless too few organisations are behind it. */
  private async cell(month: string, combo: Combo): Promise<OpenCell> {
    const start = DateTime.fromFormat(month, 'yyyy-MM', { zone: ZONE });
    const query = { from: start.toISODate()!, to: start.endOf('month').toISODate()!, scope: 'network' as const, clusterId: combo.clusterId, occupationId: combo.occupationId, country: combo.country };
    const base = { month, clusterId: combo.clusterId, cluster: combo.cluster, occupation: combo.occupation, country: combo.country };
    const { organisations, sessions, participants } = await this.repository.cellFacts(this.dataSource.manager, combo, query.from, start.plus({ months: 1 }).toISODate()!);
    if (organisations < OPEN_DATA_MIN_ORGANISATIONS) {
      return { ...base, suppressed: true, figures: Object.fromEntries(OPEN_FIGURES.map((figure) => [figure, null])) as OpenCell['figures'] };
    }
    const summary = await this.reports.report(OPEN_DATA_READER, 'summary', query);
    const learners = await this.reports.report(OPEN_DATA_READER, 'learners', query);
    const c = summary.current;
    return {
      ...base,
      suppressed: false,
      figures: {
        openHours: c.openHours, bookedHours: c.bookedHours, occupancyRate: c.occupancyRate, usedHours: c.usedHours, usageRate: c.usageRate,
        learnerHours: c.learnerHours, learnerHoursPupils: learners.totals.pupils, learnerHoursApprentices: learners.totals.apprentices,
        learnerHoursJobSeekers: learners.totals.jobSeekers, learnerHoursTrainers: learners.totals.trainers, learnerHoursEmployees: learners.totals.employees,
        partnerships: c.partnerships, newPartnerships: c.newPartnerships, crossBorderPartnerships: c.crossBorderPartnerships,
        shortageHours: c.shortageHours, unmetHours: c.unmetHours, sessionsHeld: sessions, sessionParticipants: participants,
      },
    };
  }
}

const snake = (name: string) => name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

const FIGURE_DESCRIPTIONS: Record<OpenFigure, string> = {
  openHours: 'Open hours of the equipment', bookedHours: 'Booked hours (confirmed and completed)', occupancyRate: 'Booked hours ÷ open hours',
  usedHours: 'Checked-in hours', usageRate: 'Used hours ÷ open hours', learnerHours: 'Participants × used hours',
  learnerHoursPupils: 'Learner-hours of pupils', learnerHoursApprentices: 'Learner-hours of apprentices', learnerHoursJobSeekers: 'Learner-hours of job seekers',
  learnerHoursTrainers: 'Learner-hours of trainers', learnerHoursEmployees: 'Learner-hours of employees',
  partnerships: 'Owner–booker pairs with a completed booking', newPartnerships: 'Pairs whose first completed booking is in the month',
  crossBorderPartnerships: 'Pairs across the Belgian–French border', shortageHours: 'Used hours for occupations in shortage in the region',
  unmetHours: 'Hours of declined, expired, never served waitlist and conflict-refused requests',
  sessionsHeld: 'Sessions held (attendance recorded) linked to the occupation', sessionParticipants: 'Attended participants of those sessions',
};
