import { readFile } from 'node:fs/promises';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { ROLES, ROUTE_KEYS, rolesFor, splitRoute, type Role, type RouteKey } from '#shared/access/policy.ts';
import { AmendmentRequestSchema } from '#shared/domain/amendment.ts';
import { HandOffActionSchema } from '#shared/domain/hand-off.ts';
import { CaseActionSchema } from '#shared/domain/lifecycle.ts';
import { MAX_REFERRAL_BODY_BYTES } from '#shared/domain/referral.ts';
import { ReferralRequestSchema } from '#shared/domain/referral-request.ts';
import { KaartContactUpdateSchema } from '#shared/domain/kaart-contact.ts';
import { ContactPersonInputSchema, NewContactPersonSchema } from '#shared/domain/contact-person-entry.ts';
import { AvailabilityUpdateSchema } from '#shared/domain/sociale-kaart.ts';
import { queryParametersOf } from '#shared/http/query.ts';
import { CrosswalkSchema } from '#shared/kaart/hsds/crosswalk.ts';
import { ImportRequestSchema } from '#shared/kaart/hsds/import-request.ts';
import { UserInviteSchema, UserUpdateSchema } from '#shared/domain/user-account.ts';
import { sampleBody } from '../support/samples.ts';
import { startInProcessApi, type InProcessApi } from '../support/in-process-api.ts';

// Issue 14, item 9: hostile input to every route of the access policy. Each request is a route
// (method × path, from the policy: a new route joins by being there) × a caller (each role, none,
// broken and forged tokens) × mutations of its path, query, headers and body (from the route's
// schema where it has one, and the generic attacks: deep nesting, huge strings, prototype keys,
// control characters, bad encodings, wrong types, invalid cursors and ids). What must hold for
// every one: no 5xx; a 4xx is problem+json (the gateway's own refusals excepted, which are API
// Gateway's); and after a 4xx nothing was written but the access log's record of the attempt.
//
// Seeded and reproducible: the requests are generated up front from the seed (HOSTILE_SEED to
// replay another), sent 16 at a time to the handlers in this process behind the local gateway.

const SEED = Number(process.env.HOSTILE_SEED ?? 20261214);
const REQUESTS = Number(process.env.HOSTILE_REQUESTS ?? 10_000);
const CONCURRENCY = 16;
/**
 * A time box far above what the suite takes on a shared two-core machine: 162 s alone at a load
 * average of 36, 274 s beside the other handler tests at 20 (the HSDS routes in). Only running out
 * of it fails the test (fewer than REQUESTS sent); CPU, not waiting, sets the pace.
 */
const TIME_BOX_MS = 540_000;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * The body each route takes, where it takes JSON: the schema the handler parses it with. A new
 * write route must be named here (the suite fails until it is), so its mutations follow its schema.
 */
const BODY_SCHEMAS: Partial<Record<RouteKey, z.core.$ZodType>> = {
  'POST /referrals': ReferralRequestSchema,
  'POST /referrals/{referralId}/amendments': AmendmentRequestSchema,
  'POST /referrals/{referralId}/actions': CaseActionSchema,
  'POST /hand-offs/{referralId}/actions': HandOffActionSchema,
  'PUT /kaart/{serviceId}/availability': AvailabilityUpdateSchema,
  'PUT /kaart/{serviceId}/contact': KaartContactUpdateSchema,
  'POST /kaart/import': ImportRequestSchema,
  'PUT /kaart/crosswalks/{crosswalkId}': CrosswalkSchema,
  'POST /contact-persons': NewContactPersonSchema,
  'PUT /contact-persons/{contactPersonId}': ContactPersonInputSchema,
  'POST /users': UserInviteSchema,
  'PUT /users/{userId}': UserUpdateSchema,
};
/**
 * The FHIR write routes take FHIR resources, checked by the FHIR validator rather than a zod
 * schema: their mutations start from a resource as a practice system sends it.
 */
