import { AGE_BANDS, type AgeBand, type ReferralStats } from './referral-stats.ts';
import type { FreshnessState } from './freshness.ts';
import { dutchDate, dutchMidnight } from './dutch-calendar.ts';
import { BEFORE_FIRST_CONTACT, OPEN_CASE } from './time-limits.ts';
import { LEVENSDOMEINEN, ROUTES, UNMET_NEED_REASONS, type Levensdomein, type ReferralStatus, type Route } from './vocabulary.ts';

// What managers see: aggregates only. Every count of referrals or clients under 5 is shown as
// "<5"; where a total would give one such count away, the next smallest count of that breakdown
// is "hidden" too; shares and medians only where at least 5 referrals stand behind them; periods
// in whole weeks or months. So no client can be singled out. A service's occupancy is no such
// count, and is shown as it is.

export const SMALL_COUNT = 5;
/** A number, "<5" for a small one, or "hidden": not small, but it would give a small one away. */
export type Count = number | '<5' | 'hidden';

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

/** Every count of a breakdown withheld: small ones as "<5", the rest "hidden" (zeros stay). */
function hideAll<K extends string>(counts: Record<K, number>): Record<K, Count> {
  return Object.fromEntries((Object.entries(counts) as [K, number][]).map(([key, count]) => [key, count === 0 ? 0 : count < SMALL_COUNT ? '<5' : 'hidden'])) as Record<K, Count>;
}

/** A share in whole percents, only when it stands for at least 5 referrals (it would give a small count away otherwise). */
function share(part: number, whole: number): number | null {
  if (whole < SMALL_COUNT || part < SMALL_COUNT) return null;
  return Math.round((part / whole) * 100);
}

