import { documentClient } from '#shared/adapters/aws-clients.ts';
import { SocialeKaartStore } from '#shared/adapters/sociale-kaart-store.ts';
import { tableName } from '#shared/config.ts';
import { ServiceSchema } from '#shared/domain/sociale-kaart.ts';
import { httpHandler } from '#shared/http/http-handler.ts';
import { invalidBody } from '#shared/http/request.ts';
import { json, notFound } from '#shared/http/responses.ts';
import { isServiceNamed, parseServicesQuery, queryServices } from '#shared/kaart/hsds/api.ts';
import { UUID } from '#shared/kaart/hsds/ids.ts';
import { toHsdsService } from '#shared/kaart/hsds/to-hsds.ts';
import { REGIONS } from '#shared/regions/index.ts';

// The HSDS 3.1 read API of the sociale kaart, public: other directories, professionals and clients
// read every region this deployment serves. Capacity shows open places only, never who holds them.

const kaart = new SocialeKaartStore(documentClient(), tableName('sociale-kaart'));
const servedRegions = new Set(REGIONS.map((config) => config.region.regionId));

const everyService = () => kaart.listRegions(servedRegions);

export const handler = httpHandler(async (event) => {
  const now = new Date();
  const id = event.pathParameters?.serviceId;
  if (id !== undefined) {
    // Our own id is one read; an HSDS id derived from it needs the kaart, since it cannot be reversed.
    const direct = ServiceSchema.shape.serviceId.safeParse(id).success ? await kaart.get(id) : undefined;
    const service = direct && servedRegions.has(direct.regionId) ? direct : UUID.test(id) ? (await everyService()).find((candidate) => isServiceNamed(candidate, id)) : undefined;
    if (!service) return notFound('This service');
    return json(200, toHsdsService(service, now));
  }
  const parsed = parseServicesQuery(event.queryStringParameters);
  if (!parsed.ok) return invalidBody(parsed.errors, 'Invalid query parameters; nothing was searched.');
  return json(200, queryServices(await everyService(), parsed.query, now));
});
