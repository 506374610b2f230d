// The referral form's state, what it sends (POST /referrals), and its errors in Dutch, whether the
// shared ReferralRequestSchema found them in the browser or the API answered them (400). Pure: no
// DOM, so it is unit-tested on its own.
import { containsBsn, type PreferredChannel } from '#shared/domain/referral.ts';
import { ReferralRequestSchema } from '#shared/domain/referral-request.ts';
import { BSN_IN_TEXT_MESSAGE } from '../../text-rules.ts';
import {
  LEVENSDOMEIN_INFO,
  LEVENSDOMEINEN,
  STORY_QUESTIONS,
  type Channel,
  type Flag,
  type HelpSource,
  type Levensdomein,
  type NeedLevel,
  type ReferrerKind,
} from '#shared/domain/vocabulary.ts';
import { capitalise } from '../../components/format.ts';
import { CARE_FIELD_NAMES, CARE_FIELD_ORDER, CARE_MESSAGES, carePreferencesErrors, carePreferencesFieldId, carePreferencesRequest, newCarePreferences, type CarePreferencesForm } from './care-preferences-model.ts';

export type StoryKey = keyof typeof STORY_QUESTIONS;
export const STORY_KEYS = Object.keys(STORY_QUESTIONS) as StoryKey[];
export const CONSENT_KEYS = ['shareWithPartners', 'shareDiagnosis', 'involveNaasten'] as const;
export type ConsentKey = (typeof CONSENT_KEYS)[number];
export type YesNo = 'yes' | 'no';

export interface ReferralForm {
  referrer: { kind: ReferrerKind | ''; name: string; organisation: string; email: string; phone: string };
  client: { ref: string; birthYear: string; postcode: string; gemeente: string; languages: string[]; otherLanguages: string; channels: Channel[] };
  /**
   * How the contact person reaches the client: directly (phone, e-mail) or through the practice.
   * `emailClient`: the client letter may also go to the client's e-mail address.
   */
  contact: { reach: 'direct' | 'via-referrer'; phone: string; email: string; preferredChannel: PreferredChannel | ''; bestTimes: string; note: string; emailClient: YesNo };
  waiting: { onGgzWaitlist: YesNo; since: string; provider: string };
  /**
   * Who does the netwerkintake: the referrer now, in this form, or the cliëntondersteuner with the
   * client (the short path: the referral waits for it; only the acute-risk signal is asked now).
   */
  intakeBy: 'referrer' | 'contact-person';
  domains: Record<Levensdomein, { need: NeedLevel; helpFrom: HelpSource }>;
  story: Record<StoryKey, string>;
  flags: Flag[];
  /** No default: the referrer asks the client, and records the answer. */
  consent: Record<ConsentKey, YesNo | ''>;
  care: CarePreferencesForm;
}

export interface Referrer {
  name?: string | undefined;
  email?: string | undefined;
  organisationName?: string | undefined;
  referrerKind?: ReferrerKind | undefined;
}

/**
 * A new form: the referrer's block from their account, the usual answers chosen (Dutch, by phone,
 * not on a waiting list, no need in any domain), so a POH only fills in what is particular.
 */
export function newReferralForm(referrer: Referrer, gemeenten: readonly string[]): ReferralForm {
  return {
    referrer: { kind: referrer.referrerKind ?? '', name: referrer.name ?? '', organisation: referrer.organisationName ?? '', email: referrer.email ?? '', phone: '' },
    client: { ref: '', birthYear: '', postcode: '', gemeente: gemeenten.length === 1 ? gemeenten[0]! : '', languages: ['nl'], otherLanguages: '', channels: ['phone'] },
    contact: { reach: 'direct', phone: '', email: '', preferredChannel: '', bestTimes: '', note: '', emailClient: 'no' },
    waiting: { onGgzWaitlist: 'no', since: '', provider: '' },
    intakeBy: 'referrer',
    domains: Object.fromEntries(LEVENSDOMEINEN.map((domain) => [domain, { need: 'none', helpFrom: 'professional' }])) as ReferralForm['domains'],
    story: Object.fromEntries(STORY_KEYS.map((key) => [key, ''])) as ReferralForm['story'],
    flags: [],
    consent: { shareWithPartners: '', shareDiagnosis: '', involveNaasten: '' },
    care: newCarePreferences(),
  };
}

