import { gregorianEaster } from 'date-easter';

// The Dutch calendar: what day it is in the Netherlands, and which days are working days. Time
// limits count working days; "today" is the Dutch date, not UTC's.

const TIME_ZONE = 'Europe/Amsterdam';
const DAY_MS = 24 * 60 * 60 * 1000;
const dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', weekday: 'short' });
const clockFormat = new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });

/** The Dutch calendar date of an instant, and whether that day is a Saturday or Sunday. */
function dutchDay(at: Date): { date: string; weekend: boolean } {
  const parts = Object.fromEntries(dayFormat.formatToParts(at).map((part) => [part.type, part.value]));
  return { date: `${parts.year}-${parts.month}-${parts.day}`, weekend: parts.weekday === 'Sat' || parts.weekday === 'Sun' };
}

/** The date it is in the Netherlands at an instant (YYYY-MM-DD): what "today" means to its users. */
export const dutchDate = (at: Date) => dutchDay(at).date;

/** The instant a Dutch date begins (midnight in Amsterdam), e.g. for "waiting since 3 August". */
export const dutchMidnight = (date: string): Date => dutchClockTime(`${date}T00:00:00`);

/**
 * The instant a time on Amsterdam's clocks names ("2026-12-08T09:30:00", no zone). Amsterdam is 1 or
 * 2 hours ahead of UTC; the offset is taken where the same clock reading falls in UTC, which can be
 * an hour off only inside the night of a daylight-saving switch.
 */
export function dutchClockTime(localDateTime: string): Date {
  const asIfUtc = Date.parse(`${localDateTime}Z`);
  const parts = Object.fromEntries(clockFormat.formatToParts(new Date(asIfUtc)).map((part) => [part.type, part.value]));
  const amsterdamClock = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute));
  const offset = amsterdamClock - Math.floor(asIfUtc / 60_000) * 60_000;
  return new Date(asIfUtc - offset);
}

/** Whose public holidays are not working days; the Netherlands' only, so far. */
export const HOLIDAY_CALENDARS = ['NL'] as const;
export type HolidayCalendar = (typeof HOLIDAY_CALENDARS)[number];

const iso = (year: number, month: number, day: number) => `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
const shift = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

const holidayCache = new Map<number, ReadonlySet<string>>();

/**
 * The Dutch public holidays of a year that close offices: Nieuwjaarsdag, Tweede Paasdag,
 * Koningsdag (the 26th when the 27th is a Sunday), Hemelvaartsdag, Tweede Pinksterdag and both
 * Kerstdagen. Goede Vrijdag and Bevrijdingsdag are working days for most; a region that closes
 * then lists them as closed days. Easter Sunday and Whit Sunday are Sundays anyway.
 */
export function dutchPublicHolidays(year: number): ReadonlySet<string> {
  let holidays = holidayCache.get(year);
  if (!holidays) {
    const { month, day } = gregorianEaster(year);
    const easter = iso(year, month, day);
    const kingsDay = new Date(Date.UTC(year, 3, 27)).getUTCDay() === 0 ? iso(year, 4, 26) : iso(year, 4, 27);
    holidays = new Set([iso(year, 1, 1), shift(easter, 1), kingsDay, shift(easter, 39), shift(easter, 50), iso(year, 12, 25), iso(year, 12, 26)]);
    holidayCache.set(year, holidays);
  }
  return holidays;
}

export interface WorkingDayCalendar {
  holidays: HolidayCalendar;
  /** Further days the region's services are closed (YYYY-MM-DD). */
  closedDays: readonly string[];
}

/** Whether a day is a working day in the region: not a weekend, public holiday or closing day. */
export function isWorkingDay(at: Date, calendar: WorkingDayCalendar): boolean {
  const { date, weekend } = dutchDay(at);
  return !weekend && !calendar.closedDays.includes(date) && !dutchPublicHolidays(Number(date.slice(0, 4))).has(date);
}

/** The same time of day `days` working days later (a Saturday's "2 working days" end on Tuesday). */
export function addWorkingDays(from: Date, days: number, calendar: WorkingDayCalendar): Date {
  let at = new Date(from);
  let counted = 0;
  while (counted < days) {
    at = new Date(at.getTime() + DAY_MS);
    if (isWorkingDay(at, calendar)) counted++;
  }
  return at;
}
