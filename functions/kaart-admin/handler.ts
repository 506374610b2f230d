import { documentClient } from '#shared/adapters/aws-clients.ts';
import { CrosswalkStore } from '#shared/adapters/crosswalk-store.ts';
import { KaartHistory } from '#shared/adapters/kaart-history.ts';
import { SocialeKaartStore } from '#shared/adapters/sociale-kaart-store.ts';
import { tableName } from '#shared/config.ts';
import { authorize } from '#shared/http/auth.ts';
import { httpHandler } from '#shared/http/http-handler.ts';
import { keeperOf, respond } from '#shared/http/kaart-answers.ts';
import { readJsonBody } from '#shared/http/request.ts';
import {
  availabilityHistory,
  crosswalksOf,
  kaartEntry,
  listKaart,
  refusedCrosswalkId,
  saveCrosswalk,
  staleEntries,
  updateAvailability,
  updateContact,
  type Answer,
  type KaartAdminDeps,
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
