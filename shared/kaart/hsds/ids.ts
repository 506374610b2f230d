import { parse as parseUuid, v5 as uuidv5 } from 'uuid';

// HSDS wants a UUID for every object. Ours are slugs ("vb-crisisdienst"), so each HSDS id is a
// name-based UUID (v5) of what the object is, under Overbrug's own namespace: the same entry
// gets the same ids in every export and every API answer, and nothing has to be stored for it.

/** Overbrug's UUID namespace. Never change it: every published HSDS id derives from it. */
export const OVERBRUG_NAMESPACE = '1023c574-899f-44cd-ab09-e990076d5f8c';

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

// Parsed once: an import or export of a big kaart names hundreds of thousands of objects.
const NAMESPACE_BYTES = parseUuid(OVERBRUG_NAMESPACE);

/** The stable HSDS id of an object, named by its path, e.g. `hsdsId('service', 'vb-inloophuis')`. */
export const hsdsId = (...path: string[]) => uuidv5(path.join('/'), NAMESPACE_BYTES);

/** A service's HSDS id: its own id when that is already a UUID (imported from HSDS), else derived. */
export const hsdsServiceId = (serviceId: string) => (UUID.test(serviceId) ? serviceId : hsdsId('service', serviceId));

export const hsdsOrganizationId = (organisationId: string) => (UUID.test(organisationId) ? organisationId : hsdsId('organization', organisationId));
