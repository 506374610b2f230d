import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { HsdsInputError, type HsdsService, type SkippedRecord } from './schema.ts';

// The HSDS tabular data package: one CSV file per object (services.csv, service_areas.csv, ...),
// linked by ids, described by datapackage.json. Reading joins the tables back into nested services,
// as the HSDS API gives them, so one mapping (from-hsds.ts) serves both JSON and CSV.

/** The tables Overbrug reads or writes, by HSDS resource name: file name and columns (HSDS 3.1 order). */
export const HSDS_TABLES = {
  organization: {
    path: 'organizations.csv',
    columns: ['id', 'name', 'alternate_name', 'description', 'email', 'website', 'tax_status', 'tax_id', 'year_incorporated', 'legal_status', 'logo', 'uri', 'parent_organization_id'],
  },
  organization_identifier: { path: 'organization_identifiers.csv', columns: ['id', 'organization_id', 'identifier_scheme', 'identifier_type', 'identifier'] },
  program: { path: 'programs.csv', columns: ['id', 'organization_id', 'name', 'alternate_name', 'description'] },
  service: {
    path: 'services.csv',
    columns: [
      'id', 'organization_id', 'program_id', 'name', 'alternate_name', 'description', 'url', 'email', 'status', 'interpretation_services',
      'application_process', 'fees_description', 'wait_time', 'fees', 'accreditations', 'eligibility_description', 'minimum_age', 'maximum_age',
      'assured_date', 'assurer_email', 'licenses', 'alert', 'last_modified',
    ],
  },
  service_area: { path: 'service_areas.csv', columns: ['id', 'service_id', 'service_at_location_id', 'name', 'description', 'extent', 'extent_type', 'uri'] },
  language: { path: 'languages.csv', columns: ['id', 'service_id', 'location_id', 'phone_id', 'name', 'code', 'note'] },
  contact: { path: 'contacts.csv', columns: ['id', 'organization_id', 'service_id', 'service_at_location_id', 'location_id', 'name', 'title', 'department', 'email'] },
  phone: {
    path: 'phones.csv',
    columns: ['id', 'location_id', 'service_id', 'organization_id', 'contact_id', 'service_at_location_id', 'number', 'extension', 'type', 'description'],
  },
  service_at_location: { path: 'service_at_location.csv', columns: ['id', 'service_id', 'location_id', 'description'] },
  location: {
    path: 'locations.csv',
    columns: [
      'id', 'location_type', 'url', 'organization_id', 'name', 'alternate_name', 'description', 'transportation', 'latitude', 'longitude',
      'external_identifier', 'external_identifier_type',
    ],
  },
  service_capacity: { path: 'service_capacity.csv', columns: ['id', 'service_id', 'unit_id', 'available', 'maximum', 'description', 'updated'] },
  unit: { path: 'units.csv', columns: ['id', 'name', 'scheme', 'identifier', 'uri'] },
  cost_option: { path: 'cost_options.csv', columns: ['id', 'service_id', 'valid_from', 'valid_to', 'option', 'currency', 'amount', 'amount_description'] },
  funding: { path: 'funding.csv', columns: ['id', 'organization_id', 'service_id', 'source'] },
  schedule: {
    path: 'schedules.csv',
    columns: [
      'id', 'service_id', 'location_id', 'service_at_location_id', 'valid_from', 'valid_to', 'dtstart', 'timezone', 'until', 'count', 'wkst', 'freq',
      'interval', 'byday', 'byweekno', 'bymonthday', 'byyearday', 'description', 'opens_at', 'closes_at', 'schedule_link', 'attending_type', 'notes',
    ],
  },
  taxonomy: { path: 'taxonomies.csv', columns: ['id', 'name', 'description', 'uri', 'version'] },
  taxonomy_term: { path: 'taxonomy_terms.csv', columns: ['id', 'code', 'name', 'description', 'parent_id', 'taxonomy', 'language', 'taxonomy_id', 'term_uri'] },
  attribute: { path: 'attributes.csv', columns: ['id', 'link_id', 'taxonomy_term_id', 'link_type', 'link_entity', 'value', 'label'] },
} as const satisfies Record<string, { path: string; columns: readonly string[] }>;

