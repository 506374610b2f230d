import { AGE_BANDS, type AgeBand, type ReferralStats } from './referral-stats.ts';
import type { FreshnessState } from './freshness.ts';
import { dutchDate, dutchMidnight } from './dutch-calendar.ts';
import { BEFORE_FIRST_CONTACT, OPEN_CASE } from './time-limits.ts';
import { LEVENSDOMEINEN, ROUTES, UNMET_NEED_REASONS, type Levensdomein, type ReferralStatus, type Route } from './vocabulary.ts';

// What managers see: aggregates only. Every count of referrals or clients of 1 to 4 is shown as
// "<5"; counts that would let a reader work a withheld one out by subtraction, within the answer
// or with the region's and every gemeente's answer of the period, are "hidden" too (secondary
// suppression with an audit: shared/domain/disclosure.ts); shares and medians only where at least
// 5 referrals stand behind them; periods in whole weeks or months. So no client can be singled
// out. A service's occupancy is no such count, and is shown as it is.
//
// Counted per Dutch day (the referrals made that day, per gemeente: DayAggregate) and per month
// (its days merged), so a request reads the months or days of its period, never every referral the
// region ever had. The "now" figures come from the same aggregates: what each day's open cases add
// to them (OpenCounts), not the open cases themselves.

import { MARGIN, protectCounts, SMALL_COUNT, type Count, type CountTable } from './disclosure.ts';
export { SMALL_COUNT, type Count } from './disclosure.ts';

/** A referral as the statistics see it: the by-region index's projection, no client details. */
export interface CountedReferral {
  referralId: string;
  /** How the treeknorm list names the case: the number its contact person knows it by. */
  caseNumber?: string;
  status: ReferralStatus;
  createdAt: string;
  stats: ReferralStats;
  bridgingServiceId?: string;
  contactPerson?: { name: string } | null;
  /** Set by the time-limits run when the treeknorm passed (by its clock). */
  beyondTreeknormAt?: string;
}

export interface CountedService {
  serviceId: string;
  name: string;
  organisation: string;
  gemeenten: string[];
  capacity: number | null;
  placesTaken: number;
  waitingWeeks: number;
  freshness: FreshnessState;
  active: boolean;
}

export interface StatisticsQuery {
  from: string;
  to: string;
  gemeente?: string;
  now: Date;
  treeknormWeeks: number;
  firstContactWithinWeeks: number;
  /** The region's gemeenten: the answers a manager can ask for, protected together. Default: those in the data. */
  gemeenten?: readonly string[];
}

const DAY_MS = 24 * 60 * 60 * 1000;

export const suppress = (count: number): Count => (count < SMALL_COUNT ? '<5' : count);

/**
 * A breakdown whose total is shown too: small counts are "<5", and when exactly one is (the total
 * minus the rest would reveal it) the next smallest count is "hidden" as well.
 */
export function suppressBreakdown<K extends string>(counts: Record<K, number>): Record<K, Count> {
  const entries = Object.entries(counts) as [K, number][];
  const small = new Set(entries.filter(([, count]) => count > 0 && count < SMALL_COUNT).map(([key]) => key));
  const hidden = new Set<K>();
  if (small.size === 1) {
    const next = entries.filter(([key, count]) => !small.has(key) && count > 0).sort((a, b) => a[1] - b[1])[0];
    if (next) hidden.add(next[0]);
  }
  return Object.fromEntries(entries.map(([key, count]) => [key, small.has(key) ? '<5' : hidden.has(key) ? 'hidden' : count])) as Record<K, Count>;
}

/** A share in whole percents, only when it stands for at least 5 referrals (it would give a small count away otherwise). */
function share(part: number, whole: number): number | null {
  if (whole < SMALL_COUNT || part < SMALL_COUNT) return null;
  return Math.round((part / whole) * 100);
}

/** An instant, or a Dutch date taken as its midnight in Amsterdam. */
const instant = (value: string) => (value.length === 10 ? dutchMidnight(value).getTime() : Date.parse(value));
const days = (from: string, to: string) => (instant(to) - instant(from)) / DAY_MS;
/** The Dutch date a referral was made on. */
const dayOf = (referral: Pick<CountedReferral, 'createdAt'>) => dutchDate(new Date(referral.createdAt));
const round1 = (value: number | null) => (value === null ? null : Math.round(value * 10) / 10);

