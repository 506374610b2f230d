import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { CrosswalkSchema, type Crosswalk } from '#shared/kaart/hsds/crosswalk.ts';

// The Open Referral HSDS 3.1 examples and schemas in test/fixtures/hsds-3.1 (CC BY-SA 4.0, see its
// README), the crosswalk we wrote for them, and a validator of HSDS API answers against the schemas.

export const HSDS_FIXTURES = fileURLToPath(new URL('../fixtures/hsds-3.1/', import.meta.url));
export const EXAMPLES_CROSSWALK = fileURLToPath(new URL('../fixtures/hsds-3.1-crosswalk.json', import.meta.url));
export const CSV_EXAMPLE = `${HSDS_FIXTURES}examples/csv`;
export const exampleFile = (name: string) => `${HSDS_FIXTURES}examples/${name}.json`;

export const readExample = async (name: string): Promise<unknown> => JSON.parse(await readFile(exampleFile(name), 'utf8'));

export async function readCsvExample(): Promise<Record<string, string>> {
  const names = await readdir(CSV_EXAMPLE);
  return Object.fromEntries(await Promise.all(names.map(async (name) => [name, await readFile(`${CSV_EXAMPLE}/${name}`, 'utf8')] as const)));
}

export const readExamplesCrosswalk = async (): Promise<Crosswalk> => CrosswalkSchema.parse(JSON.parse(await readFile(EXAMPLES_CROSSWALK, 'utf8')));

/** The example service, as the Open Referral examples and our crosswalk for them make it. */
export const COMMUNITY_COUNSELLING = {
  serviceId: 'ac148810-d857-441c-9679-408f346de14b',
  regionId: 'regio-voorbeeld',
  name: 'Community Counselling',
  organisation: 'Example Organization Inc.',
  organisationId: 'd9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610',
  description:
    'Counselling Services provided by trained professionals. Suitable for people with mental health conditions such as anxiety, depression, or eating disorders as well as people experiencing difficult life events and circumstances. ',
  category: 'basic-ggz',
  functies: [5],
  domains: ['mental-health'],
  bridging: false,
  area: { gemeenten: ['Rivierstad'] },
  ageRange: { min: 12, max: 100 },
  languages: ['ur'],
  channels: ['phone', 'in-person'],
  capacity: null,
  waitingWeeks: 2,
  active: true,
  referralNeeded: true,
  cost: 'own-contribution',
  funding: ['gemeente'],
  contact: { name: 'Ann Persona', email: 'email@example.com', phone: '+44 1234 234567' },
} as const;

/** HSDS's base URL for its schema files: their relative `$ref`s ("attribute.json") resolve against it. */
const SCHEMA_BASE = 'https://raw.githubusercontent.com/openreferral/specification/3.0/schema/';

export interface HsdsValidators {
  service: ValidateFunction;
  servicePage: ValidateFunction;
}

/**
 * Validators for our API's answers, built from the spec's files as they are: openapi.json declares
 * JSON Schema 2020-12 (`jsonSchemaDialect`), so Ajv's 2020 draft with formats (uuid, email,
 * date-time, uri). openapi.json points at `compiled/service.json` and `compiled/service_list.json`,
 * which are not among the spec's files: the service schema they are compiled from stands in for
 * both (the list's one-to-one fields are a subset of it).
 */
export async function hsdsValidators(): Promise<HsdsValidators> {
  // Strict, except on types: the spec's list schema has `properties` without `type: object`.
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false });
  // HSDS's own annotations on its schemas (for the tabular format); they validate nothing.
  ajv.addVocabulary(['name', 'constraints', 'example', 'core', 'datapackage_metadata', 'datapackage_type', 'tabular_required', 'path']);
  addFormats.default(ajv);
  const dir = `${HSDS_FIXTURES}schema/`;
  for (const file of await readdir(dir)) {
    if (file === 'openapi.json') continue;
    ajv.addSchema(JSON.parse(await readFile(`${dir}${file}`, 'utf8')), `${SCHEMA_BASE}${file}`);
  }
  const openapi = JSON.parse(await readFile(`${dir}openapi.json`, 'utf8'));
  const resolveRefs = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(resolveRefs);
    if (typeof node !== 'object' || node === null) return node;
    return Object.fromEntries(
      Object.entries(node).map(([key, value]) => {
        if (key !== '$ref' || typeof value !== 'string') return [key, resolveRefs(value)];
        if (value === '#/components/schemas/Page') return [key, 'urn:hsds:page'];
        return [key, value.replace(/compiled\/service(_list)?\.json$/, 'service.json')];
      }),
    );
  };
  ajv.addSchema(openapi.components.schemas.Page, 'urn:hsds:page');
  const responseSchema = (path: string) => resolveRefs(openapi.paths[path].get.responses['200'].content['application/json'].schema) as object;
  return { service: ajv.compile(responseSchema('/services/{id}')), servicePage: ajv.compile(responseSchema('/services')) };
}
