import { describe, expect, it } from 'vitest';
import { beyondTreeknorm, snapPeriod, statistics, suppressBreakdown } from '#shared/domain/statistics.ts';
import { countedReferral as referral, countedReferralsOf as many, countedService as service } from '../support/fixtures.ts';

const now = new Date('2026-11-23T12:00:00Z');
const query = { from: '2026-09-01', to: '2026-11-23', now, treeknormWeeks: 14, firstContactWithinWeeks: 4 };

describe('statistics for managers', () => {
  it('show every count under 5 as "<5", and when one could be worked out from the total, hide another too', () => {
    expect(suppressBreakdown({ a: 12, b: 3, c: 7, d: 0 })).toEqual({ a: 12, b: '<5', c: 'hidden', d: 0 });
    expect(suppressBreakdown({ a: 12, b: 3, c: 2 })).toEqual({ a: 12, b: '<5', c: '<5' });
    const result = statistics([...many(6, { route: 'social-domain' }), ...many(2, { route: 'basic-ggz' })], [], query);
    expect(result.referrals.total).toBe(8);
    expect(result.referrals.perRoute).toMatchObject({ 'social-domain': 'hidden', 'basic-ggz': '<5', crisis: 0 });
    // First-time and repeat add up to the total too: 20 and 3 must not show as 20 and "<5".
    const mixed = statistics([...many(20), ...many(3, { repeat: true })], [], query);
    expect(mixed.referrals).toMatchObject({ total: 23, firstTime: 'hidden', repeat: '<5' });
  });

  it('hide the routes of a week whose total is hidden, since they would add up to it', () => {
    const result = statistics([...many(7, { route: 'combined' }), ...many(3, { route: 'combined' }, { createdAt: '2026-10-05T09:00:00Z' })], [], query);
    const hiddenWeek = result.referrals.series.find((bucket) => bucket.total === 'hidden')!;
    expect(hiddenWeek.routes.combined).toBe('hidden');
    expect(result.referrals.series.find((bucket) => bucket.total === '<5')!.routes.combined).toBe('<5');
  });

  it('break the referrals down by age band and by levensdomein, small counts hidden', () => {
    const result = statistics([...many(6, { ageBand: '18-25', needDomains: ['finances', 'housing'] }), ...many(2, { ageBand: '65+', needDomains: ['finances'] })], [], query);
    expect(result.referrals.perAgeBand).toMatchObject({ '18-25': 'hidden', '65+': '<5', '26-44': 0 });
    // Levensdomeinen do not add up (a referral asks in several): no count is withheld but the small ones; a zero is a zero.
    expect(result.referrals.perLevensdomein).toMatchObject({ finances: 8, housing: 6, meaning: 0 });
  });

  it('count in whole weeks, or whole months for long periods, so two periods a day apart tell nothing by their difference', () => {
    expect(snapPeriod('2026-11-04', '2026-11-20')).toEqual({ from: '2026-11-02', to: '2026-11-22', monthly: false });
    expect(snapPeriod('2026-03-15', '2026-11-20')).toEqual({ from: '2026-03-01', to: '2026-11-30', monthly: true });
    const a = statistics(many(7, {}, { createdAt: '2026-11-18T09:00:00Z' }), [], { ...query, from: '2026-11-16', to: '2026-11-18' });
    const b = statistics(many(7, {}, { createdAt: '2026-11-18T09:00:00Z' }), [], { ...query, from: '2026-11-16', to: '2026-11-17' });
    expect(a.period).toEqual(b.period);
  });

  it('end the period today at the latest: this week (or month) counts up to today, never into the future', () => {
    expect(snapPeriod('2026-11-04', '2026-11-20', '2026-11-19')).toEqual({ from: '2026-11-02', to: '2026-11-19', monthly: false });
    expect(snapPeriod('2026-03-15', '2026-11-20', '2026-11-23')).toEqual({ from: '2026-03-01', to: '2026-11-23', monthly: true });
    // A period before today, or wholly after it, keeps its whole weeks.
    expect(snapPeriod('2026-11-04', '2026-11-20', '2026-11-23')).toEqual({ from: '2026-11-02', to: '2026-11-22', monthly: false });
    expect(snapPeriod('2026-12-02', '2026-12-09', '2026-11-23')).toEqual({ from: '2026-11-30', to: '2026-12-13', monthly: false });
    // Monday 23 November 2026: asked up to Sunday the 29th, counted up to the 23rd, in the same weeks.
    const result = statistics(many(6, {}, { createdAt: '2026-11-23T09:00:00Z' }), [], { ...query, from: '2026-11-02', to: '2026-11-29' });
    expect(result.period).toMatchObject({ from: '2026-11-02', to: '2026-11-23' });
    expect(result.referrals.series.map((bucket) => bucket.start)).toEqual(['2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23']);
    expect(result.referrals.series.at(-1)!.total).toBe(6);
  });

  it('give shares and medians only where at least 5 referrals stand behind them', () => {
    const waiting = many(8, { onGgzWaitlist: true, waitingSince: '2026-10-01', route: 'basic-ggz' });
    const bridged = many(6, { onGgzWaitlist: true, waitingSince: '2026-10-01', route: 'basic-ggz' }, { bridgingServiceId: 'p' });
    expect(statistics([...waiting, ...bridged], [], query).waitingForGgzNow).toMatchObject({ total: 14, withBridgingPartner: 6, withBridgingPartnerPercent: 43 });
    const few = statistics([...waiting, ...many(2, { onGgzWaitlist: true, waitingSince: '2026-10-01' }, { bridgingServiceId: 'p' })], [], query);
    expect(few.waitingForGgzNow).toMatchObject({ withBridgingPartner: '<5', withBridgingPartnerPercent: null });
  });

  it('measure waiting against the norms: first contact within 4 weeks, care within 14', () => {
    const quick = many(5, { firstContactAt: '2026-11-09' });
    const slow = many(5, { firstContactAt: '2026-12-20' });
    const result = statistics([...quick, ...slow], [], query).waitingTimes.toFirstContact;
    expect(result).toMatchObject({ count: 10, normWeeks: 4, withinNormPercent: 50 });
    expect(result.medianDays).toBeCloseTo((6.6 + 47.6) / 2, 0);
  });

  it('count per route over time, by week, filtered by gemeente', () => {
    const result = statistics(
      [...many(5, { route: 'combined' }), ...many(5, { route: 'combined', gemeente: 'Polderdam' }, { createdAt: '2026-11-10T09:00:00Z' })],
      [],
      { ...query, gemeente: 'Polderdam' },
    );
    expect(result.period.bucket).toBe('week');
    expect(result.referrals.series.find((bucket) => bucket.start === '2026-11-09')).toMatchObject({ total: 5, routes: { combined: 5 } });
    expect(result.referrals.total).toBe(5);
  });

  it('show capacity and utilisation per service as they are (occupancy of a service, not a count of clients), and the stale entries', () => {
    const result = statistics(
      [],
      [service(), service({ serviceId: 's-2', placesTaken: 2 }), service({ serviceId: 's-3', freshness: 'excluded' }), service({ serviceId: 's-4', capacity: 0, placesTaken: 0 })],
      query,
    );
    expect(result.capacity.map((entry) => [entry.placesTaken, entry.utilisationPercent])).toEqual([[6, 30], [2, 10], [6, 30], [0, null]]);
    expect(result.staleKaartEntries).toEqual({ rankedDown: 0, excluded: 1 });
  });

  it('list the open cases waiting beyond the treeknorm by case number only', () => {
    const long = referral({ onGgzWaitlist: true, waitingSince: '2026-07-01', route: 'basic-ggz' }, { caseNumber: 'RV-2026-00412', contactPerson: { name: 'Anouk de Vries' } });
    const short = referral({ onGgzWaitlist: true, waitingSince: '2026-11-01', route: 'basic-ggz' });
    const helped = referral({ onGgzWaitlist: true, waitingSince: '2026-07-01', ggzHelped: true });
    const list = beyondTreeknorm([long, short, helped], now, 14);
    expect(list).toEqual([
      { referralId: long.referralId, caseNumber: 'RV-2026-00412', status: 'notified', waitingSince: '2026-07-01', weeksWaiting: 20, beyondTreeknormSince: null, bridging: false, contactPerson: 'Anouk de Vries' },
    ]);
    expect(Object.keys(list[0]!)).not.toContain('gemeente');
  });
});