const FHIR_BODIES: Partial<Record<RouteKey, Json>> = {
  'POST /fhir': JSON.parse(await readFile(new URL('../../events/fhir/referral-bundle.json', import.meta.url), 'utf8')) as Json,
  'PUT /fhir/Task/{id}': { resourceType: 'Task', id: 'onbekend', status: 'cancelled', intent: 'order', statusReason: { text: 'De cliënt wil niet meer' } },
  'PUT /fhir/Consent/{id}': { resourceType: 'Consent', id: 'onbekend', status: 'inactive', scope: { text: 'delen' }, category: [{ text: 'IDSCL' }] },
};
/** Routes that answer a person in a browser with a page, refusals included (the e-mail's confirm link). */
const HTML_ROUTES: RouteKey[] = ['GET /kaart/verify', 'POST /kaart/verify'];

/** One demo user per role: the callers whose token is real. */
const USERS: Record<Role, string> = {
  verwijzer: 'poh-delinde',
  clientondersteuner: 'cp-anouk-de-vries',
  partner: 'partner-de-brug',
  manager: 'manager-regio',
  beheerder: 'beheerder-kaart',
  coordinator: 'coordinator-voorbeeld',
  privacy: 'privacy-voorbeeld',
};

// ---- Values shaped like a schema (through its JSON Schema), to break one part of at a time ----

interface JsonSchema {
  type?: string | string[];
  enum?: Json[];
  const?: Json;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  additionalProperties?: JsonSchema | boolean;
}

function arbitraryFor(schema: JsonSchema, depth = 0): fc.Arbitrary<Json> {
  if (depth > 6) return fc.constant(null);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map((alternative) => arbitraryFor(alternative, depth + 1)));
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'object': {
      const properties = Object.fromEntries(Object.entries(schema.properties ?? {}).map(([key, value]) => [key, arbitraryFor(value, depth + 1)]));
      return fc.record(properties, { requiredKeys: schema.required ?? [] }) as fc.Arbitrary<Json>;
    }
    case 'array':
      return fc.array(arbitraryFor(schema.items ?? {}, depth + 1), { minLength: schema.minItems ?? 0, maxLength: Math.min(schema.maxItems ?? 3, 3) });
    case 'string':
      if (schema.format === 'email') return fc.constantFrom('iemand@voorbeeld.example', 'a@b.nl');
      if (schema.format === 'date') return fc.constantFrom('2026-11-02', '2026-02-30', '2025-13-01');
      if (schema.pattern) return fc.constantFrom('abcd', 'vb-wachtmaatje', '9902', 'nl');
      return fc.string({ maxLength: 20 });
    case 'integer':
    case 'number':
      return fc.integer({ min: -5, max: 2030 });
    case 'boolean':
      return fc.boolean();
    default:
      return fc.constant(null);
  }
}

const shapes = new Map<RouteKey, fc.Arbitrary<Json>>();
function shapeOf(route: RouteKey): fc.Arbitrary<Json> {
  if (!shapes.has(route)) {
    const schema = BODY_SCHEMAS[route];
    const fhir = FHIR_BODIES[route];
    if (fhir) shapes.set(route, fc.constant(fhir));
    else shapes.set(route, schema ? arbitraryFor(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema) : fc.constant({}));
  }
  return shapes.get(route)!;
}

type Path = (string | number)[];
function paths(value: Json, prefix: Path = []): Path[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => [[...prefix, index], ...paths(item, [...prefix, index])]);
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, item]) => [[...prefix, key], ...paths(item, [...prefix, key])]);
  return [];
}
function setAt(value: Json, path: Path, replacement: Json): Json {
  if (!path.length) return replacement;
  const copy = structuredClone(value) as Record<string | number, Json>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, Json>;
  node[path.at(-1)!] = replacement;
  return copy;
}
const at = (value: Json, path: Path): Json => path.reduce<Json>((node, key) => (node as Record<string | number, Json>)[key]!, value);

// ---- The attacks ----