export type TableName = keyof typeof HSDS_TABLES;
const TABLE_NAMES = Object.keys(HSDS_TABLES) as TableName[];
const NUMERIC_COLUMNS = new Set(['year_incorporated', 'minimum_age', 'maximum_age', 'latitude', 'longitude', 'available', 'maximum', 'amount', 'extension', 'timezone', 'count', 'interval']);

type Cell = string | number | null | undefined;
export type Row = Record<string, Cell>;
export type Tables = Partial<Record<TableName, Row[]>>;

const baseName = (path: string) => path.split('/').at(-1)!;

/** Where each table is in the package: datapackage.json's resources, else the HSDS file names. */
function resourcePaths(files: Readonly<Record<string, string>>, notices: string[]): Record<TableName, string> {
  const paths = Object.fromEntries(TABLE_NAMES.map((name) => [name, HSDS_TABLES[name].path])) as Record<TableName, string>;
  const descriptor = files['datapackage.json'];
  if (descriptor === undefined) {
    notices.push('Geen datapackage.json: de tabellen zijn gelezen onder hun HSDS-bestandsnamen.');
    return paths;
  }
  let resources: unknown;
  try {
    resources = (JSON.parse(descriptor) as { resources?: unknown }).resources;
  } catch {
    notices.push(`datapackage.json is geen JSON (het begint met '${descriptor.slice(0, 40).trim()}'); de tabellen zijn gelezen onder hun HSDS-bestandsnamen.`);
    return paths;
  }
  if (!Array.isArray(resources)) {
    notices.push('datapackage.json noemt geen resources; de tabellen zijn gelezen onder hun HSDS-bestandsnamen.');
    return paths;
  }
  for (const resource of resources as { name?: unknown; path?: unknown }[]) {
    if (typeof resource?.name === 'string' && typeof resource.path === 'string' && resource.name in HSDS_TABLES) paths[resource.name as TableName] = resource.path;
  }
  return paths;
}

/** The package's tables from its files (file name → contents). Empty cells are absent values. */
export function readCsvPackage(files: Readonly<Record<string, string>>): { tables: Tables; notices: string[] } {
  const notices: string[] = [];
  const paths = resourcePaths(files, notices);
  const tables: Tables = {};
  for (const name of TABLE_NAMES) {
    const contents = files[paths[name]] ?? files[baseName(paths[name])];
    if (contents === undefined) continue;
    try {
      const rows = parse(contents, { columns: true, bom: true, skip_empty_lines: true }) as Record<string, string>[];
      tables[name] = rows.map((row) => Object.fromEntries(Object.entries(row).filter(([, value]) => value !== '')));
    } catch (error) {
      throw new HsdsInputError(`${paths[name]} is geen leesbare CSV: ${(error as Error).message}`);
    }
  }
  if (!tables.service) throw new HsdsInputError(`Het pakket heeft geen ${paths.service}: er is niets te importeren.`);
  return { tables, notices };
}

/** HSDS's tabular JSON (`{"services.csv": [...], ...}`): the same tables, as JSON. */
export function tablesFromTabularJson(document: Record<string, unknown>): Tables {
  const tables: Tables = {};
  for (const name of TABLE_NAMES) {
    const rows = document[HSDS_TABLES[name].path];
    if (Array.isArray(rows)) tables[name] = rows.filter((row): row is Row => typeof row === 'object' && row !== null);
  }
  if (!tables.service) throw new HsdsInputError('Tabulaire HSDS-JSON zonder "services.csv": er is niets te importeren.');
  return tables;
}

export const isTabularJson = (document: object) => Object.keys(document).some((key) => key.endsWith('.csv'));

function groupBy(rows: Row[] | undefined, column: string): Map<string, Row[]> {
  const groups = new Map<string, Row[]>();
  for (const row of rows ?? []) {
    const key = row[column];
    if (key === undefined || key === null || key === '') continue;
    const group = groups.get(String(key));
    if (group) group.push(row);
    else groups.set(String(key), [row]);
  }
  return groups;
}

const byId = (rows: Row[] | undefined) => new Map((rows ?? []).map((row) => [String(row.id), row]));

/**
 * Joins the tables into nested services. Rows that point at a service (or anything) the package
 * does not have are reported as skipped; the rest of the package is unaffected.
 */
