import { canonicalLanguage } from './languages.ts';
import type { HsdsType } from './objects.ts';

// Which HSDS version a CSV data package is, and the older ones (2.0, 1.1, 1.0) as 3.1 tables.
// The mapping follows the changelog of the specification (docs/hsds/changelog.md in
// openreferral/specification): every table and field of the older version has a place in 3.1,
// apart from what 3.1 dropped, which goes into the nearest text field. docs/sociale-kaart.md has
// the table of it and the reason we import rather than refuse.

export type HsdsGeneration = '3' | '2.0' | '1.x';

export interface DetectedVersion {
  generation: HsdsGeneration;
  /** "HSDS 3.1", "HSDS 2.0", "HSDS 1.1", as said to the beheerder. */
  label: string;
  /** What gave it away: table names, columns, datapackage.json. */
  evidence: string[];
}

type Cell = string | number | null | undefined;
export type Row = Record<string, Cell>;

const MARKERS: Record<HsdsGeneration, string[]> = {
  '3': ['attributes.csv', 'addresses.csv', 'service_at_location.csv', 'accessibility.csv', 'taxonomies.csv', 'cost_options.csv', 'organization_identifiers.csv', 'service_capacity.csv', 'units.csv', 'url.csv'],
  '2.0': ['service_attributes.csv', 'other_attributes.csv', 'taxonomy_terms.csv', 'schedules.csv'],
  '1.x': ['services_taxonomy.csv', 'taxonomy.csv', 'regular_schedules.csv', 'holiday_schedules.csv'],
};
/** Tables HSDS 1.x and 2.0 share, that 3.x renamed. */
const OLD_TABLES = ['services_at_location.csv', 'physical_addresses.csv', 'postal_addresses.csv', 'accessibility_for_disabilities.csv', 'payments_accepted.csv', 'eligibility.csv'];
const RESOURCE_MARKERS: Record<string, HsdsGeneration> = {
  attribute: '3',
  address: '3',
  accessibility: '3',
  service_attribute: '2.0',
  other_attribute: '2.0',
  service_taxonomy: '1.x',
  regular_schedule: '1.x',
};

