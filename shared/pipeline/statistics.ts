// The manager's statistics, as use cases over ports: what GET /statistics answers, the treeknorm
// list, and the mark a changed referral leaves on its day and month. The function handlers only translate
// HTTP and stream records; the adapter is shared/adapters/statistics-store.ts.
import { addCalendarDays } from '../domain/calendar-date.ts';
import { dutchDate } from '../domain/dutch-calendar.ts';
import {
  aanmeldnormEdgeDay,
  aggregateDay,
  aggregateMonth,
  beyondTreeknorm,
  mergeOpen,
  monthOf,
  snapPeriod,
  statisticsOf,
  type CountedReferral,
  type CountedService,
  type DayAggregate,
  type DayCounts,
  type DayReferral,
  type OpenCounts,
  type StatisticsQuery,
  withInstants,
} from '../domain/statistics.ts';

/** What statistics-days keeps for a day or a month of a region: its counts and whether they are up to date. */
interface KeptAggregate {
  regionId: string;
  /** Counted up by every change of one of its referrals (the stream); absent before the first. */
  generation?: number;
  /** The generation the aggregate was computed at; it is up to date while the two are equal. */
  computedGeneration?: number;
  gemeenten?: Record<string, DayCounts>;
  /** What its open cases add to the "now" figures; absent on an aggregate counted before they were kept. */
  open?: Record<string, OpenCounts>;
  /** When the last change was marked. */
  markedAt?: string;
}

/** A day of a region as the statistics-days table keeps it. */
export interface DayItem extends KeptAggregate {
  day: string;
}

/**
 * A month of a region, beside its days in statistics-days: its days' aggregates merged. Every
 * change that marks one of its days marks the month too (after the day), so it is up to date
 * while its generation is the one it was computed at. Its counts are read only where asked for
 * (the period's months): a year's counts are 12 of these, not 365 days.
 */
export interface MonthItem extends KeptAggregate {
  /** `2026-11` */
  month: string;
}

export interface StatisticsDays {
  /** The region's day items from `from` to `to` (those that exist). */
  period(regionId: string, from: string, to: string): Promise<DayItem[]>;
  /** The referrals made on one Dutch day (their counted facts). */
  referralsOfDay(regionId: string, day: string): Promise<DayReferral[]>;
  /** Stores a day's aggregate as of `generation`; false when a change was marked meanwhile. */
  store(regionId: string, aggregate: DayAggregate, generation: number, computedAt: string): Promise<boolean>;
  /** Every month item of the region, with its counts (`gemeenten`) only for the months from `from` to `to` (`2026-01`). */
  months(regionId: string, from: string, to: string): Promise<MonthItem[]>;
  /** The region's first day with an item: where its history, and so its months, begin. */
  firstDay(regionId: string): Promise<string | undefined>;
  /** Stores a month's aggregate as of `generation`; false when a change was marked meanwhile. */
  storeMonth(regionId: string, month: string, aggregate: DayAggregate, generation: number, computedAt: string): Promise<boolean>;
}

export interface OpenCases {
  openCases(regionId: string): Promise<CountedReferral[]>;
}

