import { describe, expect, it } from 'vitest';
import { daysOfPeriod, markChangedDay, monthsOfRegion, SETTLE_MS } from '#shared/pipeline/statistics.ts';
import { countedReferral } from '../support/fixtures.ts';
import { MemoryDays } from '../support/statistics-memory.ts';

const NOW = new Date('2026-11-23T12:00:00Z');

describe('the days of a period', () => {
  it('counts a day once, and again only after a change was marked and has settled', async () => {
    const days = new MemoryDays();
    days.referrals = [countedReferral({}, { createdAt: '2026-11-20T10:00:00Z' })];
    const first = await daysOfPeriod(days, 'r', '2026-11-17', '2026-11-23', NOW);
    expect(first.recounted).toBe(7);
    expect(first.aggregates.find((aggregate) => aggregate.day === '2026-11-20')?.gemeenten.Rivierstad?.counts.total).toBe(1);
    // Clean now: nothing counted again.
    expect((await daysOfPeriod(days, 'r', '2026-11-17', '2026-11-23', NOW)).recounted).toBe(0);

    // A new referral on the 20th, marked just now: counted at every request, stored only once the index has settled.
    days.referrals.push(countedReferral({}, { createdAt: '2026-11-20T11:00:00Z' }));
    days.mark('2026-11-20', NOW);
    const fresh = await daysOfPeriod(days, 'r', '2026-11-17', '2026-11-23', NOW);
    expect(fresh.recounted).toBe(1);
    expect(fresh.aggregates.find((aggregate) => aggregate.day === '2026-11-20')?.gemeenten.Rivierstad?.counts.total).toBe(2);
    expect((await daysOfPeriod(days, 'r', '2026-11-17', '2026-11-23', NOW)).recounted).toBe(1);
    const later = new Date(NOW.getTime() + SETTLE_MS);
    expect((await daysOfPeriod(days, 'r', '2026-11-17', '2026-11-23', later)).recounted).toBe(1);
    expect((await daysOfPeriod(days, 'r', '2026-11-17', '2026-11-23', later)).recounted).toBe(0);
  });

  it('keeps a day dirty when a change is marked while it is counted', async () => {
    const days = new MemoryDays();
    const count = days.referralsOfDay.bind(days);
    // The mark lands between reading the day and storing its count.
    days.referralsOfDay = async (regionId, day) => {
      const found = await count(regionId, day);
      if (day === '2026-11-18') days.mark(day, new Date(NOW.getTime() - SETTLE_MS));
      return found;
    };
    await daysOfPeriod(days, 'r', '2026-11-18', '2026-11-18', NOW);
    expect(days.items.get('2026-11-18')).toMatchObject({ generation: 1 });
    expect(days.items.get('2026-11-18')?.computedGeneration).toBeUndefined();
    expect((await daysOfPeriod(days, 'r', '2026-11-18', '2026-11-18', NOW)).recounted).toBe(1);
  });

  it('reads no day after today', async () => {
    const days = new MemoryDays();
    const { aggregates } = await daysOfPeriod(days, 'r', '2026-11-23', '2026-11-29', NOW);
    expect(aggregates.map((aggregate) => aggregate.day)).toEqual(['2026-11-23']);
    expect(days.counted).toEqual(['2026-11-23']);
  });
});