const BROKEN_TEXT = ['\u0000', 'bel\u0007', '\u0085', 'x\u001b[31m', 'a\nLET OP: bel direct', '\u2028', '\u202Etxt.exe', 'BSN 111.222.333', '\ud83d', 'a\udc00b'];
const HOSTILE_IDS = ['', 'x'.repeat(3000), '..', '..%2F..%2Fetc', '%00', '%E0%A4%A', '%', '%ZZ', "1' OR '1'='1", '__proto__', 'constructor', '00000000-0000-0000-0000-000000000000', '%F0%9F%92%A9', 'a%2Fb', 'ＲＶ-2026'];
const HOSTILE_QUERY_VALUES = ['', 'x'.repeat(5000), '2026-02-30', '2026-13-45', '-1', '1e9', 'NaN', '[object Object]', '%', '\u0000', '{"$ne":null}', '2026-11-23T00:00:00Z'];
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const HOSTILE_CURSORS = [
  b64({ referralId: 'x' }),
  b64({ referralId: 'x', referrerOrganisationId: 'hap-de-linde', createdAt: '2026', extra: '1' }),
  b64({ referralId: '', referrerOrganisationId: 'hap-de-linde', createdAt: '' }),
  b64({ referrerOrganisationId: 'hap-de-linde', createdAt: '2026-01-01' }),
  b64({ referralId: 1, referrerOrganisationId: 'hap-de-linde', createdAt: {} }),
  b64([1, 2]),
  b64('x'.repeat(3000)),
  'not base64 !',
  '%%%',
  'x'.repeat(5000),
];
const UNKNOWN_PARAMETERS = ['__proto__', 'constructor', 'prototype', 'postcode', 'debug', 'limit[]', 'x'.repeat(200)];

type Caller = { kind: 'role'; role: Role } | { kind: 'none' } | { kind: 'garbage' } | { kind: 'expired' } | { kind: 'forged' } | { kind: 'alg-none' } | { kind: 'long-lived' } | { kind: 'from-the-future' };

interface HostileRequest {
  route: RouteKey;
  caller: Caller;
  /** The path parameter: the seeded record, another, or a hostile id (raw, may be malformed percent-encoding). */
  pathId: { kind: 'seeded' } | { kind: 'random' } | { kind: 'hostile'; value: string };
  query: [string, string][];
  contentType?: string;
  idempotencyKey?: string;
  body?: { kind: string; text?: string; bytes?: number[]; depth?: number; size?: number };
  kind: string;
}

const callers: fc.Arbitrary<Caller> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...ROLES).map((role): Caller => ({ kind: 'role', role })) },
  { weight: 2, arbitrary: fc.constantFrom<Caller>({ kind: 'none' }, { kind: 'garbage' }, { kind: 'expired' }, { kind: 'forged' }, { kind: 'alg-none' }, { kind: 'long-lived' }, { kind: 'from-the-future' }) },
);

/** A body broken in one way: each kind names what it does. */
function hostileBody(route: RouteKey): fc.Arbitrary<NonNullable<HostileRequest['body']>> {
  const shaped = shapeOf(route);
  const broken = (kind: string, make: (body: Json, pick: number, extra: string) => Json) =>
    fc.tuple(shaped, fc.nat(), fc.constantFrom(...BROKEN_TEXT)).map(([body, pick, extra]) => ({ kind, text: JSON.stringify(make(body, pick, extra)) }));
  return fc.oneof(
    broken('wrong type', (body, pick) => {
      const all = paths(body);
      if (!all.length) return [pick];
      const path = all[pick % all.length]!;
      const value = at(body, path);
      const others: Json[] = [42, 'tekst', true, [], { unexpected: true }, null].filter((candidate) => typeof candidate !== typeof value || Array.isArray(candidate) !== Array.isArray(value));
      return setAt(body, path, others[pick % others.length]!);
    }),
    broken('unknown field', (body, pick) => {
      const key = ['__proto__', 'constructor', 'bsn', 'naam', 'prototype'][pick % 5]!;
      return body && typeof body === 'object' && !Array.isArray(body) ? { ...body, [key]: 'Jan Jansen 111222333' } : { [key]: { polluted: true } };
    }),
    broken('broken text', (body, pick, extra) => {
      const strings = paths(body).filter((path) => typeof at(body, path) === 'string');
      return strings.length ? setAt(body, strings[pick % strings.length]!, `${String(at(body, strings[pick % strings.length]!))}${extra}`) : { note: extra };
    }),
    fc.constantFrom('[]', 'null', '"tekst"', '42', '{', '{"a":', '\u0000', '{"__proto__":{"polluted":true}}', '{"constructor":{"prototype":{"x":1}}}').map((text) => ({ kind: 'not an object', text })),
    fc.integer({ min: 40, max: 20_000 }).map((depth) => ({ kind: 'deep nesting', depth })),
    fc.integer({ min: MAX_REFERRAL_BODY_BYTES + 1, max: 6 * 1024 * 1024 }).map((size) => ({ kind: 'huge', size })),
    fc.array(fc.integer({ min: 0x80, max: 0xff }), { minLength: 1, maxLength: 8 }).map((bytes) => ({ kind: 'bad utf-8', bytes })),
  );
}