/**
 * The period as the statistics count it: whole weeks (Monday to Sunday), whole months for long
 * periods. A period one day longer than another would otherwise tell, by the difference, what
 * happened to the referrals of that one day. It ends today at the latest: the days after it hold
 * nothing yet, and a period that says it runs into the future reads as if it counted them (this
 * week, or this month, then counts up to today).
 */
export function snapPeriod(from: string, to: string, today?: string): { from: string; to: string; monthly: boolean } {
  const monthly = days(from, to) > 16 * 7;
  const start = bucketOf(from, monthly);
  const end = new Date(`${bucketOf(to, monthly)}T00:00:00Z`);
  if (monthly) end.setUTCMonth(end.getUTCMonth() + 1);
  else end.setUTCDate(end.getUTCDate() + 7);
  end.setUTCDate(end.getUTCDate() - 1);
  const wholeEnd = end.toISOString().slice(0, 10);
  // A period wholly in the future keeps its whole weeks: there is no today inside it to end at.
  const endsToday = today !== undefined && start <= today && today < wholeEnd;
  return { from: start, to: endsToday ? today : wholeEnd, monthly };
}

/** Monday of the ISO week of a date, or the first of its month, as the buckets of the time series. */
function bucketOf(date: string, monthly: boolean): string {
  if (monthly) return `${date.slice(0, 7)}-01`;
  const at = new Date(`${date.slice(0, 10)}T00:00:00Z`);
  const weekday = (at.getUTCDay() + 6) % 7;
  return new Date(at.getTime() - weekday * DAY_MS).toISOString().slice(0, 10);
}

function buckets(from: string, to: string, monthly: boolean): string[] {
  const result: string[] = [];
  let at = bucketOf(from, monthly);
  while (at <= to) {
    result.push(at);
    const next = new Date(`${at}T00:00:00Z`);
    if (monthly) next.setUTCMonth(next.getUTCMonth() + 1);
    else next.setUTCDate(next.getUTCDate() + 7);
    at = next.toISOString().slice(0, 10);
  }
  return result;
}

/** The counted facts a day's aggregate reads, no more: a busy day's referrals are read at every request. */
export const DAY_STATS_FIELDS = ['gemeente', 'ageBand', 'repeat', 'route', 'unmet', 'needDomains', 'triagedAt', 'firstContactAt', 'inCareAt', 'waitingSince', 'ggzHelped'] as const;
/** What the day aggregates count a referral by. */
export type DayReferral = Pick<CountedReferral, 'createdAt' | 'status' | 'bridgingServiceId'> & { stats: Pick<ReferralStats, (typeof DAY_STATS_FIELDS)[number]> };

const isOpen = (referral: Pick<CountedReferral, 'status'>) => OPEN_CASE.includes(referral.status);

/** Still waiting for ggz now: on a waiting list, the case open, the ggz need not answered yet. */
const waitingForGgz = (referral: Pick<DayReferral, 'status' | 'stats'>) =>
  isOpen(referral) && referral.stats.waitingSince !== undefined && !referral.stats.ggzHelped && referral.stats.route !== 'crisis';

/** Referrals of the region whose gemeente is none of its gemeenten: in the region's counts, never shown apart. */
const ELSEWHERE = '~';
/** Referrals not triaged yet: a route of their own, in the totals, never shown apart. */
const UNTRIAGED = 'untriaged';
const OTHER_COUNTS = ['toTriage', 'toFirstContact', 'toCare', 'waiting.total', 'waiting.beyond', 'waiting.bridged', 'beyondAanmeldnormNow', 'awaitingIntakeNow'] as const;

/** Width of a bin of the waiting-time histograms: a minute for triage, a tenth of a day for first contact and care. */
export const MINUTE_MS = 60 * 1000;
export const TENTH_DAY_MS = DAY_MS / 10;

/**
 * What one gemeente's referrals of one day add to the statistics: counts by path (`total`,
 * `route.basic-ggz`, `age.18-25`, `unmet.<reason>`, ...) and the waiting times as histograms,
 * bin → referrals. A bin holds the waiting times up to and including its number × its width
 * (rounded up), so "within the norm" (at most so many days) is exact; a median is its bin's edge.
 */
export interface DayCounts {
  counts: Record<string, number>;
  triageMinutes: Record<string, number>;
  firstContactTenthDays: Record<string, number>;
  careTenthDays: Record<string, number>;
}

