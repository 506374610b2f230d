// What each reader may see as FHIR, and the Task search. The referrer's organisation sees its
// referral's Task, sub-tasks, ServiceRequests and Consents; the contact person the case they have
// (or had, for their own sub-task); a bridging partner its own sub-task and the option it fulfils.
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { maySeeReferral } from '../access/visibility.ts';
import type { ReferralStore } from '../adapters/referral-store.ts';
import type { SocialeKaartStore } from '../adapters/sociale-kaart-store.ts';
import { mayShare } from '../domain/consent.ts';
import type { Referral } from '../domain/referral.ts';
import type { Access } from '../http/auth.ts';
import { decodeCursor, encodeCursor } from '../http/cursor.ts';
import { REFERRAL_ID } from '../http/request.ts';
import { SYSTEMS } from './codes.ts';
import { dateSearch } from './date-search.ts';
import { FhirRefusal } from './outcome.ts';
import { consentKindOf, consentResource, findSubTask, mainServiceRequest, mainTask, matchOf, matchServiceRequest, subTask } from './resources.ts';
import { subTasks, type SubTask } from '../domain/fhir-task-status.ts';

export interface ReadDeps {
  referrals: Pick<ReferralStore, 'get' | 'getMany' | 'page' | 'ofBridgingPartner'>;
  kaart: Pick<SocialeKaartStore, 'listOrganisation'>;
}

/** The referral an id belongs to: the id itself, or the part before -cp1, -bp2, -m3, -consent-partners. */
export function referralIdOf(id: string): string | undefined {
  const base = id.slice(0, 36);
  return REFERRAL_ID.test(base) && (id.length === 36 || /^-(cp\d+|bp\d+|m\d+|consent-[a-z-]+)$/.test(id.slice(36))) ? base : undefined;
}

const gone = () => new FhirRefusal(410, [{ code: 'not-found', text: 'This case was pseudonymised after its retention period' }]);
const notFound = (type: string, id: string) => new FhirRefusal(404, [{ code: 'not-found', text: `${type}/${id} is not known here` }]);

/** The services of the partner's organisation: what its sub-tasks are for. */
async function ownServices(deps: ReadDeps, access: Access): Promise<Set<string>> {
  if (access.role !== 'partner') return new Set();
  return new Set((await deps.kaart.listOrganisation(access.caller.organisationId!, access.caller.regionId)).map((service) => service.serviceId));
}

/** Whether a reader may see this sub-task: the referrer's organisation, and its owner. */
function maySeeSubTask(access: Access, referral: Referral, sub: SubTask, services: Set<string>): boolean {
  if (access.scope === 'own-organisation') return maySeeReferral(access, referral);
  if (access.scope === 'assigned-cases') return sub.kind === 'contact-person' && sub.ownerId === access.caller.contactPersonId;
  if (access.scope === 'own-services') return sub.kind === 'bridging-partner' && services.has(sub.ownerId);
  return false;
}

async function referralFor(deps: ReadDeps, type: string, id: string): Promise<Referral> {
  const referralId = referralIdOf(id);
  const referral = referralId ? await deps.referrals.get(referralId) : undefined;
  if (!referral) throw notFound(type, id);
  return referral;
}

/** GET /fhir/Task/{id}: the Task as this reader may see it; anything else is 404, as for one that does not exist. */
export async function readTask(deps: ReadDeps, access: Access, id: string): Promise<{ resource: object; referral: Referral }> {
  const referral = await referralFor(deps, 'Task', id);
  if (id === referral.referralId) {
    if (!maySeeReferral(access, referral)) throw notFound('Task', id);
    if (referral.pseudonymisedAt) throw gone();
    return { resource: mainTask(referral), referral };
  }
  const sub = findSubTask(referral, id);
  if (!sub || !maySeeSubTask(access, referral, sub, await ownServices(deps, access))) throw notFound('Task', id);
  if (referral.pseudonymisedAt) throw gone();
  return { resource: subTask(referral, sub), referral };
}

/**
 * GET /fhir/ServiceRequest/{id}: the referrer's, or a matched option's. The needs (categories) only
 * where the reader may know them: the referrer, the contact person with consent to the functional
 * needs, the partner (its own option) with consent to share with partners.
 */
export async function readServiceRequest(deps: ReadDeps, access: Access, id: string): Promise<{ resource: object; referral: Referral }> {
  const referral = await referralFor(deps, 'ServiceRequest', id);
  const matched = id === referral.referralId ? undefined : matchOf(referral, id);
  if (id !== referral.referralId && !matched) throw notFound('ServiceRequest', id);
  let withNeeds: boolean;
  if (access.role === 'partner') {
    const services = await ownServices(deps, access);
    const own = matched && subTasks(referral).some((sub) => sub.kind === 'bridging-partner' && sub.ownerId === matched.match.serviceId && services.has(sub.ownerId) && sub.state.status !== 'cancelled');
    if (!own) throw notFound('ServiceRequest', id);
    withNeeds = mayShare(referral, 'partners', 'functional-needs');
  } else {
    if (!maySeeReferral(access, referral)) throw notFound('ServiceRequest', id);
    withNeeds = access.role === 'verwijzer' || mayShare(referral, 'contact-person', 'functional-needs');
  }
  if (referral.pseudonymisedAt) throw gone();
  return { resource: matched ? matchServiceRequest(referral, matched.match, matched.index, { withNeeds }) : mainServiceRequest(referral, { withNeeds }), referral };
}

