import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parse } from 'csv-parse/sync';
import { CrosswalkSchema, type Crosswalk } from '#shared/kaart/hsds/crosswalk.ts';
import { HSDS_OBJECTS, HSDS_TYPES, type HsdsType } from '#shared/kaart/hsds/objects.ts';

// The Open Referral HSDS 3.1 examples and schemas in test/fixtures/hsds-3.1 (CC BY-SA 4.0, see its
// README), the crosswalk we wrote for them, validators of HSDS API answers and CSV tables against
// the schemas, and a field-by-field comparison for round trips.

export const HSDS_FIXTURES = fileURLToPath(new URL('../fixtures/hsds-3.1/', import.meta.url));
export const OLD_VERSION_FIXTURES = fileURLToPath(new URL('../fixtures/hsds-older/', import.meta.url));
export const EXAMPLES_CROSSWALK = fileURLToPath(new URL('../fixtures/hsds-3.1-crosswalk.json', import.meta.url));
export const CSV_EXAMPLE = `${HSDS_FIXTURES}examples/csv`;
export const exampleFile = (name: string) => `${HSDS_FIXTURES}examples/${name}.json`;

export const readExample = async (name: string): Promise<unknown> => JSON.parse(await readFile(exampleFile(name), 'utf8'));

export async function readCsvDirectory(directory: string): Promise<Record<string, string>> {
  const names = await readdir(directory);
  return Object.fromEntries(await Promise.all(names.map(async (name) => [name, await readFile(`${directory}/${name}`, 'utf8')] as const)));
}
export const readCsvExample = () => readCsvDirectory(CSV_EXAMPLE);

export const readExamplesCrosswalk = async (): Promise<Crosswalk> => CrosswalkSchema.parse(JSON.parse(await readFile(EXAMPLES_CROSSWALK, 'utf8')));

/** The example service, as the Open Referral examples and our crosswalk for them make it (the source's own details apart). */
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
  /** GET /: version, profile, openapi_url. */
  meta: ValidateFunction;
  service: ValidateFunction;
  servicePage: ValidateFunction;
  organization: ValidateFunction;
  organizationPage: ValidateFunction;
  serviceAtLocation: ValidateFunction;
  serviceAtLocationPage: ValidateFunction;
  taxonomy: ValidateFunction;
  taxonomyPage: ValidateFunction;
  taxonomyTerm: ValidateFunction;
  taxonomyTermPage: ValidateFunction;
  /** A CSV table's rows (as parsed, numbers typed), per HSDS object. */
  row: (type: HsdsType) => ValidateFunction;
}

/**
 * Validators for our API's answers, built from the spec's files as they are: openapi.json declares
 * JSON Schema 2020-12 (`jsonSchemaDialect`), so Ajv's 2020 draft with formats (uuid, email,
 * date-time, uri). openapi.json points at `compiled/*.json`; the list schemas are among our fixtures
 * (same commit), the full ones are megabytes of expanded `$ref`s, so they are composed here from
 * the schemas they are compiled from: `compiled/service.json` is service.json, the compiled
 * organization adds its `services`, the compiled service_at_location its `service`.
 *
 * One place where openapi.json contradicts itself: `GET /service_at_locations/{id}` "retrieves a
 * fully nested service_at_location" but names `compiled/service.json` as the schema. We answer a
 * service_at_location, as the description, the list endpoint and service_at_location_full.json
 * say, and hold it to the compiled service_at_location.
 */