/**
 * What one gemeente's open cases add to the "now" figures, without the cases: the waiting for ggz
 * by the date they wait since (the treeknorm is counted from that date), and the cases before
 * their first contact by the Dutch day they were made. The aanmeldnorm is counted to the
 * millisecond, but only the cases of one day can lie on either side of it: a day's aggregate keeps
 * their instants too, a month's only the counts, so a month stays as small as its days are few.
 */
export interface OpenCounts {
  waitingSince: Record<string, number>;
  /** Of those, the ones with a bridging partner. */
  waitingSinceBridged: Record<string, number>;
  /** Per Dutch day made on: the open cases before their first contact. */
  beforeFirstContact: Record<string, number>;
  /** Of a day's aggregate: when each of those was made (epoch milliseconds). */
  beforeFirstContactAt?: number[];
  awaitingIntake: number;
}

/**
 * The referrals made on one Dutch day (their cohort), per gemeente: what GET /statistics keeps per
 * day, and per month with `day` the month's first. `open` is what those of them open now add to
 * the "now" figures; it changes as they close, and the day with it (the stream marks the day).
 */
export interface DayAggregate {
  day: string;
  gemeenten: Record<string, DayCounts>;
  open: Record<string, OpenCounts>;
}

const emptyDayCounts = (): DayCounts => ({ counts: {}, triageMinutes: {}, firstContactTenthDays: {}, careTenthDays: {} });
const emptyOpenCounts = (): OpenCounts => ({ waitingSince: {}, waitingSinceBridged: {}, beforeFirstContact: {}, awaitingIntake: 0 });
const bump = (record: Record<string, number>, key: string | number, by = 1) => {
  record[key] = (record[key] ?? 0) + by;
};
const HISTOGRAMS = ['triageMinutes', 'firstContactTenthDays', 'careTenthDays'] as const;

/** What the open ones of these referrals add to the "now" figures, per gemeente (an open case counts its gemeente in even when it adds nothing). */
export function openCountsOf(referrals: readonly DayReferral[]): Record<string, OpenCounts> {
  const open: Record<string, OpenCounts> = {};
  for (const referral of referrals) {
    if (!isOpen(referral)) continue;
    const mine = (open[referral.stats.gemeente] ??= emptyOpenCounts());
    if (waitingForGgz(referral)) {
      bump(mine.waitingSince, referral.stats.waitingSince!);
      if (referral.bridgingServiceId) bump(mine.waitingSinceBridged, referral.stats.waitingSince!);
    }
    if (BEFORE_FIRST_CONTACT.includes(referral.status)) {
      bump(mine.beforeFirstContact, dayOf(referral));
      (mine.beforeFirstContactAt ??= []).push(instant(referral.createdAt));
    }
    if (referral.status === 'awaiting-intake') mine.awaitingIntake++;
  }
  return open;
}

/** The open counts of several days or months as one: the counts, not the instants (see withInstants). */
export function mergeOpen(parts: readonly Record<string, OpenCounts>[]): Record<string, OpenCounts> {
  const open: Record<string, OpenCounts> = {};
  for (const part of parts) {
    for (const [gemeente, counts] of Object.entries(part)) {
      const mine = (open[gemeente] ??= emptyOpenCounts());
      for (const [since, n] of Object.entries(counts.waitingSince)) bump(mine.waitingSince, since, n);
      for (const [since, n] of Object.entries(counts.waitingSinceBridged)) bump(mine.waitingSinceBridged, since, n);
      for (const [day, n] of Object.entries(counts.beforeFirstContact)) bump(mine.beforeFirstContact, day, n);
      mine.awaitingIntake += counts.awaitingIntake;
    }
  }
  return open;
}

/** The day the aanmeldnorm's edge falls on now: its cases before first contact are counted by their instants. */
export const aanmeldnormEdgeDay = (now: Date, firstContactWithinWeeks: number) => dutchDate(new Date(now.getTime() - firstContactWithinWeeks * 7 * DAY_MS));

/** Open counts with the instants of one day's cases before first contact (that day's aggregate), for the aanmeldnorm's edge. */
export function withInstants(open: Record<string, OpenCounts>, day: DayAggregate | undefined): Record<string, OpenCounts> {
  const result: Record<string, OpenCounts> = {};
  for (const [gemeente, counts] of Object.entries(open)) {
    const { beforeFirstContactAt: _, ...rest } = counts;
    const instants = day?.open[gemeente]?.beforeFirstContactAt;
    result[gemeente] = instants ? { ...rest, beforeFirstContactAt: instants } : rest;
  }
  return result;
}

