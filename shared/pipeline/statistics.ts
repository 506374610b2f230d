// The manager's statistics, as use cases over ports: what GET /statistics answers, the treeknorm
// list, and the mark a changed referral leaves on its day. The function handlers only translate
// HTTP and stream records; the adapter is shared/adapters/statistics-store.ts.
import { dutchDate } from '../domain/dutch-calendar.ts';
import {
  aggregateDay,
  beyondTreeknorm,
  snapPeriod,
  statisticsOf,
  type CountedReferral,
  type CountedService,
  type DayAggregate,
  type DayCounts,
  type StatisticsQuery,
} from '../domain/statistics.ts';

/** A day of a region as the statistics-days table keeps it. */
export interface DayItem {
  regionId: string;
  day: string;
  /** Counted up by every change of one of the day's referrals (the stream); absent before the first. */
  generation?: number;
  /** The generation the aggregate was computed at; it is up to date while the two are equal. */
  computedGeneration?: number;
  gemeenten?: Record<string, DayCounts>;
  /** When the last change was marked. */
  markedAt?: string;
}

export interface StatisticsDays {
  /** The region's day items from `from` to `to` (those that exist). */
  period(regionId: string, from: string, to: string): Promise<DayItem[]>;
  /** The referrals made on one Dutch day (their counted facts). */
  referralsOfDay(regionId: string, day: string): Promise<CountedReferral[]>;
  /** Stores a day's aggregate as of `generation`; false when a change was marked meanwhile. */
  store(regionId: string, aggregate: DayAggregate, generation: number, computedAt: string): Promise<boolean>;
}

export interface OpenCases {
  openCases(regionId: string): Promise<CountedReferral[]>;
}

export interface ChangedReferrals {
  markChanged(regionId: string, day: string, at: string): Promise<void>;
  /** For a change that arrived with keys only: what the mark needs, read by key. */
  regionAndCreatedAt(referralId: string): Promise<{ regionId: string; createdAt: string } | undefined>;
}

/**
 * A day whose last change is younger than this is counted but not stored as up to date: the
 * by-region index the count reads may lag the table (on AWS, usually well under a second), and a
 * count stored too early would miss the change for good.
 */
export const SETTLE_MS = 10_000;
/** Days counted again at once, at most: the first request for a long, never-counted period. */
const RECOUNT_CONCURRENCY = 8;

const nextDay = (day: string) => new Date(Date.parse(`${day}T12:00:00Z`) + 24 * 60 * 60 * 1000).toISOString().slice(0, 10);

/**
 * The aggregates of the days from `from` to `to` (not after today): read in one query, and the
 * dirty ones (never counted, or changed since) counted again from their own referrals and stored.
 * Old days are counted once; what a request costs follows the days asked for and recent changes,
 * not the number of referrals the region ever had.
 */
export async function daysOfPeriod(days: StatisticsDays, regionId: string, from: string, to: string, now: Date): Promise<{ aggregates: DayAggregate[]; recounted: number }> {
  const today = dutchDate(now);
  const last = to < today ? to : today;
  if (from > last) return { aggregates: [], recounted: 0 };
  const items = new Map((await days.period(regionId, from, last)).map((item) => [item.day, item]));
  const aggregates: DayAggregate[] = [];
  const dirty: { day: string; generation: number; markedAt?: string }[] = [];
  for (let day = from; day <= last; day = nextDay(day)) {
    const item = items.get(day);
    const generation = item?.generation ?? 0;
    if (item?.gemeenten && item.computedGeneration === generation) aggregates.push({ day, gemeenten: item.gemeenten });
    else dirty.push({ day, generation, ...(item?.markedAt ? { markedAt: item.markedAt } : {}) });
  }
  for (let index = 0; index < dirty.length; index += RECOUNT_CONCURRENCY) {
    await Promise.all(
      dirty.slice(index, index + RECOUNT_CONCURRENCY).map(async ({ day, generation, markedAt }) => {
        const aggregate = aggregateDay(day, await days.referralsOfDay(regionId, day));
        aggregates.push(aggregate);
        const settled = !markedAt || now.getTime() - Date.parse(markedAt) >= SETTLE_MS;
        if (settled) await days.store(regionId, aggregate, generation, now.toISOString());
      }),
    );
  }
  return { aggregates, recounted: dirty.length };
}

export interface StatisticsRequest {
  regionId: string;
  from: string;
  to: string;
  gemeente?: string;
  now: Date;
  gemeenten: readonly string[];
  treeknormWeeks: number;
  firstContactWithinWeeks: number;
}

/** GET /statistics: the period's days and the region's open cases, counted and protected. */
export async function regionStatistics(ports: { days: StatisticsDays; open: OpenCases }, request: StatisticsRequest, services: Promise<CountedService[]> | CountedService[]) {
  const query: StatisticsQuery = {
    from: request.from,
    to: request.to,
    ...(request.gemeente ? { gemeente: request.gemeente } : {}),
    now: request.now,
    gemeenten: request.gemeenten,
    treeknormWeeks: request.treeknormWeeks,
    firstContactWithinWeeks: request.firstContactWithinWeeks,
  };
  const period = snapPeriod(query.from, query.to, dutchDate(query.now));
  // The three reads at once: the period's days, the open cases, the region's kaart.
  const [{ aggregates }, open, kaart] = await Promise.all([daysOfPeriod(ports.days, request.regionId, period.from, period.to, request.now), ports.open.openCases(request.regionId), services]);
  return statisticsOf({ days: aggregates, open }, kaart, query);
}

/** GET /statistics/beyond-treeknorm: the open cases past the norm, from the open cases only. */
export async function treeknormList(open: OpenCases, regionId: string, now: Date, treeknormWeeks: number) {
  return beyondTreeknorm(await open.openCases(regionId), now, treeknormWeeks);
}

/**
 * A referral changed (a stream record): its day is dirty. Region and creation time never change,
 * so the new image (or the old one, for a removal) names the day; with keys only, one read by key.
 * Returns the marked day, or undefined when the referral is gone without an image.
 */
export async function markChangedDay(
  changed: ChangedReferrals,
  record: { referralId: string; image?: { regionId?: string; createdAt?: string } },
  now: Date,
  /** Days marked already for writes that came before this one (the same batch): not marked again. */
  alreadyMarked?: Set<string>,
): Promise<{ regionId: string; day: string } | undefined> {
  const known = record.image?.regionId && record.image.createdAt ? { regionId: record.image.regionId, createdAt: record.image.createdAt } : await changed.regionAndCreatedAt(record.referralId);
  if (!known) return undefined;
  const day = dutchDate(new Date(known.createdAt));
  const key = `${known.regionId}|${day}`;
  if (!alreadyMarked?.has(key)) await changed.markChanged(known.regionId, day, now.toISOString());
  alreadyMarked?.add(key);
  return { regionId: known.regionId, day };
}
