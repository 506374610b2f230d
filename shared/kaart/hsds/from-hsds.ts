import type * as z from '../../domain/zod.ts';
import { ServiceSchema, type ServiceEntry } from '../../domain/sociale-kaart.ts';
import type { Channel } from '../../domain/vocabulary.ts';
import type { Region } from '../../domain/region.ts';
import { REGIONS, regionForGemeente } from '../../regions/index.ts';
import type { Classification, Crosswalk, RuleMatch, UnitMatch } from './crosswalk.ts';
import { canonicalLanguage } from './languages.ts';
import { isRecord } from './objects.ts';
import {
  HsdsOrganizationSchema,
  HsdsServiceSchema,
  type HsdsCapacity,
  type HsdsOrganization,
  type HsdsService,
  type HsdsServiceArea,
  type HsdsUnit,
  type SkippedRecord,
} from './schema.ts';
import { cleanObject, idsIn, sourceUuid, withoutGenerated, type SourceCleaning } from './source.ts';
import { OUR_TERMS, type TaxonomyKey } from './taxonomies.ts';
import { OVERBRUG_IDENTIFIER_SCHEME, PLACE_UNIT, generatedDescription, generatedFields, toHsdsService } from './to-hsds.ts';

// One HSDS service onto our entry: what our own taxonomies say (an Overbrug export), else what
// the crosswalk's rules say, else what HSDS fields say, else the crosswalk's defaults. Anything
// still unknown skips the service with every reason at once; nothing is guessed. The precedence
// per field is in docs/sociale-kaart.md. What the source says beyond our fields is kept with the
// entry (`hsds`), so that an export gives it back.

export interface MappingContext {
  crosswalk: Crosswalk;
  /** The region the services go to, when the caller or the crosswalk says; else our `regio` attribute. */
  regionId?: string;
  /** The import's date (YYYY-MM-DD), for `lastVerified: "import"`. */
  today: string;
  /** Where the kept source's repairs are counted, for one notice over the whole import. */
  cleaning: SourceCleaning;
}

/** Where a field of the entry came from: the preview shows it per service. */
export type Provenance = 'source' | 'overbrug' | 'rule' | 'default' | 'assumed' | 'import';
export type EntryField = Exclude<keyof ServiceEntry, 'hsds'>;

/** Why a service cannot be imported: in plain Dutch, with the technical detail apart. */
export interface Problem {
  /** The field of ours it is about, so the import page can group services by what they lack. */
  field?: EntryField;
  text: string;
  detail?: string;
}

export type MappingResult =
  | { ok: true; entry: ServiceEntry; skipped: SkippedRecord[]; provenance: Partial<Record<EntryField, Provenance>>; notes: string[] }
  | { ok: false; id: string; name?: string; problems: Problem[] };

/** Zod issues as problems: which HSDS field, what is wrong. */
export function describeIssues(issues: z.core.$ZodIssue[], prefix: string, input: unknown): Problem[] {
  return issues.map((issue) => {
    const path = issue.path.map(String).join('.') || '(record)';
    const value = issue.path.reduce<unknown>((node, key) => (typeof node === 'object' && node !== null ? (node as Record<PropertyKey, unknown>)[key] : undefined), input);
    return value === undefined || value === null
      ? { text: `${prefix}${path} ontbreekt`, detail: 'verplicht volgens HSDS 3.1' }
      : { text: `${prefix}${path} is ongeldig`, detail: issue.message };
  });
}

