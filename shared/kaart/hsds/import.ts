import type { ServiceEntry } from '../../domain/sociale-kaart.ts';
import { REGIONS } from '../../regions/index.ts';
import { NO_CROSSWALK, type Crosswalk } from './crosswalk.ts';
import { fromHsdsService, gemeenteOf, hasPostcode } from './from-hsds.ts';
import { HsdsInputError, type SkippedRecord } from './schema.ts';
import { isTabularJson, readCsvPackage, servicesFromTables, tablesFromTabularJson, type Tables } from './tabular.ts';

// Reading HSDS into our model, for the CLI (`npm run kaart -- import`) and the beheerder's import
// endpoint alike: pure, no I/O. Every service becomes a complete, valid entry or is skipped with
// its reasons; never half an entry.

export { HsdsInputError, type SkippedRecord } from './schema.ts';

/**
 * What to import: an HSDS JSON document (a service, a page of services as the HSDS API answers,
 * an organization with its services, a service_at_location with its service, HSDS tabular JSON, or
 * an array of these), or the files of an HSDS CSV data package (file name → contents, with
 * `datapackage.json` when there is one).
 */
export type HsdsImportInput = { format: 'json'; document: unknown } | { format: 'csv'; files: Readonly<Record<string, string>> };

export interface HsdsImportOptions {
  /** The region every imported service goes to. Wins over the crosswalk's `regionId`. */
  regionId?: string;
  /** How the source's taxonomies and areas map onto ours; without one, only Overbrug's own data is recognised. */
  crosswalk?: Crosswalk;
  now: Date;
}

export interface HsdsImportResult {
  /** Complete entries, valid against our schema, in input order. */
  entries: ServiceEntry[];
  /** Every record not taken (services and linked records), with its HSDS id and the reason. */
  skipped: SkippedRecord[];
  /** What a beheerder should know about the input as a whole (a missing datapackage.json, a partial page). */
  notices: string[];
}

