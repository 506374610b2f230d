import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dutchDate } from '#shared/domain/dutch-calendar.ts';
import { AGE_BANDS, type ReferralStats } from '#shared/domain/referral-stats.ts';
import { aggregateDay, aggregateDays, openCountsOf, statisticsOf, type CountedReferral, type DayAggregate } from '#shared/domain/statistics.ts';
import { regionStatistics } from '#shared/pipeline/statistics.ts';
import { LEVENSDOMEINEN, REFERRAL_STATUSES, ROUTES, UNMET_NEED_REASONS } from '#shared/domain/vocabulary.ts';
import { statistics as perReferral } from '../support/statistics-reference.ts';
import { countedReferral } from '../support/fixtures.ts';
import { MemoryDays } from '../support/statistics-memory.ts';

// The statistics from day aggregates against the computation they replace, which read every
// referral on every request (test/support/statistics-reference.ts is that code as it was).

const GEMEENTEN = ['Rivierstad', 'Polderdam', 'Heuvelrand'];
const NOW = new Date('2026-11-23T12:00:00Z');
const HOUR = 60 * 60 * 1000;
const START = Date.parse('2026-08-01T00:00:00Z');
const SPAN_HOURS = 120 * 24;

const BASE_STATS: ReferralStats = {
  gemeente: 'Rivierstad',
  ageBand: '26-44',
  repeat: false,
  onGgzWaitlist: false,
  ggzHelped: false,
  bridgingNeeded: false,
  bridging: false,
  needDomains: [],
  unmet: [],
  placesAt: [],
  flaggedForRegion: false,
};
const iso = (at: number) => new Date(at).toISOString();

const referralArbitrary = fc
  .record({
    id: fc.uuid(),
    createdHour: fc.integer({ min: 0, max: SPAN_HOURS }),
    createdMinute: fc.integer({ min: 0, max: 59 }),
    // Mostly the region's gemeenten, now and then one outside it.
    gemeente: fc.constantFrom(...GEMEENTEN, ...GEMEENTEN, 'Elders'),
    status: fc.constantFrom(...REFERRAL_STATUSES),
    ageBand: fc.constantFrom(...AGE_BANDS),
    repeat: fc.boolean(),
    route: fc.option(fc.constantFrom(...ROUTES), { nil: undefined }),
    triageSeconds: fc.option(fc.integer({ min: 1, max: 3 * 60 * 60 }), { nil: undefined }),
    firstContactMinutes: fc.option(fc.integer({ min: 0, max: 60 * 24 * 50 }), { nil: undefined }),
    waitingDaysBefore: fc.option(fc.integer({ min: 0, max: 200 }), { nil: undefined }),
    careMinutes: fc.option(fc.integer({ min: 0, max: 60 * 24 * 150 }), { nil: undefined }),
    ggzHelped: fc.boolean(),
    bridged: fc.boolean(),
    needDomains: fc.subarray([...LEVENSDOMEINEN], { maxLength: 3 }),
    unmet: fc.subarray([...UNMET_NEED_REASONS], { maxLength: 2 }),
  })
  .map((r): CountedReferral => {
    const created = START + r.createdHour * HOUR + r.createdMinute * 60_000;
    const waitingSince = r.waitingDaysBefore === undefined ? undefined : iso(created - r.waitingDaysBefore * 24 * HOUR).slice(0, 10);
    return {
      referralId: r.id,
      status: r.status,
      createdAt: iso(created),
      ...(r.bridged ? { bridgingServiceId: 'partner-1' } : {}),
      stats: {
        gemeente: r.gemeente,
        ageBand: r.ageBand,
        repeat: r.repeat,
        onGgzWaitlist: waitingSince !== undefined,
        ...(waitingSince ? { waitingSince } : {}),
        ...(r.route ? { route: r.route } : {}),
        ...(r.triageSeconds ? { triagedAt: iso(created + r.triageSeconds * 1000) } : {}),
        ...(r.firstContactMinutes !== undefined ? { firstContactAt: iso(created + r.firstContactMinutes * 60_000) } : {}),
        ...(r.careMinutes !== undefined ? { inCareAt: iso(created + r.careMinutes * 60_000) } : {}),
        ggzHelped: r.ggzHelped,
        bridgingNeeded: r.bridged,
        bridging: r.bridged,
        placesAt: [],
        flaggedForRegion: false,
        needDomains: r.needDomains,
        unmet: r.unmet.map((reason) => ({ domain: 'finances', reason })),
      },
    };
  });

