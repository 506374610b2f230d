import type { ServiceEntry } from '../../domain/sociale-kaart.ts';
import { dutchDate } from '../../domain/dutch-calendar.ts';
import { containsBsn, isOneLine } from '../../domain/text.ts';
import { REGIONS } from '../../regions/index.ts';
import { NO_CROSSWALK, type Crosswalk } from './crosswalk.ts';
import { areasOf, fromHsdsService, gemeenteOf, hasPostcode, skippedFor, type EntryField, type Provenance } from './from-hsds.ts';
import { isRecord } from './objects.ts';
import { HsdsInputError, HsdsServiceSchema, type SkippedRecord } from './schema.ts';
import { cleaningNotice, type SourceCleaning } from './source.ts';
import { isTabularJson, readCsvPackage, servicesFromTables, tablesFromTabularJson, type Tables } from './tabular.ts';
import { OUR_TAXONOMY_IDS, OUR_TERMS } from './taxonomies.ts';

// Reading HSDS into our model, for the CLI (`npm run kaart -- import`) and the beheerder's import
// endpoint alike: pure, no I/O. Every service becomes a complete, valid entry or is skipped with
// its reasons; never half an entry. What else the input holds (taxonomies, locations, the API's
// description of itself) is reported as what it is and used where the kaart can use it.

export { HsdsInputError, type SkippedRecord } from './schema.ts';
export type { EntryField, Provenance } from './from-hsds.ts';

/**
 * What to import: an HSDS JSON document (a service, a page of services as the HSDS API answers,
 * an organization with its services, a service_at_location with its service, HSDS tabular JSON,
 * taxonomies and terms, locations, or an array of these), or the files of an HSDS CSV data package
 * (path → contents, with `datapackage.json` when there is one), of HSDS 3.x, 2.0 or 1.x.
 */
export type HsdsImportInput = { format: 'json'; document: unknown } | { format: 'csv'; files: Readonly<Record<string, string>> };

export interface HsdsImportOptions {
  /** The region every imported service goes to. Wins over the crosswalk's `regionId`. */
  regionId?: string;
  /** How the source's taxonomies and areas map onto ours; without one, only Overbrug's own data is recognised. */
  crosswalk?: Crosswalk;
  now: Date;
}

/** The source's own vocabulary, for building a crosswalk: what its services carry, and how many of them. */
export interface SourceVocabulary {
  terms: { id: string; code?: string; name?: string; taxonomy?: string; services: number }[];
  areas: { id: string; name?: string; services: number }[];
  units: { id: string; name?: string; scheme?: string; identifier?: string; services: number }[];
  organizations: { id: string; name?: string; services: number }[];
}

export interface HsdsImportResult {
  /** Complete entries, valid against our schema, in input order. */
  entries: ServiceEntry[];
  /** Per entry (by serviceId), where each field came from: the source, our terms, a rule, a default. */
  provenance: Record<string, Partial<Record<EntryField, Provenance>>>;
  /** Every record not taken (services and linked records), with its HSDS id and the reason. */
  skipped: SkippedRecord[];
  /** What a beheerder should know about the input as a whole: its version, defaults used, a partial page. */
  notices: string[];
  /** The version read, as said to the beheerder ("HSDS 2.0"); for JSON only when the input says. */
  version?: string;
  vocabulary: SourceVocabulary;
}

interface Found {
  service: unknown;
  parent?: unknown;
}

interface Collected {
  found: Found[];
  skipped: SkippedRecord[];
  notices: string[];
  tables: Tables[];
  /** Taxonomy terms and locations given apart from services: attributes and places that name them by id. */
  terms: Map<string, Record<string, unknown>>;
  locations: Map<string, Record<string, unknown>>;
  version?: string;
}

const ORGANIZATION_ONLY_FIELDS = ['website', 'legal_status', 'year_incorporated', 'tax_status', 'tax_id', 'organization_identifiers', 'parent_organization_id', 'logo', 'additional_websites'];
const TERM_ONLY_FIELDS = ['code', 'parent_id', 'taxonomy', 'taxonomy_id', 'taxonomy_detail', 'term_uri', 'language'];
const textOf = (value: unknown) => (typeof value === 'string' ? value : undefined);
const idOf = (value: Record<string, unknown>) => (value.id === undefined || value.id === null ? '(zonder id)' : String(value.id));