/** "9902 AB" → "9902": the API needs only the four digits (PC4), so only those are sent. */
export function pc4(postcode: string): string {
  const match = /^\s*(\d{4})\s*[A-Za-z]{2}\s*$/.exec(postcode);
  return match ? match[1]! : postcode.trim();
}

const languagesOf = (client: ReferralForm['client']) => [
  ...new Set([
    ...client.languages,
    ...client.otherLanguages
      .split(/[\s,;]+/)
      .map((code) => code.trim().toLowerCase())
      .filter(Boolean),
  ]),
];

/** The levensdomeinen the form sends, in the intake's order: those with a need. */
export const domainsWithNeed = (form: ReferralForm) => LEVENSDOMEINEN.filter((domain) => form.domains[domain].need !== 'none');

/** How to reach the client as the API takes it: only what was filled in. */
function contactOf(contact: ReferralForm['contact']): Record<string, unknown> {
  const given = (value: string) => (value.trim() ? value.trim() : undefined);
  const parts = {
    phone: contact.reach === 'direct' ? given(contact.phone) : undefined,
    email: contact.reach === 'direct' ? given(contact.email) : undefined,
    preferredChannel: contact.reach === 'direct' && contact.preferredChannel ? contact.preferredChannel : undefined,
    bestTimes: given(contact.bestTimes),
    note: given(contact.note),
  };
  return { ...Object.fromEntries(Object.entries(parts).filter(([, value]) => value !== undefined)), viaReferrer: contact.reach === 'via-referrer' };
}

/** The body of POST /referrals as the form stands (valid or not: the schema says). */
export function toRequest(form: ReferralForm): Record<string, unknown> {
  const { referrer, client, waiting, consent } = form;
  const contact = contactOf(form.contact);
  const year = client.birthYear.trim();
  const yesNo = (answer: YesNo | '') => (answer === '' ? undefined : answer === 'yes');
  return {
    // Name, organisation and e-mail come from the account (the API takes them from the token): only kind and phone are sent.
    referrer: { kind: referrer.kind, ...(referrer.phone.trim() ? { phone: referrer.phone.trim() } : {}) },
    client: {
      ref: client.ref.trim(),
      birthYear: /^\d{1,4}$/.test(year) ? Number(year) : year,
      postcode: pc4(client.postcode),
      gemeente: client.gemeente,
      languages: languagesOf(client),
      channels: client.channels,
      contact,
    },
    waiting:
      waiting.onGgzWaitlist === 'yes'
        ? { onGgzWaitlist: true, ...(waiting.since ? { since: waiting.since } : {}), ...(waiting.provider.trim() ? { provider: waiting.provider } : {}) }
        : { onGgzWaitlist: false },
    // The short path sends no intake (the cliëntondersteuner does it, wishes and naaste included),
    // unless acute risk makes it a crisis now.
    ...(form.intakeBy === 'contact-person'
      ? form.flags.includes('acute-risk')
        ? { intake: { story: {}, domains: [], flags: ['acute-risk'] } }
        : {}
      : {
          intake: {
            story: Object.fromEntries(STORY_KEYS.filter((key) => form.story[key].trim()).map((key) => [key, form.story[key]])),
            domains: domainsWithNeed(form).map((domain) => ({ domain, need: form.domains[domain].need, helpFrom: form.domains[domain].helpFrom })),
            flags: form.flags,
            ...carePreferencesRequest(form.care, consent.involveNaasten === 'yes'),
          },
        }),
    consent: {
      ...Object.fromEntries(CONSENT_KEYS.map((key) => [key, yesNo(consent[key])])),
      // Asked only when there is an address to send the letter to.
      emailClient: Boolean(contact.email) && form.contact.emailClient === 'yes',
    },
  };
}

/**
 * What "Aanvullen" adds to the organisation's open referral of this client: the levensdomeinen with
 * a need, the signals, and the answer to "Wat heeft de cliënt nodig?" as a note.
 */
