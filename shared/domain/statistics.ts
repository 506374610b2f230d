import type { ReferralStats } from './referral-stats.ts';
import type { FreshnessState } from './freshness.ts';
import { BEFORE_FIRST_CONTACT, OPEN_CASE } from './time-limits.ts';
import { ROUTES, UNMET_NEED_REASONS, type ReferralStatus, type Route } from './vocabulary.ts';

// What managers see: aggregates only. Every count under 5 is shown as "<5" (and, where a total
// would give one such count away, the next smallest count of that breakdown too), shares and
// medians only where at least 5 referrals stand behind them. So no client can be singled out.

export const SMALL_COUNT = 5;
export type Count = number | '<5';

/** A referral as the statistics see it: the by-region index's projection, no client details. */
export interface CountedReferral {
  referralId: string;
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
 * A breakdown with its total: small counts hidden, and when exactly one is hidden (the total minus
 * the rest would reveal it) the next smallest count too.
 */
export function suppressBreakdown<K extends string>(counts: Record<K, number>): Record<K, Count> {
  const entries = Object.entries(counts) as [K, number][];
  const hidden = new Set(entries.filter(([, count]) => count > 0 && count < SMALL_COUNT).map(([key]) => key));
  if (hidden.size === 1) {
    const next = entries.filter(([key, count]) => !hidden.has(key) && count > 0).sort((a, b) => a[1] - b[1])[0];
    if (next) hidden.add(next[0]);
  }
  return Object.fromEntries(entries.map(([key, count]) => [key, hidden.has(key) ? '<5' : count])) as Record<K, Count>;
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

const days = (from: string, to: string) => (Date.parse(to.length === 10 ? `${to}T00:00:00Z` : to) - Date.parse(from.length === 10 ? `${from}T00:00:00Z` : from)) / DAY_MS;
const round1 = (value: number | null) => (value === null ? null : Math.round(value * 10) / 10);

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
  const inGemeente = (referral: CountedReferral) => !query.gemeente || referral.stats.gemeente === query.gemeente;
  const created = referrals.filter((referral) => inGemeente(referral) && referral.createdAt.slice(0, 10) >= query.from && referral.createdAt.slice(0, 10) <= query.to);
  const monthly = days(query.from, query.to) > 16 * 7;

  // Referrals per route over time.
  const series = buckets(query.from, query.to, monthly).map((start) => {
    const inBucket = created.filter((referral) => bucketOf(referral.createdAt, monthly) === start);
    const perRoute = Object.fromEntries(ROUTES.map((route) => [route, inBucket.filter((referral) => referral.stats.route === route).length])) as Record<Route, number>;
    return { start, total: suppress(inBucket.length), routes: suppressBreakdown(perRoute) };
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
    period: { from: query.from, to: query.to, gemeente: query.gemeente ?? null, bucket: monthly ? 'month' : 'week' },
    referrals: {
      total: suppress(created.length),
      firstTime: suppress(created.filter((referral) => !referral.stats.repeat).length),
      repeat: suppress(created.filter((referral) => referral.stats.repeat).length),
      perRoute: suppressBreakdown(perRoute),
      series,
    },
    waitingTimes: {
      toTriage: { count: suppress(toTriageMinutes.length), medianMinutes: round1(median(toTriageMinutes)) },
      toFirstContact: norm(toFirstContact, query.firstContactWithinWeeks),
      toCare: norm(toCare, query.treeknormWeeks),
      beyondAanmeldnormNow: suppress(noFirstContactYet.length),
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
        placesTaken: suppress(service.placesTaken),
        utilisationPercent: service.capacity && service.placesTaken >= SMALL_COUNT ? Math.round((service.placesTaken / service.capacity) * 100) : null,
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