/** Which HSDS object a JSON object is, by the fields only it has; `service` for anything else with a status. */
function kindOf(document: Record<string, unknown>): 'page' | 'tabular' | 'api' | 'organization' | 'service_at_location' | 'location' | 'taxonomy_term' | 'taxonomy' | 'service' | 'unknown' {
  if (Array.isArray(document.contents)) return 'page';
  if (isTabularJson(document)) return 'tabular';
  if (!('id' in document) && ('openapi_url' in document || 'profile' in document || ('version' in document && !('name' in document)))) return 'api';
  if ('status' in document) return 'service';
  if (Array.isArray(document.services) || ORGANIZATION_ONLY_FIELDS.some((field) => field in document)) return 'organization';
  if (isRecord(document.service)) return 'service_at_location';
  if ('location_type' in document || 'addresses' in document || 'latitude' in document) return 'location';
  if (TERM_ONLY_FIELDS.some((field) => field in document)) return 'taxonomy_term';
  if ('id' in document && 'name' in document && ('version' in document || 'uri' in document)) return 'taxonomy';
  return 'unknown';
}

/** Finds the services in a JSON document, whatever HSDS shape it has, and what else it holds. */
function collect(document: unknown, into: Collected): void {
  if (Array.isArray(document)) {
    for (const item of document) collect(item, into);
    return;
  }
  if (!isRecord(document)) {
    into.skipped.push({ record: 'unknown', id: '(geen object)', reason: `geen HSDS-object maar ${document === null ? 'null' : typeof document}` });
    return;
  }
  const kind = kindOf(document);
  switch (kind) {
    case 'page':
      if (document.last_page === false || (typeof document.total_pages === 'number' && document.total_pages > 1)) {
        into.notices.push(
          `Dit is pagina ${String(document.page_number ?? '?')} van ${String(document.total_pages ?? '?')} (${String(document.total_items ?? '?')} in totaal): alleen deze pagina is gelezen. Vraag de andere pagina's op of gebruik per_page.`,
        );
      }
      for (const item of document.contents as unknown[]) collect(item, into);
      return;
    case 'tabular':
      into.tables.push(tablesFromTabularJson(document));
      return;
    case 'api': {
      const version = textOf(document.version);
      if (version) into.version = `HSDS ${version}`;
      into.notices.push(
        `Dit is de beschrijving van een HSDS-API (versie ${version ?? 'onbekend'}${textOf(document.profile) ? `, profiel ${String(document.profile)}` : ''}), geen dienst. Haal de diensten op via ${textOf(document.openapi_url) ? 'de API die het beschrijft' : 'die API'} (GET /services?full=true) en importeer die.`,
      );
      return;
    }
    case 'organization': {
      const { services, ...organization } = document;
      if (Array.isArray(services) && services.length) {
        for (const service of services) into.found.push({ service, parent: organization });
        return;
      }
      into.skipped.push({
        record: 'organization',
        id: idOf(document),
        ...(textOf(document.name) ? { name: textOf(document.name) } : {}),
        reason: 'een organisatie zonder diensten erin: de kaart bevat diensten. Importeer haar diensten (GET /services?full=true, of de volledige organisatie).',
      });
      return;
    }
    case 'service_at_location': {
      const { service, ...place } = document as { service: Record<string, unknown> } & Record<string, unknown>;
      const places = Array.isArray(service.service_at_locations) ? (service.service_at_locations as Record<string, unknown>[]) : [];
      into.found.push({ service: { ...service, service_at_locations: [...places.filter((other) => other.id !== place.id), place] } });
      return;
    }
    case 'location':
      into.locations.set(idOf(document), document);
      return;
    case 'taxonomy_term':
      into.terms.set(idOf(document), document);
      return;
    case 'taxonomy':
      into.skipped.push({
        record: 'taxonomy',
        id: idOf(document),
        ...(textOf(document.name) ? { name: textOf(document.name) } : {}),
        reason: 'een taxonomie: geen dienst. Haar termen (GET /taxonomy_terms) kunt u in de crosswalk koppelen aan levensdomeinen en functies.',
      });
      return;
    case 'service':
      into.found.push({ service: document });
      return;
    default:
      into.skipped.push({
        record: 'unknown',
        id: idOf(document),
        reason: `geen HSDS-object dat de kaart kent (velden: ${Object.keys(document).slice(0, 8).join(', ')}): geen dienst, organisatie, locatie of taxonomie`,
      });
  }
}

