import type * as z from '../domain/zod.ts';
import type { Role, Scope } from '../access/policy.ts';
import type { KaartItem } from '../domain/sociale-kaart.ts';
import type { FreshnessState } from '../domain/freshness.ts';
import { KaartContactUpdateSchema } from '../domain/kaart-contact.ts';
import { kaartEntryView } from '../domain/kaart-view.ts';
import { AvailabilityUpdateSchema, ServiceSchema } from '../domain/sociale-kaart.ts';
import { CrosswalkSchema, type Crosswalk, type CrosswalkInput } from '../kaart/hsds/crosswalk.ts';
import { checkCrosswalkAreas, HsdsInputError, importHsds, type HsdsImportInput } from '../kaart/hsds/import.ts';
import { CROSSWALK_ID, ImportRequestSchema, PREVIEW_FIELDS } from '../kaart/hsds/import-request.ts';
import { logger } from '../powertools.ts';
import type { AvailabilityChange, CrosswalkRecords, KaartChanges, KaartRecords } from './ports.ts';
import { regionById } from '../regions/index.ts';

// The sociale kaart as its keepers work on it (GET /kaart and its entries, the stale list, places
// and waiting times, contacts, the history, the HSDS import and its crosswalks): what each request
// decides, without HTTP. The beheerder keeps the whole region, a partner its organisation's entries;
// every change of places or waiting time is kept in the history, which managers can follow.

/** Who keeps the kaart in this request: the signed-in caller as the access policy scoped them. */
export interface KaartKeeper {
  /** The identity provider's pseudonymous id, kept with each change. */
  id: string;
  role: Role;
  /** `region-kaart` (beheerder), `own-services` (partner), or `region-aggregates` (a manager reading history). */
  scope: Scope;
  regionId?: string;
  organisationId?: string;
}

export interface KaartAdminDeps {
  kaart: Pick<KaartRecords, 'get' | 'listRegion' | 'listOrganisation' | 'updateAvailability' | 'updateContact' | 'upsertMany'>;
  history: Pick<KaartChanges, 'record' | 'of'>;
  crosswalks: Pick<CrosswalkRecords, 'save' | 'list'>;
}

/** A field the request got wrong, by its path. */
export interface InputError {
  path: string;
  message: string;
}

/** Why nothing was done: the input is wrong, or the service is not the keeper's (as if it did not exist). */
export type Refusal = { refused: 'invalid'; issues: z.core.$ZodIssue[] | InputError[]; detail: string } | { refused: 'not-found'; what: string };
export type Answer<T> = { value: T } | Refusal;

const invalid = (issues: z.core.$ZodIssue[] | InputError[], detail: string): Refusal => ({ refused: 'invalid', issues, detail });
const NO_SERVICE: Refusal = { refused: 'not-found', what: 'This service' };

const FRESHNESS_STATES: FreshnessState[] = ['fresh', 'ranked-down', 'excluded'];

const freshnessRules = (regionId: string) => regionById(regionId).triageRules.matching.freshness;
const viewOf = (service: KaartItem, now: Date) => kaartEntryView(service, now, freshnessRules(service.regionId));

/** The services the keeper keeps: the region's for a beheerder, the organisation's for a partner. */
function servicesOf(deps: KaartAdminDeps, keeper: KaartKeeper): Promise<KaartItem[]> {
  if (keeper.scope === 'region-kaart') return deps.kaart.listRegion(keeper.regionId!);
  return deps.kaart.listOrganisation(keeper.organisationId!, keeper.regionId);
}

/** One service, if it is the keeper's to see here; otherwise as if it did not exist. */
async function serviceFor(deps: KaartAdminDeps, keeper: KaartKeeper, serviceId: string): Promise<KaartItem | undefined> {
  // An id no service can have is not looked up (an empty or 3 KB key is DynamoDB's ValidationException).
  if (!ServiceSchema.shape.serviceId.safeParse(serviceId).success) return undefined;
  const service = await deps.kaart.get(serviceId);
  if (!service) return undefined;
  if (keeper.scope === 'own-services') {
    // A partner without a region claim sees its organisation's services in every region.
    const inRegion = keeper.regionId === undefined || service.regionId === keeper.regionId;
    return service.organisationId === keeper.organisationId && inRegion ? service : undefined;
  }
  return service.regionId === keeper.regionId ? service : undefined;
}

type Availability = Pick<AvailabilityChange, 'capacity' | 'waitingWeeks'>;

/** The one way a change of places or waiting time enters the history: with what it was, who and when. */
function recordAvailability(deps: Pick<KaartAdminDeps, 'history'>, keeper: KaartKeeper, serviceId: string, previous: Availability, now: Availability, at: Date): Promise<void> {
  return deps.history.record({
    serviceId,
    changedAt: at.toISOString(),
    capacity: now.capacity,
    waitingWeeks: now.waitingWeeks,
    previous: { capacity: previous.capacity, waitingWeeks: previous.waitingWeeks },
    by: keeper.id,
    role: keeper.role,
  });
}

