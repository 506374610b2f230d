import { AccessLog, NO_REFERRAL, type AccessRecord } from '#shared/adapters/access-log.ts';
import { documentClient } from '#shared/adapters/aws-clients.ts';
import { ReferralStore } from '#shared/adapters/referral-store.ts';
import { tableName } from '#shared/config.ts';
import { parseAuditQuery, parseSignalsQuery } from '#shared/http/access-log-query.ts';
import { authorize } from '#shared/http/auth.ts';
import { encodeCursor } from '#shared/http/cursor.ts';
import { httpHandler } from '#shared/http/http-handler.ts';
import { invalidBody } from '#shared/http/request.ts';
import { json } from '#shared/http/responses.ts';
import { readAccessLog, readSignals, type AccessAuditDeps } from '#shared/pipeline/access-audit.ts';

// This function may query the access log's by-region index and append its own entries, and query
// the referrals table's by-client and by-region indexes (ids only): see the topology and the stack's grants.
const accessLog = new AccessLog(documentClient(), tableName('access-log'));
const referrals = new ReferralStore(documentClient(), tableName('referrals'));

/**
 * GET /access-log: the region's access log for its privacy officer, newest first, filtered and
 * paged (docs/api.md). `clientRef` lists every read of any referral of that client (AVG art. 15),
 * `caseNumber` every read of one case. GET /access-log/signals: what is worth a look in a period.
 * Every use is itself in the log.
 */
export const handler = httpHandler(async (event) => {
  const auth = await authorize(event);
  if ('denied' in auth) return auth.denied;
  const { access } = auth;
  const regionId = access.caller.regionId!;
  const query = event.queryStringParameters ?? {};
  const deps: AccessAuditDeps = {
    accessLog,
    referrals,
    recordOwnUse: async (action, referralIds, asked) => {
      const entries: AccessRecord[] = (referralIds.length ? referralIds : [NO_REFERRAL]).map((referralId) => ({
        ...AccessLog.entry(event, access, referralId, action, 'shown', regionId),
        query: asked,
      }));
      await accessLog.recordAll(entries);
    },
  };

  if (access.route === 'GET /access-log/signals') {
    const parsed = parseSignalsQuery(query, new Date());
    if (parsed.errors) return invalidBody(parsed.errors, 'The query is invalid.');
    return json(200, await readSignals(deps, regionId, parsed.query));
  }
  const parsed = parseAuditQuery(query, regionId, new Date());
  if (parsed.errors) return invalidBody(parsed.errors, 'The query is invalid.');
  const page = await readAccessLog(deps, regionId, parsed.query);
  return json(200, { items: page.items, cursor: page.cursor ? encodeCursor(page.cursor) : null });
});