/** Problems as a skipped record's reason (plain words), details and the fields it lacks. */
export function skippedFor(record: string, id: string, name: string | undefined, problems: Problem[]): SkippedRecord {
  const details = problems.map((problem) => problem.detail).filter((detail): detail is string => !!detail);
  const missing = [...new Set(problems.map((problem) => problem.field).filter((field): field is EntryField => !!field))];
  return {
    record,
    id,
    ...(name ? { name } : {}),
    reason: problems.map((problem) => problem.text).join('; '),
    ...(details.length ? { details: details.join('; ') } : {}),
    ...(missing.length ? { missing } : {}),
  };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const unique = <T>(values: T[]) => [...new Set(values)];

/** A phone number as given, without the quotes some exports wrap it in. */
export const cleanPhone = (number: string | null | undefined) => number?.trim().replace(/^"(.*)"$/, '$1').trim() || undefined;

interface ForeignTerm {
  id: string;
  code?: string;
  name?: string;
  /** Every way the term's taxonomy is named: its id, name, and the free-text `taxonomy`. */
  taxonomies: string[];
}

function termsOf(service: HsdsService): { ours: Map<TaxonomyKey, { code: string; value?: string }[]>; foreign: ForeignTerm[] } {
  const ours = new Map<TaxonomyKey, { code: string; value?: string }[]>();
  const foreign: ForeignTerm[] = [];
  for (const attribute of service.attributes ?? []) {
    const term = attribute.taxonomy_term;
    const id = term?.id ?? attribute.taxonomy_term_id;
    if (!id) continue;
    const known = OUR_TERMS.get(id);
    if (known) {
      const list = ours.get(known.taxonomy) ?? [];
      list.push({ code: known.code, value: attribute.value ?? undefined });
      ours.set(known.taxonomy, list);
    } else {
      foreign.push({
        id,
        code: term?.code ?? undefined,
        name: term?.name,
        taxonomies: [term?.taxonomy_id, term?.taxonomy, term?.taxonomy_detail?.id, term?.taxonomy_detail?.name].filter((value): value is string => !!value),
      });
    }
  }
  return { ours, foreign };
}

function matches(match: RuleMatch, service: HsdsService, organization: HsdsOrganization | undefined, terms: ForeignTerm[]): boolean {
  if ('taxonomyTerm' in match) return terms.some((term) => term.id === match.taxonomyTerm);
  if ('code' in match) return terms.some((term) => term.code === match.code && term.taxonomies.includes(match.taxonomy));
  if ('name' in match) return terms.some((term) => term.name === match.name && term.taxonomies.includes(match.taxonomy));
  if ('program' in match) return (service.program?.id ?? service.program_id) === match.program;
  if ('organization' in match) return organization?.id === match.organization;
  return service.id === match.service;
}

/** What the crosswalk's rules say about this service: lists add up in rule order, single values must agree. */
function classify(service: HsdsService, organization: HsdsOrganization | undefined, terms: ForeignTerm[], crosswalk: Crosswalk) {
  const set: Classification = {};
  const conflicts: Problem[] = [];
  const seen = new Set<string>();
  for (const rule of crosswalk.rules) {
    if (!matches(rule.match, service, organization, terms)) continue;
    for (const [field, value] of Object.entries(rule.set) as [keyof Classification, unknown][]) {
      const current = set[field];
      if (Array.isArray(value)) (set as Record<string, unknown[]>)[field] = unique([...((current as unknown[] | undefined) ?? []), ...value]);
      else if (current === undefined) (set as Record<string, unknown>)[field] = value;
      else if (current !== value && !seen.has(field)) {
        seen.add(field);
        conflicts.push({ field, text: `de regels van de crosswalk spreken elkaar tegen over ${field}: ${String(current)} of ${String(value)}` });
      }
    }
  }
  return { set, conflicts };
}

const unitMatches = (match: UnitMatch, unit: HsdsUnit | null | undefined, unitId: string | undefined) =>
  'id' in match
    ? (unit?.id ?? unitId) === match.id
    : 'identifier' in match
      ? unit?.identifier === match.identifier && (!match.scheme || unit?.scheme === match.scheme)
      : unit?.name?.toLowerCase() === match.name.toLowerCase();

function countsPlaces(capacity: HsdsCapacity, crosswalk: Crosswalk): boolean {
  const unit = capacity.unit;
  const unitId = capacity.unit_id ?? undefined;
  if ((unit?.id ?? unitId) === PLACE_UNIT.id || (unit?.scheme === PLACE_UNIT.scheme && unit?.identifier === PLACE_UNIT.identifier)) return true;
  return crosswalk.placeUnits.some((match) => unitMatches(match, unit, unitId));
}

function areaMatches(match: Crosswalk['serviceAreas'][number]['match'], area: HsdsServiceArea): boolean {
  if ('id' in match) return area.id === match.id;
  if ('name' in match) return area.name?.trim() === match.name.trim();
  return area.uri === match.uri;
}

/** The gemeente as the region spells it, when the region has it. */
export function gemeenteOf(region: Region, name: string): string | undefined {
  const found = regionForGemeente(name);
  return found?.config.region.regionId === region.regionId ? found.gemeente : undefined;
}

export const hasPostcode = (region: Region, postcode: string) => region.gemeenten.some((gemeente) => gemeente.postcodes.includes(postcode));

/** Every service area of the service and its places, each once. */
export const areasOf = (service: HsdsService): HsdsServiceArea[] => {
  const seen = new Set<string>();
  return [...(service.service_areas ?? []), ...(service.service_at_locations ?? []).flatMap((place) => place.service_areas ?? [])].filter((area) => !seen.has(area.id) && seen.add(area.id));
};

/**
 * The service's gemeenten and PC4s in the region, from its service areas, the crosswalk or its
 * default. In an Overbrug export the areas that are gemeenten or PC4s of the region are ours; the
 * others came from its source and are kept, not read.
 */
function areaOf(service: HsdsService, region: Region, crosswalk: Crosswalk, isOurs: boolean, problems: Problem[]): { area: ServiceEntry['area']; provenance: Provenance } {
  const gemeenten: string[] = [];
  const postcodes: string[] = [];
  let provenance: Provenance = isOurs ? 'overbrug' : 'source';
  const add = (area: { gemeenten: string[]; postcodes: string[] }, from: string) => {
    for (const name of area.gemeenten) {
      const gemeente = gemeenteOf(region, name);
      if (gemeente) gemeenten.push(gemeente);
      else problems.push({ field: 'area', text: `gemeente '${name}' hoort niet bij ${region.name}`, detail: from });
    }
    for (const postcode of area.postcodes) {
      if (hasPostcode(region, postcode)) postcodes.push(postcode);
      else problems.push({ field: 'area', text: `postcode ${postcode} ligt niet in ${region.name}`, detail: from });
    }
  };
  const areas = areasOf(service);
  let read = 0;
  for (const area of areas) {
    const mapped = isOurs ? undefined : crosswalk.serviceAreas.find((candidate) => areaMatches(candidate.match, area));
    const name = area.name?.trim() ?? '';
    if (mapped) {
      add(mapped.area, `crosswalk voor werkgebied ${area.id}`);
      provenance = 'rule';
      read++;
    } else if (gemeenteOf(region, name)) {
      gemeenten.push(gemeenteOf(region, name)!);
      read++;
    } else if (/^[1-9][0-9]{3}$/.test(name) && hasPostcode(region, name)) {
      postcodes.push(name);
      read++;
    } else if (!isOurs) {
      problems.push({
        field: 'area',
        text: `werkgebied '${name || area.id}' is geen gemeente of postcode van ${region.name}`,
        detail: `koppel het in de crosswalk (serviceAreas) aan gemeenten of postcodes; HSDS service_area ${area.id}`,
      });
    }
  }
  if (read === 0 && (areas.length === 0 || isOurs)) {
    if (crosswalk.defaults.area) {
      add(crosswalk.defaults.area, 'defaults.area van de crosswalk');
      provenance = 'default';
    } else problems.push({ field: 'area', text: 'geen werkgebied', detail: 'geen service_areas in de bron en geen standaard in de crosswalk (defaults.area)' });
  }
  const area: ServiceEntry['area'] = { gemeenten: unique(gemeenten) };
  if (postcodes.length) area.postcodes = unique(postcodes);
  return { area, provenance };
}

/**
 * How the service works with clients, from the HSDS data: its own phone number (not the
 * organisation's switchboard), a physical or a virtual location where it is delivered.
 */
function channelsFromData(service: HsdsService): Channel[] {
  const channels: Channel[] = [];
  const places = service.service_at_locations ?? [];
  const phones = [...(service.phones ?? []), ...(service.contacts ?? []).flatMap((contact) => contact.phones ?? []), ...places.flatMap((place) => place.phones ?? [])];
  if (phones.length) channels.push('phone');
  if (places.some((place) => place.location?.location_type === 'physical')) channels.push('in-person');
  if (places.some((place) => place.location?.location_type === 'virtual')) channels.push('online');
  return channels;
}

/** Service fields that are ours once imported: the entry holds them, an export writes them from it. */
const OWN_SERVICE_FIELDS = ['id', 'organization_id', 'name', 'description', 'minimum_age', 'maximum_age', 'assured_date', 'last_modified', 'organization'];

/**
 * What the source said beyond the entry's fields, cleaned (source.ts), without what an export of
 * ours generated for this entry (so an Overbrug export comes back as it went): undefined when
 * nothing is left.
 */
function keptSource(raw: Record<string, unknown>, organization: Record<string, unknown> | undefined, entry: ServiceEntry, placeCapacityIds: Set<string>, isOurs: boolean, context: MappingContext): ServiceEntry['hsds'] {
  // Only an Overbrug export holds the objects our export generates; another source's are all its own.
  const generatedIds = isOurs ? idsIn(toHsdsService(entry, new Date(`${context.today}T00:00:00Z`))) : new Set<string>();
  const generated = generatedFields(entry);
  const cleaned = cleanObject('service', raw, context.cleaning);
  const service: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(cleaned)) {
    if (OWN_SERVICE_FIELDS.includes(field)) continue;
    if (Array.isArray(value)) {
      const kept = withoutGenerated(field === 'capacities' ? value.filter((item) => !placeCapacityIds.has(String((item as { id?: unknown }).id))) : value, generatedIds);
      const foreign = field === 'attributes' ? kept?.filter((attribute) => !OUR_TERMS.has(String(attribute.taxonomy_term_id ?? (attribute.taxonomy_term as { id?: unknown } | undefined)?.id))) : kept;
      if (foreign?.length) service[field] = foreign;
    } else if (value !== generated[field]) service[field] = value;
  }
  let kept: Record<string, unknown> | undefined;
  if (organization) {
    const cleanedOrganization = cleanObject('organization', organization, context.cleaning);
    kept = {};
    for (const [field, value] of Object.entries(cleanedOrganization)) {
      if (field === 'id' || field === 'name' || field === 'services') continue;
      if (isOurs && field === 'description' && value === generatedDescription(entry)) continue;
      if (field === 'organization_identifiers') {
        const identifiers = withoutGenerated(value, generatedIds)?.filter((identifier) => identifier.identifier_scheme !== OVERBRUG_IDENTIFIER_SCHEME);
        if (identifiers?.length) kept[field] = identifiers;
      } else kept[field] = value;
    }
    if (!Object.keys(kept).length) kept = undefined;
  }
  if (!Object.keys(service).length && !kept) return undefined;
  return { service: service as Record<string, z.core.util.JSONType>, ...(kept ? { organization: kept as Record<string, z.core.util.JSONType> } : {}) };
}