const listOf = (names: string[]) => (names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} en ${names.at(-1)}`);

/**
 * The version of a CSV data package from the tables it has, the columns of services.csv, and the
 * resource names in datapackage.json. Its `version` field is a poor guide (the templates of 1.1
 * say "1.0", of 2.0 "2.0.1"): it only settles 3.0 against 3.1.
 */
export function detectVersion(fileNames: readonly string[], serviceColumns: readonly string[], descriptor: { version?: unknown; resources?: unknown } | undefined): DetectedVersion {
  const present = new Set(fileNames.map((name) => name.split('/').at(-1)!.toLowerCase()));
  const score: Record<HsdsGeneration, string[]> = { '3': [], '2.0': [], '1.x': [] };
  for (const generation of Object.keys(MARKERS) as HsdsGeneration[]) for (const marker of MARKERS[generation]) if (present.has(marker)) score[generation].push(marker);
  const resources = Array.isArray(descriptor?.resources) ? (descriptor.resources as { name?: unknown }[]) : [];
  for (const resource of resources) {
    const generation = typeof resource?.name === 'string' ? RESOURCE_MARKERS[resource.name] : undefined;
    if (generation) score[generation].push(`datapackage.json: ${resource.name}`);
  }
  const columns = new Set(serviceColumns);
  const threeColumns = ['assured_date', 'minimum_age', 'last_modified', 'eligibility_description', 'fees_description'].filter((column) => columns.has(column));
  if (threeColumns.length) score['3'].push(`services.csv: ${threeColumns.join(', ')}`);
  if (columns.has('taxonomy_ids')) score['1.x'].push('services.csv: taxonomy_ids');
  const old = OLD_TABLES.filter((name) => present.has(name));

  const generation = (['3', '2.0', '1.x'] as HsdsGeneration[]).reduce((best, candidate) => (score[candidate].length > score[best].length ? candidate : best), '3');
  const none = score['3'].length + score['2.0'].length + score['1.x'].length === 0;
  // Only the old shared tables (and no marker at all): 2.0 is the likeliest of the two.
  const chosen: HsdsGeneration = none && old.length ? '2.0' : generation;
  const evidence = [...score[chosen], ...(chosen === '3' ? [] : old)];
  const declared = typeof descriptor?.version === 'string' ? descriptor.version : undefined;
  let label: string;
  if (chosen === '3') label = present.has('service_capacity.csv') || present.has('url.csv') || declared?.startsWith('3.1') ? 'HSDS 3.1' : 'HSDS 3.0';
  else if (chosen === '2.0') label = 'HSDS 2.0';
  else label = columns.has('location_id') || present.has('fees.csv') || present.has('interpretation_services.csv') ? 'HSDS 1.0' : 'HSDS 1.1';
  if (declared) evidence.push(`datapackage.json: version ${declared}`);
  return { generation: chosen, label, evidence };
}

/** The one line an import says about the version. */
export function versionNotice(version: DetectedVersion): string {
  const why = version.evidence.length ? ` (herkend aan ${listOf(version.evidence.slice(0, 4))})` : ' (geen kenmerkende tabellen; gelezen als 3.1)';
  if (version.generation === '3') return `${version.label}${why}.`;
  return `${version.label}${why}: omgezet naar HSDS 3.1 volgens de tabel in docs/sociale-kaart.md ("Older versions of HSDS").`;
}

// --- HSDS 2.0 and 1.x as 3.1 ---------------------------------------------------------------

/** 2.0's entity names (other_attribute.link_type, metadata.resource_type) as 3.1 names them. */
const RENAMED_ENTITIES: Record<string, string> = {
  physical_address: 'address',
  postal_address: 'address',
  accessibility_for_disabilities: 'accessibility',
  service_attribute: 'attribute',
  other_attribute: 'attribute',
};
const entityOf = (value: Cell) => (typeof value === 'string' ? (RENAMED_ENTITIES[value] ?? value) : undefined);

const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
const present = (value: Cell): value is string | number => value !== undefined && value !== null && String(value).trim() !== '';
const text = (value: Cell) => (present(value) ? String(value).trim() : undefined);
const joined = (...parts: Cell[]) => parts.filter(present).map(String).join(', ') || undefined;

function pick(row: Row, columns: string[], renamed: Record<string, string> = {}): Row {
  const out: Row = {};
  for (const column of columns) if (present(row[column])) out[column] = row[column];
  for (const [from, to] of Object.entries(renamed)) if (present(row[from]) && !present(out[to])) out[to] = row[from];
  return out;
}

/** Old tables by file name (already parsed), as 3.1 rows by type; with what the mapping did, said once per kind. */
export function upgradeTables(generation: Exclude<HsdsGeneration, '3'>, old: Readonly<Record<string, Row[]>>): { tables: Partial<Record<HsdsType, Row[]>>; notes: string[] } {
  const tables: Partial<Record<HsdsType, Row[]>> = {};
  const notes = new Set<string>();
  const add = (type: HsdsType, row: Row) => (tables[type] ??= []).push(row);
  const rows = (name: string) => old[name] ?? [];

  for (const row of rows('organizations.csv')) add('organization', pick(row, ['id', 'name', 'alternate_name', 'description', 'email', 'tax_status', 'tax_id', 'year_incorporated', 'legal_status'], { url: 'website' }));
  for (const row of rows('programs.csv')) {
    const program = pick(row, ['id', 'organization_id', 'name', 'alternate_name', 'description']);
    if (!present(program.description) && present(program.name)) {
      program.description = program.name;
      notes.add('Programma\'s hebben in HSDS 3.1 een beschrijving; zonder beschrijving is hun naam die beschrijving geworden.');
    }
    add('program', program);
  }

  // What 3.1 has no table for lands in a text field of the service: fees, payments, eligibility, interpretation.
  const serviceText = new Map<string, { fees: string[]; payments: string[]; eligibility: string[]; interpretation: string[] }>();
  const textOf = (serviceId: Cell) => {
    const key = String(serviceId);
    let entry = serviceText.get(key);
    if (!entry) serviceText.set(key, (entry = { fees: [], payments: [], eligibility: [], interpretation: [] }));
    return entry;
  };
  for (const row of rows('fees.csv')) if (present(row.fee)) textOf(row.service_id).fees.push(String(row.fee));
  for (const row of rows('payments_accepted.csv')) if (present(row.payment)) textOf(row.service_id).payments.push(String(row.payment));
  for (const row of rows('eligibility.csv')) if (present(row.eligibility)) textOf(row.service_id).eligibility.push(String(row.eligibility));
  for (const row of rows('interpretation_services.csv')) if (present(row.language)) textOf(row.service_id).interpretation.push(String(row.language));
  if (rows('payments_accepted.csv').length) notes.add('Betaalwijzen (payments_accepted) bestaan niet meer in 3.1: ze staan in fees_description.');
  if (rows('eligibility.csv').some((row) => present(row.eligibility))) notes.add('Doelgroepen (eligibility) staan in 3.1 als tekst in eligibility_description.');

  const attributeIds = new Set<string>();
  for (const row of rows('services.csv')) {
    const service = pick(row, ['id', 'organization_id', 'program_id', 'name', 'alternate_name', 'description', 'url', 'email', 'status', 'interpretation_services', 'application_process', 'wait_time', 'fees', 'accreditations', 'licenses'], {
      accrediations: 'accreditations',
    });
    const extra = serviceText.get(String(row.id));
    const fees = [text(service.fees), ...(extra?.fees ?? [])].filter((fee): fee is string => !!fee);
    if (fees.length) service.fees = fees.join('; ');
    const description = [fees.length ? fees.join('; ') : undefined, extra?.payments.length ? `Betaalwijzen: ${extra.payments.join(', ')}.` : undefined].filter(Boolean).join('. ');
    if (description) service.fees_description = description;
    if (extra?.eligibility.length) service.eligibility_description = extra.eligibility.join(', ');
    if (extra?.interpretation.length) service.interpretation_services = [text(service.interpretation_services), ...extra.interpretation].filter(Boolean).join(', ');
    add('service', service);
    // 1.0: a service at one location, before service_at_location carried it.
    if (present(row.location_id)) add('service_at_location', { id: `services/${row.id}/${row.location_id}`, service_id: row.id, location_id: row.location_id });
    // 1.x: taxonomy_ids, a comma-separated list (deprecated in 1.1 in favour of services_taxonomy).
    for (const termId of String(row.taxonomy_ids ?? '').split(',').map((id) => id.trim()).filter(Boolean)) {
      const id = `taxonomy_ids/${row.id}/${termId}`;
      attributeIds.add(`${row.id}|${termId}`);
      add('attribute', { id, link_id: row.id, link_entity: 'service', taxonomy_term_id: termId });
    }
  }

  for (const row of rows('service_attributes.csv')) add('attribute', { id: row.id, link_id: row.service_id, link_entity: 'service', taxonomy_term_id: row.taxonomy_term_id });
  // Ids are unique per table: rows of two old tables in one 3.1 table keep theirs apart by the old table's name.
  for (const row of rows('other_attributes.csv')) add('attribute', { id: `other_attributes/${row.id}`, link_id: row.link_id, link_entity: entityOf(row.link_type), taxonomy_term_id: row.taxonomy_term_id });
  for (const row of rows('services_taxonomy.csv')) {
    if (attributeIds.has(`${row.service_id}|${row.taxonomy_id}`)) continue;
    add('attribute', { id: row.id, link_id: row.service_id, link_entity: 'service', taxonomy_term_id: row.taxonomy_id, ...(present(row.taxonomy_detail) ? { value: row.taxonomy_detail } : {}) });
  }

  for (const row of rows('services_at_location.csv')) {
    add('service_at_location', pick(row, ['id', 'service_id', 'location_id', 'description']));
    if (present(row.url) || present(row.email)) notes.add('De url en het e-mailadres van een dienst op een locatie (HSDS 1.0) hebben in 3.1 geen plek en zijn niet overgenomen.');
  }

  const physical = new Set(rows('physical_addresses.csv').map((row) => String(row.location_id)));
  const postal = new Set(rows('postal_addresses.csv').map((row) => String(row.location_id)));
  if (rows('fees.csv').length) notes.add('Kosten (fees.csv, HSDS 1.0) staan in 3.1 in fees en fees_description van de dienst.');
  for (const row of rows('locations.csv')) {
    const location = pick(row, ['id', 'organization_id', 'name', 'alternate_name', 'description', 'transportation', 'latitude', 'longitude']);
    const id = String(row.id);
    location.location_type = physical.has(id) || present(row.latitude) ? 'physical' : postal.has(id) ? 'postal' : 'physical';
    add('location', location);
  }
  if (rows('locations.csv').length) notes.add('Locaties hebben in 3.1 een soort (location_type): fysiek als er een bezoekadres of coördinaten zijn, anders postadres; zonder adres: fysiek.');

  for (const [file, type] of [
    ['physical_addresses.csv', 'physical'],
    ['postal_addresses.csv', 'postal'],
  ] as const) {
    for (const row of rows(file)) {
      const address = pick(row, ['id', 'location_id', 'attention', 'address_1', 'city', 'region', 'state_province', 'postal_code', 'country']);
      const second = joined(row.address_2, row.address_3, row.address_4);
      if (second) address.address_2 = second;
      address.address_type = type;
      if (type === 'postal') address.id = `postal_addresses/${row.id}`;
      add('address', address);
    }
  }

  for (const row of rows('phones.csv')) {
    const phone = pick(row, ['id', 'location_id', 'service_id', 'organization_id', 'contact_id', 'service_at_location_id', 'number', 'extension', 'type', 'description']);
    if (present(row.department)) phone.description = [text(row.description), `afdeling: ${row.department}`].filter(Boolean).join('; ');
    add('phone', phone);
    if (present(row.language)) {
      const code = canonicalLanguage(String(row.language));
      add('language', { id: `phones/${row.id}/language`, phone_id: row.id, name: text(row.language), ...(code ? { code } : {}) });
    }
  }
  if (rows('phones.csv').some((row) => present(row.department))) notes.add('De afdeling van een telefoonnummer (department) staat in 3.1 in de beschrijving van dat nummer.');
  for (const row of rows('contacts.csv')) add('contact', pick(row, ['id', 'organization_id', 'service_id', 'service_at_location_id', 'name', 'title', 'department', 'email']));

  for (const row of rows('schedules.csv')) {
    const schedule = pick(row, ['id', 'service_id', 'location_id', 'service_at_location_id', 'valid_from', 'valid_to', 'dtstart', 'timezone', 'until', 'count', 'wkst', 'freq', 'interval', 'byday', 'byweekno', 'bymonthday', 'byyearday', 'description', 'opens_at', 'closes_at']);
    const freq = text(row.freq)?.toUpperCase();
    if (freq === 'DAILY') {
      // 3.1 knows weekly and monthly rules: every day is weekly, on all seven.
      schedule.freq = 'WEEKLY';
      schedule.byday = WEEKDAYS.join(',');
    } else if (freq === 'YEARLY') {
      delete schedule.freq;
      schedule.description = [text(row.description), 'jaarlijks'].filter(Boolean).join('; ');
      notes.add('Een jaarlijks rooster (freq YEARLY) kent 3.1 niet: het staat als tekst in de beschrijving.');
    } else if (freq) schedule.freq = freq;
    add('schedule', schedule);
  }
  for (const row of rows('regular_schedules.csv')) {
    const day = WEEKDAYS[Number(row.weekday) - 1] ?? (typeof row.weekday === 'string' ? WEEKDAYS.find((code) => row.weekday!.toString().toUpperCase().startsWith(code)) : undefined);
    add('schedule', { ...pick(row, ['id', 'service_id', 'location_id', 'service_at_location_id', 'opens_at', 'closes_at']), freq: 'WEEKLY', ...(day ? { byday: day } : {}) });
  }
  for (const row of rows('holiday_schedules.csv')) {
    const closed = /^(true|1|yes|ja)$/i.test(String(row.closed ?? ''));
    add('schedule', {
      ...pick(row, ['service_id', 'location_id', 'service_at_location_id', ...(closed ? [] : ['opens_at', 'closes_at'])], { start_date: 'valid_from', end_date: 'valid_to' }),
      id: `holiday_schedules/${row.id}`,
      description: closed ? 'Gesloten' : 'Afwijkende openingstijden',
    });
  }
  if (rows('regular_schedules.csv').length || rows('holiday_schedules.csv').length) {
    notes.add('Openingstijden (regular_schedules, holiday_schedules) zijn 3.1-roosters geworden: wekelijks per dag, en gesloten of afwijkend van een datum tot een datum.');
  }

  for (const row of rows('funding.csv')) add('funding', pick(row, ['id', 'organization_id', 'service_id', 'source']));
  for (const row of rows('service_areas.csv')) add('service_area', pick(row, ['id', 'service_id', 'description'], { service_area: 'name' }));
  for (const row of rows('required_documents.csv')) add('required_document', pick(row, ['id', 'service_id', 'document']));
  for (const row of rows('languages.csv')) {
    const code = present(row.language) ? canonicalLanguage(String(row.language)) : undefined;
    add('language', { ...pick(row, ['id', 'service_id', 'location_id'], { language: 'name' }), ...(code ? { code } : {}) });
  }
  for (const row of rows('accessibility_for_disabilities.csv')) add('accessibility', pick(row, ['id', 'location_id', 'details'], { accessibility: 'description' }));
  for (const row of rows('taxonomy_terms.csv')) add('taxonomy_term', pick(row, ['id', 'description', 'parent_id', 'taxonomy', 'language'], { term: 'name' }));
  for (const row of rows('taxonomy.csv')) {
    const term = pick(row, ['id', 'name', 'parent_id'], { vocabulary: 'taxonomy' });
    term.description = text(row.name);
    add('taxonomy_term', term);
  }
  if (rows('taxonomy.csv').length) notes.add('De taxonomie (taxonomy.csv) is in 3.1 een lijst termen (taxonomy_terms); hun naam is ook hun beschrijving.');
  for (const row of rows('metadata.csv')) {
    const metadata = pick(row, ['id', 'resource_id', 'last_action_date', 'last_action_type', 'field_name', 'previous_value', 'replacement_value', 'updated_by']);
    const type = entityOf(row.resource_type);
    if (type) metadata.resource_type = type;
    add('metadata', metadata);
  }
  for (const row of rows('meta_table_descriptions.csv')) add('meta_table_description', pick(row, ['id', 'name', 'language', 'character_set']));

  return { tables, notes: [...notes] };
}

/** The files an old package may have; anything else in it is reported as unknown. */
export const OLD_FILES = [
  'organizations.csv', 'programs.csv', 'services.csv', 'service_attributes.csv', 'other_attributes.csv', 'services_taxonomy.csv', 'services_at_location.csv', 'locations.csv',
  'phones.csv', 'contacts.csv', 'physical_addresses.csv', 'postal_addresses.csv', 'schedules.csv', 'regular_schedules.csv', 'holiday_schedules.csv', 'funding.csv', 'eligibility.csv',
  'service_areas.csv', 'required_documents.csv', 'payments_accepted.csv', 'languages.csv', 'accessibility_for_disabilities.csv', 'taxonomy_terms.csv', 'taxonomy.csv', 'metadata.csv',
  'meta_table_descriptions.csv', 'fees.csv', 'interpretation_services.csv',
];
