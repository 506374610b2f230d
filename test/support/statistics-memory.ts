import { dutchDate } from '#shared/domain/dutch-calendar.ts';
import type { DayAggregate, DayReferral } from '#shared/domain/statistics.ts';
import type { DayItem, MonthItem, StatisticsDays } from '#shared/pipeline/statistics.ts';

/** The statistics-days table (days and months) and the by-region index in memory, with the same conditional stores. */
export class MemoryDays implements StatisticsDays {
  readonly items = new Map<string, DayItem>();
  readonly monthItems = new Map<string, MonthItem>();
  readonly counted: string[] = [];
  readonly monthsStored: string[] = [];
  referrals: DayReferral[] = [];

  async period(regionId: string, from: string, to: string) {
    return [...this.items.values()].filter((item) => item.regionId === regionId && item.day >= from && item.day <= to);
  }
  async referralsOfDay(_regionId: string, day: string) {
    this.counted.push(day);
    return this.referrals.filter((referral) => dutchDate(new Date(referral.createdAt)) === day);
  }
  async store(regionId: string, aggregate: DayAggregate, generation: number) {
    const item = this.items.get(aggregate.day);
    if ((item?.generation ?? 0) !== generation) return false;
    this.items.set(aggregate.day, { ...item, regionId, day: aggregate.day, gemeenten: aggregate.gemeenten, open: aggregate.open, computedGeneration: generation });
    return true;
  }
  async months(regionId: string, from: string, to: string) {
    return [...this.monthItems.values()]
      .filter((item) => item.regionId === regionId)
      .map((item) => {
        const { gemeenten, ...rest } = item;
        return structuredClone(item.month >= from && item.month <= to && gemeenten ? { ...rest, gemeenten } : rest);
      });
  }
  async firstDay(regionId: string) {
    return [...this.items.values()].filter((item) => item.regionId === regionId).map((item) => item.day).sort()[0];
  }
  async storeMonth(regionId: string, month: string, aggregate: DayAggregate, generation: number) {
    const item = this.monthItems.get(month);
    if ((item?.generation ?? 0) !== generation) return false;
    this.monthItems.set(month, { ...item, regionId, month, gemeenten: aggregate.gemeenten, open: aggregate.open, computedGeneration: generation });
    this.monthsStored.push(month);
    return true;
  }
  /** What the stream consumer does for a changed referral of this day: the day, then its month. */
  mark(day: string, at: Date) {
    const item = this.items.get(day) ?? { regionId: 'r', day };
    this.items.set(day, { ...item, generation: (item.generation ?? 0) + 1, markedAt: at.toISOString() });
    const month = day.slice(0, 7);
    const monthItem = this.monthItems.get(month) ?? { regionId: 'r', month };
    this.monthItems.set(month, { ...monthItem, generation: (monthItem.generation ?? 0) + 1, markedAt: at.toISOString() });
  }
}