export async function hsdsValidators(): Promise<HsdsValidators> {
  // Strict, except on types: the spec's list schemas have `properties` without `type: object`.
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false });
  // HSDS's own annotations on its schemas (for the tabular format); they validate nothing.
  ajv.addVocabulary(['name', 'constraints', 'example', 'core', 'datapackage_metadata', 'datapackage_type', 'tabular_required', 'path']);
  addFormats.default(ajv);
  const dir = `${HSDS_FIXTURES}schema/`;
  const schemas = new Map<string, Record<string, any>>();
  for (const file of await readdir(dir)) {
    if (!file.endsWith('.json') || file === 'openapi.json') continue;
    const schema = JSON.parse(await readFile(`${dir}${file}`, 'utf8'));
    schemas.set(file, schema);
    ajv.addSchema(schema, `${SCHEMA_BASE}${file}`);
  }
  for (const file of await readdir(`${dir}compiled/`)) ajv.addSchema(JSON.parse(await readFile(`${dir}compiled/${file}`, 'utf8')), `${SCHEMA_BASE}compiled/${file}`);
  ajv.addSchema({ allOf: [{ $ref: `${SCHEMA_BASE}organization.json` }], properties: { services: { type: 'array', items: { $ref: `${SCHEMA_BASE}service.json` } } } }, 'urn:hsds:organization-full');
  ajv.addSchema({ allOf: [{ $ref: `${SCHEMA_BASE}service_at_location.json` }], required: ['service'], properties: { service: { $ref: `${SCHEMA_BASE}service.json` } } }, 'urn:hsds:service-at-location-full');
  const openapi = JSON.parse(await readFile(`${dir}openapi.json`, 'utf8'));
  const FULL: Record<string, string> = {
    'compiled/service.json': `${SCHEMA_BASE}service.json`,
    'compiled/organization.json': 'urn:hsds:organization-full',
    'compiled/service_at_location.json': 'urn:hsds:service-at-location-full',
  };
  const resolveRefs = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(resolveRefs);
    if (typeof node !== 'object' || node === null) return node;
    return Object.fromEntries(
      Object.entries(node).map(([key, value]) => {
        if (key !== '$ref' || typeof value !== 'string') return [key, resolveRefs(value)];
        if (value === '#/components/schemas/Page') return [key, 'urn:hsds:page'];
        const compiled = /compiled\/\w+\.json$/.exec(value)?.[0];
        return [key, compiled && FULL[compiled] ? FULL[compiled] : value];
      }),
    );
  };
  ajv.addSchema(openapi.components.schemas.Page, 'urn:hsds:page');
  const response = (path: string) => ajv.compile(resolveRefs(openapi.paths[path].get.responses['200'].content['application/json'].schema) as object);
  const rows = new Map<HsdsType, ValidateFunction>();
  return {
    meta: ajv.compile({ ...resolveRefs(openapi.paths['/'].get.responses['200'].content['application/json'].schema) as object, required: ['version', 'profile', 'openapi_url'] }),
    service: response('/services/{id}'),
    servicePage: response('/services'),
    organization: response('/organizations/{id}'),
    organizationPage: response('/organizations'),
    serviceAtLocation: ajv.getSchema('urn:hsds:service-at-location-full')!,
    serviceAtLocationPage: response('/service_at_locations'),
    taxonomy: response('/taxonomies/{id}'),
    taxonomyPage: response('/taxonomies'),
    taxonomyTerm: response('/taxonomy_terms/{id}'),
    taxonomyTermPage: response('/taxonomy_terms'),
    row(type) {
      let validate = rows.get(type);
      if (!validate) {
        const schema = [...schemas.values()].find((candidate) => candidate.name === type)!;
        const columns = HSDS_OBJECTS[type].columns;
        const properties = Object.fromEntries(Object.entries(schema.properties as Record<string, object>).filter(([field]) => columns.includes(field)));
        const required = [...new Set([...(schema.required as string[]).filter((field) => columns.includes(field)), ...((schema.tabular_required as string[] | undefined) ?? [])])];
        rows.set(type, (validate = ajv.compile({ type: 'object', properties, required, additionalProperties: false })));
      }
      return validate;
    },
  };
}

/** An exported CSV package's rows per table, as the schemas type them: empty cells absent, numbers as numbers. */
export function csvRows(files: Readonly<Record<string, string>>): Partial<Record<HsdsType, Record<string, string | number>[]>> {
  const tables: Partial<Record<HsdsType, Record<string, string | number>[]>> = {};
  for (const type of HSDS_TYPES) {
    const text = files[HSDS_OBJECTS[type].path];
    if (text === undefined) continue;
    tables[type] = (parse(text, { columns: true }) as Record<string, string>[]).map((row) =>
      Object.fromEntries(
        Object.entries(row)
          .filter(([, value]) => value !== '')
          .map(([column, value]) => [column, HSDS_OBJECTS[type].numbers.includes(column) ? Number(value) : value]),
      ),
    );
  }
  return tables;
}

/**
 * Where `actual` does not have a field `expected` has, with the same value: paths like
 * `service_at_locations[e94c…].location.addresses[74706e55…].city`. Arrays match their items by
 * id where items have one; extra fields and items in `actual` are fine (our terms, our areas).
 */
export function missingFields(expected: unknown, actual: unknown, path = ''): string[] {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [`${path} (geen lijst)`];
    return expected.flatMap((item, index) => {
      const id = typeof item === 'object' && item !== null && 'id' in item ? (item as { id: unknown }).id : undefined;
      const match = id === undefined ? actual[index] : actual.find((candidate) => typeof candidate === 'object' && candidate !== null && (candidate as { id?: unknown }).id === id);
      if (match === undefined) return [`${path}[${String(id ?? index)}] ontbreekt`];
      return missingFields(item, match, `${path}[${String(id ?? index)}]`);
    });
  }
  if (typeof expected === 'object' && expected !== null) {
    if (typeof actual !== 'object' || actual === null) return [`${path} (geen object)`];
    return Object.entries(expected).flatMap(([field, value]) => missingFields(value, (actual as Record<string, unknown>)[field], path ? `${path}.${field}` : field));
  }
  return expected === actual ? [] : [`${path}: ${JSON.stringify(expected)} ≠ ${JSON.stringify(actual)}`];
}