export interface ChangedReferrals {
  markChanged(regionId: string, day: string, at: string): Promise<void>;
  markMonthChanged(regionId: string, month: string, at: string): Promise<void>;
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

/**
 * The aggregates of the days from `from` to `to` (not after today): read in one query, and the
 * dirty ones (never counted, or changed since) counted again from their own referrals and stored.
 * Old days are counted once; what a request costs follows the days asked for and recent changes,
 * not the number of referrals the region ever had.
 */
export async function daysOfPeriod(days: StatisticsDays, regionId: string, from: string, to: string, now: Date): Promise<{ aggregates: DayAggregate[]; recounted: number; unsettled: number }> {
  const today = dutchDate(now);
  const last = to < today ? to : today;
  if (from > last) return { aggregates: [], recounted: 0, unsettled: 0 };
  const items = new Map((await days.period(regionId, from, last)).map((item) => [item.day, item]));
  const aggregates: DayAggregate[] = [];
  const dirty: { day: string; generation: number; markedAt?: string }[] = [];
  for (let day = from; day <= last; day = addCalendarDays(day, 1)) {
    const item = items.get(day);
    const generation = item?.generation ?? 0;
    if (item?.gemeenten && item.open && item.computedGeneration === generation) aggregates.push({ day, gemeenten: item.gemeenten, open: item.open });
    else dirty.push({ day, generation, ...(item?.markedAt ? { markedAt: item.markedAt } : {}) });
  }
  let unsettled = 0;
  for (let index = 0; index < dirty.length; index += RECOUNT_CONCURRENCY) {
    await Promise.all(
      dirty.slice(index, index + RECOUNT_CONCURRENCY).map(async ({ day, generation, markedAt }) => {
        const aggregate = aggregateDay(day, await days.referralsOfDay(regionId, day));
        aggregates.push(aggregate);
        const settled = !markedAt || now.getTime() - Date.parse(markedAt) >= SETTLE_MS;
        if (!settled || !(await days.store(regionId, aggregate, generation, now.toISOString()))) unsettled++;
      }),
    );
  }
  return { aggregates, recounted: dirty.length, unsettled };
}

const nextMonth = (month: string) => {
  const at = new Date(`${month}-01T00:00:00Z`);
  at.setUTCMonth(at.getUTCMonth() + 1);
  return at.toISOString().slice(0, 7);
};
/** Months recounted at once, at most (each counts up to 8 of its days at once). */
const MONTH_CONCURRENCY = 2;

/**
 * Every month of the region's history up to this one: the counts of those from `from` to `to`,
 * and what all of them add to the "now" figures (an open case may be old). An up-to-date month is
 * one item; a changed one (this month, as referrals come in) is its days, the dirty ones counted
 * again, and is stored again once they have settled. What a request reads follows the months of
 * history and this month's days, not the referrals or the open cases.
 */
export async function monthsOfRegion(
  days: StatisticsDays,
  regionId: string,
  from: string,
  to: string,
  now: Date,
): Promise<{ months: DayAggregate[]; recounted: number }> {
  const thisMonth = monthOf(dutchDate(now));
  const [items, firstDay] = await Promise.all([days.months(regionId, from, to), days.firstDay(regionId)]);
  const byMonth = new Map(items.map((item) => [item.month, item]));
  // From the first day or month the region has (a month never counted has no item yet), or the period's start.
  const first = [from, ...(firstDay ? [monthOf(firstDay)] : []), ...items.map((item) => item.month)].reduce((a, b) => (a < b ? a : b));
  const months: DayAggregate[] = [];
  const dirty: { month: string; generation: number; markedAt?: string }[] = [];
  for (let month = first; month <= thisMonth; month = nextMonth(month)) {
    const item = byMonth.get(month);
    const generation = item?.generation ?? 0;
    const inPeriod = month >= from && month <= to;
    if (item?.open && item.computedGeneration === generation && (!inPeriod || item.gemeenten)) months.push({ day: `${month}-01`, gemeenten: item.gemeenten ?? {}, open: item.open });
    else dirty.push({ month, generation, ...(item?.markedAt ? { markedAt: item.markedAt } : {}) });
  }
  for (let index = 0; index < dirty.length; index += MONTH_CONCURRENCY) {
    await Promise.all(
      dirty.slice(index, index + MONTH_CONCURRENCY).map(async ({ month, generation, markedAt }) => {
        const ofDays = await daysOfPeriod(days, regionId, `${month}-01`, `${month}-31`, now);
        const aggregate = aggregateMonth(month, ofDays.aggregates);
        months.push(aggregate);
        const settled = ofDays.unsettled === 0 && (!markedAt || now.getTime() - Date.parse(markedAt) >= SETTLE_MS);
        if (settled) await days.storeMonth(regionId, month, aggregate, generation, now.toISOString());
      }),
    );
  }
  return { months: months.sort((a, b) => (a.day < b.day ? -1 : 1)), recounted: dirty.length };
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

/** GET /statistics: the period's months or days and what the region's open cases add, counted and protected. */
export async function regionStatistics(ports: { days: StatisticsDays }, request: StatisticsRequest, services: Promise<CountedService[]> | CountedService[]) {
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
  // A monthly period counts whole months (the last ends today): its months are its aggregates.
  // A weekly one (16 weeks at most) counts its days. The months are read either way, for the "now"
  // figures, and the one day the aanmeldnorm's edge falls on, for the instants of its cases.
  const edge = aanmeldnormEdgeDay(request.now, request.firstContactWithinWeeks);
  const [{ months }, days, edgeDay, kaart] = await Promise.all([
    monthsOfRegion(ports.days, request.regionId, monthOf(period.from), period.monthly ? monthOf(period.to) : '', request.now),
    period.monthly ? undefined : daysOfPeriod(ports.days, request.regionId, period.from, period.to, request.now),
    daysOfPeriod(ports.days, request.regionId, edge, edge, request.now),
    services,
  ]);
  const aggregates = days ? days.aggregates : months.filter((month) => month.day >= period.from && month.day <= period.to);
  const open = withInstants(mergeOpen(months.map((month) => month.open)), edgeDay.aggregates[0]);
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
  // The day before its month: a request that finds the month changed then finds the day changed too.
  if (!alreadyMarked?.has(key)) {
    await changed.markChanged(known.regionId, day, now.toISOString());
    await changed.markMonthChanged(known.regionId, monthOf(day), now.toISOString());
  }
  alreadyMarked?.add(key);
  return { regionId: known.regionId, day };
}