const requests: fc.Arbitrary<HostileRequest> = fc.constantFrom(...ROUTE_KEYS).chain((route) => {
  const { method, path } = splitRoute(route);
  const defined = queryParametersOf(route);
  const hasId = path.includes('{');
  const takesBody = method !== 'GET';
  return fc
    .record({
      caller: callers,
      pathId: hasId
        ? fc.oneof(
            fc.constant<HostileRequest['pathId']>({ kind: 'seeded' }),
            fc.constant<HostileRequest['pathId']>({ kind: 'random' }),
            fc.constantFrom(...HOSTILE_IDS).map((value): HostileRequest['pathId'] => ({ kind: 'hostile', value })),
          )
        : fc.constant<HostileRequest['pathId']>({ kind: 'seeded' }),
      query: fc.oneof(
        fc.constant<[string, string][]>([]),
        defined.length ? fc.array(fc.tuple(fc.constantFrom(...defined), fc.constantFrom(...HOSTILE_QUERY_VALUES, ...(defined.includes('cursor') ? HOSTILE_CURSORS : []))), { minLength: 1, maxLength: 3 }) : fc.constant<[string, string][]>([]),
        fc.tuple(fc.constantFrom(...UNKNOWN_PARAMETERS), fc.constantFrom('1', '', 'x')).map((pair) => [pair] as [string, string][]),
      ),
      contentType: fc.constantFrom(undefined, 'application/json', 'application/json', 'text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=latin1'),
      idempotencyKey: fc.constantFrom(undefined, undefined, 'sleutel met spaties', 'x'.repeat(300), 'ok-key'),
      body: takesBody ? hostileBody(route) : fc.constant(undefined),
    })
    .map((parts): HostileRequest => {
      const kind = parts.body?.kind ?? (parts.pathId.kind === 'hostile' ? 'hostile id' : parts.query.length ? 'hostile query' : parts.caller.kind === 'role' ? 'plain' : 'bad token');
      return { route, ...parts, kind } as HostileRequest;
    });
});

// ---- Sending them ----

let api: InProcessApi;
let seededReferralId: string;
/** A record that exists, by path parameter: the seeded referral for the rest. */
const seededIds = new Map<string, string>([
  ['serviceId', 'vb-wachtmaatje'],
  ['crosswalkId', 'sk-hostile'],
  ['contactPersonId', 'cp-anouk-de-vries'],
]);
const tokens = new Map<string, string>();

function encodeSegment(raw: string): string {
  // Hostile ids are sent as written: a `%` that is not valid percent-encoding reaches the gateway as such.
  return /%/.test(raw) ? raw.replace(/[^\w%.~-]/g, encodeURIComponent) : encodeURIComponent(raw);
}

