import { type AuthUser, organisationIds } from '../auth/auth-user';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ErrorCode, firstFreeStart, freeSpans, openSpans, type ResourceCard, type ResourceSearchPage } from '@equipole/shared';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { SearchResourcesQuery } from './dto/resource.dto';
import { resolvePlace } from './reference/postcodes';
import { ResourceSearchRepository, type CatalogueRow } from './resource-search.repository';

const DAY = 86_400_000;
const NEXT_FREE_WINDOW_DAYS = 14;

/** The words of a search, lower-cased and without accents (at most 8): "Soudure TIG" → ["soudure", "tig"]. */
export function searchWords(text: string): string[] {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, 8);
}

/**
 * Every word must match, as a prefix of a word as typed, or through its stem in French, Dutch or
 * English: "lassen" → ('lassen':* | 'lass':*), which meets "lasser" and "lassimulator". A stem is
 * used only when it drops at most two letters (an inflection: -en, -s, -es, -e); a heavier cut
 * ("elevateur" → "elev") would also meet unrelated words ("élèves").
 */
export function searchTsquery(words: string[], stems: Map<string, string[]>): string {
  return words
    .map((word) => {
      const forms = new Set([word, ...(stems.get(word) ?? []).filter((stem) => stem.length > 0 && stem.length >= word.length - 2)]);
      return `(${[...forms].map((form) => `'${form}':*`).join(' | ')})`;
    })
    .join(' & ');
}

/**
 * The catalogue: one SQL query per page (filters, text relevance, distance, the data for each card
 * including the busy ranges of the next days), then each card's next free slot from the shared rules.
 */
@Injectable()
export class ResourceSearchService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly catalogue: ResourceSearchRepository,
    private readonly clock: Clock,
  ) {}

  /** `user` (signed in or not) decides whether retired items show: only to those who manage them. */
  async search(query: SearchResourcesQuery, user?: AuthUser, now = this.clock.nowMs()): Promise<ResourceSearchPage> {
    let text: { words: string; tsquery: string } | undefined;
    if (query.q?.trim()) {
      const words = searchWords(query.q);
      // Only punctuation ("!", "&", ":*"…): nothing to search for, and a parameter no clause would use.
      if (words.length === 0) throw new DomainError(ErrorCode.ValidationFailed, { details: [{ field: 'q', constraint: 'searchWords', args: [] }] });
      text = { words: words.join(' '), tsquery: searchTsquery(words, await this.stems(words)) };
    }
    const place = query.near ? resolvePlace(query.near) : undefined;
    if (query.near && !place) {
      throw new DomainError(ErrorCode.ValidationFailed, { details: [{ field: 'near', constraint: 'unknownPlace', args: [query.near] }] });
    }
    const rows = await this.catalogue.search(this.dataSource.manager, {
      includeInactive: Boolean(query.includeInactive),
      retiredVisibleTo: user?.isCoordinator ? 'all' : user ? organisationIds(user, 'manager') : [],
      text,
      occupationId: query.occupationId,
      clusterId: query.clusterId,
      sector: query.sector,
      kind: query.kind,
      organisationId: query.organisationId,
      country: query.country,
      place: place && { latitude: place.latitude, longitude: place.longitude },
      radiusKm: place ? query.radiusKm : undefined,
      freeWindow: query.freeFrom || query.freeTo ? this.freeWindow(query) : undefined,
      sort: query.sort ?? (place && !query.q ? 'distance' : 'relevance'),
      busy: { from: new Date(now), to: new Date(now + NEXT_FREE_WINDOW_DAYS * DAY) },
      limit: query.limit,
      offset: query.offset,
    });

    return {
      items: rows.map((row) => this.toCard(row, now)),
      total: rows[0]?.total ?? 0,
      limit: query.limit,
      offset: query.offset,
      place: place ? { label: place.label, latitude: place.latitude, longitude: place.longitude } : null,
    };
  }

  /** Each word's stems in the three languages (empty for a stop word). */
  private async stems(words: string[]): Promise<Map<string, string[]>> {
    const rows = await this.catalogue.stems(this.dataSource.manager, words);
    return new Map(rows.map((row) => [row.word, row.stems.map((stem) => stem.replace(/'/g, '')).filter((stem) => /^[\p{L}\p{N}]+$/u.test(stem))]));
  }

  private toCard(row: CatalogueRow, now: number): ResourceCard {
    const { total: _t, rules, closures, busy, distance_km: _d, rank: _r, name_sort: _n, ...card } = row as CatalogueRow & Record<string, unknown>;
    const zone = row.site.timeZone;
    const notBefore = now + rules.leadTimeMinutes * 60_000;
    const open = openSpans(rules.openingHours, closures, zone, notBefore, now + NEXT_FREE_WINDOW_DAYS * DAY);
    const free = freeSpans(open, busy.map(([start, end]) => ({ start: Date.parse(start), end: Date.parse(end) })), {
      beforeMinutes: rules.bufferBeforeMinutes,
      afterMinutes: rules.bufferAfterMinutes,
    });
    const next = card.status === 'active' ? firstFreeStart(free, rules.minDurationMinutes, rules.slotMinutes, zone, notBefore) : undefined;
    return { ...(card as ResourceCard), nextFreeSlot: next === undefined ? null : new Date(next).toISOString() };
  }

  /** The window [freeFrom, freeTo) an item must be open and unbooked for: both given, in order. */
  private freeWindow(query: SearchResourcesQuery): { from: Date; to: Date } {
    if (!query.freeFrom || !query.freeTo || query.freeFrom >= query.freeTo) {
      throw new DomainError(ErrorCode.ValidationFailed, { details: [{ field: 'freeTo', constraint: 'closureOrder', args: [] }] });
    }
    return { from: query.freeFrom, to: query.freeTo };
  }
}
