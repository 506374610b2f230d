// The crosswalk as the beheerder builds it in the import page: per term of the source a
// levensdomein, soort aanbod and functie; per service area of the source the gemeenten it covers;
// and defaults for what the source does not say. Turned into the crosswalk JSON the import reads
// (docs/sociale-kaart.md, "The crosswalk"), and back. What the page does not show of a crosswalk
// (other rules, capacity units, its source note) is kept as it was. Pure, no zod: unit-tested.
import type { CrosswalkInput } from '#shared/kaart/hsds/crosswalk.ts';
import type { SourceVocabulary } from '#shared/kaart/hsds/import.ts';
import type { Channel, Cost, FundingSource, Levensdomein, ServiceCategory } from '#shared/domain/vocabulary.ts';

export interface TermChoice {
  domain: Levensdomein | '';
  category: ServiceCategory | '';
  functie: '' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8';
}

export interface CrosswalkForm {
  /** The name it is saved under, e.g. `sk-voorbeeldstad`. */
  crosswalkId: string;
  description: string;
  idPrefix: string;
  lastVerified: 'assured_date' | 'import';
  terms: Record<string, TermChoice>;
  /** Per service area of the source: the region's gemeenten it covers. */
  areas: Record<string, string[]>;
  defaults: {
    domain: Levensdomein | '';
    category: ServiceCategory | '';
    functie: TermChoice['functie'];
    gemeenten: string[];
    /** Language codes as typed: "nl, en". */
    languages: string;
    channels: Channel[];
    cost: Cost | '';
    funding: FundingSource[];
    referralNeeded: '' | 'yes' | 'no';
    waitingWeeks: string;
    contactName: string;
    contactEmail: string;
  };
  /** What the page does not show, kept as loaded. */
  rest: Pick<CrosswalkInput, 'source' | 'placeUnits'> & { rules: NonNullable<CrosswalkInput['rules']>; serviceAreas: NonNullable<CrosswalkInput['serviceAreas']>; otherDefaults: Record<string, unknown> };
}

export type CrosswalkField = 'crosswalkId' | 'description' | 'idPrefix' | 'languages' | 'waitingWeeks' | 'contactEmail';
export type CrosswalkErrors = Partial<Record<CrosswalkField, string>>;

export const CROSSWALK_FIELD_IDS: Record<CrosswalkField, string> = {
  crosswalkId: 'crosswalk-id',
  description: 'crosswalk-description',
  idPrefix: 'crosswalk-prefix',
  languages: 'crosswalk-languages',
  waitingWeeks: 'crosswalk-waiting',
  contactEmail: 'crosswalk-contact-email',
};

const EMPTY_CHOICE: TermChoice = { domain: '', category: '', functie: '' };
const BUILDER_SETS = new Set(['domains', 'category', 'functies']);

/** A rule the page shows as a term's choices: one term, at most one domain and functie, a soort. */
function asTermChoice(rule: NonNullable<CrosswalkInput['rules']>[number], terms: ReadonlySet<string>): [string, TermChoice] | undefined {
  if (!('taxonomyTerm' in rule.match) || !terms.has(rule.match.taxonomyTerm)) return undefined;
  const set = rule.set;
  if (Object.keys(set).some((key) => !BUILDER_SETS.has(key)) || (set.domains?.length ?? 0) > 1 || (set.functies?.length ?? 0) > 1) return undefined;
  return [rule.match.taxonomyTerm, { domain: set.domains?.[0] ?? '', category: set.category ?? '', functie: set.functies?.[0] ? (String(set.functies[0]) as TermChoice['functie']) : '' }];
}