/** Crosswalk areas must lie in the region the services go to: a typo there is the beheerder's to fix first. */
export function checkCrosswalkAreas(crosswalk: Crosswalk, regionId: string): void {
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

/** Attributes that name only a term id, and places that name only a location id, given what the input has beside them. */
function resolveReferences(service: unknown, terms: ReadonlyMap<string, Record<string, unknown>>, locations: ReadonlyMap<string, Record<string, unknown>>): unknown {
  if (!isRecord(service) || (!terms.size && !locations.size)) return service;
  const resolved: Record<string, unknown> = { ...service };
  if (Array.isArray(service.attributes)) {
    resolved.attributes = service.attributes.map((attribute) =>
      isRecord(attribute) && !isRecord(attribute.taxonomy_term) && terms.has(String(attribute.taxonomy_term_id)) ? { ...attribute, taxonomy_term: terms.get(String(attribute.taxonomy_term_id)) } : attribute,
    );
  }
  if (Array.isArray(service.service_at_locations)) {
    resolved.service_at_locations = service.service_at_locations.map((place) =>
      isRecord(place) && !isRecord(place.location) && locations.has(String(place.location_id)) ? { ...place, location: locations.get(String(place.location_id)) } : place,
    );
  }
  return resolved;
}

/** The fields of an entry that e-mails, letters and pages show as one line. */
const ONE_LINE_FIELDS: [string, (entry: ServiceEntry) => string | undefined][] = [
  ['name', (entry) => entry.name],
  ['organisation', (entry) => entry.organisation],
  ['contact.name', (entry) => entry.contact.name],
  ['contact.email', (entry) => entry.contact.email],
  ['contact.phone', (entry) => entry.contact.phone],
];

/** An id field: its value is a key, not text (a UUID's hex, or an RSIN in tax_id, can hold nine digits that pass the elfproef). */
const ID_KEY = /^(?:id|identifier|.+_id)$/;
const ANY_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The first text in these records (its HSDS field path) that holds what passes as a BSN; ids are not text. */
function bsnIn(...records: unknown[]): string | undefined {
  const stack: [unknown, string][] = records.map((record) => [record, '']);
  while (stack.length) {
    const [node, path] = stack.pop()!;
    if (typeof node === 'string') {
      if (!ANY_UUID.test(node) && containsBsn(node)) return path || '(waarde)';
    } else if (Array.isArray(node)) node.forEach((item, index) => stack.push([item, `${path}[${index}]`]));
    else if (isRecord(node)) for (const [key, value] of Object.entries(node)) if (!ID_KEY.test(key)) stack.push([value, path ? `${path}.${key}` : key]);
  }
  return undefined;
}

/**
 * Why a service may not be imported as it is under the rules every text of the API keeps
 * (docs/security.md, "What is refused"): a BSN anywhere in what the source says of it (kept whole
 * with the entry), or a line break or direction mark in a field that e-mails show as one line (it
 * made extra lines in the contact person's e-mail). Skipped with the field named, not repaired.
 */
function textProblem(service: unknown, parent: unknown, entry: ServiceEntry): { reason: string; details: string } | undefined {
  const bsnAt = bsnIn(service, parent);
  if (bsnAt) return { reason: 'bevat iets dat op een BSN lijkt; Overbrug bewaart nooit een BSN. Haal het weg in de bron.', details: `HSDS-veld ${bsnAt}` };
  const broken = ONE_LINE_FIELDS.find(([, value]) => {
    const text = value(entry);
    return text !== undefined && !isOneLine(text);
  });
  if (broken) return { reason: `het veld ${broken[0]} heeft een regeleinde, tab of richtingsteken; het moet één regel zijn. Pas het aan in de bron.`, details: broken[0] };
  return undefined;
}

const FIELD_WORDS: Partial<Record<EntryField, string>> = {
  languages: 'talen',
  channels: 'kanalen',
  area: 'werkgebied',
  domains: 'levensdomeinen',
  category: 'soort aanbod',
  functies: 'functies',
  cost: 'kosten',
  funding: 'financiering',
  referralNeeded: 'verwijzing nodig',
  waitingWeeks: 'wachttijd',
  bridging: 'overbrugging',
  contact: 'contact',
  organisationId: 'organisatie',
};

/** The source's terms, areas, units and organisations, counted over its services. */
function vocabularyOf(services: unknown[], standaloneTerms: Iterable<Record<string, unknown>>, region: ReturnType<typeof regionOf>): SourceVocabulary {
  const terms = new Map<string, SourceVocabulary['terms'][number]>();
  const areas = new Map<string, SourceVocabulary['areas'][number]>();
  const units = new Map<string, SourceVocabulary['units'][number]>();
  const organizations = new Map<string, SourceVocabulary['organizations'][number]>();
  const count = <T extends { services: number }>(map: Map<string, T>, id: string, make: () => Omit<T, 'services'>) => {
    const current = map.get(id) ?? ({ ...make(), services: 0 } as T);
    current.services++;
    map.set(id, current);
  };
  const termOf = (term: Record<string, unknown>) => {
    const detail = isRecord(term.taxonomy_detail) ? term.taxonomy_detail : undefined;
    return {
      id: String(term.id),
      ...(textOf(term.code) ? { code: textOf(term.code) } : {}),
      ...(textOf(term.name) ? { name: textOf(term.name) } : {}),
      ...((textOf(detail?.name) ?? textOf(term.taxonomy) ?? textOf(term.taxonomy_id)) ? { taxonomy: textOf(detail?.name) ?? textOf(term.taxonomy) ?? textOf(term.taxonomy_id) } : {}),
    };
  };
  for (const raw of services) {
    const parsed = HsdsServiceSchema.safeParse(raw);
    if (!parsed.success) continue;
    const service = parsed.data;
    for (const id of new Set((service.attributes ?? []).map((attribute) => attribute.taxonomy_term?.id ?? attribute.taxonomy_term_id).filter((id): id is string => !!id && !OUR_TERMS.has(id)))) {
      const attribute = service.attributes!.find((candidate) => (candidate.taxonomy_term?.id ?? candidate.taxonomy_term_id) === id)!;
      if (attribute.taxonomy_term?.taxonomy_id && OUR_TAXONOMY_IDS.has(attribute.taxonomy_term.taxonomy_id)) continue;
      count(terms, id, () => (attribute.taxonomy_term ? termOf(attribute.taxonomy_term as Record<string, unknown>) : { id }));
    }
    for (const area of areasOf(service)) {
      const name = area.name?.trim() ?? '';
      if (region && (gemeenteOf(region, name) || (/^[1-9][0-9]{3}$/.test(name) && hasPostcode(region, name)))) continue;
      count(areas, area.id, () => ({ id: area.id, ...(area.name ? { name: area.name } : {}) }));
    }
    for (const capacity of service.capacities ?? []) {
      const unit = capacity.unit;
      const id = unit?.id ?? capacity.unit_id;
      if (!id) continue;
      count(units, id, () => ({ id, ...(unit?.name ? { name: unit.name } : {}), ...(unit?.scheme ? { scheme: unit.scheme } : {}), ...(unit?.identifier ? { identifier: unit.identifier } : {}) }));
    }
    if (service.organization) count(organizations, service.organization.id, () => ({ id: service.organization!.id, name: service.organization!.name }));
  }
  for (const term of standaloneTerms) if (!terms.has(String(term.id)) && !OUR_TERMS.has(String(term.id))) terms.set(String(term.id), { ...termOf(term), services: 0 });
  const byUse = <T extends { services: number; name?: string }>(map: Map<string, T>) => [...map.values()].sort((a, b) => b.services - a.services || (a.name ?? '').localeCompare(b.name ?? '', 'nl'));
  return { terms: byUse(terms), areas: byUse(areas), units: byUse(units), organizations: byUse(organizations) };
}

const regionOf = (regionId: string | undefined) => (regionId === undefined ? undefined : REGIONS.find((config) => config.region.regionId === regionId)?.region);

/** Reads HSDS into sociale-kaart entries, reporting every record it skipped and why. Throws HsdsInputError on unreadable input. */
export function importHsds(input: HsdsImportInput, options: HsdsImportOptions): HsdsImportResult {
  const crosswalk = options.crosswalk ?? NO_CROSSWALK;
  const regionId = options.regionId ?? crosswalk.regionId;
  if (regionId !== undefined) checkCrosswalkAreas(crosswalk, regionId);

  const collected: Collected = { found: [], skipped: [], notices: [], tables: [], terms: new Map(), locations: new Map() };
  if (input.format === 'csv') {
    const read = readCsvPackage(input.files);
    collected.notices.push(...read.notices);
    collected.tables.push(read.tables);
    collected.version = read.version.label;
  } else {
    if (!isRecord(input.document) && !Array.isArray(input.document)) throw new HsdsInputError('Dit is geen HSDS-JSON: verwacht een object of een lijst.');
    collect(input.document, collected);
  }
  for (const table of collected.tables) {
    const joined = servicesFromTables(table);
    collected.found.push(...joined.services.map((service) => ({ service })));
    collected.skipped.push(...joined.skipped);
    for (const term of joined.terms) collected.terms.set(String(term.id), term);
  }
  const { found, skipped, notices, terms, locations } = collected;
  if (found.length === 0 && skipped.length === 0 && terms.size === 0 && locations.size === 0 && notices.length === 0) throw new HsdsInputError('Geen HSDS-diensten gevonden in de invoer.');
  const services = found.map(({ service, parent }) => ({ service: resolveReferences(service, terms, locations), parent }));

  const entries: ServiceEntry[] = [];
  const provenance: HsdsImportResult['provenance'] = {};
  const seen = new Map<string, string>();
  const today = dutchDate(options.now);
  const cleaning: SourceCleaning = { idPrefix: crosswalk.idPrefix ?? '', notes: new Map() };
  const defaulted = new Map<EntryField, number>();
  const serviceNotes: string[] = [];
  const usedLocations = new Set<string>();
  for (const { service, parent } of services) {
    for (const place of isRecord(service) && Array.isArray(service.service_at_locations) ? service.service_at_locations : []) if (isRecord(place) && isRecord(place.location)) usedLocations.add(String(place.location.id));
    const result = fromHsdsService(service, parent, { crosswalk, regionId, today, cleaning });
    if (!result.ok) {
      skipped.push(skippedFor('service', result.id, result.name, result.problems));
      continue;
    }
    const refused = textProblem(service, parent, result.entry);
    if (refused) {
      skipped.push({ record: 'service', id: String((service as { id: unknown }).id), name: result.entry.name, ...refused });
      continue;
    }
    const earlier = seen.get(result.entry.serviceId);
    if (earlier !== undefined) {
      skipped.push({ record: 'service', id: earlier, name: result.entry.name, reason: `staat meer dan eens in de invoer (als ${result.entry.serviceId}); alleen de eerste is genomen` });
      continue;
    }
    seen.set(result.entry.serviceId, (service as { id: string }).id);
    entries.push(result.entry);
    provenance[result.entry.serviceId] = result.provenance;
    skipped.push(...result.skipped);
    serviceNotes.push(...result.notes);
    for (const [field, from] of Object.entries(result.provenance) as [EntryField, Provenance][]) {
      // The organisation's name and id come together: counted once.
      if (from === 'default' && field !== 'organisation') defaulted.set(field, (defaulted.get(field) ?? 0) + 1);
    }
  }
  for (const [id, location] of locations) {
    if (usedLocations.has(id)) continue;
    skipped.push({
      record: 'location',
      id,
      ...(textOf(location.name) ? { name: textOf(location.name) } : {}),
      reason: 'een locatie zonder dienst die er gebeurt: de kaart bevat diensten. Importeer de diensten met hun locaties (service_at_locations).',
    });
  }
  if (input.format === 'json' && terms.size && !found.length) {
    notices.push(`${terms.size} ${terms.size === 1 ? 'taxonomieterm' : 'taxonomietermen'} gelezen, geen diensten: de termen staan klaar om in de crosswalk te koppelen aan levensdomeinen en functies.`);
  }
  if (defaulted.size) {
    const parts = [...defaulted].map(([field, count]) => `${FIELD_WORDS[field] ?? field} bij ${count} ${count === 1 ? 'dienst' : 'diensten'}`);
    notices.push(`Uit de standaardwaarden van de crosswalk, omdat de bron er niets over zegt: ${parts.join(', ')}.`);
  }
  notices.push(...serviceNotes.slice(0, 20));
  if (serviceNotes.length > 20) notices.push(`En nog ${serviceNotes.length - 20} zulke opmerkingen over talen.`);
  const cleaned = cleaningNotice(cleaning.notes);
  if (cleaned) notices.push(cleaned);
  return {
    entries,
    provenance,
    skipped,
    notices,
    ...(collected.version ? { version: collected.version } : {}),
    vocabulary: vocabularyOf(
      services.map(({ service, parent }) => (isRecord(service) && !service.organization && isRecord(parent) ? { ...service, organization: parent } : service)),
      terms.values(),
      regionOf(regionId),
    ),
  };
}