/** Maps one HSDS service (with the organization it came under, if nested) onto our entry. */
export function fromHsdsService(raw: unknown, parent: unknown, context: MappingContext): MappingResult {
  const rawId = isRecord(raw) && 'id' in raw ? String(raw.id) : '(zonder id)';
  const rawName = isRecord(raw) && typeof raw.name === 'string' ? raw.name : undefined;
  const parsed = HsdsServiceSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, id: rawId, name: rawName, problems: describeIssues(parsed.error.issues, 'HSDS-veld ', raw) };
  const service = parsed.data;
  const { crosswalk } = context;
  const { defaults } = crosswalk;
  const problems: Problem[] = [];
  const provenance: Partial<Record<EntryField, Provenance>> = {};
  const notes: string[] = [];
  /** The first value there is, in precedence order, and where it came from; a problem when none. */
  const first = <T>(field: EntryField, options: [T | undefined, Provenance][], problem?: Omit<Problem, 'field'>): T | undefined => {
    for (const [value, from] of options) {
      if (value !== undefined) {
        provenance[field] = from;
        return value;
      }
    }
    if (problem) problems.push({ field, ...problem });
    return undefined;
  };

  let organization: HsdsOrganization | undefined;
  const organizationInput = service.organization ?? parent;
  if (organizationInput !== undefined && organizationInput !== null) {
    const parsedOrganization = HsdsOrganizationSchema.safeParse(organizationInput);
    if (parsedOrganization.success) organization = parsedOrganization.data;
    else problems.push(...describeIssues(parsedOrganization.error.issues, 'HSDS-veld organization.', organizationInput));
  }

  const { ours, foreign } = termsOf(service);
  const codes = (taxonomy: TaxonomyKey) => ours.get(taxonomy)?.map((term) => term.code);
  const kenmerk = (code: string) => ours.get('kenmerken')?.find((term) => term.code === code);
  // An Overbrug export names its service: then a flag that is absent means no.
  const isOurs = kenmerk('dienst-id') !== undefined;
  const { set: rules, conflicts } = classify(service, organization, foreign, crosswalk);
  problems.push(...conflicts);
  const prefix = crosswalk.idPrefix ?? '';

  const serviceId = kenmerk('dienst-id')?.value ?? `${prefix}${service.id.toLowerCase()}`;
  if (!ServiceSchema.shape.serviceId.safeParse(serviceId).success) {
    problems.push({ field: 'serviceId', text: `het id '${service.id}' is niet te gebruiken`, detail: 'alleen a-z, 0-9 en -, 2 tot 81 tekens; een idPrefix in de crosswalk kan helpen' });
  }
  const ourOrganisationId = organization?.organization_identifiers?.find((identifier) => identifier.identifier_scheme === OVERBRUG_IDENTIFIER_SCHEME)?.identifier;
  const organisationId = first<string>(
    'organisationId',
    [
      [organization ? (ourOrganisationId ?? `${prefix}${organization.id.toLowerCase()}`) : undefined, ourOrganisationId ? 'overbrug' : 'source'],
      [organization ? undefined : defaults.organization?.id, 'default'],
    ],
    {
      text: 'geen organisatie',
      detail: `HSDS organization${service.organization_id ? ` ${service.organization_id} staat niet in de invoer` : ' ontbreekt'}; een standaard kan in de crosswalk (defaults.organization)`,
    },
  );
  const organisation = organization ? organization.name.trim() : organisationId !== undefined ? defaults.organization?.name : undefined;
  if (organisation !== undefined) provenance.organisation = provenance.organisationId;
  if (organisationId !== undefined && !ServiceSchema.shape.organisationId.safeParse(organisationId).success) {
    problems.push({ field: 'organisationId', text: `het id '${organization?.id ?? organisationId}' van de organisatie is niet te gebruiken`, detail: 'alleen a-z, 0-9 en -, 2 tot 81 tekens' });
  }

  const regionId = first<string>('regionId', [
    [context.regionId, 'import'],
    [kenmerk('regio')?.value, 'overbrug'],
  ], { text: 'onbekend bij welke regio het aanbod hoort', detail: 'geef --region of regionId in de crosswalk' });
  const region = regionId === undefined ? undefined : REGIONS.find((config) => config.region.regionId === regionId)?.region;
  if (regionId !== undefined && !region) problems.push({ field: 'regionId', text: `regio '${regionId}' wordt door deze installatie niet bediend` });
  let area: ServiceEntry['area'] | undefined;
  if (region) {
    const found = areaOf(service, region, crosswalk, isOurs, problems);
    area = found.area;
    provenance.area = found.provenance;
  }

  const ourDomains = ours
    .get('levensdomeinen')
    ?.map((term, index) => ({ ...term, rank: Number(term.value) || index + 1 }))
    .sort((a, b) => a.rank - b.rank)
    .map((term) => term.code);
  const domains = first('domains', [[ourDomains, 'overbrug'], [rules.domains, 'rule'], [defaults.domains, 'default']], {
    text: 'onbekend bij welk levensdomein het aanbod hoort',
    detail: 'geen Overbrug-taxonomie, geen regel in de crosswalk (rules[].set.domains), geen standaard (defaults.domains)',
  });
  const ourCategories = codes('categorieen');
  if (ourCategories && ourCategories.length > 1) problems.push({ field: 'category', text: `meer dan één soort aanbod: ${ourCategories.join(', ')}` });
  const category = first('category', [[ourCategories?.[0], 'overbrug'], [rules.category, 'rule'], [defaults.category, 'default']], {
    text: 'onbekend wat voor soort aanbod het is',
    detail: 'geen regel in de crosswalk (rules[].set.category), geen standaard (defaults.category)',
  });
  const functies = first('functies', [[codes('functies')?.map(Number), 'overbrug'], [rules.functies, 'rule'], [defaults.functies, 'default']], {
    text: 'onbekend welke functie (1 tot 8) het aanbod heeft',
    detail: 'geen regel in de crosswalk (rules[].set.functies), geen standaard (defaults.functies)',
  });
  const derivedChannels = channelsFromData(service);
  const channels = first(
    'channels',
    [
      [codes('kanalen') as Channel[] | undefined, 'overbrug'],
      [rules.channels, 'rule'],
      [derivedChannels.length ? derivedChannels : undefined, 'source'],
      [defaults.channels, 'default'],
    ],
    { text: 'onbekend hoe cliënten het aanbod bereiken', detail: 'geen telefoon, geen locatie, geen regel in de crosswalk (rules[].set.channels), geen standaard (defaults.channels)' },
  );
  const ourCosts = codes('kosten');
  if (ourCosts && ourCosts.length > 1) problems.push({ field: 'cost', text: `meer dan één kostensoort: ${ourCosts.join(', ')}` });
  const cost = first('cost', [[ourCosts?.[0] as ServiceEntry['cost'] | undefined, 'overbrug'], [rules.cost, 'rule'], [defaults.cost, 'default']], {
    text: 'onbekend wat het de cliënt kost',
    detail: 'geen regel in de crosswalk (rules[].set.cost), geen standaard (defaults.cost)',
  });
  const funding = first('funding', [[codes('financiering') as ServiceEntry['funding'] | undefined, 'overbrug'], [rules.funding, 'rule'], [defaults.funding, 'default']], {
    text: 'onbekend waaruit het betaald wordt',
    detail: 'geen regel in de crosswalk (rules[].set.funding), geen standaard (defaults.funding)',
  });
  const bridging = isOurs
    ? first('bridging', [[kenmerk('wachtlijstoverbrugging') !== undefined, 'overbrug']])!
    : first('bridging', [[rules.bridging, 'rule'], [defaults.bridging, 'default'], [false, 'assumed']])!;
  const inGroups = kenmerk('in-groepen') !== undefined;
  if (inGroups) provenance.inGroups = 'overbrug';
  const referralNeeded = first(
    'referralNeeded',
    isOurs ? [[kenmerk('verwijzing-nodig') !== undefined, 'overbrug']] : [[rules.referralNeeded, 'rule'], [defaults.referralNeeded, 'default']],
    { text: 'onbekend of een verwijzing nodig is', detail: 'geen regel in de crosswalk (rules[].set.referralNeeded), geen standaard (defaults.referralNeeded)' },
  );
  const ourWait = kenmerk('wachttijd-weken')?.value;
  const waitingWeeks = first('waitingWeeks', [[ourWait !== undefined ? Number(ourWait) : undefined, 'overbrug'], [rules.waitingWeeks, 'rule'], [defaults.waitingWeeks, 'default']], {
    text: 'onbekend hoe lang de wachttijd is',
    detail: 'HSDS heeft er alleen vrije tekst voor (wait_time); zet waitingWeeks in een regel of de standaard van de crosswalk',
  });
  const fundingEnds = kenmerk('financiering-tot')?.value;

  const languages: string[] = [];
  const unreadable: string[] = [];
  for (const language of service.languages ?? []) {
    const code = (language.code ? canonicalLanguage(language.code) : undefined) ?? (language.name ? canonicalLanguage(language.name) : undefined);
    if (code) languages.push(code);
    else unreadable.push(language.name ?? language.code ?? language.id);
  }
  if (unreadable.length) notes.push(`${languages.length ? 'Niet alle talen' : 'Geen van de talen'} van '${service.name}' ${languages.length ? 'zijn' : 'is'} als taal te herkennen (${unreadable.join(', ')}): ${languages.length ? 'die zijn bewaard, niet gebruikt voor de matching' : 'de standaard van de crosswalk is genomen'}.`);
  first('languages', [[languages.length ? languages : undefined, 'source'], [defaults.languages, 'default']], {
    text: 'onbekend in welke talen het aanbod werkt',
    detail: `${service.languages?.length ? 'geen herkenbare ISO 639-taalcode of taalnaam in languages' : 'geen languages in de bron'} en geen standaard in de crosswalk (defaults.languages)`,
  });
  if (!languages.length && defaults.languages) languages.push(...defaults.languages);

  const assured = service.assured_date?.trim().slice(0, 10);
  const lastVerified =
    crosswalk.lastVerified === 'import'
      ? first('lastVerified', [[context.today, 'import']])
      : first('lastVerified', [[assured && DATE.test(assured) ? assured : undefined, 'source']], {
          text: 'onbekend wanneer de gegevens voor het laatst zijn gecontroleerd',
          detail: `geen geldige assured_date${service.assured_date ? ` ('${service.assured_date}')` : ''}; of zet lastVerified: "import" in de crosswalk`,
        });

  const skippedParts: SkippedRecord[] = [];
  const placeCapacities = (service.capacities ?? []).filter((capacity) => {
    if (countsPlaces(capacity, crosswalk)) return true;
    if (!isOurs) {
      const unit = capacity.unit ? `${capacity.unit.name}${capacity.unit.identifier ? ` (${[capacity.unit.scheme, capacity.unit.identifier].filter(Boolean).join(' ')})` : ''}` : `${capacity.unit_id ?? 'zonder eenheid'}`;
      skippedParts.push({
        record: 'service_capacity',
        id: capacity.id,
        reason: `capaciteit van dienst ${service.id} in eenheid '${unit}' telt geen plaatsen: bewaard, niet gebruikt voor de matching`,
        details: 'volgens de crosswalk (placeUnits) geen eenheid van plaatsen',
      });
    }
    return false;
  });
  if (placeCapacities.length > 1) problems.push({ field: 'capacity', text: `meer dan één capaciteit in plaatsen (${placeCapacities.map((capacity) => capacity.id).join(', ')})` });
  const placeCapacity = placeCapacities[0];
  const places = (value: unknown) => (value === undefined || value === null || value === '' ? undefined : Number(typeof value === 'string' ? value.trim() : value));
  const counted = placeCapacity ? (places(placeCapacity.maximum) ?? places(placeCapacity.available)) : null;
  if (counted !== null && (counted === undefined || !Number.isInteger(counted) || counted < 0)) {
    problems.push({ field: 'capacity', text: `de capaciteit in plaatsen is geen heel getal`, detail: `service_capacity ${placeCapacity!.id}: maximum '${String(placeCapacity!.maximum ?? '')}', available '${String(placeCapacity!.available ?? '')}'` });
  }
  const capacity = counted ?? null;
  provenance.capacity = placeCapacity ? (isOurs ? 'overbrug' : 'source') : 'assumed';

  const locations = service.service_at_locations ?? [];
  const contact = service.contacts?.[0] ?? locations.flatMap((place) => place.contacts ?? [])[0] ?? organization?.contacts?.[0];
  const given = [contact?.email, service.email, organization?.email].filter((candidate): candidate is string => !!candidate?.trim()).map((candidate) => candidate.trim());
  const email = first('contact', [[given.find((candidate) => ServiceSchema.shape.contact.shape.email.safeParse(candidate).success), 'source'], [defaults.contact?.email, 'default']], {
    text: 'geen e-mailadres om de aanbieder te bereiken',
    detail: `${given.length ? `geen geldig e-mailadres (${given.join(', ')})` : 'geen email'} in contacts, de dienst of de organisatie, en geen standaard in de crosswalk (defaults.contact)`,
  });
  const fromDefault = provenance.contact === 'default';
  const phone = cleanPhone(
    (fromDefault ? undefined : (contact?.phones?.[0]?.number ?? service.phones?.[0]?.number ?? locations.flatMap((place) => place.phones ?? [])[0]?.number ?? organization?.phones?.[0]?.number)) ??
      defaults.contact?.phone,
  );
  const contactName = (fromDefault ? defaults.contact?.name : (contact?.name ?? contact?.title ?? contact?.department)) ?? '';

  provenance.ageRange = service.minimum_age == null && service.maximum_age == null ? 'assumed' : 'source';
  provenance.name = 'source';
  provenance.description = 'source';
  provenance.active = 'source';
  if (fundingEnds) provenance.fundingEnds = 'overbrug';

  if (problems.length) return { ok: false, id: service.id, name: service.name, problems };
  const candidate = {
    serviceId,
    regionId,
    name: service.name.trim(),
    organisation: organisation!,
    organisationId,
    description: service.description ?? '',
    category,
    functies,
    domains,
    bridging,
    ...(inGroups ? { inGroups } : {}),
    area,
    ageRange: { min: service.minimum_age ?? 0, max: service.maximum_age ?? 120 },
    languages: unique(languages),
    channels,
    capacity,
    waitingWeeks,
    lastVerified,
    ...(fundingEnds ? { fundingEnds } : {}),
    active: service.status === 'active',
    referralNeeded,
    cost,
    funding,
    contact: { name: contactName, email, ...(phone ? { phone } : {}) },
  };
  const entry = ServiceSchema.safeParse(candidate);
  if (!entry.success) return { ok: false, id: service.id, name: service.name, problems: describeIssues(entry.error.issues, 'veld ', candidate) };
  const placeIds = new Set(placeCapacities.map((item) => sourceUuid(context.cleaning.idPrefix, 'service_capacity', item.id)));
  const hsds = keptSource(raw as Record<string, unknown>, isRecord(organizationInput) ? organizationInput : undefined, entry.data, placeIds, isOurs, context);
  return { ok: true, entry: hsds ? { ...entry.data, hsds } : entry.data, skipped: skippedParts, provenance, notes };
}
