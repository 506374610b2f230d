import { describe, expect, it } from 'vitest';
import type { CountedReferral, DayAggregate } from '#shared/domain/statistics.ts';
import { daysOfPeriod, markChangedDay, SETTLE_MS, type DayItem, type StatisticsDays } from '#shared/pipeline/statistics.ts';
import { countedReferral } from '../support/fixtures.ts';

/** The statistics-days table and the by-region index in memory, with the same conditional store. */
class MemoryDays implements StatisticsDays {
  readonly items = new Map<string, DayItem>();
  readonly counted: string[] = [];
  referrals: CountedReferral[] = [];

  async period(regionId: string, from: string, to: string) {
    return [...this.items.values()].filter((item) => item.regionId === regionId && item.day >= from && item.day <= to);
  }
  async referralsOfDay(_regionId: string, day: string) {
    this.counted.push(day);
    return this.referrals.filter((referral) => referral.createdAt.startsWith(day));
  }
  async store(regionId: string, aggregate: DayAggregate, generation: number) {
    const item = this.items.get(aggregate.day);
    if ((item?.generation ?? 0) !== generation) return false;
    this.items.set(aggregate.day, { ...item, regionId, day: aggregate.day, gemeenten: aggregate.gemeenten, computedGeneration: generation });
    return true;
  }
  mark(day: string, at: Date) {
    const item = this.items.get(day) ?? { regionId: 'r', day };
    this.items.set(day, { ...item, generation: (item.generation ?? 0) + 1, markedAt: at.toISOString() });
  }
}

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

describe('the mark of a changed referral', () => {
  it('marks the Dutch day it was made on, read by key when the record has no image, once per batch and day', async () => {
    const marks: string[] = [];
    const changed = {
      markChanged: async (regionId: string, day: string) => void marks.push(`${regionId} ${day}`),
      regionAndCreatedAt: async (referralId: string) => (referralId === 'gone' ? undefined : { regionId: 'r', createdAt: '2026-03-28T23:30:00Z' }),
    };
    const batch = new Set<string>();
    expect(await markChangedDay(changed, { referralId: 'a', image: { regionId: 'r', createdAt: '2026-03-28T23:30:00Z' } }, NOW, batch)).toEqual({ regionId: 'r', day: '2026-03-29' });
    expect(await markChangedDay(changed, { referralId: 'b' }, NOW, batch)).toEqual({ regionId: 'r', day: '2026-03-29' });
    expect(await markChangedDay(changed, { referralId: 'gone' }, NOW, batch)).toBeUndefined();
    expect(marks).toEqual(['r 2026-03-29']);
    await markChangedDay(changed, { referralId: 'b' }, NOW, new Set());
    expect(marks).toEqual(['r 2026-03-29', 'r 2026-03-29']);
  });
});
