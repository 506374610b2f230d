import type { z } from 'zod';
import { ServiceSchema, type ServiceEntry } from '../../domain/sociale-kaart.ts';
import type { Channel } from '../../domain/vocabulary.ts';
import type { Region } from '../../domain/region.ts';
import { REGIONS, regionForGemeente } from '../../regions/index.ts';
import type { Classification, Crosswalk, RuleMatch, UnitMatch } from './crosswalk.ts';
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
import { OUR_TERMS, type TaxonomyKey } from './taxonomies.ts';
import { OVERBRUG_IDENTIFIER_SCHEME, PLACE_UNIT } from './to-hsds.ts';

// One HSDS service onto our entry: what our own taxonomies say (an Overbrug export), else what
// the crosswalk's rules say, else what HSDS fields say, else the crosswalk's defaults. Anything
// still unknown skips the service with every reason at once; nothing is guessed. The precedence
// per field is in docs/sociale-kaart.md.

export interface MappingContext {
  crosswalk: Crosswalk;
  /** The region the services go to, when the caller or the crosswalk says; else our `regio` attribute. */
  regionId?: string;
  /** The import's date (YYYY-MM-DD), for `lastVerified: "import"`. */
  today: string;
}

export type MappingResult =
  | { ok: true; entry: ServiceEntry; skipped: SkippedRecord[] }
  | { ok: false; id: string; name?: string; reasons: string[] };

