import { AccessLog } from '#shared/adapters/access-log.ts';
import { documentClient } from '#shared/adapters/aws-clients.ts';
import { ReferralStore } from '#shared/adapters/referral-store.ts';
import { SocialeKaartStore } from '#shared/adapters/sociale-kaart-store.ts';
import { tableName } from '#shared/config.ts';
import { freshnessState } from '#shared/domain/freshness.ts';
import { periodProblems, type PeriodProblem } from '#shared/domain/calendar-date.ts';
import { dutchDate } from '#shared/domain/dutch-calendar.ts';
import { beyondTreeknorm, statistics, type CountedReferral } from '#shared/domain/statistics.ts';
import { authorize } from '#shared/http/auth.ts';
import { httpHandler } from '#shared/http/http-handler.ts';
import { invalidBody } from '#shared/http/request.ts';
import { json } from '#shared/http/responses.ts';
import { regionById, timeLimitsOf } from '#shared/regions/index.ts';

// This function may query the referrals table's by-region index only (see the topology and the
// stack's grants): it cannot read a client record, only the counted facts.
const referrals = new ReferralStore(documentClient(), tableName('referrals'));
const kaart = new SocialeKaartStore(documentClient(), tableName('sociale-kaart'));
const accessLog = new AccessLog(documentClient(), tableName('access-log'));

const DAY_MS = 24 * 60 * 60 * 1000;
const PERIOD_MESSAGES: Record<PeriodProblem, string> = {
  'not-a-date': 'Must be a date of the calendar as YYYY-MM-DD',
  'after-to': 'Must not be after to',
  'too-long': 'The period is at most three years',
};

/**
 * GET /statistics: routing statistics of the manager's region for a period (`from`, `to`,
 * default the last 12 weeks up to today; counted in whole weeks or months, ending today at the
 * latest) and optionally one `gemeente`;
 * counts under 5 shown as "<5".
 * GET /statistics/beyond-treeknorm: the open cases waiting for ggz longer than the treeknorm,
 * by case number only.
 */
export const handler = httpHandler(async (event) => {
  const auth = await authorize(event);
  if ('denied' in auth) return auth.denied;
  const { access } = auth;
  const regionId = access.caller.regionId!;
  const { region, triageRules } = regionById(regionId);
  const limits = timeLimitsOf(regionId);
  const now = new Date();
  const items: CountedReferral[] = (await referrals.ofRegion(regionId)).flatMap((item) => (item.stats ? [{ ...item, stats: item.stats }] : []));

  if (access.route === 'GET /statistics/beyond-treeknorm') {
    const cases = beyondTreeknorm(items, now, limits.treeknormWeeks);
    // Case-level rows (a case number and its contact person): each case shown is in the access log.
    await accessLog.recordAll(cases.map((item) => AccessLog.entry(event, access, item.referralId, 'list-beyond-treeknorm')));
    return json(200, { treeknormWeeks: limits.treeknormWeeks, items: cases });
  }

  const query = event.queryStringParameters ?? {};
  const to = query.to ?? dutchDate(now);
  // The last 12 weeks: the week of `to` and the 11 before it (counted from their Mondays).
  const toTime = Date.parse(`${to}T00:00:00Z`);
  const from = query.from ?? (Number.isNaN(toTime) ? '' : new Date(toTime - 11 * 7 * DAY_MS).toISOString().slice(0, 10));
  // One validation for the API and the web app (shared/domain/calendar-date.ts): `2026-02-30` is no date.
  const problems = periodProblems(from, to);
  // A default `from` is only wrong because `to` is: that is the one to name.
  if (query.from === undefined && problems.to === 'not-a-date') delete problems.from;
  const errors = [
    ...(Object.entries(problems) as ['from' | 'to', PeriodProblem][]).map(([path, problem]) => ({ path, message: PERIOD_MESSAGES[problem] })),
    ...(query.gemeente && !region.gemeenten.some((gemeente) => gemeente.name === query.gemeente)
      ? [{ path: 'gemeente', message: `Must be one of ${region.gemeenten.map((gemeente) => gemeente.name).join(', ')}` }]
      : []),
  ];
  if (errors.length) return invalidBody(errors, 'The query is invalid.');

  const services = (await kaart.listRegion(regionId)).map((service) => ({
    serviceId: service.serviceId,
    name: service.name,
    organisation: service.organisation,
    gemeenten: service.area.gemeenten,
    capacity: service.capacity,
    placesTaken: service.placesTaken,
    waitingWeeks: service.waitingWeeks,
    freshness: freshnessState(service.lastVerified, now, triageRules.matching.freshness).state,
    active: service.active,
  }));
  return json(200, {
    region: { id: region.regionId, name: region.name, fictional: region.fictional, gemeenten: region.gemeenten.map((gemeente) => gemeente.name) },
    ...statistics(items, services, {
      from,
      to,
      ...(query.gemeente ? { gemeente: query.gemeente } : {}),
      now,
      gemeenten: region.gemeenten.map((gemeente) => gemeente.name),
      treeknormWeeks: limits.treeknormWeeks,
      firstContactWithinWeeks: limits.firstContactWithinWeeks,
    }),
  });
});
