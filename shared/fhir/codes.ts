// Overbrug's code systems as FHIR knows them (served at GET /fhir/CodeSystem/{id}), the mappings
// onto the SDOH Clinical Care IG's codes where one exists, and the other systems the resources use.
import {
  FLAG_LABELS,
  HELP_SOURCE_LABELS,
  LEVENSDOMEIN_INFO,
  LEVENSDOMEINEN,
  NAASTE_BURDEN_LABELS,
  NEED_LEVEL_LABELS,
  NEED_OUTCOME_LABELS,
  REFERRAL_STATUS_LABELS,
  ROUTE_LABELS,
  SUPPORT_NEED_LABELS,
  UNMET_NEED_REASON_LABELS,
  WISH_LABELS,
  isLevensdomein,
  type Levensdomein,
  type NeedKey,
  type NeedOutcome,
  type UnmetNeedReason,
} from '../domain/vocabulary.ts';
import { CODE_SYSTEM_BASE } from '../domain/fhir-task-status.ts';

export const SYSTEMS = {
  /** The contract: a pseudonymous client reference, never a BSN. */
  clientRef: 'urn:overbrug:client-ref',
  caseNumber: 'urn:overbrug:case-number',
  organisation: 'urn:overbrug:organisation',
  region: 'urn:overbrug:region',
  contactPerson: 'urn:overbrug:contact-person',
  service: 'urn:overbrug:service',
  /** The Dutch citizen service number: refused, Overbrug never takes one. */
  bsn: 'http://fhir.nl/fhir/NamingSystem/bsn',
  taskCode: 'http://hl7.org/fhir/CodeSystem/task-code',
  snomed: 'http://snomed.info/sct',
  actCode: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
  consentScope: 'http://terminology.hl7.org/CodeSystem/consentscope',
  participationType: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType',
  sdohcc: 'http://hl7.org/fhir/us/sdoh-clinicalcare/CodeSystem/SDOHCC-CodeSystemTemporaryCodes',
  rfc3986: 'urn:ietf:rfc:3986',
} as const;

/** The profiles Overbrug declares on what it serves, and checks on what comes in (profiles.ts). */
export const PROFILES = {
  sdohTask: 'http://hl7.org/fhir/us/sdoh-clinicalcare/StructureDefinition/SDOHCC-TaskForReferralManagement',
  sdohServiceRequest: 'http://hl7.org/fhir/us/sdoh-clinicalcare/StructureDefinition/SDOHCC-ServiceRequest',
  sdohConsent: 'http://hl7.org/fhir/us/sdoh-clinicalcare/StructureDefinition/SDOHCC-Consent',
  nictizTask: 'http://nictiz.nl/fhir/StructureDefinition/hg-ReferralTask',
  nictizServiceRequest: 'http://nictiz.nl/fhir/StructureDefinition/hg-ReferralServiceRequest',
} as const;

/** SNOMED CT 3457005 "verwijzen van patiënt": the Nictiz ELZ referral Task's code. */
export const REFERRAL_CODE = { system: SYSTEMS.snomed, code: '3457005', display: 'verwijzen van patiënt' };

export const CONSENT_KINDS = ['partners', 'diagnosis', 'naasten', 'client-email'] as const;
export type ConsentKind = (typeof CONSENT_KINDS)[number];

export const OUTPUT_TYPES = ['route', 'contact-person', 'match', 'need-outcome', 'unmet-reason', 'first-contact', 'crisis-service'] as const;
export type OutputType = (typeof OUTPUT_TYPES)[number];

interface CodeSystemSpec {
  title: string;
  description: string;
  concepts: { code: string; display: string }[];
}

const concepts = <T extends string>(labels: Record<T, string>) => (Object.entries(labels) as [T, string][]).map(([code, display]) => ({ code, display }));