/** GET /kaart: the keeper's entries with how fresh each is, filtered by words, freshness state and gemeente. */
export async function listKaart(
  deps: KaartAdminDeps,
  keeper: KaartKeeper,
  query: { search?: string; state?: string; gemeente?: string },
  now: Date,
): Promise<Answer<{ items: ReturnType<typeof kaartEntryView>[] }>> {
  const { search = '', state, gemeente } = query;
  if (state && !FRESHNESS_STATES.includes(state as FreshnessState)) {
    return invalid([{ path: 'state', message: `Must be one of ${FRESHNESS_STATES.join(', ')}` }], 'The query is invalid.');
  }
  const words = search.toLocaleLowerCase('nl').split(/\s+/).filter(Boolean);
  const items = (await servicesOf(deps, keeper))
    .filter((service) => !gemeente || service.area.gemeenten.includes(gemeente))
    .filter((service) => words.every((word) => `${service.name} ${service.organisation} ${service.description}`.toLocaleLowerCase('nl').includes(word)))
    .map((service) => viewOf(service, now))
    .filter((entry) => !state || entry.freshness.state === state)
    .sort((a, b) => a.name.localeCompare(b.name, 'nl'));
  return { value: { items } };
}

/** GET /kaart/stale: the active entries that are no longer fresh, longest unverified first. */
export async function staleEntries(deps: KaartAdminDeps, keeper: KaartKeeper, now: Date): Promise<Answer<{ items: ReturnType<typeof kaartEntryView>[] }>> {
  const items = (await servicesOf(deps, keeper))
    .filter((service) => service.active)
    .map((service) => viewOf(service, now))
    .filter((entry) => entry.freshness.state !== 'fresh')
    .sort((a, b) => b.freshness.daysSinceVerified - a.freshness.daysSinceVerified);
  return { value: { items } };
}

/** GET /kaart/{serviceId}. */
export async function kaartEntry(deps: KaartAdminDeps, keeper: KaartKeeper, serviceId: string, now: Date): Promise<Answer<ReturnType<typeof kaartEntryView>>> {
  const service = await serviceFor(deps, keeper, serviceId);
  return service ? { value: viewOf(service, now) } : NO_SERVICE;
}

/** PUT /kaart/{serviceId}/availability: places and waiting time, the change kept in the history. */
export async function updateAvailability(
  deps: KaartAdminDeps,
  keeper: KaartKeeper,
  serviceId: string,
  input: unknown,
  now: Date,
): Promise<Answer<ReturnType<typeof kaartEntryView>>> {
  const parsed = AvailabilityUpdateSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error.issues, 'The update is invalid; nothing changed.');
  const service = await serviceFor(deps, keeper, serviceId);
  if (!service) return NO_SERVICE;
  const updated = await deps.kaart.updateAvailability(service.serviceId, parsed.data, now.toISOString());
  if (!updated) return NO_SERVICE;
  await recordAvailability(deps, keeper, service.serviceId, service, updated, now);
  logger.info('Availability updated', { serviceId: service.serviceId, role: keeper.role });
  return { value: viewOf(updated, now) };
}

/** PUT /kaart/{serviceId}/contact: who the region's professionals reach at the service. */
export async function updateContact(
  deps: KaartAdminDeps,
  keeper: KaartKeeper,
  serviceId: string,
  input: unknown,
  now: Date,
): Promise<Answer<ReturnType<typeof kaartEntryView>>> {
  const parsed = KaartContactUpdateSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error.issues, 'The contact is invalid; nothing changed.');
  const service = await serviceFor(deps, keeper, serviceId);
  if (!service) return NO_SERVICE;
  const updated = await deps.kaart.updateContact(service.serviceId, parsed.data, { at: now.toISOString(), role: keeper.role });
  if (!updated) return NO_SERVICE;
  logger.info('Contact updated', { serviceId: service.serviceId, role: keeper.role });
  return { value: viewOf(updated, now) };
}

/** GET /kaart/{serviceId}/history: every change of places and waiting time, newest first, without who made it. */
export async function availabilityHistory(deps: KaartAdminDeps, keeper: KaartKeeper, serviceId: string) {
  const service = await serviceFor(deps, keeper, serviceId);
  if (!service) return NO_SERVICE;
  const changes = (await deps.history.of(service.serviceId)).map(({ by: _who, ...change }) => change);
  return { value: { serviceId: service.serviceId, name: service.name, capacity: service.capacity, waitingWeeks: service.waitingWeeks, changes } };
}