/** The month (`2026-11`) a Dutch day is in. */
export const monthOf = (day: string) => day.slice(0, 7);

/**
 * The aggregate of a month from its days' (those of other months are left out): keyed by the
 * month's first day, so a monthly period counts it in its bucket as it would count the days.
 */
export function aggregateMonth(month: string, days: readonly DayAggregate[]): DayAggregate {
  const mine = days.filter((aggregate) => monthOf(aggregate.day) === month);
  const gemeenten: Record<string, DayCounts> = {};
  for (const aggregate of mine) {
    for (const [gemeente, counts] of Object.entries(aggregate.gemeenten)) {
      const merged = (gemeenten[gemeente] ??= emptyDayCounts());
      for (const [path, n] of Object.entries(counts.counts)) bump(merged.counts, path, n);
      for (const key of HISTOGRAMS) for (const [bin, n] of Object.entries(counts[key])) bump(merged[key], bin, n);
    }
  }
  return { day: `${month}-01`, gemeenten, open: mergeOpen(mine.map((aggregate) => aggregate.open)) };
}
const binOf = (from: string, to: string, width: number) => Math.ceil((instant(to) - instant(from)) / width);

/** The aggregate of one day from its referrals (those made on another day are left out). */
export function aggregateDay(day: string, referrals: readonly DayReferral[]): DayAggregate {
  const gemeenten: Record<string, DayCounts> = {};
  const mineOnly = referrals.filter((referral) => dutchDate(new Date(referral.createdAt)) === day);
  for (const referral of mineOnly) {
    const { stats } = referral;
    const mine = (gemeenten[stats.gemeente] ??= emptyDayCounts());
    const add = (path: string) => bump(mine.counts, path);
    add('total');
    add(stats.repeat ? 'repeat' : 'firstTime');
    add(`route.${stats.route ?? UNTRIAGED}`);
    add(`age.${stats.ageBand}`);
    for (const need of stats.unmet) add(`unmet.${need.reason}`);
    for (const domain of stats.needDomains) add(`domain.${domain}`);
    if (stats.triagedAt) {
      add('toTriage');
      bump(mine.triageMinutes, binOf(referral.createdAt, stats.triagedAt, MINUTE_MS));
    }
    if (stats.firstContactAt) {
      add('toFirstContact');
      bump(mine.firstContactTenthDays, binOf(referral.createdAt, stats.firstContactAt, TENTH_DAY_MS));
    }
    if (stats.inCareAt) {
      add('toCare');
      bump(mine.careTenthDays, binOf(stats.waitingSince ?? referral.createdAt, stats.inCareAt, TENTH_DAY_MS));
    }
  }
  return { day, gemeenten, open: openCountsOf(mineOnly) };
}

/** The day aggregates of every day these referrals were made on (tests, and the statistics of a list of referrals). */
export function aggregateDays(referrals: readonly CountedReferral[]): DayAggregate[] {
  const byDay = new Map<string, CountedReferral[]>();
  for (const referral of referrals) {
    const day = dayOf(referral);
    const those = byDay.get(day);
    if (those) those.push(referral);
    else byDay.set(day, [referral]);
  }
  return [...byDay].map(([day, those]) => aggregateDay(day, those));
}

/**
 * What the statistics of a period are made of: the aggregates of its days or months (others are
 * left out; their own `open` is not read) and what the region's open cases add to the "now"
 * figures, whenever they were made.
 */
export interface StatisticsSource {
  days: readonly DayAggregate[];
  open: Readonly<Record<string, OpenCounts>>;
}

/** The source of a list of referrals: what the statistics of the region would be if these were all its referrals. */
export const sourceOf = (referrals: readonly CountedReferral[]): StatisticsSource => ({ days: aggregateDays(referrals), open: openCountsOf(referrals) });

/** Which answer a gemeente's counts belong to besides the region's: its own, or the unnamed rest. */
const answerOf = (gemeente: string, gemeenten: readonly string[]) => (gemeenten.includes(gemeente) ? gemeente : ELSEWHERE);