/** GET /fhir/Consent/{id}: the referrer and the contact person. */
export async function readConsent(deps: ReadDeps, access: Access, id: string): Promise<{ resource: object; referral: Referral }> {
  const referral = await referralFor(deps, 'Consent', id);
  const kind = consentKindOf(referral, id);
  if (!kind || !maySeeReferral(access, referral)) throw notFound('Consent', id);
  if (referral.pseudonymisedAt) throw gone();
  return { resource: consentResource(referral, kind), referral };
}

// ---- The Task search -------------------------------------------------------------------------

const KNOWN_PARAMETERS = new Set(['_id', '_lastUpdated', 'owner', 'requester', 'status', 'part-of', 'code', '_include', '_count', '_cursor', '_format', '_pretty', '_summary', '_total']);

type Task = ReturnType<typeof mainTask> | ReturnType<typeof subTask>;

interface Filter {
  test: (task: Task) => boolean;
}

/** `Type/value`, a bare value, or `system|value`: the identifier value a reference parameter names. */
const referenceValue = (value: string) => value.split('|').pop()!.split('/').pop()!;

function filtersOf(query: Record<string, string>): Filter[] {
  const filters: Filter[] = [];
  const list = (value: string) => value.split(',').map((part) => part.trim()).filter(Boolean);
  if (query._id) {
    const ids = new Set(list(query._id));
    filters.push({ test: (task) => ids.has(task.id) });
  }
  if (query.status) {
    const statuses = new Set(list(query.status));
    filters.push({ test: (task) => statuses.has(task.status) });
  }
  if (query.owner) {
    const owners = new Set(list(query.owner).map(referenceValue));
    filters.push({ test: (task) => owners.has(task.owner.identifier.value) });
  }
  if (query.requester) {
    const requesters = new Set(list(query.requester).map(referenceValue));
    filters.push({ test: (task) => requesters.has(task.requester.identifier?.value ?? '') });
  }
  if (query['part-of']) {
    const parents = new Set(list(query['part-of']).map(referenceValue));
    filters.push({ test: (task) => 'partOf' in task && task.partOf.some((reference) => parents.has(referenceValue(reference.reference))) });
  }
  if (query.code) {
    const codes = list(query.code).map((value) => value.split('|'));
    filters.push({ test: (task) => codes.some(([system, code]) => task.code.coding.some((coding) => (code === undefined ? coding.code === system : coding.system === system && coding.code === code))) });
  }
  for (const value of list(query._lastUpdated ?? '')) {
    const matches = dateSearch(value);
    if (!matches) throw new FhirRefusal(400, [{ code: 'value', text: `_lastUpdated: ${value.slice(0, 60)} is not a prefix (gt, ge, lt, le, eq) and a date or instant` }]);
    filters.push({ test: (task) => matches(Date.parse(task.meta.lastUpdated)) });
  }
  return filters;
}

export interface SearchResult {
  tasks: Task[];
  included: object[];
  referrals: Referral[];
  nextCursor?: string;
}

/**
 * GET /fhir/Task: the caller's Tasks (main Tasks for the referrer's organisation, sub-tasks for
 * their owners), filtered by the parameters, a page at a time (`_count`, `_cursor` from `next`).
 */
