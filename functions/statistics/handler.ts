import { AccessLog } from '#shared/adapters/access-log.ts';
import { documentClient } from '#shared/adapters/aws-clients.ts';
import { SocialeKaartStore } from '#shared/adapters/sociale-kaart-store.ts';
import { StatisticsStore } from '#shared/adapters/statistics-store.ts';
import { tableName } from '#shared/config.ts';
import { checkStatisticsQuery } from '#shared/domain/calendar-date.ts';
import { dutchDate } from '#shared/domain/dutch-calendar.ts';
import { freshnessState } from '#shared/domain/freshness.ts';
import { authorize } from '#shared/http/auth.ts';
import { httpHandler } from '#shared/http/http-handler.ts';
import { invalidBody } from '#shared/http/request.ts';
import { json } from '#shared/http/responses.ts';
import { regionById, timeLimitsOf } from '#shared/regions/index.ts';
import { regionStatistics, treeknormList } from '#shared/pipeline/statistics.ts';

// This function reads the referrals table through its by-region index (one day at a time) and its
// by-status index (the treeknorm list's open cases) only, see the topology and the stack's grants: it
// cannot read a client record, only the counted facts. What it counted per day and per month it
// keeps in statistics-days.
const store = new StatisticsStore(documentClient(), { days: tableName('statistics-days'), referrals: tableName('referrals') });
const kaart = new SocialeKaartStore(documentClient(), tableName('sociale-kaart'));
const accessLog = new AccessLog(documentClient(), tableName('access-log'));

/**
 * GET /statistics: routing statistics of the manager's region for a period (`from`, `to`,
 * default the last 12 weeks up to today; counted in whole weeks or months, ending today at the
 * latest) and optionally one `gemeente`; counts under 5 shown as "<5".
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

  if (access.route === 'GET /statistics/beyond-treeknorm') {
    const cases = await treeknormList(store, regionId, now, limits.treeknormWeeks);
    // Case-level rows (a case number and its contact person): each case shown is in the access log.
    await accessLog.recordAll(cases.map((item) => AccessLog.entry(event, access, item.referralId, 'list-beyond-treeknorm')));
    return json(200, { treeknormWeeks: limits.treeknormWeeks, items: cases });
  }

  const gemeenten = region.gemeenten.map((gemeente) => gemeente.name);
  // The one check of the API and the web app (shared/domain/calendar-date.ts).
  const query = checkStatisticsQuery(event.queryStringParameters ?? {}, { today: dutchDate(now), gemeenten });
  if (query.errors.length) return invalidBody(query.errors, 'De vraag om cijfers klopt niet.');

  const services = kaart.listRegion(regionId).then((listed) =>
    listed.map((service) => ({
      serviceId: service.serviceId,
      name: service.name,
      organisation: service.organisation,
      gemeenten: service.area.gemeenten,
      capacity: service.capacity,
      placesTaken: service.placesTaken,
      waitingWeeks: service.waitingWeeks,
      freshness: freshnessState(service.lastVerified, now, triageRules.matching.freshness).state,
      active: service.active,
    })),
  );
  const figures = await regionStatistics(
    { days: store },
    { regionId, from: query.from, to: query.to, ...(query.gemeente ? { gemeente: query.gemeente } : {}), now, gemeenten, treeknormWeeks: limits.treeknormWeeks, firstContactWithinWeeks: limits.firstContactWithinWeeks },
    services,
  );
  return json(200, { region: { id: region.regionId, name: region.name, fictional: region.fictional, gemeenten }, ...figures });
});
