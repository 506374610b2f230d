import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { addCalendarDays, checkStatisticsQuery, isCalendarDate } from '#shared/domain/calendar-date.ts';
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

  it('are never made by counting days: across months, leap days and years, forwards and back', () => {
    expect(addCalendarDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addCalendarDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addCalendarDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addCalendarDays('2026-03-01', -1)).toBe('2026-02-28');
    // Across the switch to summer time: whole days, not 23 or 25 hours.
    expect(addCalendarDays('2026-03-28', 2)).toBe('2026-03-30');
    expect(addCalendarDays('2026-12-08', -29)).toBe('2026-11-09');
  });

  it('are refused in a first contact recorded by the contact person or the partner', () => {
    expect(CaseActionSchema.safeParse({ action: 'record-first-contact', date: '2026-02-30', channel: 'phone' }).success).toBe(false);
    expect(CaseActionSchema.safeParse({ action: 'record-first-contact', date: '2026-02-28', channel: 'phone' }).success).toBe(true);
    expect(HandOffActionSchema.safeParse({ action: 'record-first-contact', at: '2026-04-31' }).success).toBe(false);
    expect(HandOffActionSchema.safeParse({ action: 'record-first-contact', at: '2026-04-30' }).success).toBe(true);
  });
});

describe('the statistics query, one check for the API and the web app', () => {
  const context = { today: '2026-11-23', gemeenten: ['Rivierstad', 'Polderdam'] };

  it('defaults to the 12 weeks up to today: the week of today and the 11 before', () => {
    expect(checkStatisticsQuery({}, context)).toEqual({ from: '2026-09-07', to: '2026-11-23', errors: [] });
  });

  it('refuses dates not in the calendar, far from today, a period the wrong way round or too long, and a gemeente of another region, in Dutch', () => {
    expect(checkStatisticsQuery({ from: '2026-02-30', to: '2026-03-31' }, context).errors).toEqual([{ path: 'from', message: 'Vul een geldige begindatum in.' }]);
    expect(checkStatisticsQuery({ to: '9999-12-31' }, context).errors).toEqual([{ path: 'to', message: 'Kies een einddatum die hoogstens 10 jaar van vandaag ligt.' }]);
    expect(checkStatisticsQuery({ from: '1900-01-01', to: '1900-02-01' }, context).errors.map((error) => error.path)).toEqual(['from', 'to']);
    expect(checkStatisticsQuery({ from: '2026-11-24', to: '2026-11-23' }, context).errors).toEqual([{ path: 'from', message: 'De begindatum ligt na de einddatum.' }]);
    expect(checkStatisticsQuery({ from: '2020-01-01', to: '2026-11-23' }, context).errors).toEqual([{ path: 'to', message: 'Kies een periode van hoogstens drie jaar.' }]);
    expect(checkStatisticsQuery({ gemeente: 'Nergenshuizen' }, context).errors).toEqual([{ path: 'gemeente', message: 'Kies een gemeente van de regio.' }]);
    expect(checkStatisticsQuery({ from: '2017-01-01', to: '2017-12-31', gemeente: 'Polderdam' }, context).errors).toEqual([]);
  });
});
