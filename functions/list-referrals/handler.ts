import { inCallersRegion } from '#shared/access/visibility.ts';
import { AccessLog } from '#shared/adapters/access-log.ts';
import { documentClient } from '#shared/adapters/aws-clients.ts';
import { ReferralStore } from '#shared/adapters/referral-store.ts';
import { tableName } from '#shared/config.ts';
import { parseCaseSearch } from '#shared/domain/case-number.ts';
import { DESK_FILTERS, type DeskFilter } from '#shared/domain/desk.ts';
import { inboxOrder, summaryOf } from '#shared/domain/referral-summary.ts';
import { CLOSED_STATUSES, REFERRAL_STATUSES } from '#shared/domain/vocabulary.ts';
import { authorize } from '#shared/http/auth.ts';
import { decodeCursor, encodeCursor } from '#shared/http/cursor.ts';
import { httpHandler } from '#shared/http/http-handler.ts';
import { invalidBody } from '#shared/http/request.ts';
import { json } from '#shared/http/responses.ts';
import { readDesk } from '#shared/pipeline/desk-list.ts';
import { timeLimitsOf } from '#shared/regions/index.ts';

const referrals = new ReferralStore(documentClient(), tableName('referrals'));
const accessLog = new AccessLog(documentClient(), tableName('access-log'));

const OPEN = REFERRAL_STATUSES.filter((status) => !CLOSED_STATUSES.includes(status));
/** A contact person's caseload is at most a few dozen; an inbox reads all of it and sorts it. */
const INBOX_MAX = 500;

/**
 * GET /referrals: a verwijzer's referrals of their organisation, newest first, page by page; a
 * cliëntondersteuner's inbox of the cases assigned to them, what waits for a reaction first, then
 * the most urgent, with the passed time limits marked. `state=open|closed|all`; `q` finds a case
 * by its case number (whole, or its last digits) or the start of its client reference. The
 * coordinator's desk (`status=flagged-for-region|escalated`, both without it): the region's cases
 * that wait for the coordinator, the manager's escalations first, then the longest waiting.
 */
export const handler = httpHandler(async (event) => {
  const auth = await authorize(event);
  if ('denied' in auth) return auth.denied;
  const { access } = auth;
  const query = event.queryStringParameters ?? {};
  // The coordinator's desk: `status=flagged-for-region|escalated`, both without it; read whole.
  if (access.scope === 'region-desk') {
    const status = query.status;
    const deskErrors = [
      ...(status === undefined || (DESK_FILTERS as readonly string[]).includes(status) ? [] : [{ path: 'status', message: `Must be ${DESK_FILTERS.join(' or ')}` }]),
      ...Object.keys(query)
        .filter((name) => name !== 'status')
        .map((name) => ({ path: name.slice(0, 64), message: "The coordinator's desk is read whole: it takes only status" })),
    ];
    if (deskErrors.length) return invalidBody(deskErrors, 'The query is invalid.');
    const desk = await readDesk(referrals, access.caller.regionId!, status as DeskFilter | undefined);
    // Each line shows a case of a client: one entry per case shown.
    await accessLog.recordAll(desk.items.map((line) => AccessLog.entry(event, access, line.referralId, 'list-desk')));
    return json(200, { items: desk.items, ...(desk.truncated ? { truncated: true } : {}) });
  }
  if (query.status !== undefined) return invalidBody([{ path: 'status', message: "Filters the coordinator's desk only; use state" }], 'The query is invalid.');
  const state = query.state ?? 'open';
  const limit = Number(query.limit ?? 50);
  const q = query.q?.trim();
  const errors = [
    ...(['open', 'closed', 'all'].includes(state) ? [] : [{ path: 'state', message: 'Must be open, closed or all' }]),
    ...(q === undefined || (q.length >= 1 && q.length <= 64) ? [] : [{ path: 'q', message: 'Must be 1 to 64 characters: a case number, its last digits, or the start of a client reference' }]),
    ...(Number.isInteger(limit) && limit >= 1 && limit <= 100 ? [] : [{ path: 'limit', message: 'Must be a whole number from 1 to 100' }]),
  ];
  // The key of a referrer's page (shared/adapters/referral-store.ts): the referral, its organisation, its time.
  const cursor = query.cursor === undefined ? undefined : decodeCursor(query.cursor, ['referralId', 'referrerOrganisationId', 'createdAt']);
  // A cursor only ever continues the caller's own list.
  if (cursor === null || (cursor && cursor.referrerOrganisationId !== access.caller.organisationId)) errors.push({ path: 'cursor', message: 'Must be the cursor of an earlier answer' });
  if (errors.length) return invalidBody(errors, 'The query is invalid.');
  const statuses = state === 'open' ? OPEN : state === 'closed' ? CLOSED_STATUSES : undefined;
  const filter = { ...(statuses ? { statuses } : {}), ...(q ? { search: parseCaseSearch(q) } : {}) };

  const now = new Date();
  const inbox = access.scope === 'assigned-cases';
  const page = inbox
    ? await referrals.page('by-contact-person', access.caller.contactPersonId!, { limit: INBOX_MAX, ...filter })
    : await referrals.page('by-organisation', access.caller.organisationId!, { limit, ...(cursor ? { cursor } : {}), ...filter });
  // An account of one region sees that region's cases only, whatever organisation id it carries.
  const items = page.items.filter((item) => inCallersRegion(access, item.regionId));
  const next = page.cursor;
  const summaries = items.map((item) => summaryOf(item, timeLimitsOf(item.regionId), now));
  if (inbox) summaries.sort(inboxOrder);
  // Each line shows a case (most with a client reference): a read of that client's record by a person, one entry per case shown.
  await accessLog.recordAll(items.map((item) => AccessLog.entry(event, access, item.referralId, inbox ? 'list-cases' : 'list-referrals', 'shown', item.regionId)));
  // An inbox is read whole; past INBOX_MAX cases (far beyond any caseload) it says it is cut short.
  return json(200, { items: summaries, ...(next && !inbox ? { cursor: encodeCursor(next) } : {}), ...(next && inbox ? { truncated: true } : {}) });
});
