import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { MAX_REFERRAL_BODY_BYTES, ReferralRequestSchema } from '#shared/domain/referral.ts';
import { LEVENSDOMEINEN } from '#shared/domain/vocabulary.ts';
import { startStackProcess, type StackProcess } from '#local/child-process.ts';
import { devToken } from '../support/api-client.ts';

// Property: whatever is thrown at POST /referrals that is not a valid referral gets a 4xx problem
// answer, never a 5xx, and nothing is stored or enqueued. Requests are generated from the zod
// schema (through its JSON Schema) and then broken in one of many ways.

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
interface JsonSchema {
  type?: string;
  enum?: string[];
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
}

/** Values shaped like the schema: often valid, sometimes not; the mutations make sure of "not". */
function arbitraryFor(schema: JsonSchema): fc.Arbitrary<Json> {
  if (schema.enum) return fc.constantFrom(...schema.enum);
  switch (schema.type) {
    case 'object': {
      const properties = Object.fromEntries(Object.entries(schema.properties ?? {}).map(([key, value]) => [key, arbitraryFor(value)]));
      return fc.record(properties, { requiredKeys: schema.required ?? [] }) as fc.Arbitrary<Json>;
    }
    case 'array':
      return fc.array(arbitraryFor(schema.items ?? {}), { minLength: schema.minItems ?? 0, maxLength: Math.min(schema.maxItems ?? 4, 4) });
    case 'string':
      if (schema.format === 'email') return fc.emailAddress();
      if (schema.format === 'date') return fc.date({ min: new Date('2000-01-01'), max: new Date(), noInvalidDate: true }).map((date) => date.toISOString().slice(0, 10));
      if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern));
      return fc.string({ maxLength: 40 });
    case 'integer':
      return fc.integer({ min: Math.max(schema.minimum ?? 1900, 1900), max: Math.min(schema.maximum ?? 2030, 2030) });
    case 'number':
      return fc.double({ noNaN: true });
    case 'boolean':
      return fc.boolean();
    default:
      return fc.constant(null);
  }
}

const schema = z.toJSONSchema(ReferralRequestSchema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
const requestShaped = arbitraryFor(schema) as fc.Arbitrary<{ [key: string]: Json }>;

type Path = (string | number)[];
function paths(value: Json, prefix: Path = []): Path[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => [[...prefix, index], ...paths(item, [...prefix, index])]);
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, item]) => [[...prefix, key], ...paths(item, [...prefix, key])]);
  return [];
}
function objectPaths(value: Json, prefix: Path = []): Path[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => objectPaths(item, [...prefix, index]));
  if (value && typeof value === 'object') return [prefix, ...Object.entries(value).flatMap(([key, item]) => objectPaths(item, [...prefix, key]))];
  return [];
}
function at(value: Json, path: Path): Json {
  return path.reduce<Json>((node, key) => (node as Record<string | number, Json>)[key]!, value);
}
function set(value: Json, path: Path, replacement: Json | undefined): Json {
  const copy = structuredClone(value);
  const parent = at(copy, path.slice(0, -1)) as Record<string | number, Json>;
  const key = path.at(-1)!;
  if (replacement === undefined) {
    if (Array.isArray(parent)) parent.splice(Number(key), 1);
    else delete parent[key];
  } else parent[key] = replacement;
  return copy;
}
/** A value of another JSON type than `value`: never valid where `value` belongs. */
function otherType(value: Json, pick: number): Json {
  const candidates: Json[] = [42, 'tekst', true, [], { unexpected: true }, null].filter((candidate) => {
    if (Array.isArray(value)) return !Array.isArray(candidate);
    if (value === null) return candidate !== null;
    if (typeof value === 'object') return !(candidate && typeof candidate === 'object' && !Array.isArray(candidate));
    return typeof candidate !== typeof value || candidate === null;
  });
  return candidates[pick % candidates.length]!;
}
const REQUIRED_PATHS: Path[] = [
  ['referrer'], ['referrer', 'kind'], ['referrer', 'email'], ['client'], ['client', 'ref'], ['client', 'birthYear'],
  ['client', 'postcode'], ['client', 'gemeente'], ['client', 'channels'], ['intake'], ['intake', 'domains'], ['consent', 'shareWithPartners'],
];

interface HostileRequest {
  kind: string;
  body: string;
  contentType?: string;
}

const BROKEN_STRINGS = ['\ud83d', 'a\udc00b', 'stop\u0000', 'bel\u0007', '\u0085', 'x\u001b[31m'];