/** The counts of one answer for a period, by path: `total`, `route.basic-ggz`, `bucket.2026-11-02.route.crisis`, ... */
function countsOf(
  source: StatisticsSource,
  period: { from: string; to: string; monthly: boolean },
  query: StatisticsQuery,
  mine: (gemeente: string) => boolean,
): Map<string, number> {
  const values = new Map<string, number>();
  const add = (path: string, by = 1) => values.set(path, (values.get(path) ?? 0) + by);
  for (const aggregate of source.days) {
    if (aggregate.day < period.from || aggregate.day > period.to) continue;
    const bucket = bucketOf(aggregate.day, period.monthly);
    for (const [gemeente, counts] of Object.entries(aggregate.gemeenten)) {
      if (!mine(gemeente)) continue;
      for (const [path, count] of Object.entries(counts.counts)) {
        add(path, count);
        if (path === 'total') add(`bucket.${bucket}`, count);
        else if (path.startsWith('route.')) add(`bucket.${bucket}.${path}`, count);
      }
    }
  }
  const now = instant(query.now.toISOString());
  for (const path of ['waiting.total', 'waiting.beyond', 'waiting.bridged', 'beyondAanmeldnormNow', 'awaitingIntakeNow']) add(path, 0);
  for (const [gemeente, open] of Object.entries(source.open)) {
    if (!mine(gemeente)) continue;
    for (const [since, n] of Object.entries(open.waitingSince)) {
      add('waiting.total', n);
      if ((now - instant(since)) / DAY_MS / 7 >= query.treeknormWeeks) add('waiting.beyond', n);
    }
    for (const n of Object.values(open.waitingSinceBridged)) add('waiting.bridged', n);
    // Every case of a day before the edge's day is past the norm, none after it; of that day's, those made before the edge.
    const edge = aanmeldnormEdgeDay(query.now, query.firstContactWithinWeeks);
    for (const [day, n] of Object.entries(open.beforeFirstContact)) if (day < edge) add('beyondAanmeldnormNow', n);
    const onEdge = (open.beforeFirstContactAt ?? []).filter((at) => dutchDate(new Date(at)) === edge);
    add('beyondAanmeldnormNow', onEdge.filter((at) => (now - at) / DAY_MS > query.firstContactWithinWeeks * 7).length);
    // Referrals that came without their netwerkintake and wait for it now (a contact person does it with the client).
    add('awaitingIntakeNow', open.awaitingIntake);
  }
  return values;
}

/** The gemeenten of a source: those its days and open cases name. */
const gemeentenOf = (source: StatisticsSource) => [...new Set([...source.days.flatMap((aggregate) => Object.keys(aggregate.gemeenten)), ...Object.keys(source.open)])].sort();

/**
 * Every count a manager can get for this period, the region's answer and each gemeente's, in the
 * tables whose margins add them up, protected together (shared/domain/disclosure.ts): what one
 * answer shows, and what the region's shows with all the gemeenten's, give no withheld count away.
 * The region is the margin of the gemeente dimension.
 */
export function protectedPeriod(source: StatisticsSource, query: StatisticsQuery) {
  const period = snapPeriod(query.from, query.to, dutchDate(query.now));
  const gemeenten = [...(query.gemeenten ?? gemeentenOf(source))];
  const answers = [MARGIN, ...gemeenten, ELSEWHERE];
  const values = new Map<string, number>();
  for (const answer of answers) {
    const mine = (gemeente: string) => answer === MARGIN || answerOf(gemeente, gemeenten) === answer;
    for (const [path, value] of countsOf(source, period, query, mine)) values.set(`${answer}|${path}`, value);
  }
  const starts = buckets(period.from, period.to, period.monthly);
  const at = (answer: string, path: string) => `${answer}|${path}`;
  const margin = (values: readonly string[], path: (value: string) => string) => (value: string) => (value === MARGIN ? 'total' : path(value));
  const tables: CountTable[] = [
    {
      // Gemeente × week × route: the period total, each week's, each route's, each week's routes.
      dimensions: [answers, [MARGIN, ...starts], [MARGIN, ...ROUTES, UNTRIAGED]],
      cell: ([answer, bucket, route]) =>
        at(answer!, bucket === MARGIN ? (route === MARGIN ? 'total' : `route.${route}`) : route === MARGIN ? `bucket.${bucket}` : `bucket.${bucket}.route.${route}`),
    },
    { dimensions: [answers, [MARGIN, ...AGE_BANDS]], cell: ([answer, band]) => at(answer!, margin(AGE_BANDS, (value) => `age.${value}`)(band!)) },
    { dimensions: [answers, [MARGIN, 'firstTime', 'repeat']], cell: ([answer, kind]) => at(answer!, margin([], (value) => value)(kind!)) },
    // Only the region adds these up: a referral has several reasons and domains, and the waiting figures overlap.
    { dimensions: [answers, [...UNMET_NEED_REASONS]], cell: ([answer, reason]) => at(answer!, `unmet.${reason}`) },
    { dimensions: [answers, [...LEVENSDOMEINEN]], cell: ([answer, domain]) => at(answer!, `domain.${domain}`) },
    { dimensions: [answers, [...OTHER_COUNTS]], cell: ([answer, path]) => at(answer!, path!) },
  ];
  const published = new Set<string>();
  for (const table of tables) {
    const walk = (prefix: string[]) => {
      if (prefix.length === table.dimensions.length) {
        if (!prefix.includes(ELSEWHERE) && !prefix.includes(UNTRIAGED)) published.add(table.cell(prefix));
        return;
      }
      for (const value of table.dimensions[prefix.length]!) walk([...prefix, value]);
    };
    walk([]);
  }
  return { period, answers: answers.slice(0, -1), tables, values, published, labels: protectCounts(tables, values, published) };
}

