import { documentClient } from '#shared/adapters/aws-clients.ts';
import { CrosswalkStore } from '#shared/adapters/crosswalk-store.ts';
import { KaartHistory } from '#shared/adapters/kaart-history.ts';
import { SocialeKaartStore, type KaartItem } from '#shared/adapters/sociale-kaart-store.ts';
import { inCallersRegion } from '#shared/access/visibility.ts';
import type { Access } from '#shared/http/auth.ts';
import { tableName } from '#shared/config.ts';
import type { FreshnessState } from '#shared/domain/freshness.ts';
import { KaartContactUpdateSchema } from '#shared/domain/kaart-contact.ts';
import { AvailabilityUpdateSchema, ServiceSchema } from '#shared/domain/sociale-kaart.ts';
import { kaartEntryView } from '#shared/domain/kaart-view.ts';
import { authorize } from '#shared/http/auth.ts';
import { httpHandler } from '#shared/http/http-handler.ts';
import { invalidBody, readJsonBody } from '#shared/http/request.ts';
import { json, notFound } from '#shared/http/responses.ts';
import { CrosswalkSchema, type Crosswalk, type CrosswalkInput } from '#shared/kaart/hsds/crosswalk.ts';
import { checkCrosswalkAreas, HsdsInputError, importHsds, type HsdsImportInput } from '#shared/kaart/hsds/import.ts';
import { CROSSWALK_ID, ImportRequestSchema, MAX_IMPORT_BYTES, PREVIEW_FIELDS } from '#shared/kaart/hsds/import-request.ts';
import { logger } from '#shared/powertools.ts';
import { regionById } from '#shared/regions/index.ts';

const kaart = new SocialeKaartStore(documentClient(), tableName('sociale-kaart'));
const history = new KaartHistory(documentClient(), tableName('kaart-history'));
const crosswalks = new CrosswalkStore(documentClient(), tableName('kaart-crosswalks'));

/** A crosswalk may hold many rules; far less than a kaart. */
const MAX_CROSSWALK_BYTES = 512 * 1024;

const FRESHNESS_STATES: FreshnessState[] = ['fresh', 'ranked-down', 'excluded'];

const freshnessRules = (regionId: string) => regionById(regionId).triageRules.matching.freshness;

/** The services the caller keeps: the region's for a beheerder, the organisation's for a partner. */
async function servicesOf(access: Access): Promise<KaartItem[]> {
  if (access.scope === 'region-kaart') return kaart.listRegion(access.caller.regionId!);
  return kaart.listOrganisation(access.caller.organisationId!, access.caller.regionId);
}

/** One service, if it is the caller's to see here; otherwise as if it did not exist. */
async function serviceFor(access: Access, serviceId: string): Promise<KaartItem | undefined> {
  // An id no service can have is not looked up (an empty or 3 KB key is DynamoDB's ValidationException).
  if (!ServiceSchema.shape.serviceId.safeParse(serviceId).success) return undefined;
  const service = await kaart.get(serviceId);
  if (!service) return undefined;
  if (access.scope === 'own-services') return service.organisationId === access.caller.organisationId && inCallersRegion(access, service.regionId) ? service : undefined;
  return service.regionId === access.caller.regionId ? service : undefined;
}

/**
 * POST /kaart/import: HSDS JSON or a CSV package into the beheerder's region, as `npm run kaart --
 * import` does it. Each service becomes a complete entry or is skipped with its reasons; live
 * reservations stay; a changed capacity or waiting time is kept in the history like any update.
 */