/**
 * POST /kaart/import: HSDS JSON or a CSV package into the beheerder's region, as `npm run kaart --
 * import` does it. Each service becomes a complete entry or is skipped with its reasons; live
 * reservations stay; a changed capacity or waiting time is kept in the history like any update.
 */
export async function importIntoRegion(deps: Pick<KaartAdminDeps, 'kaart' | 'history'>, keeper: KaartKeeper, input: unknown, now: Date) {
  const parsed = ImportRequestSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error.issues, 'The import is invalid; nothing changed.');
  const request = parsed.data;
  let crosswalk: Crosswalk | undefined;
  if (request.crosswalk !== undefined) {
    const checked = CrosswalkSchema.safeParse(request.crosswalk);
    if (!checked.success) return invalid(checked.error.issues.map((issue) => ({ ...issue, path: ['crosswalk', ...issue.path] })), 'The crosswalk is invalid; nothing changed.');
    crosswalk = checked.data;
  }
  let result;
  try {
    const hsds: HsdsImportInput = request.format === 'json' ? { format: 'json', document: request.document } : { format: 'csv', files: request.files };
    result = importHsds(hsds, { regionId: keeper.regionId!, ...(crosswalk ? { crosswalk } : {}), now });
  } catch (error) {
    if (error instanceof HsdsInputError) return invalid([{ path: request.format === 'json' ? 'document' : 'files', message: error.message }], 'The HSDS data cannot be read; nothing changed.');
    throw error;
  }
  const imported = [];
  const outcomes = request.dryRun ? [] : await deps.kaart.upsertMany(result.entries, now, { concurrency: 8 });
  for (const [index, entry] of result.entries.entries()) {
    if (request.dryRun) {
      imported.push({ serviceId: entry.serviceId, name: entry.name, result: 'checked' });
      continue;
    }
    const written = outcomes[index]!;
    imported.push({ serviceId: entry.serviceId, name: entry.name, result: written.outcome });
    if (written.outcome === 'updated' && (written.previous.capacity !== entry.capacity || written.previous.waitingWeeks !== entry.waitingWeeks)) {
      await recordAvailability(deps, keeper, entry.serviceId, written.previous, entry, now);
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
  return {
    value: {
      dryRun: request.dryRun === true,
      ...(result.version ? { version: result.version } : {}),
      imported,
      skipped: result.skipped,
      notices: result.notices,
      vocabulary: result.vocabulary,
      ...(preview ? { preview } : {}),
    },
  };
}

/** GET /kaart/crosswalks: the region's saved crosswalks. */
export async function crosswalksOf(deps: KaartAdminDeps, keeper: KaartKeeper) {
  const items = (await deps.crosswalks.list(keeper.regionId!)).map(({ crosswalkId, savedAt, crosswalk }) => ({ crosswalkId, savedAt, crosswalk }));
  return { value: { items } };
}

/** A crosswalk's id is checked before its body is read: a bad name needs no body. */
export function refusedCrosswalkId(crosswalkId: string): Refusal | undefined {
  if (CROSSWALK_ID.test(crosswalkId)) return undefined;
  return invalid([{ path: 'crosswalkId', message: 'A name of a-z, 0-9 and -, 2 to 61 characters, e.g. sk-voorbeeldstad' }], 'The crosswalk is invalid; nothing was saved.');
}

/** PUT /kaart/crosswalks/{crosswalkId}: the beheerder's crosswalk for their region, checked, kept for the next import. */
export async function saveCrosswalk(deps: KaartAdminDeps, keeper: KaartKeeper, crosswalkId: string, input: unknown, now: Date) {
  const badId = refusedCrosswalkId(crosswalkId);
  if (badId) return badId;
  const regionId = keeper.regionId!;
  const parsed = CrosswalkSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error.issues, 'The crosswalk is invalid; nothing was saved.');
  if (parsed.data.regionId !== undefined && parsed.data.regionId !== regionId) {
    return invalid([{ path: 'regionId', message: `Your region is ${regionId}: a crosswalk for another region is not yours to save` }], 'The crosswalk is invalid; nothing was saved.');
  }
  try {
    checkCrosswalkAreas(parsed.data, regionId);
  } catch (error) {
    if (error instanceof HsdsInputError) return invalid([{ path: 'serviceAreas', message: error.message }], 'The crosswalk is invalid; nothing was saved.');
    throw error;
  }
  // Kept as the beheerder wrote it (the parsed form has the defaults filled in), for their region.
  const crosswalk = { ...(input as CrosswalkInput), regionId };
  await deps.crosswalks.save({ regionId, crosswalkId, crosswalk, savedAt: now.toISOString(), savedBy: keeper.id });
  logger.info('Crosswalk saved', { crosswalkId, rules: parsed.data.rules.length });
  return { value: { crosswalkId, savedAt: now.toISOString(), crosswalk } };
}