function median(values: number[]): number | null {
  if (values.length < SMALL_COUNT) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** An instant, or a Dutch date taken as its midnight in Amsterdam. */
const instant = (value: string) => (value.length === 10 ? dutchMidnight(value).getTime() : Date.parse(value));
const days = (from: string, to: string) => (instant(to) - instant(from)) / DAY_MS;
/** The Dutch date a referral was made on. */
const dayOf = (referral: CountedReferral) => dutchDate(new Date(referral.createdAt));
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

const isOpen = (referral: CountedReferral) => OPEN_CASE.includes(referral.status);

/** Still waiting for ggz now: on a waiting list, the case open, the ggz need not answered yet. */
const waitingForGgz = (referral: CountedReferral) =>
  isOpen(referral) && referral.stats.waitingSince !== undefined && !referral.stats.ggzHelped && referral.stats.route !== 'crisis';

export function statistics(referrals: CountedReferral[], services: CountedService[], query: StatisticsQuery) {
  const { from, to, monthly } = snapPeriod(query.from, query.to, dutchDate(query.now));
  const inGemeente = (referral: CountedReferral) => !query.gemeente || referral.stats.gemeente === query.gemeente;
  // Each referral's Dutch day once (a time zone conversion), then one pass into the buckets.
  const inPeriod = referrals
    .filter(inGemeente)
    .map((referral) => ({ referral, day: dayOf(referral) }))
    .filter(({ day }) => day >= from && day <= to);
  const created = inPeriod.map(({ referral }) => referral);

  // Referrals per route over time; the buckets' totals add up to the period's, so they are one breakdown.
  const byBucket = new Map(buckets(from, to, monthly).map((start) => [start, [] as CountedReferral[]]));
  for (const { referral, day } of inPeriod) byBucket.get(bucketOf(day, monthly))!.push(referral);
  const inBuckets = [...byBucket].map(([start, inBucket]) => ({ start, referrals: inBucket }));
  const bucketTotals = suppressBreakdown(Object.fromEntries(inBuckets.map(({ start, referrals: inBucket }) => [start, inBucket.length])));
  const series = inBuckets.map(({ start, referrals: inBucket }) => {
    const perRoute = Object.fromEntries(ROUTES.map((route) => [route, inBucket.filter((referral) => referral.stats.route === route).length])) as Record<Route, number>;
    const total = bucketTotals[start]!;
    // A hidden total stays hidden only if its routes do not add up to it: they are hidden too.
    const routes = total === 'hidden' ? hideAll(perRoute) : suppressBreakdown(perRoute);
    return { start, total, routes };
  });
  const perRoute = Object.fromEntries(ROUTES.map((route) => [route, created.filter((referral) => referral.stats.route === route).length])) as Record<Route, number>;

  // Waiting times against the norms, for the referrals of the period.
  const toTriageMinutes = created.flatMap((referral) => (referral.stats.triagedAt ? [days(referral.createdAt, referral.stats.triagedAt) * 24 * 60] : []));
  const toFirstContact = created.flatMap((referral) => (referral.stats.firstContactAt ? [days(referral.createdAt, referral.stats.firstContactAt)] : []));
  const toCare = created.flatMap((referral) =>
    referral.stats.inCareAt ? [days(referral.stats.waitingSince ?? referral.createdAt, referral.stats.inCareAt)] : [],
  );
  const norm = (values: number[], weeks: number) => ({
    count: suppress(values.length),
    medianDays: round1(median(values)),
    withinNormPercent: share(values.filter((value) => value <= weeks * 7).length, values.length),
    normWeeks: weeks,
  });

  // Now: who waits for ggz, how long, and with a bridging partner or not (open cases, any period).
  const waiting = referrals.filter((referral) => inGemeente(referral) && waitingForGgz(referral));
  const weeksWaiting = (referral: CountedReferral) => days(referral.stats.waitingSince!, query.now.toISOString()) / 7;
  const beyond = waiting.filter((referral) => weeksWaiting(referral) >= query.treeknormWeeks);
  const bridged = waiting.filter((referral) => referral.bridgingServiceId);

  const unmet = Object.fromEntries(UNMET_NEED_REASONS.map((reason) => [reason, 0])) as Record<(typeof UNMET_NEED_REASONS)[number], number>;
  for (const referral of created) for (const need of referral.stats.unmet) unmet[need.reason]++;

  const kaart = services.filter((service) => service.active && (!query.gemeente || service.gemeenten.includes(query.gemeente)));
  const noFirstContactYet = referrals.filter(
    (referral) => inGemeente(referral) && BEFORE_FIRST_CONTACT.includes(referral.status) && days(referral.createdAt, query.now.toISOString()) > query.firstContactWithinWeeks * 7,
  );

  return {
    period: { from, to, gemeente: query.gemeente ?? null, bucket: monthly ? 'month' : 'week' },
    referrals: {
      total: suppress(created.length),
      ...suppressBreakdown({
        firstTime: created.filter((referral) => !referral.stats.repeat).length,
        repeat: created.filter((referral) => referral.stats.repeat).length,
      }),
      perRoute: suppressBreakdown(perRoute),
      series,
      perAgeBand: suppressBreakdown(Object.fromEntries(AGE_BANDS.map((band) => [band, created.filter((referral) => referral.stats.ageBand === band).length])) as Record<AgeBand, number>),
      // A referral asks help in several levensdomeinen: these counts do not add up to the total, each is its own.
      perLevensdomein: Object.fromEntries(
        LEVENSDOMEINEN.map((domain) => [domain, suppress(created.filter((referral) => referral.stats.needDomains.includes(domain)).length)]),
      ) as Record<Levensdomein, Count>,
    },
    waitingTimes: {
      toTriage: { count: suppress(toTriageMinutes.length), medianMinutes: round1(median(toTriageMinutes)) },
      toFirstContact: norm(toFirstContact, query.firstContactWithinWeeks),
      toCare: norm(toCare, query.treeknormWeeks),
      beyondAanmeldnormNow: suppress(noFirstContactYet.length),
      // Referrals that came without their netwerkintake and wait for it now (a contact person does it with the client).
      awaitingIntakeNow: suppress(referrals.filter((referral) => inGemeente(referral) && referral.status === 'awaiting-intake').length),
    },
    waitingForGgzNow: {
      total: suppress(waiting.length),
      beyondTreeknorm: suppress(beyond.length),
      withBridgingPartner: suppress(bridged.length),
      withBridgingPartnerPercent: share(bridged.length, waiting.length),
    },
    unmetNeedReasons: suppressBreakdown(unmet),
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
export type Statistics = ReturnType<typeof statistics>;

/** The cases on the manager's list: open, waiting for ggz longer than the treeknorm. Case numbers only. */
export function beyondTreeknorm(referrals: CountedReferral[], now: Date, treeknormWeeks: number) {
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