/** The form for a crosswalk (or a new one), over the source's vocabulary. */
export function crosswalkForm(crosswalk: CrosswalkInput | undefined, vocabulary: SourceVocabulary, crosswalkId = ''): CrosswalkForm {
  const termIds = new Set(vocabulary.terms.map((term) => term.id));
  const areaIds = new Set(vocabulary.areas.map((area) => area.id));
  const terms: Record<string, TermChoice> = {};
  const rules: CrosswalkForm['rest']['rules'] = [];
  for (const rule of crosswalk?.rules ?? []) {
    const choice = asTermChoice(rule, termIds);
    if (choice && !terms[choice[0]]) terms[choice[0]] = choice[1];
    else rules.push(rule);
  }
  const areas: Record<string, string[]> = {};
  const serviceAreas: CrosswalkForm['rest']['serviceAreas'] = [];
  for (const mapping of crosswalk?.serviceAreas ?? []) {
    if ('id' in mapping.match && areaIds.has(mapping.match.id) && !(mapping.area.postcodes ?? []).length && !areas[mapping.match.id]) areas[mapping.match.id] = [...(mapping.area.gemeenten ?? [])];
    else serviceAreas.push(mapping);
  }
  const defaults = crosswalk?.defaults ?? {};
  const { domains, category, functies, area, languages, channels, cost, funding, referralNeeded, waitingWeeks, contact, ...otherDefaults } = defaults;
  return {
    crosswalkId,
    description: crosswalk?.description ?? '',
    idPrefix: crosswalk?.idPrefix ?? '',
    // A new crosswalk takes the import's date: most directories give no assured_date.
    lastVerified: crosswalk ? (crosswalk.lastVerified ?? 'assured_date') : 'import',
    terms,
    areas,
    defaults: {
      domain: domains?.[0] ?? '',
      category: category ?? '',
      functie: functies?.[0] ? (String(functies[0]) as TermChoice['functie']) : '',
      gemeenten: [...(area?.gemeenten ?? [])],
      languages: (languages ?? []).join(', '),
      channels: [...(channels ?? [])],
      cost: cost ?? '',
      funding: [...(funding ?? [])],
      referralNeeded: referralNeeded === undefined ? '' : referralNeeded ? 'yes' : 'no',
      waitingWeeks: waitingWeeks === undefined ? '' : String(waitingWeeks),
      contactName: contact?.name ?? '',
      contactEmail: contact?.email ?? '',
    },
    rest: {
      ...(crosswalk?.source ? { source: crosswalk.source } : {}),
      ...(crosswalk?.placeUnits?.length ? { placeUnits: crosswalk.placeUnits } : {}),
      rules,
      serviceAreas,
      otherDefaults,
    },
  };
}

export const termChoiceOf = (form: CrosswalkForm, termId: string): TermChoice => form.terms[termId] ?? EMPTY_CHOICE;

/** The crosswalk the form says, or what is wrong, per field, in Dutch. `forSaving` also asks for a name. */
export function crosswalkFromForm(form: CrosswalkForm, { forSaving = false } = {}): { crosswalk: CrosswalkInput } | { errors: CrosswalkErrors } {
  const errors: CrosswalkErrors = {};
  if (forSaving && !/^[a-z0-9][a-z0-9-]{1,60}$/.test(form.crosswalkId.trim())) errors.crosswalkId = 'Geef een naam van kleine letters, cijfers en streepjes, zoals sk-voorbeeldstad.';
  if (!form.description.trim()) errors.description = 'Beschrijf waar deze crosswalk voor is, bijvoorbeeld de naam van de bron.';
  if (form.idPrefix.trim() && !/^[a-z0-9][a-z0-9-]{0,39}$/.test(form.idPrefix.trim())) errors.idPrefix = 'Alleen kleine letters, cijfers en streepjes, zoals sk-.';
  const languages = form.defaults.languages
    .split(/[\s,;]+/)
    .map((code) => code.trim().toLowerCase())
    .filter(Boolean);
  if (languages.some((code) => !/^[a-z]{2,3}$/.test(code))) errors.languages = 'Gebruik taalcodes van twee of drie letters, zoals nl, en, tr, ar.';
  const waiting = form.defaults.waitingWeeks.trim().replace(',', '.');
  if (waiting && !(/^\d+(\.\d+)?$/.test(waiting) && Number(waiting) <= 104)) errors.waitingWeeks = 'Een aantal weken van 0 tot 104.';
  const email = form.defaults.contactEmail.trim();
  if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) errors.contactEmail = 'Een e-mailadres, zoals info@aanbieder.nl.';
  if (Object.keys(errors).length) return { errors };

  const termRules = Object.entries(form.terms)
    .filter(([, choice]) => choice.domain || choice.category || choice.functie)
    .map(([taxonomyTerm, choice]) => ({
      match: { taxonomyTerm },
      set: { ...(choice.domain ? { domains: [choice.domain] } : {}), ...(choice.category ? { category: choice.category } : {}), ...(choice.functie ? { functies: [Number(choice.functie)] } : {}) },
    }));
  const areaMappings = Object.entries(form.areas)
    .filter(([, gemeenten]) => gemeenten.length)
    .map(([id, gemeenten]) => ({ match: { id }, area: { gemeenten } }));
  const d = form.defaults;
  const defaults = {
    ...form.rest.otherDefaults,
    ...(d.domain ? { domains: [d.domain] } : {}),
    ...(d.category ? { category: d.category } : {}),
    ...(d.functie ? { functies: [Number(d.functie)] } : {}),
    ...(d.gemeenten.length ? { area: { gemeenten: d.gemeenten } } : {}),
    ...(languages.length ? { languages } : {}),
    ...(d.channels.length ? { channels: d.channels } : {}),
    ...(d.cost ? { cost: d.cost } : {}),
    ...(d.funding.length ? { funding: d.funding } : {}),
    ...(d.referralNeeded ? { referralNeeded: d.referralNeeded === 'yes' } : {}),
    ...(waiting ? { waitingWeeks: Number(waiting) } : {}),
    ...(email ? { contact: { name: d.contactName.trim(), email } } : {}),
  };
  return {
    crosswalk: {
      description: form.description.trim(),
      ...(form.rest.source ? { source: form.rest.source } : {}),
      ...(form.idPrefix.trim() ? { idPrefix: form.idPrefix.trim() } : {}),
      lastVerified: form.lastVerified,
      rules: [...form.rest.rules, ...termRules],
      serviceAreas: [...form.rest.serviceAreas, ...areaMappings],
      ...(form.rest.placeUnits?.length ? { placeUnits: form.rest.placeUnits } : {}),
      defaults,
    },
  };
}