/** The values of a histogram (bin → count) in order, each as its bin's edge in `unit`s. */
function histogramMedian(histogram: Record<string, number>, unit: number): number | null {
  const bins = Object.entries(histogram)
    .map(([bin, count]) => [Number(bin), count] as const)
    .sort((a, b) => a[0] - b[0]);
  const n = bins.reduce((sum, [, count]) => sum + count, 0);
  if (n < SMALL_COUNT) return null;
  const at = (index: number) => {
    let seen = 0;
    for (const [bin, count] of bins) {
      seen += count;
      if (index < seen) return bin * unit;
    }
    return bins.at(-1)![0] * unit;
  };
  const middle = Math.floor(n / 2);
  return n % 2 ? at(middle) : (at(middle - 1) + at(middle)) / 2;
}
const histogramSize = (histogram: Record<string, number>) => Object.values(histogram).reduce((sum, count) => sum + count, 0);
const histogramUpTo = (histogram: Record<string, number>, maxBin: number) =>
  Object.entries(histogram).reduce((sum, [bin, count]) => sum + (Number(bin) <= maxBin ? count : 0), 0);

/**
 * The statistics of a period from the aggregates of its days and the open cases. Medians come
 * from the histograms: at most one bin (a minute, a tenth of a day) above the exact median.
 */
