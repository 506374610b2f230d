import { ACCESS_LOG_KEY_PARTS, AccessLog, NO_REFERRAL, type AccessRecord, type StoredAccessRecord } from '#shared/adapters/access-log.ts';
import { documentClient } from '#shared/adapters/aws-clients.ts';
import { clientKeyOf } from '#shared/adapters/open-needs.ts';
import { ReferralStore } from '#shared/adapters/referral-store.ts';
import { tableName } from '#shared/config.ts';
import { ROUTE_KEYS } from '#shared/access/policy.ts';
import { accessSignals, auditItem, matchesFilter, SIGNAL_THRESHOLDS, AUDIT_OUTCOMES, type AuditFilter, type AuditItem } from '#shared/domain/access-audit.ts';
import { isCalendarDate } from '#shared/domain/calendar-date.ts';
import { dutchDate, dutchMidnight } from '#shared/domain/dutch-calendar.ts';
import { authorize, type Access } from '#shared/http/auth.ts';
import { decodeCursor, encodeCursor } from '#shared/http/cursor.ts';
import { httpHandler } from '#shared/http/http-handler.ts';
import { invalidBody, REFERRAL_ID } from '#shared/http/request.ts';
import { json } from '#shared/http/responses.ts';
import type { FieldError } from '#shared/http/responses.ts';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';

// This function may query the access log's by-region index and append its own entries, and query
// the referrals table's by-client index (ids only): see the topology and the stack's grants.
const accessLog = new AccessLog(documentClient(), tableName('access-log'));
const referrals = new ReferralStore(documentClient(), tableName('referrals'));

const DAY_MS = 24 * 60 * 60 * 1000;
/** Without `from`: the 30 days up to `to` (today by default). */
const DEFAULT_PERIOD_DAYS = 30;
/** Signals look at most at this many days, and this many entries: enough for a region's month. */
const MAX_SIGNAL_PERIOD_DAYS = 92;
const MAX_SIGNAL_ENTRIES = 50_000;
/** One page of the list reads at most this many entries of the index before it answers with what it found and a cursor. */
const MAX_SCANNED = 5_000;
const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 200;
const MAX_TEXT = 128;

interface Period {
  from: string;
  to: string;
  since: string;
  until: string;
}

/** Dates the log can hold: a year of four digits on either side, so the day after `to` is one too. */
const isLogDate = (value: string) => isCalendarDate(value) && value >= '2000-01-01' && value <= '2999-12-31';
const DATE_MESSAGE = 'Must be a date of the calendar as YYYY-MM-DD, from 2000 to 2999';

