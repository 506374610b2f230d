import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isCalendarDate } from '#shared/domain/calendar-date.ts';
import { HandOffActionSchema } from '#shared/domain/hand-off.ts';
import { CaseActionSchema } from '#shared/domain/lifecycle.ts';

// Issue 14, item 10: an impossible date is refused alike everywhere. The statistics period (API and
// web app) uses isCalendarDate; the case and hand-off actions their zod schemas (z.iso.date): both
// must say the same of every day written as YYYY-MM-DD.

describe('impossible dates', () => {
  it('are refused by the statistics check and the zod date alike, for every day 1 to 31 of every month, over leap and other years', () => {
    const disagreements: string[] = [];
    for (const year of [1900, 2000, 2024, 2025, 2026, 2100]) {
      for (let month = 0; month <= 13; month++) {
        for (let day = 0; day <= 32; day++) {
          const value = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
          if (isCalendarDate(value) !== z.iso.date().safeParse(value).success) disagreements.push(value);
        }
      }
    }
    expect(disagreements).toEqual([]);
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-30')).toBe(false);
  });

  it('are refused in a first contact recorded by the contact person or the partner', () => {
    expect(CaseActionSchema.safeParse({ action: 'record-first-contact', date: '2026-02-30', channel: 'phone' }).success).toBe(false);
    expect(CaseActionSchema.safeParse({ action: 'record-first-contact', date: '2026-02-28', channel: 'phone' }).success).toBe(true);
    expect(HandOffActionSchema.safeParse({ action: 'record-first-contact', at: '2026-04-31' }).success).toBe(false);
    expect(HandOffActionSchema.safeParse({ action: 'record-first-contact', at: '2026-04-30' }).success).toBe(true);
  });
});