function urlOf(request: HostileRequest): string {
  const { path } = splitRoute(request.route);
  const parameter = /\{(\w+)\}/.exec(path)?.[1] ?? '';
  const id = request.pathId.kind === 'seeded' ? (seededIds.get(parameter) ?? seededReferralId) : request.pathId.kind === 'random' ? crypto.randomUUID() : request.pathId.value;
  const concrete = path.replace(/\{\w+\}/, encodeSegment(id) || '%20');
  const query = request.query.map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`).join('&');
  return `${api.url}${concrete}${query ? `?${query}` : ''}`;
}

function bodyOf(request: HostileRequest): Buffer | string | undefined {
  const body = request.body;
  if (!body) return undefined;
  if (body.depth) return `{"document":${'['.repeat(body.depth)}${']'.repeat(body.depth)}}`;
  if (body.size) return JSON.stringify({ note: 'x'.repeat(body.size) });
  if (body.bytes) return Buffer.concat([Buffer.from('{"note":"'), Buffer.from(body.bytes), Buffer.from('"}')]);
  return body.text;
}

function authorization(caller: Caller): string | undefined {
  switch (caller.kind) {
    case 'none':
      return undefined;
    case 'garbage':
      return 'Bearer abc.def.ghi';
    case 'role':
      return `Bearer ${tokens.get(caller.role)}`;
    default:
      return `Bearer ${tokens.get(caller.kind)}`;
  }
}

interface Outcome {
  request: HostileRequest;
  status: number;
  failure?: string;
  /** How long the answer took, for the report of the slowest routes. */
  ms?: number;
}

async function send(request: HostileRequest): Promise<Outcome> {
  const headers: Record<string, string> = {};
  const auth = authorization(request.caller);
  if (auth) headers.authorization = auth;
  const body = bodyOf(request);
  if (body !== undefined) headers['content-type'] = request.contentType ?? 'application/json';
  if (request.idempotencyKey) headers['idempotency-key'] = request.idempotencyKey;
  const { method } = splitRoute(request.route);
  const init = { method, headers, ...(body === undefined ? {} : { body }) };
  // A kept-alive connection the server closed just as it was reused (the gateway's keep-alive
  // timeout on a busy machine) is the transport's, not an answer: the request is sent once more.
  const response = await fetch(urlOf(request), init).catch(() => fetch(urlOf(request), init));
  const text = await response.text();
  const status = response.status;
  const fail = (failure: string): Outcome => ({ request, status, failure: `${failure}: ${text.slice(0, 200)}` });
  if (status >= 500) return fail('5xx');
  if (status < 400) return { request, status };
  const requestId = response.headers.get('apigw-requestid');
  // The gateway's own refusals (a path it cannot decode, a payload over 10 MB) are API Gateway's, as on AWS.
  if (!requestId) return /^application\/json/.test(response.headers.get('content-type') ?? '') ? { request, status } : fail('gateway refusal not JSON');
  const type = response.headers.get('content-type') ?? '';
  if (type === 'application/problem+json') {
    const problem = JSON.parse(text) as { status?: number; type?: string };
    if (problem.status !== status || !problem.type?.startsWith('/problems/')) return fail('problem without status or type');
  } else if (splitRoute(request.route).path.startsWith('/fhir')) {
    // The FHIR API refuses as FHIR does: an OperationOutcome, in JSON or XML as asked.
    const outcome = type.startsWith('application/fhir+json') ? (JSON.parse(text) as { resourceType?: string }).resourceType === 'OperationOutcome' : type.startsWith('application/fhir+xml') && text.includes('<OperationOutcome');
    if (!outcome) return fail(`FHIR 4xx as ${type}, not an OperationOutcome`);
  } else if (!(HTML_ROUTES.includes(request.route) && type.startsWith('text/html'))) return fail(`4xx as ${type}`);
  // Nothing written after a refusal, but the access log's record of a refused attempt at a client
  // record, and a submission's Idempotency-Key claim before the duplicate guard refused it (409): the
  // key stays used for its day, so the same key again gets the same refusal (docs/api.md).
  const keyClaim = (write: { command: string; target: string }) =>
    status === 409 && write.command === 'PutCommand' && write.target === api.aws.tableNames.idempotency && ['POST /referrals', 'POST /fhir'].includes(request.route);
  const written = api.writesOf(requestId).filter((write) => !write.target.endsWith('access-log') && !keyClaim(write));
  if (written.length) return fail(`wrote ${written.map((write) => `${write.command} ${write.target}`).join(', ')} after ${status}`);
  return { request, status };
}

beforeAll(async () => {
  api = await startInProcessApi();
  const { idp } = api.aws;
  for (const role of ROLES) tokens.set(role, await idp.idToken(USERS[role]));
  tokens.set('expired', await idp.idToken('poh-delinde', { expiresIn: -120 }));
  tokens.set('long-lived', await idp.idToken('poh-delinde', { expiresIn: 30 * 24 * 3600 }));
  tokens.set('from-the-future', await idp.idToken('poh-delinde', { now: Date.now() + 3600_000 }));
  const [header, payload] = tokens.get('verwijzer')!.split('.');
  tokens.set('forged', `${header}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), 'cognito:groups': ROLES })).toString('base64url')}.${'A'.repeat(342)}`);
  tokens.set('alg-none', `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${payload}.`);
  // One real referral, so that hostile requests on an existing record are tried too.
  const created = await fetch(`${api.url}/referrals`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.get('verwijzer')}` },
    body: JSON.stringify(await sampleBody('combined')),
  });
  expect(created.status).toBe(202);
  seededReferralId = ((await created.json()) as { referralId: string }).referralId;
  // The HSDS API's ids of records that exist, so that its routes by id are tried on a hit too
  // (the demo kaart has no service_at_locations: that route is tried with ids it does not know).
  for (const [parameter, list] of [['organizationId', 'organizations'], ['serviceAtLocationId', 'service_at_locations'], ['taxonomyId', 'taxonomies'], ['taxonomyTermId', 'taxonomy_terms']] as const) {
    const response = await fetch(`${api.url}/hsds/${list}?per_page=1`);
    expect(response.status, list).toBe(200);
    const first = ((await response.json()) as { contents: { id: string }[] }).contents[0];
    if (first) seededIds.set(parameter, first.id);
  }
});
afterAll(() => api?.close());