export function toAmendment(form: ReferralForm): Record<string, unknown> {
  const { intake = { domains: [], flags: [] } } = toRequest(form) as { intake?: { domains: unknown[]; flags: string[] } };
  const note = form.story.needs.trim().slice(0, 1000);
  return { domains: intake.domains, ...(intake.flags.length ? { flags: intake.flags } : {}), ...(note ? { note } : {}) };
}

/** Field id → message, one per field, in the form's order. */
export type FormErrors = Record<string, string>;

/** The id of the form field an error path (`client.postcode`, `intake.domains.2.need`) belongs to. */
export function fieldIdOf(path: string, sent: Record<string, unknown>): string | undefined {
  const parts = path.split('.');
  const [section, field, third, fourth] = parts;
  if (section === 'referrer' && field) return `referrer-${field}`;
  if (section === 'client' && field === 'contact') return third === 'email' || third === 'preferredChannel' || third === 'bestTimes' || third === 'note' ? `contact-${third}` : 'contact-phone';
  if (section === 'client' && field) return `client-${field}`;
  if (section === 'waiting') return field === 'since' || field === 'provider' ? `waiting-${field}` : 'waiting-onGgzWaitlist';
  if (section === 'consent' && field === 'emailClient') return 'contact-emailClient';
  if (section === 'consent' && field) return `consent-${field}`;
  if (section === 'intake' && field === 'story' && third) return `story-${third}`;
  if (section === 'intake' && field === 'flags') return 'intake-flags';
  if (section === 'intake' && (field === 'wishes' || field === 'naaste')) return carePreferencesFieldId(field, third);
  if (section === 'intake' && field === 'domains') {
    const domains = ((sent.intake as { domains?: { domain: string }[] } | undefined)?.domains ?? []) as { domain: string }[];
    const domain = third === undefined ? undefined : domains[Number(third)]?.domain;
    if (!domain) return 'intake-domains';
    return `domain-${domain}-${fourth === 'helpFrom' ? 'helpFrom' : 'need'}`;
  }
  return undefined;
}

const CONSENT_MESSAGES: Record<string, string> = {
  'consent-shareWithPartners': 'Kies ja of nee. Vraag de cliënt of de hulpvraag naar partners mag.',
  'consent-shareDiagnosis': 'Kies ja of nee. Vraag de cliënt of diagnose-achtige signalen gedeeld mogen worden.',
  'consent-involveNaasten': 'Kies ja of nee. Vraag de cliënt of naasten betrokken mogen worden.',
};

