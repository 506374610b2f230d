import { describe, expect, it } from 'vitest';
import { dutchClockTime, dutchMidnight } from '#shared/domain/dutch-calendar.ts';
import { dateSearch } from '#shared/fhir/date-search.ts';

const at = (instant: string) => Date.parse(instant);
const matches = (value: string, instant: string) => dateSearch(value)!(at(instant));

describe('FHIR date search on Task._lastUpdated', () => {
  it('takes a day as the whole Dutch day: a change at 00:30 in Amsterdam is on that day, not on the UTC day before', () => {
    // 2026-12-07T23:30Z is 00:30 on 8 December in Amsterdam.
    expect(matches('2026-12-08', '2026-12-07T23:30:00Z')).toBe(true);
    expect(matches('eq2026-12-07', '2026-12-07T23:30:00Z')).toBe(false);
    expect(matches('2026-12-08', '2026-12-08T22:59:59.999Z')).toBe(true);
    expect(matches('2026-12-08', '2026-12-08T23:00:00Z')).toBe(false);
    // In summer Amsterdam is two hours ahead.
    expect(matches('2026-07-01', '2026-06-30T22:00:00Z')).toBe(true);
    expect(matches('2026-07-01', '2026-06-30T21:59:59Z')).toBe(false);
  });

  it('reads gt, ge, lt and le against the day as a range: gt a day is from the next day on, le a day up to its end', () => {
    const lateOnThe8th = '2026-12-08T20:00:00Z';
    expect(matches('gt2026-12-08', lateOnThe8th)).toBe(false);
    expect(matches('gt2026-12-08', '2026-12-08T23:00:00Z')).toBe(true);
    expect(matches('ge2026-12-08', lateOnThe8th)).toBe(true);
    expect(matches('ge2026-12-08', '2026-12-07T22:59:59Z')).toBe(false);
    expect(matches('lt2026-12-08', lateOnThe8th)).toBe(false);
    expect(matches('lt2026-12-08', '2026-12-07T22:59:59Z')).toBe(true);
    expect(matches('le2026-12-08', lateOnThe8th)).toBe(true);
    expect(matches('le2026-12-08', '2026-12-08T23:00:00Z')).toBe(false);
  });

  it('takes a time with a zone as the point it names, so that polling with gt the last change seen misses nothing after it', () => {
    const lastSeen = '2026-11-01T10:00:00Z';
    expect(matches(`gt${lastSeen}`, '2026-11-01T10:00:00.001Z')).toBe(true);
    expect(matches(`gt${lastSeen}`, lastSeen)).toBe(false);
    expect(matches(`ge${lastSeen}`, lastSeen)).toBe(true);
    expect(matches(`le${lastSeen}`, lastSeen)).toBe(true);
    expect(matches(`lt${lastSeen}`, lastSeen)).toBe(false);
    expect(matches(lastSeen, lastSeen)).toBe(true);
    expect(matches('gt2026-11-01T11:00:00+01:00', '2026-11-01T10:00:00.500Z')).toBe(true);
  });

  it("takes a time without a zone on Amsterdam's clock", () => {
    expect(matches('ge2026-12-08T09:00', '2026-12-08T08:00:00Z')).toBe(true);
    expect(matches('ge2026-12-08T09:00', '2026-12-08T07:59:59Z')).toBe(false);
    expect(dutchClockTime('2026-07-01T12:00:00').toISOString()).toBe('2026-07-01T10:00:00.000Z');
    expect(dutchMidnight('2026-12-08').toISOString()).toBe('2026-12-07T23:00:00.000Z');
  });

  it('refuses what is not a date: another prefix, an impossible day or time, a bare year', () => {
    for (const value of ['ne2026-12-08', 'sa2026-12-08', '2026-02-30', '2026-13-01', '2026-12-08T25:00Z', '2026', '2026-12-08T10', 'yesterday', '']) {
      expect(dateSearch(value), value).toBeUndefined();
    }
  });
});
