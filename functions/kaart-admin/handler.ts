import { documentClient } from '#shared/adapters/aws-clients.ts';
import { CrosswalkStore } from '#shared/adapters/crosswalk-store.ts';
import { KaartHistory } from '#shared/adapters/kaart-history.ts';
import { SocialeKaartStore } from '#shared/adapters/sociale-kaart-store.ts';
import { tableName } from '#shared/config.ts';
import { authorize, type Access } from '#shared/http/auth.ts';
import { httpHandler } from '#shared/http/http-handler.ts';
import { invalidBody, readJsonBody } from '#shared/http/request.ts';
import { json, notFound } from '#shared/http/responses.ts';
import { MAX_IMPORT_BYTES } from '#shared/kaart/hsds/import-request.ts';
import {
  availabilityHistory,
  crosswalksOf,
  importIntoRegion,
  kaartEntry,
  listKaart,
  refusedCrosswalkId,
  saveCrosswalk,
  staleEntries,
  updateAvailability,
  updateContact,
  type Answer,
  type KaartAdminDeps,
  type KaartKeeper,
} from '#shared/pipeline/kaart-admin.ts';

const deps: KaartAdminDeps = {
  kaart: new SocialeKaartStore(documentClient(), tableName('sociale-kaart')),
  history: new KaartHistory(documentClient(), tableName('kaart-history')),
  crosswalks: new CrosswalkStore(documentClient(), tableName('kaart-crosswalks')),
};

/** A crosswalk may hold many rules; far less than a kaart. */
const MAX_CROSSWALK_BYTES = 512 * 1024;
/** An availability or contact update is a few fields. */
const MAX_UPDATE_BYTES = 4096;

const keeperOf = ({ caller, role, scope }: Access): KaartKeeper => ({
  id: caller.id,
  role,
  scope,
  ...(caller.regionId !== undefined ? { regionId: caller.regionId } : {}),
  ...(caller.organisationId !== undefined ? { organisationId: caller.organisationId } : {}),
});

/** 200 with the answer, or the refusal as a problem (400 with the fields, 404 as if it did not exist). */
function respond(answer: Answer<unknown>) {
  if (!('refused' in answer)) return json(200, answer.value);
  return answer.refused === 'invalid' ? invalidBody(answer.issues, answer.detail) : notFound(answer.what);
}

/**
 * The sociale kaart as its keepers work on it (shared/pipeline/kaart-admin.ts): the beheerder the
 * whole region with how fresh each entry is and the stale list, a partner its own entries; both
 * update places and waiting times, with every change kept, which managers can follow.
 */
export const handler = httpHandler(async (event) => {
  const auth = await authorize(event);
  if ('denied' in auth) return auth.denied;
  const keeper = keeperOf(auth.access);
  const now = new Date();
  const serviceId = event.pathParameters?.serviceId ?? '';
  /** The JSON body, read within a size limit, then the use case with it. */
  const withBody = async (maxBytes: number, use: (input: unknown) => Promise<Answer<unknown>>) => {
    const body = readJsonBody(event, maxBytes);
    return body.ok ? respond(await use(body.value)) : body.response;
  };

  switch (auth.access.route) {
    case 'GET /kaart':
      return respond(await listKaart(deps, keeper, event.queryStringParameters ?? {}, now));
    case 'GET /kaart/stale':
      return respond(await staleEntries(deps, keeper, now));
    case 'GET /kaart/{serviceId}':
      return respond(await kaartEntry(deps, keeper, serviceId, now));
    case 'PUT /kaart/{serviceId}/availability':
      return withBody(MAX_UPDATE_BYTES, (input) => updateAvailability(deps, keeper, serviceId, input, now));
    case 'PUT /kaart/{serviceId}/contact':
      return withBody(MAX_UPDATE_BYTES, (input) => updateContact(deps, keeper, serviceId, input, now));
    case 'GET /kaart/{serviceId}/history':
      return respond(await availabilityHistory(deps, keeper, serviceId));
    case 'POST /kaart/import':
      return withBody(MAX_IMPORT_BYTES, (input) => importIntoRegion(deps, keeper, input, now));
    case 'GET /kaart/crosswalks':
      return respond(await crosswalksOf(deps, keeper));
    case 'PUT /kaart/crosswalks/{crosswalkId}': {
      const crosswalkId = event.pathParameters?.crosswalkId ?? '';
      // A bad name is refused before the body is read, as it needs none.
      const badId = refusedCrosswalkId(crosswalkId);
      if (badId) return respond(badId);
      return withBody(MAX_CROSSWALK_BYTES, (input) => saveCrosswalk(deps, keeper, crosswalkId, input, now));
    }
    default:
      throw new Error(`kaart-admin does not serve ${auth.access.route}`);
  }
});