async function importIntoRegion(event: Parameters<typeof authorize>[0], access: Access, now: Date) {
  const body = readJsonBody(event, MAX_IMPORT_BYTES);
  if (!body.ok) return body.response;
  const parsed = ImportRequestSchema.safeParse(body.value);
  if (!parsed.success) return invalidBody(parsed.error.issues, 'The import is invalid; nothing changed.');
  const request = parsed.data;
  let crosswalk: Crosswalk | undefined;
  if (request.crosswalk !== undefined) {
    const checked = CrosswalkSchema.safeParse(request.crosswalk);
    if (!checked.success) return invalidBody(checked.error.issues.map((issue) => ({ ...issue, path: ['crosswalk', ...issue.path] })), 'The crosswalk is invalid; nothing changed.');
    crosswalk = checked.data;
  }
  let result;
  try {
    const input: HsdsImportInput = request.format === 'json' ? { format: 'json', document: request.document } : { format: 'csv', files: request.files };
    result = importHsds(input, { regionId: access.caller.regionId!, ...(crosswalk ? { crosswalk } : {}), now });
  } catch (error) {
    if (error instanceof HsdsInputError) return invalidBody([{ path: request.format === 'json' ? 'document' : 'files', message: error.message }], 'The HSDS data cannot be read; nothing changed.');
    throw error;
  }
  const imported = [];
  const outcomes = request.dryRun ? [] : await kaart.upsertMany(result.entries, now, { concurrency: 8 });
  for (const [index, entry] of result.entries.entries()) {
    if (request.dryRun) {
      imported.push({ serviceId: entry.serviceId, name: entry.name, result: 'checked' });
      continue;
    }
    const written = outcomes[index]!;
    imported.push({ serviceId: entry.serviceId, name: entry.name, result: written.outcome });
    if (written.outcome === 'updated' && (written.previous.capacity !== entry.capacity || written.previous.waitingWeeks !== entry.waitingWeeks)) {
      await history.record({
        serviceId: entry.serviceId,
        changedAt: now.toISOString(),
        capacity: entry.capacity,
        waitingWeeks: entry.waitingWeeks,
        previous: { capacity: written.previous.capacity, waitingWeeks: written.previous.waitingWeeks },
        by: access.caller.id,
        role: access.role,
      });
    }
  }
  logger.info('HSDS import', { dryRun: request.dryRun === true, imported: imported.length, skipped: result.skipped.length });
  // A check shows what each service would get and where from, and the source's vocabulary for the crosswalk.
  const preview = request.dryRun
    ? result.entries.map((entry) => ({
        serviceId: entry.serviceId,
        name: entry.name,
        organisation: entry.organisation,
        values: Object.fromEntries(PREVIEW_FIELDS.map((field) => [field, entry[field]])),
        from: result.provenance[entry.serviceId] ?? {},
      }))
    : undefined;
  return json(200, {
    dryRun: request.dryRun === true,
    ...(result.version ? { version: result.version } : {}),
    imported,
    skipped: result.skipped,
    notices: result.notices,
    vocabulary: result.vocabulary,
    ...(preview ? { preview } : {}),
  });
}

/** PUT /kaart/crosswalks/{crosswalkId}: the beheerder's crosswalk for their region, checked, kept for the next import. */
async function saveCrosswalk(event: Parameters<typeof authorize>[0], access: Access, crosswalkId: string, now: Date) {
  if (!CROSSWALK_ID.test(crosswalkId)) {
    return invalidBody([{ path: 'crosswalkId', message: 'A name of a-z, 0-9 and -, 2 to 61 characters, e.g. sk-voorbeeldstad' }], 'The crosswalk is invalid; nothing was saved.');
  }
  const body = readJsonBody(event, MAX_CROSSWALK_BYTES);
  if (!body.ok) return body.response;
  const regionId = access.caller.regionId!;
  const parsed = CrosswalkSchema.safeParse(body.value);
  if (!parsed.success) return invalidBody(parsed.error.issues, 'The crosswalk is invalid; nothing was saved.');
  if (parsed.data.regionId !== undefined && parsed.data.regionId !== regionId) {
    return invalidBody([{ path: 'regionId', message: `Your region is ${regionId}: a crosswalk for another region is not yours to save` }], 'The crosswalk is invalid; nothing was saved.');
  }
  try {
    checkCrosswalkAreas(parsed.data, regionId);
  } catch (error) {
    if (error instanceof HsdsInputError) return invalidBody([{ path: 'serviceAreas', message: error.message }], 'The crosswalk is invalid; nothing was saved.');
    throw error;
  }
  const crosswalk = { ...(body.value as CrosswalkInput), regionId };
  await crosswalks.save({ regionId, crosswalkId, crosswalk, savedAt: now.toISOString(), savedBy: access.caller.id });
  logger.info('Crosswalk saved', { crosswalkId, rules: parsed.data.rules.length });
  return json(200, { crosswalkId, savedAt: now.toISOString(), crosswalk });
}

/**
 * The sociale kaart as its keepers work on it: the beheerder the whole region with how fresh each
 * entry is and the stale list, a partner its own entries; both update places and waiting times,
 * with every change kept, which managers can follow.
 */