const queryArbitrary = fc.record({
  fromDay: fc.integer({ min: 0, max: 130 }),
  length: fc.integer({ min: 0, max: 140 }),
  gemeente: fc.option(fc.constantFrom(...GEMEENTEN), { nil: undefined }),
});

type Answer = ReturnType<typeof perReferral>;
/** The answer without its medians: everything else must be the same to the count. */
function withoutMedians(answer: Answer) {
  const copy = structuredClone(answer) as Answer;
  copy.waitingTimes.toTriage.medianMinutes = null;
  copy.waitingTimes.toFirstContact.medianDays = null;
  copy.waitingTimes.toCare.medianDays = null;
  return copy;
}

/** A median from the histogram is its value's bin edge: at most one bin above, and rounding to tenths on top. */
function expectCloseMedian(actual: number | null, expected: number | null, binWidth: number) {
  expect(actual === null).toBe(expected === null);
  if (actual === null || expected === null) return;
  expect(actual).toBeGreaterThanOrEqual(expected - 0.051);
  expect(actual).toBeLessThanOrEqual(expected + binWidth + 0.051);
}

describe('statistics from day aggregates', () => {
  it('give the same answer as counting every referral: counts, suppression, periods; medians within a bin', () => {
    fc.assert(
      fc.property(fc.array(referralArbitrary, { maxLength: 160 }), queryArbitrary, (referrals, q) => {
        const from = new Date(START + q.fromDay * 24 * HOUR).toISOString().slice(0, 10);
        const to = new Date(START + (q.fromDay + q.length) * 24 * HOUR).toISOString().slice(0, 10);
        const query = { from, to, now: NOW, treeknormWeeks: 14, firstContactWithinWeeks: 4, gemeenten: GEMEENTEN, ...(q.gemeente ? { gemeente: q.gemeente } : {}) };
        const expected = perReferral(referrals, [], query);
        // One aggregate per day, and what the open cases add to the "now" figures.
        const actual = statisticsOf({ days: aggregateDays(referrals), open: openCountsOf(referrals.filter((referral) => !['closed', 'withdrawn'].includes(referral.status))) }, [], query);
        expect(withoutMedians(actual)).toEqual(withoutMedians(expected));
        expectCloseMedian(actual.waitingTimes.toTriage.medianMinutes, expected.waitingTimes.toTriage.medianMinutes, 1);
        expectCloseMedian(actual.waitingTimes.toFirstContact.medianDays, expected.waitingTimes.toFirstContact.medianDays, 0.1);
        expectCloseMedian(actual.waitingTimes.toCare.medianDays, expected.waitingTimes.toCare.medianDays, 0.1);
      }),
      { numRuns: 60 },
    );
  });

  it('give the same answer as GET /statistics does from months and days, counted and then read back', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(referralArbitrary, { maxLength: 160 }), queryArbitrary, async (all, q) => {
        // As in a region: no referral made after now.
        const referrals = all.filter((referral) => Date.parse(referral.createdAt) <= NOW.getTime());
        const from = new Date(START + q.fromDay * 24 * HOUR).toISOString().slice(0, 10);
        const to = new Date(START + (q.fromDay + q.length) * 24 * HOUR).toISOString().slice(0, 10);
        const query = { from, to, now: NOW, treeknormWeeks: 14, firstContactWithinWeeks: 4, gemeenten: GEMEENTEN, ...(q.gemeente ? { gemeente: q.gemeente } : {}) };
        const expected = perReferral(referrals, [], query);
        const days = new MemoryDays();
        days.referrals = referrals;
        // Every day marked, as the stream would have: the history starts at the first.
        for (const referral of referrals) days.mark(dutchDate(new Date(referral.createdAt)), new Date(0));
        const request = { regionId: 'r', ...query, gemeenten: GEMEENTEN };
        for (const attempt of ['counted', 'read back']) {
          const actual = await regionStatistics({ days }, request, []);
          expect(withoutMedians(actual), attempt).toEqual(withoutMedians(expected));
          expectCloseMedian(actual.waitingTimes.toTriage.medianMinutes, expected.waitingTimes.toTriage.medianMinutes, 1);
          expectCloseMedian(actual.waitingTimes.toFirstContact.medianDays, expected.waitingTimes.toFirstContact.medianDays, 0.1);
          expectCloseMedian(actual.waitingTimes.toCare.medianDays, expected.waitingTimes.toCare.medianDays, 0.1);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('counts the aanmeldnorm to the millisecond at its edge, from the months and the instants of the one day it falls on', async () => {
    // 28 days before NOW is 2026-10-26T12:00:00Z, 13:00 on 26 October in Amsterdam.
    const made = (createdAt: string) => Array.from({ length: 5 }, () => countedReferral({}, { createdAt, status: 'notified' }));
    const past = [...made('2026-10-26T11:59:59.999Z'), ...made('2026-10-25T23:30:00Z'), ...made('2026-10-25T22:59:00Z'), ...made('2026-09-02T10:00:00Z')];
    const notYet = [...made('2026-10-26T12:00:00.000Z'), ...made('2026-10-26T12:00:00.001Z'), ...made('2026-10-26T23:30:00Z')];
    const referrals = [...past, ...notYet];
    const days = new MemoryDays();
    days.referrals = referrals;
    for (const referral of referrals) days.mark(dutchDate(new Date(referral.createdAt)), new Date(0));
    const query = { from: '2026-11-16', to: '2026-11-22', now: NOW, treeknormWeeks: 14, firstContactWithinWeeks: 4, gemeenten: GEMEENTEN };
    for (const attempt of ['counted', 'read back']) {
      const actual = await regionStatistics({ days }, { regionId: 'r', ...query }, []);
      expect(actual.waitingTimes.beyondAanmeldnormNow, attempt).toBe(past.length);
      expect(actual.waitingTimes.beyondAanmeldnormNow).toBe(perReferral(referrals, [], query).waitingTimes.beyondAanmeldnormNow);
    }
    // A month keeps its days' counts, not the instants: its size follows its days.
    expect(days.monthItems.get('2026-10')?.open?.Rivierstad).toEqual({ waitingSince: {}, waitingSinceBridged: {}, beforeFirstContact: { '2026-10-25': 5, '2026-10-26': 20, '2026-10-27': 5 }, awaitingIntake: 0 });
  });

  it('counts a referral on the Dutch day it was made, and stores nothing of the client', () => {
    const late: CountedReferral = {
      referralId: 'a',
      status: 'received',
      // 23:30 UTC on 31 October is 00:30 on 1 November in Amsterdam.
      createdAt: '2026-10-31T23:30:00Z',
      stats: { ...BASE_STATS, needDomains: ['finances'], triagedAt: '2026-10-31T23:31:30Z' },
    };
    expect(aggregateDay('2026-10-31', [late]).gemeenten).toEqual({});
    const aggregate: DayAggregate = aggregateDay('2026-11-01', [late]);
    expect(aggregate.gemeenten.Rivierstad).toEqual({
      counts: { total: 1, firstTime: 1, 'route.untriaged': 1, 'age.26-44': 1, 'domain.finances': 1, toTriage: 1 },
      // 90 seconds: in the bin of up to 2 minutes.
      triageMinutes: { 2: 1 },
      firstContactTenthDays: {},
      careTenthDays: {},
    });
  });

  it('counts "within the norm" exactly at the norm: a first contact of exactly 28 days is within 4 weeks, a minute more is not', () => {
    const made = (id: string, minutes: number): CountedReferral => ({
      referralId: id,
      status: 'first-contact',
      createdAt: '2026-11-02T09:00:00Z',
      stats: { ...BASE_STATS, firstContactAt: iso(Date.parse('2026-11-02T09:00:00Z') + minutes * 60_000) },
    });
    const exactly = Array.from({ length: 5 }, (_, i) => made(`in${i}`, 28 * 24 * 60));
    const over = Array.from({ length: 5 }, (_, i) => made(`out${i}`, 28 * 24 * 60 + 1));
    const query = { from: '2026-11-02', to: '2026-11-08', now: NOW, treeknormWeeks: 14, firstContactWithinWeeks: 4, gemeenten: GEMEENTEN };
    const source = (referrals: CountedReferral[]) => ({ days: aggregateDays(referrals), open: {} });
    expect(statisticsOf(source([...exactly, ...over]), [], query).waitingTimes.toFirstContact.withinNormPercent).toBe(50);
    expect(perReferral([...exactly, ...over], [], query).waitingTimes.toFirstContact.withinNormPercent).toBe(50);
  });
});
