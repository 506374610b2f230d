import { ROUTE_KEYS } from '../access/policy.ts';
import { AUDIT_OUTCOMES, type AuditFilter } from '../domain/access-audit.ts';
import { addCalendarDays, isCalendarDate } from '../domain/calendar-date.ts';
import { CASE_NUMBER } from '../domain/case-number.ts';
import { dutchDate, dutchMidnight } from '../domain/dutch-calendar.ts';
import type { FieldError } from '../domain/field-error.ts';
import type { AuditListQuery, AuditPeriod } from '../pipeline/access-audit.ts';
import { decodeCursor } from './cursor.ts';
import { REFERRAL_ID } from './request.ts';

// The query strings of GET /access-log and GET /access-log/signals (docs/api.md), checked field by
// field: what the privacy officer's use case gets is valid, or the caller hears what is not.

const DAY_MS = 24 * 60 * 60 * 1000;
/** Without `from`: the 30 days up to `to` (today by default). */
const DEFAULT_PERIOD_DAYS = 30;
/** Signals look at most at this many days: enough for a region's quarter. */
export const MAX_SIGNAL_PERIOD_DAYS = 92;
const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 200;
const MAX_TEXT = 128;
/** The key parts of a page of the access log's by-region index (table, index key, sort key): what a cursor carries. */
export const ACCESS_LOG_CURSOR_PARTS = ['regionId', 'accessId', 'referralId'] as const;

type Query = Record<string, string | undefined>;

/** Dates the log can hold: a year of four digits on either side, so the day after `to` is one too. */
const isLogDate = (value: string) => isCalendarDate(value) && value >= '2000-01-01' && value <= '2999-12-31';
const DATE_MESSAGE = 'Must be a date of the calendar as YYYY-MM-DD, from 2000 to 2999';

/** The period of the query, Europe/Amsterdam days: `from` 00:00 up to the end of `to`. */
function periodOf(query: Query, maxDays: number | undefined, errors: FieldError[], now: Date): AuditPeriod | undefined {
  const to = query.to ?? dutchDate(now);
  if (!isLogDate(to)) {
    errors.push({ path: 'to', message: DATE_MESSAGE });
    return undefined;
  }
  const from = query.from ?? addCalendarDays(to, -(DEFAULT_PERIOD_DAYS - 1));
  if (!isLogDate(from)) {
    errors.push({ path: 'from', message: DATE_MESSAGE });
    return undefined;
  }
  if (from > to) {
    errors.push({ path: 'from', message: 'Must not be after to' });
    return undefined;
  }
  if (maxDays !== undefined && Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`) >= maxDays * DAY_MS) {
    errors.push({ path: 'to', message: `The period is at most ${maxDays} days` });
    return undefined;
  }
  return { from, to, since: dutchMidnight(from).toISOString(), until: dutchMidnight(addCalendarDays(to, 1)).toISOString() };
}

function text(query: Query, name: string, errors: FieldError[]): string | undefined {
  const value = query[name]?.trim();
  if (value === undefined) return undefined;
  if (!value.length || value.length > MAX_TEXT) errors.push({ path: name, message: `Must be 1 to ${MAX_TEXT} characters` });
  return value;
}

type Parsed<T> = { query: T; errors?: undefined } | { errors: FieldError[] };

/** GET /access-log/signals: a period of at most 92 days. */
export function parseSignalsQuery(query: Query, now: Date): Parsed<AuditPeriod> {
  const errors: FieldError[] = [];
  const period = periodOf(query, MAX_SIGNAL_PERIOD_DAYS, errors, now);
  return period && !errors.length ? { query: period } : { errors };
}

/** GET /access-log: the period, the filters, a page size and the cursor of an earlier page of the same region and period. */
export function parseAuditQuery(query: Query, regionId: string, now: Date): Parsed<AuditListQuery> {
  const errors: FieldError[] = [];
  const period = periodOf(query, undefined, errors, now);
  const referralId = text(query, 'referralId', errors);
  if (referralId !== undefined && !REFERRAL_ID.test(referralId)) errors.push({ path: 'referralId', message: 'Must be a referral id (a UUID)' });
  const caseNumber = text(query, 'caseNumber', errors)?.toUpperCase();
  if (caseNumber !== undefined && !CASE_NUMBER.test(caseNumber)) errors.push({ path: 'caseNumber', message: 'Must be a case number such as RV-2026-00412' });
  const clientRef = text(query, 'clientRef', errors);
  const person = text(query, 'person', errors);
  const organisation = text(query, 'organisation', errors);
  const route = text(query, 'route', errors);
  if (route !== undefined && !(ROUTE_KEYS as string[]).includes(route)) errors.push({ path: 'route', message: 'Must be a route of the API, such as GET /referrals/{referralId}' });
  const outcome = query.outcome;
  if (outcome !== undefined && !(AUDIT_OUTCOMES as readonly string[]).includes(outcome)) errors.push({ path: 'outcome', message: 'Must be allowed or denied' });
  const limit = Number(query.limit ?? DEFAULT_LIMIT);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) errors.push({ path: 'limit', message: `Must be a whole number from 1 to ${MAX_LIMIT}` });
  const cursor = query.cursor === undefined ? undefined : decodeCursor(query.cursor, ACCESS_LOG_CURSOR_PARTS);
  // A cursor only ever continues a list of the caller's region, inside the period asked.
  if (
    cursor === null ||
    (cursor && (cursor.regionId !== regionId || (period && (cursor.accessId! < period.since || cursor.accessId! > `${period.until}#`))))
  ) {
    errors.push({ path: 'cursor', message: 'Must be the cursor of an earlier answer for the same period' });
  }
  if (!period || errors.length) return { errors };
  const filter: AuditFilter = {
    ...(referralId ? { referralId } : {}),
    ...(person ? { person } : {}),
    ...(organisation ? { organisation } : {}),
    ...(route ? { route } : {}),
    ...(outcome ? { outcome: outcome as AuditFilter['outcome'] } : {}),
  };
  return { query: { period, filter, ...(caseNumber ? { caseNumber } : {}), ...(clientRef ? { clientRef } : {}), limit, ...(cursor ? { cursor } : {}) } };
}