describe('the months of a region', () => {
  it('counts a month from its days once, reads it as one item after, and counts it again after a change has settled', async () => {
    const days = new MemoryDays();
    days.referrals = [countedReferral({}, { createdAt: '2026-09-10T10:00:00Z' }), countedReferral({}, { createdAt: '2026-11-20T10:00:00Z', status: 'awaiting-intake' })];
    days.mark('2026-09-10', new Date(NOW.getTime() - SETTLE_MS));
    const first = await monthsOfRegion(days, 'r', '2026-09', '2026-11', NOW);
    // From the first day the region has: September to this month.
    expect(first.months.map((month) => month.day)).toEqual(['2026-09-01', '2026-10-01', '2026-11-01']);
    expect(first.recounted).toBe(3);
    expect(days.monthsStored).toEqual(['2026-09', '2026-10', '2026-11']);
    expect(first.months[0]!.gemeenten.Rivierstad?.counts.total).toBe(1);
    // An open case of November adds to the "now" figures, whatever the period.
    expect(first.months[2]!.open.Rivierstad?.awaitingIntake).toBe(1);

    days.counted.length = 0;
    const again = await monthsOfRegion(days, 'r', '2026-09', '2026-11', NOW);
    expect(again.recounted).toBe(0);
    expect(days.counted).toEqual([]);
    expect(again.months).toEqual(first.months);
    // Outside the period a month brings its open counts, not its counts.
    const weekly = await monthsOfRegion(days, 'r', '2026-11', '', NOW);
    expect(weekly.recounted).toBe(0);
    expect(weekly.months[0]!.gemeenten).toEqual({});

    // The case closes: its day and month are marked; counted at once, stored once settled.
    days.referrals[1] = { ...days.referrals[1]!, status: 'closed' };
    days.mark('2026-11-20', NOW);
    const fresh = await monthsOfRegion(days, 'r', '2026-09', '2026-11', NOW);
    expect(fresh.recounted).toBe(1);
    expect(fresh.months[2]!.open.Rivierstad).toBeUndefined();
    expect(days.counted).toEqual(['2026-11-20']);
    expect((await monthsOfRegion(days, 'r', '2026-09', '2026-11', NOW)).recounted).toBe(1);
    const later = new Date(NOW.getTime() + SETTLE_MS);
    expect((await monthsOfRegion(days, 'r', '2026-09', '2026-11', later)).recounted).toBe(1);
    expect((await monthsOfRegion(days, 'r', '2026-09', '2026-11', later)).recounted).toBe(0);
  });

  it('keeps a month dirty when one of its days is marked while it is counted', async () => {
    const days = new MemoryDays();
    days.referrals = [countedReferral({}, { createdAt: '2026-10-05T10:00:00Z' })];
    const count = days.referralsOfDay.bind(days);
    days.referralsOfDay = async (regionId, day) => {
      const found = await count(regionId, day);
      if (day === '2026-10-05') days.mark(day, new Date(NOW.getTime() - SETTLE_MS));
      return found;
    };
    await monthsOfRegion(days, 'r', '2026-10', '2026-10', NOW);
    expect(days.monthItems.get('2026-10')?.computedGeneration).toBeUndefined();
    days.referralsOfDay = count;
    // October again (November, with no change, was stored).
    expect((await monthsOfRegion(days, 'r', '2026-10', '2026-10', NOW)).recounted).toBe(1);
    expect((await monthsOfRegion(days, 'r', '2026-10', '2026-10', NOW)).recounted).toBe(0);
  });
});

describe('the mark of a changed referral', () => {
  it('marks the Dutch day it was made on, read by key when the record has no image, once per batch and day', async () => {
    const marks: string[] = [];
    const changed = {
      markChanged: async (regionId: string, day: string) => void marks.push(`${regionId} ${day}`),
      markMonthChanged: async (regionId: string, month: string) => void marks.push(`${regionId} month ${month}`),
      regionAndCreatedAt: async (referralId: string) => (referralId === 'gone' ? undefined : { regionId: 'r', createdAt: '2026-03-28T23:30:00Z' }),
    };
    const batch = new Set<string>();
    expect(await markChangedDay(changed, { referralId: 'a', image: { regionId: 'r', createdAt: '2026-03-28T23:30:00Z' } }, NOW, batch)).toEqual({ regionId: 'r', day: '2026-03-29' });
    expect(await markChangedDay(changed, { referralId: 'b' }, NOW, batch)).toEqual({ regionId: 'r', day: '2026-03-29' });
    expect(await markChangedDay(changed, { referralId: 'gone' }, NOW, batch)).toBeUndefined();
    // The day before its month, so a request that finds the month changed finds the day changed too.
    expect(marks).toEqual(['r 2026-03-29', 'r month 2026-03']);
    await markChangedDay(changed, { referralId: 'b' }, NOW, new Set());
    expect(marks).toEqual(['r 2026-03-29', 'r month 2026-03', 'r 2026-03-29', 'r month 2026-03']);
  });
});