export function servicesFromTables(tables: Tables): { services: Record<string, unknown>[]; skipped: SkippedRecord[] } {
  const skipped: SkippedRecord[] = [];
  const services = tables.service ?? [];
  const serviceIds = new Set(services.map((row) => String(row.id)));
  const organizations = byId(tables.organization);
  const programs = byId(tables.program);
  const locations = byId(tables.location);
  const units = byId(tables.unit);
  const taxonomies = byId(tables.taxonomy);
  const terms = byId(tables.taxonomy_term);
  const identifiersOf = groupBy(tables.organization_identifier, 'organization_id');
  const by = (table: TableName, column: string) => groupBy(tables[table], column);
  const phonesOf = { contact: by('phone', 'contact_id'), service: by('phone', 'service_id'), serviceAtLocation: by('phone', 'service_at_location_id') };
  const contactsOf = { service: by('contact', 'service_id'), serviceAtLocation: by('contact', 'service_at_location_id') };
  // An organisation's own contacts and phones: rows that name it and no service, place or contact.
  const ownRows = (table: TableName, others: string[]) =>
    groupBy((tables[table] ?? []).filter((row) => others.every((column) => row[column] === undefined || row[column] === null || row[column] === '')), 'organization_id');
  const organizationContactsOf = ownRows('contact', ['service_id', 'service_at_location_id', 'location_id']);
  const organizationPhonesOf = ownRows('phone', ['service_id', 'service_at_location_id', 'location_id', 'contact_id']);
  const schedulesOf = { service: by('schedule', 'service_id'), serviceAtLocation: by('schedule', 'service_at_location_id') };
  const areasOf = { service: by('service_area', 'service_id'), serviceAtLocation: by('service_area', 'service_at_location_id') };
  const languagesOf = { service: by('language', 'service_id'), location: by('language', 'location_id') };
  const capacitiesOf = by('service_capacity', 'service_id');
  const costsOf = by('cost_option', 'service_id');
  const fundingOf = by('funding', 'service_id');
  const placesOf = by('service_at_location', 'service_id');
  const attributesOf = by('attribute', 'link_id');

  const withPhones = (contacts: Row[] | undefined) => (contacts ?? []).map((contact) => ({ ...contact, phones: phonesOf.contact.get(String(contact.id)) ?? [] }));
  const term = (id: Cell) => {
    const row = terms.get(String(id));
    if (!row) return undefined;
    const taxonomy = taxonomies.get(String(row.taxonomy_id));
    return { ...row, ...(taxonomy ? { taxonomy_detail: taxonomy } : {}) };
  };

  const nested = services.map((service) => {
    const id = String(service.id);
    const organization = organizations.get(String(service.organization_id));
    const program = programs.get(String(service.program_id));
    return {
      ...service,
      ...(organization
        ? {
            organization: {
              ...organization,
              organization_identifiers: identifiersOf.get(String(organization.id)) ?? [],
              contacts: withPhones(organizationContactsOf.get(String(organization.id))),
              phones: organizationPhonesOf.get(String(organization.id)) ?? [],
            },
          }
        : {}),
      ...(program ? { program } : {}),
      service_areas: areasOf.service.get(id) ?? [],
      languages: languagesOf.service.get(id) ?? [],
      contacts: withPhones(contactsOf.service.get(id)),
      phones: phonesOf.service.get(id) ?? [],
      schedules: schedulesOf.service.get(id) ?? [],
      capacities: (capacitiesOf.get(id) ?? []).map((capacity) => ({ ...capacity, unit: units.get(String(capacity.unit_id)) })),
      cost_options: costsOf.get(id) ?? [],
      funding: fundingOf.get(id) ?? [],
      attributes: (attributesOf.get(id) ?? []).map((attribute) => ({ ...attribute, taxonomy_term: term(attribute.taxonomy_term_id) })),
      service_at_locations: (placesOf.get(id) ?? []).map((place) => {
        const location = locations.get(String(place.location_id));
        return {
          ...place,
          ...(location ? { location: { ...location, languages: languagesOf.location.get(String(location.id)) ?? [] } } : {}),
          service_areas: areasOf.serviceAtLocation.get(String(place.id)) ?? [],
          contacts: withPhones(contactsOf.serviceAtLocation.get(String(place.id))),
          phones: phonesOf.serviceAtLocation.get(String(place.id)) ?? [],
          schedules: schedulesOf.serviceAtLocation.get(String(place.id)) ?? [],
        };
      }),
    };
  });

  const linked: TableName[] = ['service_area', 'language', 'contact', 'phone', 'service_capacity', 'cost_option', 'funding', 'service_at_location', 'schedule'];
  for (const table of linked) {
    for (const row of tables[table] ?? []) {
      if (row.service_id !== undefined && row.service_id !== null && !serviceIds.has(String(row.service_id))) {
        skipped.push({ record: table, id: String(row.id), reason: `hoort bij dienst ${row.service_id}, die niet in ${HSDS_TABLES.service.path} staat` });
      }
    }
  }
  const everyId = new Set(TABLE_NAMES.flatMap((table) => (tables[table] ?? []).map((row) => String(row.id))));
  for (const row of tables.attribute ?? []) {
    if (!everyId.has(String(row.link_id))) {
      skipped.push({ record: 'attribute', id: String(row.id), name: row.label ? String(row.label) : undefined, reason: `koppelt aan ${row.link_id}, dat in geen tabel van het pakket staat` });
    }
  }
  return { services: nested, skipped };
}