export async function searchTasks(deps: ReadDeps, access: Access, query: Record<string, string>): Promise<SearchResult> {
  const unknown = Object.keys(query).filter((name) => !KNOWN_PARAMETERS.has(name));
  if (unknown.length) throw new FhirRefusal(400, unknown.map((name) => ({ code: 'not-supported' as const, text: `Unknown search parameter ${name.slice(0, 40)}; supported: ${[...KNOWN_PARAMETERS].join(', ')}` })));
  if (query._include && query._include !== 'Task:focus') throw new FhirRefusal(400, [{ code: 'not-supported', text: '_include supports Task:focus' }]);
  const count = query._count === undefined ? 20 : Number(query._count);
  if (!Number.isInteger(count) || count < 1 || count > 100) throw new FhirRefusal(400, [{ code: 'value', text: '_count is a whole number from 1 to 100' }]);
  // A cursor holds the key of the page it continues (shared/adapters/referral-store.ts), and only
  // ever continues the caller's own list.
  const cursorParts =
    access.scope === 'own-organisation'
      ? ['referralId', 'referrerOrganisationId', 'createdAt']
      : access.scope === 'assigned-cases'
        ? ['referralId', 'contactPersonId', 'statusChangedAt']
        : ['offset'];
  const decoded = query._cursor ? decodeCursor(query._cursor, cursorParts) : undefined;
  const cursor =
    decoded &&
    (access.scope === 'own-organisation' ? decoded.referrerOrganisationId === access.caller.organisationId : true) &&
    (access.scope === 'assigned-cases' ? decoded.contactPersonId === access.caller.contactPersonId : true) &&
    (decoded.offset === undefined || /^\d{1,6}$/.test(decoded.offset))
      ? decoded
      : undefined;
  if (query._cursor && !cursor) throw new FhirRefusal(400, [{ code: 'value', text: '_cursor is not one this server gave' }]);
  const filters = filtersOf(query);

  let referrals: Referral[];
  let nextKey: Record<string, unknown> | undefined;
  let tasksOf: (referral: Referral) => Task[];
  const parent = query['part-of'] ? referralIdOf(referenceValue(query['part-of'].split(',')[0]!)) : undefined;
  if (access.scope === 'own-organisation' && parent) {
    // The referrer's system following one referral's sub-tasks.
    const referral = await deps.referrals.get(parent);
    referrals = referral && maySeeReferral(access, referral) && !referral.pseudonymisedAt ? [referral] : [];
    tasksOf = (item) => subTasks(item).map((sub) => subTask(item, sub));
  } else if (access.scope === 'own-organisation' || access.scope === 'assigned-cases') {
    const index = access.scope === 'own-organisation' ? 'by-organisation' : 'by-contact-person';
    const key = access.scope === 'own-organisation' ? access.caller.organisationId! : access.caller.contactPersonId!;
    const page = await deps.referrals.page(index, key, { limit: count, ...(cursor ? { cursor } : {}) });
    referrals = (await deps.referrals.getMany(page.items.map((item) => item.referralId))).filter((referral) => !referral.pseudonymisedAt);
    nextKey = page.cursor;
    tasksOf =
      access.scope === 'own-organisation'
        ? (referral) => [mainTask(referral)]
        : (referral) => subTasks(referral).filter((sub) => sub.kind === 'contact-person' && sub.ownerId === access.caller.contactPersonId).map((sub) => subTask(referral, sub));
  } else {
    const services = await ownServices(deps, access);
    const all: Referral[] = [];
    for (const serviceId of [...services].sort()) all.push(...(await deps.referrals.ofBridgingPartner(serviceId)));
    const offset = cursor ? Number(cursor.offset) : 0;
    referrals = all.slice(offset, offset + count).filter((referral) => !referral.pseudonymisedAt);
    if (offset + count < all.length) nextKey = { offset: String(offset + count) };
    tasksOf = (referral) => subTasks(referral).filter((sub) => sub.kind === 'bridging-partner' && services.has(sub.ownerId)).map((sub) => subTask(referral, sub));
  }

  const tasks = referrals.flatMap(tasksOf).filter((task) => filters.every((filter) => filter.test(task)));
  const included: object[] = [];
  if (query._include === 'Task:focus') {
    const seen = new Set<string>();
    for (const task of tasks) {
      const focusId = task.focus.reference.split('/')[1]!;
      if (seen.has(focusId)) continue;
      seen.add(focusId);
      try {
        included.push((await readServiceRequest(deps, access, focusId)).resource);
      } catch (error) {
        if (!(error instanceof FhirRefusal)) throw error;
      }
    }
  }
  const shown = new Set(tasks.map((task) => referralIdOf(task.id)));
  return { tasks, included, referrals: referrals.filter((referral) => shown.has(referral.referralId)), ...(nextKey ? { nextCursor: encodeCursor(nextKey) } : {}) };
}

/** The searchset Bundle, its links on the base the request came to. */
export function searchBundle(result: SearchResult, baseUrl: string, query: Record<string, string>) {
  const parameters = (extra: Record<string, string>) => {
    const params = new URLSearchParams(Object.entries({ ...query, ...extra }).filter(([name]) => name !== '_format' || query._format));
    if (!extra._cursor) params.delete('_cursor');
    return params.toString();
  };
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    link: [
      { relation: 'self', url: `${baseUrl}/Task${Object.keys(query).length ? `?${new URLSearchParams(query).toString()}` : ''}` },
      ...(result.nextCursor ? [{ relation: 'next', url: `${baseUrl}/Task?${parameters({ _cursor: result.nextCursor })}` }] : []),
    ],
    ...(result.tasks.length + result.included.length
      ? {
          entry: [
            ...result.tasks.map((task) => ({ fullUrl: `${baseUrl}/Task/${task.id}`, resource: task, search: { mode: 'match' } })),
            ...result.included.map((resource) => ({ fullUrl: `${baseUrl}/ServiceRequest/${(resource as { id: string }).id}`, resource, search: { mode: 'include' } })),
          ],
        }
      : {}),
  };
}

export { SYSTEMS };