/** What to tell the user about a field, in Dutch: the schema's and the API's messages are English. */
export function dutchMessage(fieldId: string, form: ReferralForm, gemeenten: readonly string[]): string {
  const sent = toRequest(form);
  const client = sent.client as { languages: string[]; channels: string[] };
  const messages: Record<string, string> = {
    'referrer-kind': 'Kies wat voor verwijzer u bent.',
    'referrer-phone': 'Vul een Nederlands telefoonnummer in, zoals 030-1234567, of een buitenlands met +, of laat het leeg.',
    'contact-phone': contactPhoneMessage(form),
    'contact-email': form.contact.preferredChannel === 'email' && !form.contact.email.trim() ? 'Vul het e-mailadres in: de cliënt wil liefst per e-mail contact.' : 'Vul een e-mailadres in, zoals naam@voorbeeld.nl, of laat het leeg.',
    'contact-preferredChannel': 'Kies hoe de cliënt het liefst contact heeft.',
    'contact-bestTimes': 'Hoogstens 200 tekens, op één regel.',
    'contact-note': 'Hoogstens 200 tekens, op één regel.',
    'contact-emailClient': 'Kies ja of nee.',
    'client-ref': containsBsn(form.client.ref.trim())
      ? 'Dit lijkt een BSN. Vul uw eigen kenmerk voor de cliënt in, nooit het BSN.'
      : 'Vul 4 tot 64 letters of cijfers in (ook . _ : - mag), geen naam of BSN.',
    'client-birthYear': /^\d{4}$/.test(form.client.birthYear.trim())
      ? 'Dat geboortejaar kan niet: het ligt in de toekomst of meer dan 120 jaar terug.'
      : 'Vul het geboortejaar in met vier cijfers, zoals 1991.',
    'client-postcode': 'Vul de 4 cijfers van de postcode in, zoals 9902.',
    'client-gemeente': `Kies de gemeente van de cliënt${gemeenten.length ? `: ${gemeenten.join(', ')}` : ''}.`,
    'client-languages': client.languages.length === 0 ? 'Kies minstens één taal.' : 'Vul andere talen in als taalcodes van 2 of 3 letters, zoals so of ti.',
    'client-otherLanguages': 'Vul andere talen in als taalcodes van 2 of 3 letters, zoals so of ti.',
    'client-channels': 'Kies minstens één manier om de cliënt te bereiken.',
    'waiting-onGgzWaitlist': 'Kies ja of nee.',
    'waiting-since': 'Vul een datum in die niet in de toekomst ligt, of laat het leeg.',
    'waiting-provider': 'Vul de aanbieder in op één regel (hoogstens 120 tekens), of laat het leeg.',
    'intake-domains': 'Kies per levensdomein de hulpvraag en van wie de hulp mag komen.',
    'intake-flags': 'Kies elk signaal hoogstens één keer.',
  };
  if (messages[fieldId]) return messages[fieldId];
  if (fieldId.startsWith('story-')) return 'Hoogstens 4.000 tekens, zonder onzichtbare stuurtekens.';
  if (fieldId.startsWith('domain-')) return 'Kies de hulpvraag en van wie de hulp mag komen.';
  if (fieldId in CONSENT_MESSAGES) return CONSENT_MESSAGES[fieldId]!;
  if (fieldId in CARE_MESSAGES) return CARE_MESSAGES[fieldId]!;
  return 'Controleer dit veld.';
}

function contactPhoneMessage(form: ReferralForm): string {
  const { phone, email, preferredChannel } = form.contact;
  if (!phone.trim() && !email.trim()) return 'Vul een telefoonnummer of e-mailadres van de cliënt in, of kies dat de contactpersoon de cliënt via u bereikt.';
  if (!phone.trim() && preferredChannel === 'phone') return 'Vul het telefoonnummer in: de cliënt wil liefst gebeld worden.';
  return 'Vul een Nederlands telefoonnummer in, zoals 06-12345678 of 030-1234567, of een buitenlands met +.';
}

/** Where the other-languages input sits: its codes fail under `client.languages.<n>` beyond the checked ones. */
function languageFieldId(path: string, form: ReferralForm): string | undefined {
  const index = /^client\.languages\.(\d+)$/.exec(path)?.[1];
  return index !== undefined && Number(index) >= form.client.languages.length ? 'client-otherLanguages' : undefined;
}

/** The form's errors, by field, from error paths (the schema's issues or the API's `errors`). */
export function errorsAt(paths: readonly string[], form: ReferralForm, gemeenten: readonly string[]): { errors: FormErrors; unplaced: string[] } {
  const sent = toRequest(form);
  const errors: FormErrors = {};
  const unplaced: string[] = [];
  for (const path of paths) {
    const id = languageFieldId(path, form) ?? fieldIdOf(path, sent);
    const value = path.split('.').reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), sent);
    if (!id) unplaced.push(path);
    // A BSN in any text is refused (shared/domain/text.ts): say so, not the field's usual hint.
    else if (id !== 'client-ref' && typeof value === 'string' && containsBsn(value)) errors[id] ??= BSN_IN_TEXT_MESSAGE;
    else errors[id] ??= dutchMessage(id, form, gemeenten);
  }
  return { errors, unplaced };
}

/** Checks the form with the API's own schema, plus the served gemeenten. */
export function validateReferralForm(form: ReferralForm, gemeenten: readonly string[]): FormErrors {
  const parsed = ReferralRequestSchema.safeParse(toRequest(form));
  const paths = parsed.success ? [] : parsed.error.issues.map((issue) => issue.path.map(String).join('.'));
  if (form.client.gemeente && gemeenten.length && !gemeenten.includes(form.client.gemeente)) paths.push('client.gemeente');
  // On the short path the wishes and the naaste wait for the netwerkintake: the form does not ask them.
  const careErrors = form.intakeBy === 'referrer' ? carePreferencesErrors(form.care, form.consent.involveNaasten === 'yes') : {};
  return { ...errorsAt(paths, form, gemeenten).errors, ...careErrors };
}