interface Found {
  service: unknown;
  parent?: unknown;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const ORGANIZATION_ONLY_FIELDS = ['website', 'legal_status', 'year_incorporated', 'tax_status', 'tax_id', 'organization_identifiers', 'parent_organization_id', 'logo'];
const textOf = (value: unknown) => (typeof value === 'string' ? value : undefined);

/** Finds the services in a JSON document, whatever HSDS shape it has. */
function collect(document: unknown, found: Found[], skipped: SkippedRecord[], notices: string[], tables: Tables[]): void {
  if (Array.isArray(document)) {
    for (const item of document) collect(item, found, skipped, notices, tables);
    return;
  }
  if (!isObject(document)) {
    skipped.push({ record: 'unknown', id: '(geen object)', reason: `geen HSDS-object maar ${document === null ? 'null' : typeof document}` });
    return;
  }
  if (Array.isArray(document.contents)) {
    if (document.last_page === false || (typeof document.total_pages === 'number' && document.total_pages > 1)) {
      notices.push(
        `Dit is pagina ${String(document.page_number ?? '?')} van ${String(document.total_pages ?? '?')} (${String(document.total_items ?? '?')} in totaal): alleen deze pagina is gelezen. Vraag de andere pagina's op of gebruik per_page.`,
      );
    }
    for (const item of document.contents) collect(item, found, skipped, notices, tables);
    return;
  }
  if (isTabularJson(document)) {
    tables.push(tablesFromTabularJson(document));
    return;
  }
  if (Array.isArray(document.services)) {
    const { services, ...organization } = document;
    if (services.length === 0) skipped.push({ record: 'organization', id: String(document.id), name: textOf(document.name), reason: 'organisatie zonder diensten' });
    for (const service of services) found.push({ service, parent: organization });
    return;
  }
  if (isObject(document.service)) {
    const { service, ...place } = document;
    found.push({ service: { ...service, service_at_locations: [...(Array.isArray(service.service_at_locations) ? service.service_at_locations : []), place] } });
    return;
  }
  if (!('status' in document) && ORGANIZATION_ONLY_FIELDS.some((field) => field in document)) {
    skipped.push({ record: 'organization', id: String(document.id), name: textOf(document.name), reason: 'organisatie zonder diensten erin: importeer haar diensten (GET /services of de volledige organisatie)' });
    return;
  }
  found.push({ service: document });
}

/** Crosswalk areas must lie in the region the services go to: a typo there is the beheerder's to fix first. */
function checkCrosswalkAreas(crosswalk: Crosswalk, regionId: string): void {
  const config = REGIONS.find((candidate) => candidate.region.regionId === regionId);
  if (!config) throw new HsdsInputError(`Regio '${regionId}' wordt door deze installatie niet bediend (wel: ${REGIONS.map((r) => r.region.regionId).join(', ')}).`);
  const problems: string[] = [];
  const areas = [...crosswalk.serviceAreas.map((mapping) => mapping.area), ...(crosswalk.defaults.area ? [crosswalk.defaults.area] : [])];
  for (const area of areas) {
    for (const gemeente of area.gemeenten) if (!gemeenteOf(config.region, gemeente)) problems.push(`gemeente '${gemeente}'`);
    for (const postcode of area.postcodes) if (!hasPostcode(config.region, postcode)) problems.push(`postcode ${postcode}`);
  }
  if (problems.length) throw new HsdsInputError(`De crosswalk noemt wat niet bij ${config.region.name} hoort: ${[...new Set(problems)].join(', ')}.`);
}

function hasSchedules(service: unknown): boolean {
  const { schedules, service_at_locations: places } = service as { schedules?: unknown[]; service_at_locations?: { schedules?: unknown[] }[] };
  return Boolean(schedules?.length) || (places ?? []).some((place) => Boolean(place.schedules?.length));
}

/** Reads HSDS into sociale-kaart entries, reporting every record it skipped and why. Throws HsdsInputError on unreadable input. */
export function importHsds(input: HsdsImportInput, options: HsdsImportOptions): HsdsImportResult {
  const crosswalk = options.crosswalk ?? NO_CROSSWALK;
  const regionId = options.regionId ?? crosswalk.regionId;
  if (regionId !== undefined) checkCrosswalkAreas(crosswalk, regionId);

  const found: Found[] = [];
  const skipped: SkippedRecord[] = [];
  const notices: string[] = [];
  const tables: Tables[] = [];
  if (input.format === 'csv') {
    const read = readCsvPackage(input.files);
    notices.push(...read.notices);
    tables.push(read.tables);
  } else {
    if (!isObject(input.document) && !Array.isArray(input.document)) throw new HsdsInputError('Dit is geen HSDS-JSON: verwacht een object of een lijst.');
    collect(input.document, found, skipped, notices, tables);
  }
  for (const table of tables) {
    const joined = servicesFromTables(table);
    found.push(...joined.services.map((service) => ({ service })));
    skipped.push(...joined.skipped);
  }
  if (found.length === 0 && skipped.length === 0) throw new HsdsInputError('Geen HSDS-diensten gevonden in de invoer.');

  const entries: ServiceEntry[] = [];
  const seen = new Map<string, string>();
  let withSchedules = 0;
  const today = options.now.toISOString().slice(0, 10);
  for (const { service, parent } of found) {
    const result = fromHsdsService(service, parent, { crosswalk, regionId, today });
    if (!result.ok) {
      skipped.push({ record: 'service', id: result.id, ...(result.name ? { name: result.name } : {}), reason: result.reasons.join('; ') });
      continue;
    }
    const earlier = seen.get(result.entry.serviceId);
    if (earlier !== undefined) {
      skipped.push({ record: 'service', id: earlier, name: result.entry.name, reason: `staat meer dan eens in de invoer (als ${result.entry.serviceId}); alleen de eerste is genomen` });
      continue;
    }
    seen.set(result.entry.serviceId, (service as { id: string }).id);
    entries.push(result.entry);
    skipped.push(...result.skipped);
    if (hasSchedules(service)) withSchedules++;
  }
  // Opening hours have no place in our model (docs/sociale-kaart.md): said once, not per row.
  if (withSchedules) {
    notices.push(`Openingstijden (schedules) van ${withSchedules} ${withSchedules === 1 ? 'dienst' : 'diensten'} zijn niet overgenomen: de sociale kaart heeft er geen plek voor.`);
  }
  return { entries, skipped, notices };
}