const hostile: fc.Arbitrary<HostileRequest> = fc.oneof(
  // Another JSON type somewhere in a request-shaped body.
  requestShaped.chain((body) => {
    const all = paths(body);
    return fc.nat({ max: Math.max(0, all.length - 1) }).chain((index) =>
      fc.nat().map((pick) => ({ kind: 'wrong type', body: JSON.stringify(all.length ? set(body, all[index]!, otherType(at(body, all[index]!), pick)) : []) })),
    );
  }),
  // A required field left out.
  fc.tuple(requestShaped, fc.constantFrom(...REQUIRED_PATHS)).map(([body, path]) => {
    const parentExists = at(body, path.slice(0, -1)) !== undefined;
    return { kind: 'missing field', body: JSON.stringify(parentExists ? set(body, path, undefined) : { ...body, [String(path[0])]: undefined }) };
  }),
  // A field the contract does not have (a name, a BSN, anything).
  fc.tuple(requestShaped, fc.nat(), fc.constantFrom('name', 'bsn', 'naam', 'diagnose', '__proto__', 'constructor', 'x')).map(([body, index, key]) => {
    const objects = objectPaths(body);
    const target = objects[index % objects.length]!;
    const copy = structuredClone(body) as Json;
    (at(copy, target) as Record<string, Json>)[key] = 'Jan Jansen 111222333';
    return { kind: 'unknown field', body: JSON.stringify(copy).replace('"__proto__"', '"__proto__"') };
  }),
  // A life-domain code that does not exist.
  fc.tuple(requestShaped, fc.string({ minLength: 1, maxLength: 30 }).filter((code) => !(LEVENSDOMEINEN as readonly string[]).includes(code))).map(([body, code]) => ({
    kind: 'unknown domain',
    body: JSON.stringify({ ...body, intake: { ...(body.intake as object), domains: [{ domain: code, need: 'some', helpFrom: 'professional' }] } }),
  })),
  // Unicode that is not text: lone surrogates, control characters.
  fc.tuple(requestShaped, fc.nat(), fc.constantFrom(...BROKEN_STRINGS)).map(([body, index, broken]) => {
    const strings = paths(body).filter((path) => typeof at(body, path) === 'string');
    const target = strings[index % Math.max(1, strings.length)] ?? ['client', 'gemeente'];
    const value = strings.length ? set(body, target, `${String(at(body, target))}${broken}`) : { ...body, client: broken };
    return { kind: 'broken unicode', body: JSON.stringify(value) };
  }),
  // Over the size limit.
  fc.tuple(requestShaped, fc.integer({ min: MAX_REFERRAL_BODY_BYTES + 1, max: MAX_REFERRAL_BODY_BYTES * 3 })).map(([body, size]) => ({
    kind: 'oversized',
    body: JSON.stringify({ ...body, intake: { ...(body.intake as object), story: { whatHappened: 'x'.repeat(size) } } }),
  })),
  // Deeply nested JSON, at the top or in a field.
  fc.tuple(fc.integer({ min: 100, max: 20_000 }), fc.boolean()).map(([depth, inField]) => {
    const nested = `${'['.repeat(depth)}${']'.repeat(depth)}`;
    return { kind: 'deep nesting', body: inField ? `{"intake":{"domains":${nested}}}` : nested };
  }),
  // Not JSON, or JSON cut short.
  fc.oneof(fc.string({ maxLength: 200 }), requestShaped.map((body) => JSON.stringify(body).slice(0, -3))).map((body) => ({ kind: 'not json', body })),
  // A valid-looking body sent as something else than JSON.
  requestShaped.map((body) => ({ kind: 'wrong content type', body: JSON.stringify(body), contentType: 'text/plain' })),
  // A client reference that is a BSN.
  fc.tuple(requestShaped, fc.constantFrom('111222333', '123456782', '999999990')).map(([body, bsn]) => ({
    kind: 'bsn as client ref',
    body: JSON.stringify({ ...body, client: { ...(body.client as object), ref: bsn } }),
  })),
);

let stack: StackProcess;
let token: string;
beforeAll(async () => {
  stack = await startStackProcess();
  token = await devToken(stack.endpoints.idp, 'poh-delinde');
});
afterAll(() => stack?.stop());

async function storedReferrals(): Promise<number> {
  const client = new DynamoDBClient({ endpoint: stack.endpoints.dynamodb, region: 'eu-central-1', credentials: { accessKeyId: 't', secretAccessKey: 't' } });
  const { Count } = await client.send(new ScanCommand({ TableName: 'overbrug-local-referrals', Select: 'COUNT' }));
  return Count ?? 0;
}

describe('hostile input to POST /referrals', () => {
  it('answers 2,000 malformed or oversized requests with 4xx problem details, never a 5xx, storing nothing', async () => {
    const seen = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(hostile, async (request) => {
        seen.set(request.kind, (seen.get(request.kind) ?? 0) + 1);
        const response = await fetch(`${stack.endpoints.api}/referrals`, {
          method: 'POST',
          headers: { 'content-type': request.contentType ?? 'application/json', authorization: `Bearer ${token}` },
          body: request.body,
        });
        const text = await response.text();
        expect(response.status, `${request.kind}: ${text.slice(0, 300)}`).toBeGreaterThanOrEqual(400);
        expect(response.status, `${request.kind}: ${text.slice(0, 300)}`).toBeLessThan(500);
        expect(response.headers.get('content-type')).toBe('application/problem+json');
        expect(JSON.parse(text)).toMatchObject({ status: response.status, type: expect.stringMatching(/^\/problems\//) });
      }),
      { numRuns: 2000, seed: 20261122 },
    );
    expect([...seen.values()].reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(2000);
    expect(seen.size).toBe(10);
    expect(await storedReferrals()).toBe(0);
    expect(stack.output()).not.toContain('Referral accepted');
  });
});
