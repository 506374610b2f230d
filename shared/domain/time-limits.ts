import Holidays from 'date-holidays';
import type { Referral } from './referral.ts';
import type { ReferralStats } from './referral-stats.ts';
import type { ReferralStatus } from './vocabulary.ts';

// The time limits a referral lives under, from the treeknorm (`001:49-51`, `001:662-684`): the
// contact person acts on a new case within 2 working days (a reminder) or the region hears of it
// after 5; the first contact with the client is within 4 weeks (the aanmeldnorm); a client still
// waiting for ggz after 14 weeks appears on the manager's list. Regions may set their own.

export interface TimeLimitsConfig {
  remindAfterWorkingDays: number;
  escalateAfterWorkingDays: number;
  /** The aanmeldnorm: 4 weeks from referral to first contact. */
  firstContactWithinWeeks: number;
  /** The treeknorm: 14 weeks of waiting for ggz. */
  treeknormWeeks: number;
  /** Whose public holidays are not working days (an ISO country code that date-holidays knows). */
  holidays: string;
  /** Further days the region's services are closed (YYYY-MM-DD). */
  closedDays: string[];
}

export const DEFAULT_TIME_LIMITS: TimeLimitsConfig = {
  remindAfterWorkingDays: 2,
  escalateAfterWorkingDays: 5,
  firstContactWithinWeeks: 4,
  treeknormWeeks: 14,
  holidays: 'NL',
  closedDays: [],
};

export type TimeLimit = 'reminder' | 'escalation' | 'no-first-contact' | 'beyond-treeknorm';

/** The referral attribute that records when a limit fired, so it fires once. */
export const LIMIT_ATTRIBUTE = {
  reminder: 'remindedAt',
  escalation: 'escalatedAt',
  'no-first-contact': 'noFirstContactAt',
  'beyond-treeknorm': 'beyondTreeknormAt',
} as const satisfies Record<TimeLimit, keyof Referral>;

/** Statuses in which the client has not been contacted yet (crisis is handed off, not waiting). */
export const BEFORE_FIRST_CONTACT: readonly ReferralStatus[] = ['received', 'triaged', 'matched', 'notified', 'accepted', 'declined', 'flagged-for-region'];

/** Statuses of an open case in which a client can still be waiting for ggz. */
export const OPEN_CASE: readonly ReferralStatus[] = [...BEFORE_FIRST_CONTACT, 'first-contact', 'in-care'];

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;
const TIME_ZONE = 'Europe/Amsterdam';
const dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', weekday: 'short' });

/** The Dutch calendar date of an instant, and whether that day is a Saturday or Sunday. */
function dutchDay(at: Date): { date: string; weekend: boolean } {
  const parts = Object.fromEntries(dayFormat.formatToParts(at).map((part) => [part.type, part.value]));
  return { date: `${parts.year}-${parts.month}-${parts.day}`, weekend: parts.weekday === 'Sat' || parts.weekday === 'Sun' };
}

/** The date it is in the Netherlands at an instant (YYYY-MM-DD): what "today" means to its users. */
export const dutchDate = (at: Date) => dutchDay(at).date;

const clockFormat = new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });

/** The instant a Dutch date begins (midnight in Amsterdam), e.g. for "waiting since 3 August". */
export function dutchMidnight(date: string): Date {
  const utcMidnight = Date.parse(`${date}T00:00:00Z`);
  const parts = Object.fromEntries(clockFormat.formatToParts(new Date(utcMidnight)).map((part) => [part.type, part.value]));
  // Amsterdam is 1 or 2 hours ahead of UTC: at UTC midnight its clock shows 01:00 or 02:00.
  const offsetMinutes = Number(parts.hour) * 60 + Number(parts.minute);
  return new Date(utcMidnight - offsetMinutes * 60_000);
}

const calendars = new Map<string, Holidays>();

/** Whether a day is a working day in the region: not a weekend, public holiday or closing day. */
export function isWorkingDay(at: Date, config: Pick<TimeLimitsConfig, 'holidays' | 'closedDays'>): boolean {
  const { date, weekend } = dutchDay(at);
  if (weekend || config.closedDays.includes(date)) return false;
  let calendar = calendars.get(config.holidays);
  if (!calendar) {
    calendar = new Holidays(config.holidays, { types: ['public'] });
    calendars.set(config.holidays, calendar);
  }
  const holidays = calendar.isHoliday(new Date(`${date}T12:00:00Z`));
  return !(holidays && holidays.some((holiday) => holiday.type === 'public'));
}

/** The same time of day `days` working days later (a Saturday's "2 working days" end on Tuesday). */
export function addWorkingDays(from: Date, days: number, config: Pick<TimeLimitsConfig, 'holidays' | 'closedDays'>): Date {
  let at = new Date(from);
  let counted = 0;
  while (counted < days) {
    at = new Date(at.getTime() + 24 * 60 * 60 * 1000);
    if (isWorkingDay(at, config)) counted++;
  }
  return at;
}

/** What the deadlines depend on: the referral's status and its counted facts (also in the indexes). */
export type DeadlineFacts = Pick<Referral, 'status' | 'statusChangedAt' | 'createdAt'> & { stats: Pick<ReferralStats, 'route' | 'waitingSince' | 'ggzHelped'> };

/** When each limit falls due for this referral as it is now; absent when it does not apply. */
export function deadlines(referral: DeadlineFacts, config: TimeLimitsConfig): Partial<Record<TimeLimit, Date>> {
  const result: Partial<Record<TimeLimit, Date>> = {};
  if (referral.status === 'notified') {
    // Counted from the hand-over to the current contact person (a new one after a decline starts afresh).
    const notifiedAt = new Date(referral.statusChangedAt);
    result.reminder = addWorkingDays(notifiedAt, config.remindAfterWorkingDays, config);
    result.escalation = addWorkingDays(notifiedAt, config.escalateAfterWorkingDays, config);
  }
  const { route, waitingSince: since, ggzHelped } = referral.stats;
  if (BEFORE_FIRST_CONTACT.includes(referral.status) && route !== 'crisis') {
    result['no-first-contact'] = new Date(Date.parse(referral.createdAt) + config.firstContactWithinWeeks * WEEK_MS);
  }
  if (since && OPEN_CASE.includes(referral.status) && route !== 'crisis' && !ggzHelped) {
    result['beyond-treeknorm'] = new Date(dutchMidnight(since).getTime() + config.treeknormWeeks * WEEK_MS);
  }
  return result;
}

/** The limits that have passed by `now` and not fired yet: what the time-limits run acts on. */
export function dueLimits(referral: DeadlineFacts & Partial<Pick<Referral, (typeof LIMIT_ATTRIBUTE)[TimeLimit]>>, now: Date, config: TimeLimitsConfig): TimeLimit[] {
  return (Object.entries(deadlines(referral, config)) as [TimeLimit, Date][])
    .filter(([limit, due]) => due.getTime() <= now.getTime() && !referral[LIMIT_ATTRIBUTE[limit]])
    .map(([limit]) => limit);
}

/** The limits that have passed by `now`, fired or not: what the inbox marks as overdue. */
export function passedLimits(referral: DeadlineFacts, now: Date, config: TimeLimitsConfig): TimeLimit[] {
  return (Object.entries(deadlines(referral, config)) as [TimeLimit, Date][]).filter(([, due]) => due.getTime() <= now.getTime()).map(([limit]) => limit);
}
