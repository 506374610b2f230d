// The HSDS 3.1 object graph, once: each object's table in the CSV data package, its columns, and
// how objects nest (a service's phones, a location's addresses, ...). The JSON form nests objects,
// the CSV form links rows by id; reading and writing either (tabular.ts, source.ts) walk this
// description instead of knowing each object by hand. Columns and nesting follow the 3.1 schemas
// (test/fixtures/hsds-3.1/schema); the contract tests hold what we write to them.

export const HSDS_TYPES = [
  'organization',
  'organization_identifier',
  'program',
  'service',
  'service_at_location',
  'location',
  'address',
  'accessibility',
  'phone',
  'contact',
  'language',
  'schedule',
  'service_area',
  'funding',
  'cost_option',
  'required_document',
  'service_capacity',
  'unit',
  'url',
  'attribute',
  'taxonomy_term',
  'taxonomy',
  'metadata',
  'meta_table_description',
] as const;
export type HsdsType = (typeof HSDS_TYPES)[number];

/** A nested list: the child rows carry `link` = the parent's id (and `entity` = the parent's type). */
export interface ListSpec {
  type: HsdsType;
  link: string;
  entity?: string;
}

/** A nested single object: the parent row carries `key` = the child's id. */
export interface RefSpec {
  type: HsdsType;
  key: string;
}

export interface ObjectSpec {
  /** The file in the CSV data package. */
  path: string;
  /** The table's columns, in HSDS order: the object's own fields without nested objects. */
  columns: readonly string[];
  /** Fields the HSDS schema requires (besides nested objects). */
  required: readonly string[];
  numbers: readonly string[];
  /** Fields with a format the schema checks (uuid ids and links, uri, email, date-time). */
  formats: Readonly<Record<string, 'uuid' | 'uri' | 'email' | 'date-time'>>;
  enums: Readonly<Record<string, readonly string[]>>;
  lists: Readonly<Record<string, ListSpec>>;
  refs: Readonly<Record<string, RefSpec>>;
}

const attributes = (): Record<string, ListSpec> => ({
  attributes: { type: 'attribute', link: 'link_id', entity: 'link_entity' },
  metadata: { type: 'metadata', link: 'resource_id', entity: 'resource_type' },
});
const list = (type: HsdsType, link: string): ListSpec => ({ type, link });

function spec(path: string, columns: string[], extra: Partial<Omit<ObjectSpec, 'path' | 'columns'>> = {}): ObjectSpec {
  const formats: Record<string, 'uuid' | 'uri' | 'email' | 'date-time'> = {};
  for (const column of columns) if (column === 'id' || column.endsWith('_id')) formats[column] = 'uuid';
  return { path, columns, required: ['id'], numbers: [], enums: {}, lists: attributes(), refs: {}, ...extra, formats: { ...formats, ...extra.formats } };
}