export const handler = httpHandler(async (event) => {
  const auth = await authorize(event);
  if ('denied' in auth) return auth.denied;
  const { access } = auth;
  const now = new Date();
  const serviceId = event.pathParameters?.serviceId ?? '';

  switch (access.route) {
    case 'GET /kaart': {
      const { search = '', state, gemeente } = event.queryStringParameters ?? {};
      if (state && !FRESHNESS_STATES.includes(state as FreshnessState)) {
        return invalidBody([{ path: 'state', message: `Must be one of ${FRESHNESS_STATES.join(', ')}` }], 'The query is invalid.');
      }
      const words = search.toLocaleLowerCase('nl').split(/\s+/).filter(Boolean);
      const entries = (await servicesOf(access))
        .filter((service) => !gemeente || service.area.gemeenten.includes(gemeente))
        .filter((service) => words.every((word) => `${service.name} ${service.organisation} ${service.description}`.toLocaleLowerCase('nl').includes(word)))
        .map((service) => kaartEntryView(service, now, freshnessRules(service.regionId)))
        .filter((entry) => !state || entry.freshness.state === state)
        .sort((a, b) => a.name.localeCompare(b.name, 'nl'));
      return json(200, { items: entries });
    }
    case 'GET /kaart/stale': {
      const stale = (await servicesOf(access))
        .filter((service) => service.active)
        .map((service) => kaartEntryView(service, now, freshnessRules(service.regionId)))
        .filter((entry) => entry.freshness.state !== 'fresh')
        .sort((a, b) => b.freshness.daysSinceVerified - a.freshness.daysSinceVerified);
      return json(200, { items: stale });
    }
    case 'GET /kaart/{serviceId}': {
      const service = await serviceFor(access, serviceId);
      if (!service) return notFound('This service');
      return json(200, kaartEntryView(service, now, freshnessRules(service.regionId)));
    }
    case 'PUT /kaart/{serviceId}/availability': {
      const body = readJsonBody(event, 4096);
      if (!body.ok) return body.response;
      const parsed = AvailabilityUpdateSchema.safeParse(body.value);
      if (!parsed.success) return invalidBody(parsed.error.issues, 'The update is invalid; nothing changed.');
      const service = await serviceFor(access, serviceId);
      if (!service) return notFound('This service');
      const updated = await kaart.updateAvailability(service.serviceId, parsed.data, now.toISOString());
      if (!updated) return notFound('This service');
      await history.record({
        serviceId: service.serviceId,
        changedAt: now.toISOString(),
        capacity: updated.capacity,
        waitingWeeks: updated.waitingWeeks,
        previous: { capacity: service.capacity, waitingWeeks: service.waitingWeeks },
        by: access.caller.id,
        role: access.role,
      });
      logger.info('Availability updated', { serviceId: service.serviceId, role: access.role });
      return json(200, kaartEntryView(updated, now, freshnessRules(updated.regionId)));
    }
    case 'PUT /kaart/{serviceId}/contact': {
      const body = readJsonBody(event, 4096);
      if (!body.ok) return body.response;
      const parsed = KaartContactUpdateSchema.safeParse(body.value);
      if (!parsed.success) return invalidBody(parsed.error.issues, 'The contact is invalid; nothing changed.');
      const service = await serviceFor(access, serviceId);
      if (!service) return notFound('This service');
      const updated = await kaart.updateContact(service.serviceId, parsed.data, { at: now.toISOString(), role: access.role });
      if (!updated) return notFound('This service');
      logger.info('Contact updated', { serviceId: service.serviceId, role: access.role });
      return json(200, kaartEntryView(updated, now, freshnessRules(updated.regionId)));
    }
    case 'GET /kaart/{serviceId}/history': {
      const service = await serviceFor(access, serviceId);
      if (!service) return notFound('This service');
      const changes = (await history.of(service.serviceId)).map(({ by: _who, ...change }) => change);
      return json(200, { serviceId: service.serviceId, name: service.name, capacity: service.capacity, waitingWeeks: service.waitingWeeks, changes });
    }
    case 'POST /kaart/import':
      return importIntoRegion(event, access, now);
    case 'GET /kaart/crosswalks': {
      const items = (await crosswalks.list(access.caller.regionId!)).map(({ crosswalkId, savedAt, crosswalk }) => ({ crosswalkId, savedAt, crosswalk }));
      return json(200, { items });
    }
    case 'PUT /kaart/crosswalks/{crosswalkId}':
      return saveCrosswalk(event, access, event.pathParameters?.crosswalkId ?? '', now);
    default:
      throw new Error(`kaart-admin does not serve ${access.route}`);
  }
});
