import { describe, expect, it } from 'vitest';
import { addWorkingDays, dutchPublicHolidays, isWorkingDay } from '#shared/domain/dutch-calendar.ts';
import { DEFAULT_TIME_LIMITS, dueLimits, type DeadlineFacts } from '#shared/domain/time-limits.ts';

const at = (iso: string) => new Date(iso);
const facts = (overrides: Partial<DeadlineFacts> = {}): DeadlineFacts => ({
  status: 'notified',
  statusChangedAt: '2026-12-03T09:00:00Z',
  createdAt: '2026-12-03T08:59:00Z',
  stats: { route: 'basic-ggz', ggzHelped: false },
  ...overrides,
});

describe('working days', () => {
  it('skip weekends and Dutch public holidays', () => {
    expect(isWorkingDay(at('2026-12-04T10:00:00Z'), DEFAULT_TIME_LIMITS)).toBe(true); // Friday
    expect(isWorkingDay(at('2026-12-05T10:00:00Z'), DEFAULT_TIME_LIMITS)).toBe(false); // Saturday
    expect(isWorkingDay(at('2026-12-25T10:00:00Z'), DEFAULT_TIME_LIMITS)).toBe(false); // Kerstmis
    expect(isWorkingDay(at('2027-04-27T10:00:00Z'), DEFAULT_TIME_LIMITS)).toBe(false); // Koningsdag
    expect(isWorkingDay(at('2026-12-21T10:00:00Z'), { ...DEFAULT_TIME_LIMITS, closedDays: ['2026-12-21'] })).toBe(false);
  });

  it('know the movable holidays, and Koningsdag moving to Saturday when the 27th is a Sunday', () => {
    // Easter 2025 was 20 April (and 27 April a Sunday); Easter 2027 is 28 March.
    expect([...dutchPublicHolidays(2025)].sort()).toEqual(['2025-01-01', '2025-04-21', '2025-04-26', '2025-05-29', '2025-06-09', '2025-12-25', '2025-12-26']);
    expect([...dutchPublicHolidays(2027)].sort()).toEqual(['2027-01-01', '2027-03-29', '2027-04-27', '2027-05-06', '2027-05-17', '2027-12-25', '2027-12-26']);
  });

  it('count from the moment of hand-over: Thursday plus 2 is Monday, Christmas Eve plus 2 is the 29th', () => {
    expect(addWorkingDays(at('2026-12-03T09:00:00Z'), 2, DEFAULT_TIME_LIMITS).toISOString()).toBe('2026-12-07T09:00:00.000Z');
    expect(addWorkingDays(at('2026-12-24T15:00:00Z'), 2, DEFAULT_TIME_LIMITS).toISOString()).toBe('2026-12-29T15:00:00.000Z');
    // Days are Dutch days: Friday 23:30 UTC is Saturday 00:30 in Amsterdam, one working day later Monday 00:30 there.
    expect(addWorkingDays(at('2026-12-04T23:30:00Z'), 1, DEFAULT_TIME_LIMITS).toISOString()).toBe('2026-12-06T23:30:00.000Z');
  });
});

describe('time limits', () => {
  it('fall due in order and not again once fired', () => {
    expect(dueLimits(facts(), at('2026-12-07T08:59:00Z'), DEFAULT_TIME_LIMITS)).toEqual([]);
    expect(dueLimits(facts(), at('2026-12-07T09:00:00Z'), DEFAULT_TIME_LIMITS)).toEqual(['reminder']);
    expect(dueLimits({ ...facts(), remindedAt: '2026-12-07T09:00:00Z' }, at('2026-12-10T09:00:00Z'), DEFAULT_TIME_LIMITS)).toEqual(['escalation']);
    expect(dueLimits(facts(), at('2026-12-31T09:00:00Z'), DEFAULT_TIME_LIMITS)).toEqual(['reminder', 'escalation', 'no-first-contact']);
  });

  it("follow the region's own limits where it sets them", () => {
    const strict = { ...DEFAULT_TIME_LIMITS, remindAfterWorkingDays: 1, escalateAfterWorkingDays: 2, firstContactWithinWeeks: 2 };
    // Thursday 09:00 plus one working day: Friday 09:00 (the default waits until Monday).
    expect(dueLimits(facts(), at('2026-12-04T09:00:00Z'), strict)).toEqual(['reminder']);
    expect(dueLimits(facts(), at('2026-12-04T09:00:00Z'), DEFAULT_TIME_LIMITS)).toEqual([]);
    expect(dueLimits(facts(), at('2026-12-17T09:00:00Z'), strict)).toEqual(['reminder', 'escalation', 'no-first-contact']);
  });

  it('apply the treeknorm to clients waiting for ggz only, until their ggz need is answered', () => {
    const waiting = facts({ status: 'in-care', stats: { route: 'basic-ggz', ggzHelped: false, waitingSince: '2026-09-01' } });
    expect(dueLimits(waiting, at('2026-12-08T00:00:00Z'), DEFAULT_TIME_LIMITS)).toEqual(['beyond-treeknorm']);
    expect(dueLimits({ ...waiting, stats: { ...waiting.stats, ggzHelped: true } }, at('2026-12-08T00:00:00Z'), DEFAULT_TIME_LIMITS)).toEqual([]);
    expect(dueLimits({ ...waiting, status: 'closed' }, at('2026-12-08T00:00:00Z'), DEFAULT_TIME_LIMITS)).toEqual([]);
  });

  it('run from the referral for one awaiting its netwerkintake: the aanmeldnorm from its receipt, not from the intake', () => {
    const awaiting = facts({ status: 'awaiting-intake', statusChangedAt: '2026-12-20T09:00:00Z', stats: { ggzHelped: false } });
    expect(dueLimits(awaiting, at('2026-12-31T08:58:00Z'), DEFAULT_TIME_LIMITS)).toEqual([]);
    expect(dueLimits(awaiting, at('2026-12-31T08:59:00Z'), DEFAULT_TIME_LIMITS)).toEqual(['no-first-contact']);
  });

  it('never apply to a crisis, which is handed off at once', () => {
    expect(dueLimits(facts({ status: 'crisis-handed-off', stats: { route: 'crisis', ggzHelped: false } }), at('2027-06-01T00:00:00Z'), DEFAULT_TIME_LIMITS)).toEqual([]);
  });
});