/** Flattens nested services into the package's tables, each object once. */
export function toTables(services: readonly HsdsService[]): Tables {
  const tables = new Map<TableName, Map<string, Row>>(TABLE_NAMES.map((name) => [name, new Map()]));
  const add = (table: TableName, object: Record<string, unknown>, links: Row = {}) => {
    const rows = tables.get(table)!;
    const id = String(object.id);
    const row: Row = rows.get(id) ?? {};
    for (const column of HSDS_TABLES[table].columns) {
      const value = links[column] ?? object[column];
      if (value !== undefined && value !== null && typeof value !== 'object') row[column] = value as Cell;
    }
    rows.set(id, row);
  };
  for (const service of services) {
    const organization = service.organization;
    if (organization) {
      add('organization', organization);
      for (const identifier of organization.organization_identifiers ?? []) add('organization_identifier', identifier, { organization_id: organization.id });
    }
    const serviceLink = { service_id: service.id };
    add('service', service, { organization_id: organization?.id ?? service.organization_id });
    for (const area of service.service_areas ?? []) add('service_area', area, serviceLink);
    for (const language of service.languages ?? []) add('language', language, serviceLink);
    for (const contact of service.contacts ?? []) {
      add('contact', contact, serviceLink);
      for (const phone of contact.phones ?? []) add('phone', phone, { contact_id: contact.id });
    }
    // The same phone may belong to the service and its contact: one row with both links.
    for (const phone of service.phones ?? []) add('phone', phone, serviceLink);
    for (const capacity of service.capacities ?? []) {
      if (capacity.unit) add('unit', capacity.unit);
      add('service_capacity', capacity, { ...serviceLink, unit_id: capacity.unit?.id ?? capacity.unit_id });
    }
    for (const option of service.cost_options ?? []) add('cost_option', option, serviceLink);
    for (const funding of service.funding ?? []) add('funding', funding, serviceLink);
    for (const attribute of service.attributes ?? []) {
      const term = attribute.taxonomy_term;
      if (term) {
        if (term.taxonomy_detail) add('taxonomy', term.taxonomy_detail);
        add('taxonomy_term', term);
      }
      add('attribute', attribute, { link_id: service.id, link_entity: 'service', taxonomy_term_id: term?.id ?? attribute.taxonomy_term_id });
    }
  }
  return Object.fromEntries([...tables].filter(([, rows]) => rows.size > 0).map(([name, rows]) => [name, [...rows.values()]])) as Tables;
}

/** The package's files: datapackage.json and one CSV per table, with every HSDS column. */
export function writeCsvPackage(tables: Tables, descriptor: { name: string; title: string; description: string }): Record<string, string> {
  const files: Record<string, string> = {};
  const resources = [];
  for (const name of TABLE_NAMES) {
    const rows = tables[name];
    if (!rows) continue;
    const { path, columns } = HSDS_TABLES[name];
    files[path] = stringify(rows, { header: true, columns: [...columns] });
    resources.push({
      name,
      path,
      profile: 'tabular-data-resource',
      format: 'csv',
      mediatype: 'text/csv',
      encoding: 'utf-8',
      schema: { fields: columns.map((column) => ({ name: column, type: NUMERIC_COLUMNS.has(column) ? 'number' : 'string' })), primaryKey: 'id' },
    });
  }
  files['datapackage.json'] = `${JSON.stringify({ ...descriptor, profile: 'tabular-data-package', resources }, null, 2)}\n`;
  return files;
}