export function statisticsOf(source: StatisticsSource, services: CountedService[], query: StatisticsQuery) {
  const { period, labels } = protectedPeriod(source, query);
  const { from, to, monthly } = period;
  const answer = query.gemeente ?? MARGIN;
  const count = (path: string): Count => labels.get(`${answer}|${path}`) ?? 0;
  const inGemeente = (gemeente: string) => !query.gemeente || gemeente === query.gemeente;

  const series = buckets(from, to, monthly).map((start) => ({
    start,
    total: count(`bucket.${start}`),
    routes: Object.fromEntries(ROUTES.map((route) => [route, count(`bucket.${start}.route.${route}`)])) as Record<Route, Count>,
  }));

  // Waiting times against the norms, for the referrals of the period.
  const merged = emptyDayCounts();
  for (const aggregate of source.days) {
    if (aggregate.day < from || aggregate.day > to) continue;
    for (const [gemeente, counts] of Object.entries(aggregate.gemeenten)) {
      if (!inGemeente(gemeente)) continue;
      for (const key of HISTOGRAMS) {
        for (const [bin, n] of Object.entries(counts[key])) bump(merged[key], bin, n);
      }
    }
  }
  const norm = (path: string, histogram: Record<string, number>, weeks: number) => ({
    count: count(path),
    medianDays: round1(histogramMedian(histogram, 0.1)),
    withinNormPercent: share(histogramUpTo(histogram, weeks * 7 * 10), histogramSize(histogram)),
    normWeeks: weeks,
  });

  // Now: who waits for ggz, and with a bridging partner or not (open cases, any period).
  const mineOpen = Object.entries(source.open).filter(([gemeente]) => inGemeente(gemeente));
  const sum = (record: Record<string, number>) => Object.values(record).reduce((total, n) => total + n, 0);
  const waiting = mineOpen.reduce((total, [, open]) => total + sum(open.waitingSince), 0);
  const bridged = mineOpen.reduce((total, [, open]) => total + sum(open.waitingSinceBridged), 0);
  const kaart = services.filter((service) => service.active && (!query.gemeente || service.gemeenten.includes(query.gemeente)));

  return {
    period: { from, to, gemeente: query.gemeente ?? null, bucket: monthly ? 'month' : 'week' },
    referrals: {
      total: count('total'),
      firstTime: count('firstTime'),
      repeat: count('repeat'),
      perRoute: Object.fromEntries(ROUTES.map((route) => [route, count(`route.${route}`)])) as Record<Route, Count>,
      series,
      perAgeBand: Object.fromEntries(AGE_BANDS.map((band) => [band, count(`age.${band}`)])) as Record<AgeBand, Count>,
      // A referral asks help in several levensdomeinen: these counts do not add up to the total, each is its own.
      perLevensdomein: Object.fromEntries(LEVENSDOMEINEN.map((domain) => [domain, count(`domain.${domain}`)])) as Record<Levensdomein, Count>,
    },
    waitingTimes: {
      toTriage: { count: count('toTriage'), medianMinutes: round1(histogramMedian(merged.triageMinutes, 1)) },
      toFirstContact: norm('toFirstContact', merged.firstContactTenthDays, query.firstContactWithinWeeks),
      toCare: norm('toCare', merged.careTenthDays, query.treeknormWeeks),
      beyondAanmeldnormNow: count('beyondAanmeldnormNow'),
      awaitingIntakeNow: count('awaitingIntakeNow'),
    },
    waitingForGgzNow: {
      total: count('waiting.total'),
      beyondTreeknorm: count('waiting.beyond'),
      withBridgingPartner: count('waiting.bridged'),
      withBridgingPartnerPercent: share(bridged, waiting),
    },
    unmetNeedReasons: Object.fromEntries(UNMET_NEED_REASONS.map((reason) => [reason, count(`unmet.${reason}`)])) as Record<(typeof UNMET_NEED_REASONS)[number], Count>,
    capacity: kaart
      .filter((service) => service.capacity !== null)
      .map((service) => ({
        serviceId: service.serviceId,
        name: service.name,
        organisation: service.organisation,
        capacity: service.capacity,
        // A service's occupancy, not a count of clients: the kaart shows it to its beheerder and
        // partners, and HSDS publishes the places left. So it is never "<5".
        placesTaken: service.placesTaken,
        utilisationPercent: service.capacity ? Math.round((service.placesTaken / service.capacity) * 100) : null,
        waitingWeeks: service.waitingWeeks,
      })),
    staleKaartEntries: {
      rankedDown: kaart.filter((service) => service.freshness === 'ranked-down').length,
      excluded: kaart.filter((service) => service.freshness === 'excluded').length,
    },
  };
}

/** The statistics of a list of referrals, as if they were all the region's (tests, and the web app's examples). */
export function statistics(referrals: CountedReferral[], services: CountedService[], query: StatisticsQuery) {
  const gemeenten = query.gemeenten ?? [...new Set(referrals.map((referral) => referral.stats.gemeente))].sort();
  return statisticsOf(sourceOf(referrals), services, { ...query, gemeenten });
}
export type Statistics = ReturnType<typeof statistics>;

/** The cases on the manager's list: open, waiting for ggz longer than the treeknorm. Case numbers only. */
export function beyondTreeknorm(referrals: readonly CountedReferral[], now: Date, treeknormWeeks: number) {
  return referrals
    .filter(waitingForGgz)
    .map((referral) => ({
      referralId: referral.referralId,
      caseNumber: referral.caseNumber ?? null,
      status: referral.status,
      waitingSince: referral.stats.waitingSince!,
      weeksWaiting: Math.floor(days(referral.stats.waitingSince!, now.toISOString()) / 7),
      beyondTreeknormSince: referral.beyondTreeknormAt ?? null,
      bridging: referral.bridgingServiceId !== undefined,
      contactPerson: referral.contactPerson?.name ?? null,
    }))
    // Past the norm by today's clock, or found so by the time-limits run.
    .filter((item) => item.weeksWaiting >= treeknormWeeks || item.beyondTreeknormSince !== null)
    .sort((a, b) => b.weeksWaiting - a.weeksWaiting);
}