/** The order fields appear in, so the error summary lists them top to bottom. */
export const FIELD_ORDER = [
  'referrer-kind',
  'referrer-phone',
  'client-ref',
  'client-birthYear',
  'client-postcode',
  'client-gemeente',
  'client-languages',
  'client-otherLanguages',
  'client-channels',
  'contact-reach',
  'contact-phone',
  'contact-email',
  'contact-preferredChannel',
  'contact-bestTimes',
  'contact-note',
  'contact-emailClient',
  'waiting-onGgzWaitlist',
  'waiting-since',
  'waiting-provider',
  'intake-domains',
  ...LEVENSDOMEINEN.flatMap((domain) => [`domain-${domain}-need`, `domain-${domain}-helpFrom`]),
  ...STORY_KEYS.map((key) => `story-${key}`),
  'intake-flags',
  ...CONSENT_KEYS.map((key) => `consent-${key}`),
  ...CARE_FIELD_ORDER,
];

export const inFieldOrder = (errors: FormErrors) =>
  Object.entries(errors).sort(([a], [b]) => FIELD_ORDER.indexOf(a) - FIELD_ORDER.indexOf(b)).map(([id, message]) => ({ id, message }));

/**
 * What the error summary calls each field: its label on the form, or for a question of the form a
 * short name of it ("Postcode", "Wachtlijst voor de ggz", "Financiële situatie, hulpvraag"). A new
 * field gets its name here (the unit test holds every field of FIELD_ORDER to it).
 */
export const FIELD_NAMES: Record<string, string> = {
  'referrer-kind': 'U bent',
  'referrer-phone': 'Telefoon',
  'client-ref': 'Uw kenmerk voor de cliënt',
  'client-birthYear': 'Geboortejaar',
  'client-postcode': 'Postcode',
  'client-gemeente': 'Gemeente',
  'client-languages': 'Talen van de cliënt',
  'client-otherLanguages': 'Andere talen',
  'client-channels': 'Bereikbaar via',
  'contact-reach': 'Hoe de contactpersoon de cliënt bereikt',
  'contact-phone': 'Telefoon van de cliënt',
  'contact-email': 'E-mail van de cliënt',
  'contact-preferredChannel': 'Liefst contact via',
  'contact-bestTimes': 'Wanneer het best bereikbaar',
  'contact-note': 'Iets voor de contactpersoon',
  'contact-emailClient': 'Brief per e-mail',
  'waiting-onGgzWaitlist': 'Wachtlijst voor de ggz',
  'waiting-since': 'Op de wachtlijst sinds',
  'waiting-provider': 'Bij welke aanbieder',
  'intake-domains': 'Levensdomeinen',
  ...Object.fromEntries(
    LEVENSDOMEINEN.flatMap((domain) => [
      [`domain-${domain}-need`, `${capitalise(LEVENSDOMEIN_INFO[domain].label)}, hulpvraag`],
      [`domain-${domain}-helpFrom`, `${capitalise(LEVENSDOMEIN_INFO[domain].label)}, hulp van`],
    ]),
  ),
  ...Object.fromEntries(STORY_KEYS.map((key) => [`story-${key}`, STORY_QUESTIONS[key].replace(/\?$/, '')])),
  'intake-flags': 'Signalen',
  'consent-shareWithPartners': 'Toestemming voor partners',
  'consent-shareDiagnosis': 'Toestemming voor diagnose-achtige signalen',
  'consent-involveNaasten': 'Toestemming voor naasten',
  ...CARE_FIELD_NAMES,
};

/** The error summary: every message with the name of its field ("Postcode: Vul de 4 cijfers …"), top to bottom. */
export const summaryOf = (errors: FormErrors) => inFieldOrder(errors).map(({ id, message }) => ({ id, message: `${FIELD_NAMES[id] ?? 'Formulier'}: ${message}` }));