/** What services lack, in words, with where to fill it in: "12 diensten: levensdomein". */
export const MISSING_WORDS: Record<string, { what: string; where: string }> = {
  domains: { what: 'levensdomein', where: 'Kies bij "Termen van de bron" een levensdomein, of een standaard.' },
  category: { what: 'soort aanbod', where: 'Kies bij "Termen van de bron" een soort aanbod, of een standaard.' },
  functies: { what: 'functie', where: 'Kies bij "Termen van de bron" een functie, of een standaard.' },
  area: { what: 'werkgebied', where: 'Kies bij "Werkgebieden van de bron" de gemeenten, of een standaard werkgebied.' },
  languages: { what: 'talen', where: 'Vul bij "Standaardwaarden" de talen in.' },
  channels: { what: 'hoe cliënten het aanbod bereiken', where: 'Kies bij "Standaardwaarden" de kanalen.' },
  cost: { what: 'kosten', where: 'Kies bij "Standaardwaarden" wat het de cliënt kost.' },
  funding: { what: 'financiering', where: 'Kies bij "Standaardwaarden" de financiering.' },
  referralNeeded: { what: 'of een verwijzing nodig is', where: 'Kies bij "Standaardwaarden" of een verwijzing nodig is.' },
  waitingWeeks: { what: 'wachttijd', where: 'Vul bij "Standaardwaarden" de wachttijd in.' },
  contact: { what: 'e-mailadres van de aanbieder', where: 'Vul bij "Standaardwaarden" een e-mailadres in.' },
  serviceId: { what: 'bruikbaar id', where: 'Kies een voorvoegsel voor de ids (onderaan de crosswalk): ids als "1" of "2" zijn te kort.' },
  organisationId: { what: 'organisatie', where: 'De organisatie ontbreekt in de bron, of haar id is niet te gebruiken; een voorvoegsel voor de ids helpt bij het laatste.' },
  lastVerified: { what: 'datum van de laatste controle', where: 'Kies bij "Datum van de laatste controle" de datum van vandaag.' },
};

/** How many skipped services lack each field, most first. */
export function missingCounts(skipped: readonly { missing?: readonly string[] }[]): { field: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const record of skipped) for (const field of record.missing ?? []) counts.set(field, (counts.get(field) ?? 0) + 1);
  return [...counts].map(([field, count]) => ({ field, count })).sort((a, b) => b.count - a.count);
}