/** Overbrug's code systems, by id. */
export const CODE_SYSTEMS: Record<string, CodeSystemSpec> = {
  levensdomein: {
    title: 'Levensdomeinen',
    description: 'The 13 need domains of the national EPA panel, as the netwerkintake asks them; SDOHCC categories where one exists (docs/fhir.md).',
    concepts: LEVENSDOMEINEN.map((code) => ({ code, display: LEVENSDOMEIN_INFO[code].label })),
  },
  'support-need': {
    title: 'Steun naast de levensdomeinen',
    description: 'A need of the plan that is no levensdomein of the client: peers and ervaringsdeskundigen, support for a burdened naaste.',
    concepts: concepts(SUPPORT_NEED_LABELS),
  },
  wish: { title: 'Wensen van de cliënt', description: 'What the client does not want; matching leaves out what goes against a wish.', concepts: concepts(WISH_LABELS) },
  'naaste-burden': { title: 'Belasting van de naaste', description: 'How heavily the naaste who cares most carries the care, in their own view.', concepts: concepts(NAASTE_BURDEN_LABELS) },
  'need-level': { title: 'Hulpvraag per levensdomein', description: 'How much help the client needs in a levensdomein.', concepts: concepts(NEED_LEVEL_LABELS) },
  'help-source': { title: 'Hulp van', description: 'Where the client wants help in a levensdomein to come from.', concepts: concepts(HELP_SOURCE_LABELS) },
  signal: { title: 'Signalen', description: 'Screening signals of the netwerkintake.', concepts: concepts(FLAG_LABELS) },
  route: { title: 'Route', description: "The route the region's triage rules chose.", concepts: concepts(ROUTE_LABELS) },
  'business-status': { title: 'Status in Overbrug', description: "A referral's status in Overbrug: the Task's businessStatus.", concepts: concepts(REFERRAL_STATUS_LABELS) },
  'need-outcome': { title: 'Uitkomst per hulpvraag', description: 'What became of one need.', concepts: concepts(NEED_OUTCOME_LABELS) },
  'unmet-reason': { title: 'Reden onvervulde hulpvraag', description: 'The ten reasons a need stays unmet.', concepts: concepts(UNMET_NEED_REASON_LABELS) },
  'consent-kind': {
    title: 'Soort toestemming',
    description: 'What a Consent (category IDSCL) lets Overbrug share: with partners, diagnosis-like signals, with naasten, the letter by e-mail to the client.',
    concepts: [
      { code: 'partners', display: 'delen met partners op de sociale kaart' },
      { code: 'diagnosis', display: 'signalen die op een diagnose lijken delen' },
      { code: 'naasten', display: 'naasten betrekken' },
      { code: 'client-email', display: 'de brief per e-mail aan de cliënt' },
    ],
  },
  'output-type': {
    title: 'Uitkomst van de taak',
    description: 'What a Task.output of an Overbrug Task holds.',
    concepts: [
      { code: 'route', display: 'route' },
      { code: 'contact-person', display: 'contactpersoon' },
      { code: 'match', display: 'gekoppeld aanbod' },
      { code: 'need-outcome', display: 'uitkomst per hulpvraag' },
      { code: 'unmet-reason', display: 'reden onvervulde hulpvraag' },
      { code: 'first-contact', display: 'eerste contact' },
      { code: 'crisis-service', display: 'crisisdienst' },
    ],
  },
};

export const systemOf = (id: keyof typeof CODE_SYSTEMS | string) => `${CODE_SYSTEM_BASE}${id}`;

export const coding = (id: string, code: string) => {
  const display = CODE_SYSTEMS[id]?.concepts.find((concept) => concept.code === code)?.display;
  return { system: systemOf(id), code, ...(display ? { display } : {}) };
};

/** Whether a code is one of an Overbrug code system's. */
export const isCode = (id: string, code: string | undefined) => code !== undefined && (CODE_SYSTEMS[id]?.concepts.some((concept) => concept.code === code) ?? false);

/** A CodeSystem resource for GET /fhir/CodeSystem/{id}. */
export function codeSystemResource(id: string) {
  // Own keys only: an id such as `constructor` names no code system.
  const spec = Object.hasOwn(CODE_SYSTEMS, id) ? CODE_SYSTEMS[id] : undefined;
  if (!spec) return undefined;
  return {
    resourceType: 'CodeSystem',
    id,
    url: systemOf(id),
    version: '1',
    name: id.replace(/(^|-)(\w)/g, (_match, _dash, letter: string) => letter.toUpperCase()),
    title: spec.title,
    status: 'active',
    experimental: false,
    publisher: 'Overbrug',
    description: spec.description,
    caseSensitive: true,
    content: 'complete',
    count: spec.concepts.length,
    concept: spec.concepts,
  };
}

/**
 * Levensdomeinen onto SDOHCC categories (SDOHCC-ValueSetSDOHCategory), where one means the same:
 * money worries are financial insecurity, housing is housing instability (homelessness is the
 * narrower case we cannot tell from the intake), social contacts are social connection. The
 * others (mental and physical health, medication, ...) have no SDOH category.
 */
export const SDOHCC_CATEGORY: Partial<Record<Levensdomein, { code: string; display: string }>> = {
  finances: { code: 'financial-insecurity', display: 'Financial Insecurity' },
  housing: { code: 'housing-instability', display: 'Housing Instability' },
  'social-contacts': { code: 'social-connection', display: 'Social Connection' },
};

/** Outcomes and unmet-need reasons onto the SDOHCC program-enrollment codes where they match. */
export const SDOHCC_OUTCOME: Partial<Record<NeedOutcome, { code: string; display: string }>> = {
  'got-help': { code: 'enrolled', display: 'Enrolled' },
  'no-capacity': { code: 'no-capacity', display: 'No Capacity' },
};
export const SDOHCC_UNMET_REASON: Partial<Record<UnmetNeedReason, { code: string; display: string }>> = {
  'waiting-list': { code: 'not-enrolled-on-waitlist', display: 'Not Enrolled - On Waitlist' },
};

/** A levensdomein as a CodeableConcept: our code, and the SDOHCC category where there is one. */
export function levensdomeinConcept(domain: Levensdomein) {
  const sdoh = SDOHCC_CATEGORY[domain];
  return { coding: [coding('levensdomein', domain), ...(sdoh ? [{ system: SYSTEMS.sdohcc, ...sdoh }] : [])], text: LEVENSDOMEIN_INFO[domain].label };
}

/** A need as a Coding: a levensdomein, or a support need (peers, naasten). */
export const needCoding = (need: NeedKey) => coding(isLevensdomein(need) ? 'levensdomein' : 'support-need', need);

/** The code systems a need's code is in. */
export const NEED_SYSTEMS = [systemOf('levensdomein'), systemOf('support-need')];

/** A need of the triage as a CodeableConcept: a levensdomein as above, or a support need (no SDOHCC category means the same). */
export function needConcept(need: NeedKey) {
  return isLevensdomein(need) ? levensdomeinConcept(need) : { coding: [needCoding(need)], text: SUPPORT_NEED_LABELS[need] };
}