/** Zod issues as reasons a beheerder can act on: which HSDS field, what is wrong. */
export function describeIssues(issues: z.core.$ZodIssue[], prefix: string, input: unknown): string[] {
  return issues.map((issue) => {
    const path = issue.path.map(String).join('.') || '(record)';
    const value = issue.path.reduce<unknown>((node, key) => (typeof node === 'object' && node !== null ? (node as Record<PropertyKey, unknown>)[key] : undefined), input);
    return value === undefined || value === null ? `${prefix}${path} ontbreekt` : `${prefix}${path} is ongeldig (${issue.message})`;
  });
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const unique = <T>(values: T[]) => [...new Set(values)];

/** ISO 639-1 where one exists ("nld" → "nl"), as our client languages are; undefined when no language code. */
export function canonicalLanguage(code: string): string | undefined {
  try {
    const language = new Intl.Locale(Intl.getCanonicalLocales(code.trim())[0]!).language;
    return /^[a-z]{2,3}$/.test(language) ? language : undefined;
  } catch {
    return undefined;
  }
}

/** A phone number as given, without the quotes some exports wrap it in. */
const cleanPhone = (number: string | null | undefined) => number?.trim().replace(/^"(.*)"$/, '$1').trim() || undefined;

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
  const conflicts: string[] = [];
  for (const rule of crosswalk.rules) {
    if (!matches(rule.match, service, organization, terms)) continue;
    for (const [field, value] of Object.entries(rule.set) as [keyof Classification, unknown][]) {
      const current = set[field];
      if (Array.isArray(value)) (set as Record<string, unknown[]>)[field] = unique([...((current as unknown[] | undefined) ?? []), ...value]);
      else if (current === undefined) (set as Record<string, unknown>)[field] = value;
      else if (current !== value) conflicts.push(`de regels van de crosswalk spreken elkaar tegen over ${field}: ${String(current)} of ${String(value)}`);
    }
  }
  return { set, conflicts: unique(conflicts) };
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

/** The service's gemeenten and PC4s in the region, from its service areas, the crosswalk or its default. */
function areaOf(service: HsdsService, region: Region, crosswalk: Crosswalk, reasons: string[]): ServiceEntry['area'] {
  const gemeenten: string[] = [];
  const postcodes: string[] = [];
  const add = (area: { gemeenten: string[]; postcodes: string[] }, from: string) => {
    for (const name of area.gemeenten) {
      const gemeente = gemeenteOf(region, name);
      if (gemeente) gemeenten.push(gemeente);
      else reasons.push(`gemeente '${name}' (${from}) hoort niet bij ${region.name}`);
    }
    for (const postcode of area.postcodes) {
      if (hasPostcode(region, postcode)) postcodes.push(postcode);
      else reasons.push(`postcode ${postcode} (${from}) ligt niet in ${region.name}`);
    }
  };
  const areas = [...(service.service_areas ?? []), ...(service.service_at_locations ?? []).flatMap((place) => place.service_areas ?? [])];
  const seen = new Set<string>();
  for (const area of areas) {
    if (seen.has(area.id)) continue;
    seen.add(area.id);
    const mapped = crosswalk.serviceAreas.find((candidate) => areaMatches(candidate.match, area));
    const name = area.name?.trim() ?? '';
    if (mapped) add(mapped.area, `crosswalk voor werkgebied ${area.id}`);
    else if (gemeenteOf(region, name)) gemeenten.push(gemeenteOf(region, name)!);
    else if (/^[1-9][0-9]{3}$/.test(name) && hasPostcode(region, name)) postcodes.push(name);
    else reasons.push(`werkgebied '${name || area.id}' staat niet in de crosswalk (serviceAreas) en is geen gemeente of postcode van ${region.name}`);
  }
  if (seen.size === 0) {
    if (crosswalk.defaults.area) add(crosswalk.defaults.area, 'defaults.area van de crosswalk');
    else reasons.push('geen werkgebied (service_areas) en geen standaard in de crosswalk (defaults.area)');
  }
  const area: ServiceEntry['area'] = { gemeenten: unique(gemeenten) };
  if (postcodes.length) area.postcodes = unique(postcodes);
  return area;
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

/** Maps one HSDS service (with the organization it came under, if nested) onto our entry. */
export function fromHsdsService(raw: unknown, parent: unknown, context: MappingContext): MappingResult {
  const rawId = typeof raw === 'object' && raw && 'id' in raw ? String((raw as { id: unknown }).id) : '(zonder id)';
  const rawName = typeof raw === 'object' && raw && 'name' in raw && typeof (raw as { name: unknown }).name === 'string' ? (raw as { name: string }).name : undefined;
  const parsed = HsdsServiceSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, id: rawId, name: rawName, reasons: describeIssues(parsed.error.issues, 'HSDS-veld ', raw) };
  const service = parsed.data;
  const { crosswalk } = context;
  const reasons: string[] = [];
  const need = <T>(value: T | undefined, reason: string): T | undefined => {
    if (value === undefined) reasons.push(reason);
    return value;
  };

  let organization: HsdsOrganization | undefined;
  const organizationInput = service.organization ?? parent;
  if (organizationInput === undefined || organizationInput === null) reasons.push(`geen organisatie (organization${service.organization_id ? ` ${service.organization_id} staat niet in de invoer` : ' ontbreekt'})`);
  else {
    const parsedOrganization = HsdsOrganizationSchema.safeParse(organizationInput);
    if (parsedOrganization.success) organization = parsedOrganization.data;
    else reasons.push(...describeIssues(parsedOrganization.error.issues, 'HSDS-veld organization.', organizationInput));
  }

  const { ours, foreign } = termsOf(service);
  const codes = (taxonomy: TaxonomyKey) => ours.get(taxonomy)?.map((term) => term.code);
  const kenmerk = (code: string) => ours.get('kenmerken')?.find((term) => term.code === code);
  // An Overbrug export names its service: then a flag that is absent means no.
  const isOurs = kenmerk('dienst-id') !== undefined;
  const { set: rules, conflicts } = classify(service, organization, foreign, crosswalk);
  reasons.push(...conflicts);
  const { defaults } = crosswalk;
  const prefix = crosswalk.idPrefix ?? '';

  const serviceId = kenmerk('dienst-id')?.value ?? `${prefix}${service.id.toLowerCase()}`;
  if (!ServiceSchema.shape.serviceId.safeParse(serviceId).success) {
    reasons.push(`id '${service.id}' is als dienst-id onbruikbaar: alleen a-z, 0-9 en -, 2 tot 81 tekens (een idPrefix in de crosswalk kan helpen)`);
  }
  const ourOrganisationId = organization?.organization_identifiers?.find((identifier) => identifier.identifier_scheme === OVERBRUG_IDENTIFIER_SCHEME)?.identifier;
  const organisationId = organization ? (ourOrganisationId ?? `${prefix}${organization.id.toLowerCase()}`) : undefined;
  if (organisationId !== undefined && !ServiceSchema.shape.organisationId.safeParse(organisationId).success) {
    reasons.push(`organisatie-id '${organization!.id}' is onbruikbaar: alleen a-z, 0-9 en -, 2 tot 81 tekens`);
  }

  const regionId = need(context.regionId ?? kenmerk('regio')?.value, 'geen regio: geef --region of regionId in de crosswalk');
  const region = regionId === undefined ? undefined : REGIONS.find((config) => config.region.regionId === regionId)?.region;
  if (regionId !== undefined && !region) reasons.push(`regio '${regionId}' wordt door deze installatie niet bediend`);
  const area = region ? areaOf(service, region, crosswalk, reasons) : undefined;

  const ourDomains = ours
    .get('levensdomeinen')
    ?.map((term, index) => ({ ...term, rank: Number(term.value) || index + 1 }))
    .sort((a, b) => a.rank - b.rank)
    .map((term) => term.code);
  const domains = need(ourDomains ?? rules.domains ?? defaults.domains, 'geen levensdomein: geen Overbrug-taxonomie, geen regel in de crosswalk, geen standaard (defaults.domains)');
  const ourCategories = codes('categorieen');
  if (ourCategories && ourCategories.length > 1) reasons.push(`meer dan één soort aanbod: ${ourCategories.join(', ')}`);
  const category = need(ourCategories?.[0] ?? rules.category ?? defaults.category, 'geen soort aanbod (category): geen regel in de crosswalk, geen standaard');
  const functies = need(codes('functies')?.map(Number) ?? rules.functies ?? defaults.functies, 'geen functie (1-8): geen regel in de crosswalk, geen standaard (defaults.functies)');
  const derivedChannels = channelsFromData(service);
  const channels = need(
    codes('kanalen') ?? rules.channels ?? (derivedChannels.length ? derivedChannels : undefined) ?? defaults.channels,
    'geen kanalen: geen telefoon, geen locatie, geen regel in de crosswalk, geen standaard (defaults.channels)',
  );
  const ourCosts = codes('kosten');
  if (ourCosts && ourCosts.length > 1) reasons.push(`meer dan één kostensoort: ${ourCosts.join(', ')}`);
  const cost = need(ourCosts?.[0] ?? rules.cost ?? defaults.cost, 'onbekend wat de dienst de cliënt kost (cost): geen regel in de crosswalk, geen standaard');
  const funding = need(codes('financiering') ?? rules.funding ?? defaults.funding, 'onbekende financiering (funding): geen regel in de crosswalk, geen standaard');
  const bridging = isOurs ? kenmerk('wachtlijstoverbrugging') !== undefined : (rules.bridging ?? defaults.bridging ?? false);
  const inGroups = kenmerk('in-groepen') !== undefined;
  const referralNeeded = need(
    isOurs ? kenmerk('verwijzing-nodig') !== undefined : (rules.referralNeeded ?? defaults.referralNeeded),
    'onbekend of een verwijzing nodig is (referralNeeded): geen regel in de crosswalk, geen standaard',
  );
  const ourWait = kenmerk('wachttijd-weken')?.value;
  const waitingWeeks = need(
    ourWait !== undefined ? Number(ourWait) : (rules.waitingWeeks ?? defaults.waitingWeeks),
    'geen wachttijd: HSDS heeft er alleen vrije tekst voor (wait_time), zet waitingWeeks in een regel of de standaard van de crosswalk',
  );
  const fundingEnds = kenmerk('financiering-tot')?.value;

  const languages: string[] = [];
  for (const language of service.languages ?? []) {
    const code = language.code ? canonicalLanguage(language.code) : undefined;
    if (code) languages.push(code);
    else reasons.push(`taal '${language.name ?? language.id}' heeft geen bruikbare ISO 639-taalcode${language.code ? ` ('${language.code}')` : ''}`);
  }
  if (!service.languages?.length) {
    if (defaults.languages) languages.push(...defaults.languages);
    else reasons.push('geen talen (languages) en geen standaard in de crosswalk (defaults.languages)');
  }

  const assured = service.assured_date?.trim().slice(0, 10);
  const lastVerified =
    crosswalk.lastVerified === 'import'
      ? context.today
      : need(assured && DATE.test(assured) ? assured : undefined, `geen geldige assured_date${service.assured_date ? ` ('${service.assured_date}')` : ''}: onbekend wanneer de gegevens zijn gecontroleerd`);

  const skippedParts: SkippedRecord[] = [];
  const placeCapacities = (service.capacities ?? []).filter((capacity) => {
    if (countsPlaces(capacity, crosswalk)) return true;
    const unit = capacity.unit ? `${capacity.unit.name}${capacity.unit.identifier ? ` (${[capacity.unit.scheme, capacity.unit.identifier].filter(Boolean).join(' ')})` : ''}` : `${capacity.unit_id ?? 'zonder eenheid'}`;
    skippedParts.push({
      record: 'service_capacity',
      id: capacity.id,
      reason: `capaciteit van dienst ${service.id} in eenheid '${unit}': volgens de crosswalk (placeUnits) geen plaatsen; niet overgenomen`,
    });
    return false;
  });
  if (placeCapacities.length > 1) reasons.push(`meer dan één capaciteit in plaatsen (${placeCapacities.map((capacity) => capacity.id).join(', ')})`);
  const placeCapacity = placeCapacities[0];
  const capacity = placeCapacity ? (placeCapacity.maximum ?? placeCapacity.available) : null;

  const places = service.service_at_locations ?? [];
  const contact = service.contacts?.[0] ?? places.flatMap((place) => place.contacts ?? [])[0] ?? organization?.contacts?.[0];
  const email = need(contact?.email ?? service.email ?? organization?.email ?? undefined, 'geen e-mailadres (contacts, email of organization.email)');
  const phone = cleanPhone(
    contact?.phones?.[0]?.number ?? service.phones?.[0]?.number ?? places.flatMap((place) => place.phones ?? [])[0]?.number ?? organization?.phones?.[0]?.number,
  );

  if (reasons.length) return { ok: false, id: service.id, name: service.name, reasons };
  const candidate = {
    serviceId,
    regionId,
    name: service.name.trim(),
    organisation: organization!.name.trim(),
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
    contact: { name: contact?.name ?? contact?.title ?? contact?.department ?? '', email, ...(phone ? { phone } : {}) },
  };
  const entry = ServiceSchema.safeParse(candidate);
  if (!entry.success) return { ok: false, id: service.id, name: service.name, reasons: describeIssues(entry.error.issues, 'veld ', candidate) };
  return { ok: true, entry: entry.data, skipped: skippedParts };
}
