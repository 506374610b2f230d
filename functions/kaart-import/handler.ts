import { documentClient } from '#shared/adapters/aws-clients.ts';
import { KaartHistory } from '#shared/adapters/kaart-history.ts';
import { SocialeKaartStore } from '#shared/adapters/sociale-kaart-store.ts';
import { tableName } from '#shared/config.ts';
import { authorize } from '#shared/http/auth.ts';
import { httpHandler } from '#shared/http/http-handler.ts';
import { keeperOf, respond } from '#shared/http/kaart-answers.ts';
import { readJsonBody } from '#shared/http/request.ts';
import { MAX_IMPORT_BYTES } from '#shared/kaart/hsds/import-request.ts';
import { importIntoRegion } from '#shared/pipeline/kaart-admin.ts';

const deps = {
  kaart: new SocialeKaartStore(documentClient(), tableName('sociale-kaart')),
  history: new KaartHistory(documentClient(), tableName('kaart-history')),
};

/**
 * POST /kaart/import: the beheerder's HSDS JSON or CSV package into their region's sociale kaart
 * (shared/pipeline/kaart-admin.ts), checked first (dryRun) or written. A function apart from
 * kaart-admin, so the HSDS readers are in this bundle alone.
 */
export const handler = httpHandler(async (event) => {
  const auth = await authorize(event);
  if ('denied' in auth) return auth.denied;
  if (auth.access.route !== 'POST /kaart/import') throw new Error(`kaart-import does not serve ${auth.access.route}`);
  const body = readJsonBody(event, MAX_IMPORT_BYTES);
  return body.ok ? respond(await importIntoRegion(deps, keeperOf(auth.access), body.value, new Date())) : body.response;
});