export const HSDS_OBJECTS: Record<HsdsType, ObjectSpec> = {
  organization: spec(
    'organizations.csv',
    ['id', 'name', 'alternate_name', 'description', 'email', 'website', 'tax_status', 'tax_id', 'year_incorporated', 'legal_status', 'logo', 'uri', 'parent_organization_id'],
    {
      required: ['id', 'name', 'description'],
      numbers: ['year_incorporated'],
      formats: { email: 'email', website: 'uri', uri: 'uri' },
      lists: {
        additional_websites: list('url', 'organization_id'),
        funding: list('funding', 'organization_id'),
        contacts: list('contact', 'organization_id'),
        phones: list('phone', 'organization_id'),
        locations: list('location', 'organization_id'),
        programs: list('program', 'organization_id'),
        organization_identifiers: list('organization_identifier', 'organization_id'),
        ...attributes(),
      },
    },
  ),
  organization_identifier: spec('organization_identifiers.csv', ['id', 'organization_id', 'identifier_scheme', 'identifier_type', 'identifier'], {
    required: ['id', 'identifier_type', 'identifier'],
  }),
  program: spec('programs.csv', ['id', 'organization_id', 'name', 'alternate_name', 'description'], { required: ['id', 'name', 'description'] }),
  service: spec(
    'services.csv',
    [
      'id', 'organization_id', 'program_id', 'name', 'alternate_name', 'description', 'url', 'email', 'status', 'interpretation_services',
      'application_process', 'fees_description', 'wait_time', 'fees', 'accreditations', 'eligibility_description', 'minimum_age', 'maximum_age',
      'assured_date', 'assurer_email', 'licenses', 'alert', 'last_modified',
    ],
    {
      required: ['id', 'name', 'status'],
      numbers: ['minimum_age', 'maximum_age'],
      formats: { url: 'uri', email: 'email', assurer_email: 'email', last_modified: 'date-time' },
      enums: { status: ['active', 'inactive', 'defunct', 'temporarily closed'] },
      lists: {
        additional_urls: list('url', 'service_id'),
        phones: list('phone', 'service_id'),
        schedules: list('schedule', 'service_id'),
        service_areas: list('service_area', 'service_id'),
        service_at_locations: list('service_at_location', 'service_id'),
        languages: list('language', 'service_id'),
        funding: list('funding', 'service_id'),
        cost_options: list('cost_option', 'service_id'),
        required_documents: list('required_document', 'service_id'),
        contacts: list('contact', 'service_id'),
        capacities: list('service_capacity', 'service_id'),
        ...attributes(),
      },
      refs: { organization: { type: 'organization', key: 'organization_id' }, program: { type: 'program', key: 'program_id' } },
    },
  ),
  service_at_location: spec('service_at_location.csv', ['id', 'service_id', 'location_id', 'description'], {
    lists: {
      service_areas: list('service_area', 'service_at_location_id'),
      contacts: list('contact', 'service_at_location_id'),
      phones: list('phone', 'service_at_location_id'),
      schedules: list('schedule', 'service_at_location_id'),
      ...attributes(),
    },
    refs: { location: { type: 'location', key: 'location_id' } },
  }),
  location: spec(
    'locations.csv',
    ['id', 'location_type', 'url', 'organization_id', 'name', 'alternate_name', 'description', 'transportation', 'latitude', 'longitude', 'external_identifier', 'external_identifier_type'],
    {
      required: ['id', 'location_type'],
      numbers: ['latitude', 'longitude'],
      formats: { url: 'uri' },
      enums: { location_type: ['physical', 'postal', 'virtual'] },
      lists: {
        languages: list('language', 'location_id'),
        addresses: list('address', 'location_id'),
        contacts: list('contact', 'location_id'),
        accessibility: list('accessibility', 'location_id'),
        phones: list('phone', 'location_id'),
        schedules: list('schedule', 'location_id'),
        ...attributes(),
      },
    },
  ),
  address: spec('addresses.csv', ['id', 'location_id', 'attention', 'address_1', 'address_2', 'city', 'region', 'state_province', 'postal_code', 'country', 'address_type'], {
    required: ['id', 'address_1', 'city', 'state_province', 'postal_code', 'country', 'address_type'],
    enums: { address_type: ['physical', 'postal', 'virtual'] },
  }),
  accessibility: spec('accessibility.csv', ['id', 'location_id', 'description', 'details', 'url'], { formats: { url: 'uri' } }),
  phone: spec('phones.csv', ['id', 'location_id', 'service_id', 'organization_id', 'contact_id', 'service_at_location_id', 'number', 'extension', 'type', 'description'], {
    required: ['id', 'number'],
    numbers: ['extension'],
    lists: { languages: list('language', 'phone_id'), ...attributes() },
  }),
  contact: spec('contacts.csv', ['id', 'organization_id', 'service_id', 'service_at_location_id', 'location_id', 'name', 'title', 'department', 'email'], {
    formats: { email: 'email' },
    lists: { phones: list('phone', 'contact_id'), ...attributes() },
  }),
  language: spec('languages.csv', ['id', 'service_id', 'location_id', 'phone_id', 'name', 'code', 'note']),
  schedule: spec(
    'schedules.csv',
    [
      'id', 'service_id', 'location_id', 'service_at_location_id', 'valid_from', 'valid_to', 'dtstart', 'timezone', 'until', 'count', 'wkst', 'freq',
      'interval', 'byday', 'byweekno', 'bymonthday', 'byyearday', 'description', 'opens_at', 'closes_at', 'schedule_link', 'attending_type', 'notes',
    ],
    {
      numbers: ['timezone', 'count', 'interval'],
      formats: { schedule_link: 'uri' },
      enums: { wkst: ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'], freq: ['WEEKLY', 'MONTHLY'] },
    },
  ),
  service_area: spec('service_areas.csv', ['id', 'service_id', 'service_at_location_id', 'name', 'description', 'extent', 'extent_type', 'uri']),
  funding: spec('funding.csv', ['id', 'organization_id', 'service_id', 'source']),
  cost_option: spec('cost_options.csv', ['id', 'service_id', 'valid_from', 'valid_to', 'option', 'currency', 'amount', 'amount_description'], { numbers: ['amount'] }),
  required_document: spec('required_documents.csv', ['id', 'service_id', 'document', 'uri'], { formats: { uri: 'uri' } }),
  service_capacity: spec('service_capacity.csv', ['id', 'service_id', 'unit_id', 'available', 'maximum', 'description', 'updated'], {
    required: ['id', 'available', 'updated'],
    numbers: ['available', 'maximum'],
    formats: { updated: 'date-time' },
    refs: { unit: { type: 'unit', key: 'unit_id' } },
  }),
  unit: spec('units.csv', ['id', 'name', 'scheme', 'identifier', 'uri'], { required: ['id', 'name'], formats: { uri: 'uri' } }),
  url: spec('url.csv', ['id', 'label', 'url', 'organization_id', 'service_id'], { required: ['id', 'url'], formats: { url: 'uri' } }),
  attribute: spec('attributes.csv', ['id', 'link_id', 'taxonomy_term_id', 'link_type', 'link_entity', 'value', 'label'], {
    lists: { metadata: { type: 'metadata', link: 'resource_id', entity: 'resource_type' } },
    refs: { taxonomy_term: { type: 'taxonomy_term', key: 'taxonomy_term_id' } },
  }),
  taxonomy_term: spec('taxonomy_terms.csv', ['id', 'code', 'name', 'description', 'parent_id', 'taxonomy', 'language', 'taxonomy_id', 'term_uri'], {
    required: ['id', 'name', 'description'],
    formats: { term_uri: 'uri' },
    lists: { metadata: { type: 'metadata', link: 'resource_id', entity: 'resource_type' } },
    refs: { taxonomy_detail: { type: 'taxonomy', key: 'taxonomy_id' } },
  }),
  taxonomy: spec('taxonomies.csv', ['id', 'name', 'description', 'uri', 'version'], {
    required: ['id', 'name', 'description'],
    formats: { uri: 'uri' },
    lists: { metadata: { type: 'metadata', link: 'resource_id', entity: 'resource_type' } },
  }),
  metadata: spec(
    'metadata.csv',
    ['id', 'resource_id', 'resource_type', 'last_action_date', 'last_action_type', 'field_name', 'previous_value', 'replacement_value', 'updated_by'],
    { required: ['id', 'last_action_date', 'last_action_type', 'field_name', 'previous_value', 'replacement_value', 'updated_by'], lists: {} },
  ),
  meta_table_description: spec('meta_table_descriptions.csv', ['id', 'name', 'language', 'character_set']),
};

/** Which object a link column points at, for the columns that are not a nested list's own link. */
export const LINK_TARGETS: Readonly<Record<string, HsdsType>> = {
  organization_id: 'organization',
  parent_organization_id: 'organization',
  service_id: 'service',
  program_id: 'program',
  location_id: 'location',
  service_at_location_id: 'service_at_location',
  contact_id: 'contact',
  phone_id: 'phone',
  unit_id: 'unit',
  taxonomy_term_id: 'taxonomy_term',
  taxonomy_id: 'taxonomy',
};

/** The type a link column of this object points at (`parent_id` of a term is a term). */
export function linkTarget(type: HsdsType, column: string, row: Record<string, unknown>): HsdsType | undefined {
  if (column === 'parent_id') return type === 'taxonomy_term' ? 'taxonomy_term' : undefined;
  if (column === 'link_id') return asType(row.link_entity);
  if (column === 'resource_id') return asType(row.resource_type);
  return LINK_TARGETS[column];
}

export const asType = (value: unknown): HsdsType | undefined => (typeof value === 'string' && (HSDS_TYPES as readonly string[]).includes(value) ? (value as HsdsType) : undefined);

export const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Scalars of an HSDS object: what a table row holds. */
export const isScalar = (value: unknown): value is string | number | boolean => typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