describe('hostile input to every route', () => {
  it(`answers ${REQUESTS.toLocaleString('en')} hostile requests over every route, role and mutation without a 5xx, with problem details, writing nothing after a refusal`, { timeout: TIME_BOX_MS + 30_000 }, async () => {
    // Every route of the policy is served here (the suite follows the policy, new routes included),
    // and every route that takes a JSON body says with which schema.
    expect([...api.routes].sort()).toEqual([...ROUTE_KEYS].sort());
    expect(ROUTE_KEYS.filter((route) => splitRoute(route).method !== 'GET' && !HTML_ROUTES.includes(route) && !BODY_SCHEMAS[route] && !FHIR_BODIES[route])).toEqual([]);
    const generated = fc.sample(requests, { seed: SEED, numRuns: REQUESTS });
    const started = Date.now();
    const outcomes: Outcome[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < generated.length && Date.now() - started < TIME_BOX_MS) {
          const index = next++;
          const sentAt = performance.now();
          const outcome = { ...(await send(generated[index]!)), ms: performance.now() - sentAt };
          outcomes.push(outcome.failure ? { ...outcome, failure: `#${index} (seed ${SEED}) ${outcome.failure}` } : outcome);
        }
      }),
    );
    const seconds = (Date.now() - started) / 1000;
    const byStatus = Object.fromEntries([...Map.groupBy(outcomes, (outcome) => outcome.status)].map(([status, list]) => [status, list.length]).sort());
    const byKind = Object.fromEntries([...Map.groupBy(outcomes, (outcome) => outcome.request.kind)].map(([kind, list]) => [kind, list.length]));
    const slowest = [...Map.groupBy(outcomes, (outcome) => outcome.request.route)]
      .map(([route, list]) => [route, Math.round(list.reduce((sum, outcome) => sum + (outcome.ms ?? 0), 0) / list.length)] as const)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 5);
    const routesHit = new Set(outcomes.map((outcome) => outcome.request.route));
    const rolesTried = new Set(outcomes.flatMap((outcome) => (outcome.request.caller.kind === 'role' ? [`${outcome.request.route} as ${outcome.request.caller.role}`] : [])));
    console.log(
      `Hostile-input suite: ${outcomes.length} requests in ${seconds.toFixed(1)} s (${Math.round(outcomes.length / seconds)}/s, seed ${SEED}) over ${routesHit.size} routes; ` +
        `statuses ${JSON.stringify(byStatus)}; kinds ${JSON.stringify(byKind)}; slowest routes (mean ms) ${JSON.stringify(Object.fromEntries(slowest))}`,
    );
    const failures = outcomes.filter((outcome) => outcome.failure);
    expect(failures.slice(0, 10).map((outcome) => `${outcome.request.route} ${outcome.request.kind} ${outcome.failure}`)).toEqual([]);
    expect(outcomes.length, `the time box of ${TIME_BOX_MS / 1000} s ran out`).toBe(REQUESTS);
    expect(routesHit.size).toBe(ROUTE_KEYS.length);
    // Every route was tried by each role it allows (and so reached its validation, not only the 403).
    for (const route of ROUTE_KEYS) for (const role of rolesFor(route)) expect(rolesTried.has(`${route} as ${role}`), `${route} as ${role}`).toBe(true);
    // The referral the suite started with is the only one: no hostile request made another.
    expect(outcomes.filter((outcome) => outcome.request.route === 'POST /referrals' && outcome.status === 202)).toEqual([]);
  });
});