/** The period of the query, Europe/Amsterdam days: `from` 00:00 up to the end of `to`. */
function periodOf(query: Record<string, string | undefined>, maxDays: number | undefined, errors: FieldError[]): Period | undefined {
  const to = query.to ?? dutchDate(new Date());
  if (!isLogDate(to)) {
    errors.push({ path: 'to', message: DATE_MESSAGE });
    return undefined;
  }
  const from = query.from ?? new Date(Date.parse(`${to}T00:00:00Z`) - (DEFAULT_PERIOD_DAYS - 1) * DAY_MS).toISOString().slice(0, 10);
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
  const dayAfter = new Date(Date.parse(`${to}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
  return { from, to, since: dutchMidnight(from).toISOString(), until: dutchMidnight(dayAfter).toISOString() };
}

const text = (query: Record<string, string | undefined>, name: string, errors: FieldError[]) => {
  const value = query[name]?.trim();
  if (value === undefined) return undefined;
  if (!value.length || value.length > MAX_TEXT) errors.push({ path: name, message: `Must be 1 to ${MAX_TEXT} characters` });
  return value;
};

/** The privacy officer's use of the log, logged before the answer goes out: one entry per case they looked into, or one for the list. */
async function logOwnUse(event: APIGatewayProxyEventV2, access: Access, action: 'audit-read' | 'audit-signals', referralIds: string[], query: Record<string, string>) {
  const entries: AccessRecord[] = (referralIds.length ? referralIds : [NO_REFERRAL]).map((referralId) => ({
    ...AccessLog.entry(event, access, referralId, action, 'shown', access.caller.regionId),
    query,
  }));
  await accessLog.recordAll(entries);
}

/**
 * GET /access-log: the region's access log for its privacy officer, newest first, filtered and
 * paged (docs/api.md). `clientRef` lists every read of any referral of that client (AVG art. 15).
 * GET /access-log/signals: what is worth a look in a period. Every use is itself in the log.
 */
export const handler = httpHandler(async (event) => {
  const auth = await authorize(event);
  if ('denied' in auth) return auth.denied;
  const { access } = auth;
  const regionId = access.caller.regionId!;
  const query = event.queryStringParameters ?? {};
  const errors: FieldError[] = [];

  if (access.route === 'GET /access-log/signals') {
    const period = periodOf(query, MAX_SIGNAL_PERIOD_DAYS, errors);
    if (!period || errors.length) return invalidBody(errors, 'The query is invalid.');
    const entries: StoredAccessRecord[] = [];
    let truncated = false;
    for await (const page of accessLog.ofRegion(regionId, period)) {
      entries.push(...page.items);
      if (entries.length >= MAX_SIGNAL_ENTRIES) {
        truncated = page.lastKey !== undefined;
        break;
      }
    }
    await logOwnUse(event, access, 'audit-signals', [], { from: period.from, to: period.to });
    return json(200, { from: period.from, to: period.to, thresholds: SIGNAL_THRESHOLDS, signals: accessSignals(entries), ...(truncated ? { truncated: true } : {}) });
  }

  const period = periodOf(query, undefined, errors);
  const referralId = text(query, 'referralId', errors);
  if (referralId !== undefined && !REFERRAL_ID.test(referralId)) errors.push({ path: 'referralId', message: 'Must be a referral id (a UUID)' });
  const clientRef = text(query, 'clientRef', errors);
  const person = text(query, 'person', errors);
  const organisation = text(query, 'organisation', errors);
  const route = text(query, 'route', errors);
  if (route !== undefined && !(ROUTE_KEYS as string[]).includes(route)) errors.push({ path: 'route', message: 'Must be a route of the API, such as GET /referrals/{referralId}' });
  const outcome = query.outcome;
  if (outcome !== undefined && !(AUDIT_OUTCOMES as readonly string[]).includes(outcome)) errors.push({ path: 'outcome', message: 'Must be allowed or denied' });
  const limit = Number(query.limit ?? DEFAULT_LIMIT);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) errors.push({ path: 'limit', message: `Must be a whole number from 1 to ${MAX_LIMIT}` });
  const cursor = query.cursor === undefined ? undefined : decodeCursor(query.cursor, ACCESS_LOG_KEY_PARTS);
  // A cursor only ever continues a list of the caller's region, inside the period asked.
  if (
    cursor === null ||
    (cursor && (cursor.regionId !== regionId || (period && (cursor.accessId! < period.since || cursor.accessId! > `${period.until}#`))))
  ) {
    errors.push({ path: 'cursor', message: 'Must be the cursor of an earlier answer for the same period' });
  }
  if (!period || errors.length) return invalidBody(errors, 'The query is invalid.');

  // A client's referrals in this region (their client reference is keyed with the region): every read of any of them.
  const clientReferrals = clientRef === undefined ? undefined : (await referrals.casesOfClient(clientKeyOf(regionId, clientRef))).map((item) => item.referralId);
  const filter: AuditFilter = {
    ...(referralId ? { referralId } : {}),
    ...(clientReferrals ? { referralIds: new Set(clientReferrals) } : {}),
    ...(person ? { person } : {}),
    ...(organisation ? { organisation } : {}),
    ...(route ? { route } : {}),
    ...(outcome ? { outcome: outcome as AuditFilter['outcome'] } : {}),
  };

  const items: AuditItem[] = [];
  let next: Record<string, string> | undefined;
  if (!clientReferrals || clientReferrals.length) {
    let scanned = 0;
    pages: for await (const page of accessLog.ofRegion(regionId, period, cursor ?? undefined)) {
      for (const entry of page.items) {
        scanned++;
        if (!matchesFilter(entry, filter)) continue;
        items.push(auditItem(entry));
        if (items.length === limit) {
          next = { regionId: entry.regionId, accessId: entry.accessId, referralId: entry.referralId };
          break pages;
        }
      }
      if (scanned >= MAX_SCANNED) {
        next = page.lastKey;
        break;
      }
    }
  }

  // What the officer asked, without the client reference itself (client data stays out of the log).
  const asked = Object.fromEntries(
    Object.entries({ from: period.from, to: period.to, referralId, person, organisation, route, outcome, clientRef: clientRef === undefined ? undefined : 'given' }).filter(
      (pair): pair is [string, string] => pair[1] !== undefined,
    ),
  );
  await logOwnUse(event, access, 'audit-read', clientReferrals ?? (referralId ? [referralId] : []), asked);
  return json(200, { items, cursor: next ? encodeCursor(next) : null });
});
