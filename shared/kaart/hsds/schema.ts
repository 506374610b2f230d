import * as z from '../../domain/zod.ts';

// The parts of HSDS 3.1 (https://docs.openreferral.org) that Overbrug reads and writes, as zod
// schemas. Reading is lenient where real directories are: `null` counts as absent, numbers may come
// as numeric strings (CSV), and fields we do not use pass through untouched. Writing uses the
// inferred types; the contract test holds what we write against the HSDS JSON schemas.

/** Text; a number where text belongs (tabular JSON, older ids) reads as its digits. */
const string = z.union([z.string(), z.pipe(z.number(), z.transform(String))]);
const text = z.nullish(string);
const id = z.pipe(string, z.string().check(z.trim(), z.minLength(1)));
/** A number, or a numeric string as CSV gives it. */
const numeric = z.union([z.number(), z.pipe(z.string().check(z.trim(), z.regex(/^-?\d+(\.\d+)?$/, 'Must be a number')), z.transform(Number))]);
/** A number we do not read: kept as given (the kept source leaves out what is no number). */
const unread = z.optional(z.unknown());
const list = <T extends z.core.$ZodType>(item: T) => z.nullish(z.array(item));

export const SERVICE_STATUSES = ['active', 'inactive', 'defunct', 'temporarily closed'] as const;

export const HsdsTaxonomySchema = z.looseObject({ id, name: z.string(), description: z.string(), uri: text, version: text });

export const HsdsTaxonomyTermSchema = z.looseObject({
  id,
  code: text,
  name: z.string(),
  description: z.string(),
  parent_id: text,
  taxonomy: text,
  taxonomy_id: text,
  taxonomy_detail: z.nullish(HsdsTaxonomySchema),
  language: text,
  term_uri: text,
});

export const HsdsAttributeSchema = z.looseObject({
  id,
  link_id: text,
  taxonomy_term_id: text,
  link_type: text,
  link_entity: text,
  value: text,
  label: text,
  taxonomy_term: z.nullish(HsdsTaxonomyTermSchema),
});

export const HsdsLanguageSchema = z.looseObject({ id, name: text, code: text, note: text });
export const HsdsPhoneSchema = z.looseObject({ id, number: string, extension: unread, type: text, description: text });
export const HsdsContactSchema = z.looseObject({
  id,
  name: text,
  title: text,
  department: text,
  email: text,
  phones: list(HsdsPhoneSchema),
});
export const HsdsServiceAreaSchema = z.looseObject({ id, name: text, description: text, extent: text, extent_type: text, uri: text });
export const HsdsUnitSchema = z.looseObject({ id, name: z.string(), scheme: text, identifier: text, uri: text });
export const HsdsCapacitySchema = z.looseObject({
  id,
  unit: z.nullish(HsdsUnitSchema),
  unit_id: text,
  available: unread,
  maximum: unread,
  description: text,
  updated: text,
});
export const HsdsFundingSchema = z.looseObject({ id, source: text });
export const HsdsCostOptionSchema = z.looseObject({
  id,
  valid_from: text,
  valid_to: text,
  option: text,
  currency: text,
  amount: unread,
  amount_description: text,
});
export const HsdsOrganizationIdentifierSchema = z.looseObject({ id, identifier_scheme: text, identifier_type: string, identifier: string });
export const HsdsOrganizationSchema = z.looseObject({
  id,
  name: z.string().check(z.trim(), z.minLength(1)),
  description: text,
  email: text,
  organization_identifiers: list(HsdsOrganizationIdentifierSchema),
  contacts: list(HsdsContactSchema),
  phones: list(HsdsPhoneSchema),
});
export const HsdsLocationSchema = z.looseObject({
  id,
  location_type: text,
  name: text,
  languages: list(HsdsLanguageSchema),
});
export const HsdsServiceAtLocationSchema = z.looseObject({
  id,
  description: text,
  service_areas: list(HsdsServiceAreaSchema),
  contacts: list(HsdsContactSchema),
  phones: list(HsdsPhoneSchema),
  location: z.nullish(HsdsLocationSchema),
});
export const HsdsProgramSchema = z.looseObject({ id, name: text });

export const HsdsServiceSchema = z.looseObject({
  id,
  name: z.string().check(z.trim(), z.minLength(1)),
  status: z.enum(SERVICE_STATUSES),
  organization_id: text,
  program_id: text,
  description: text,
  email: text,
  application_process: text,
  fees_description: text,
  eligibility_description: text,
  minimum_age: z.nullish(numeric),
  maximum_age: z.nullish(numeric),
  assured_date: text,
  last_modified: text,
  phones: list(HsdsPhoneSchema),
  service_areas: list(HsdsServiceAreaSchema),
  service_at_locations: list(HsdsServiceAtLocationSchema),
  languages: list(HsdsLanguageSchema),
  organization: z.nullish(HsdsOrganizationSchema),
  funding: list(HsdsFundingSchema),
  cost_options: list(HsdsCostOptionSchema),
  program: z.nullish(HsdsProgramSchema),
  contacts: list(HsdsContactSchema),
  capacities: list(HsdsCapacitySchema),
  attributes: list(HsdsAttributeSchema),
});

export type HsdsTaxonomy = z.infer<typeof HsdsTaxonomySchema>;
export type HsdsTaxonomyTerm = z.infer<typeof HsdsTaxonomyTermSchema>;
export type HsdsAttribute = z.infer<typeof HsdsAttributeSchema>;
export type HsdsPhone = z.infer<typeof HsdsPhoneSchema>;
export type HsdsServiceArea = z.infer<typeof HsdsServiceAreaSchema>;
export type HsdsUnit = z.infer<typeof HsdsUnitSchema>;
export type HsdsCapacity = z.infer<typeof HsdsCapacitySchema>;
export type HsdsOrganization = z.infer<typeof HsdsOrganizationSchema>;
export type HsdsService = z.infer<typeof HsdsServiceSchema>;

/** The HSDS API's page of results (openapi.json `#/components/schemas/Page` plus `contents`). */
export interface HsdsPage<T> {
  total_items: number;
  total_pages: number;
  page_number: number;
  size: number;
  first_page: boolean;
  last_page: boolean;
  empty: boolean;
  contents: T[];
}

/** A record the import did not take, and why (in words a beheerder understands). */
export interface SkippedRecord {
  /** The HSDS object: `service`, `service_capacity`, `attribute`, ... */
  record: string;
  /** Its HSDS id. */
  id: string;
  name?: string;
  /** Why, in plain Dutch for the beheerder. */
  reason: string;
  /** The technical detail: HSDS fields, crosswalk keys. */
  details?: string;
  /** The fields of ours no source gave (`domains`, `languages`, ...): the import page groups services by them. */
  missing?: string[];
}

export class HsdsInputError extends Error {
  override name = 'HsdsInputError';
}
