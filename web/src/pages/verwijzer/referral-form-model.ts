// The referral form's state, what it sends (POST /referrals), and its errors in Dutch, whether the
// shared ReferralRequestSchema found them in the browser or the API answered them (400). Pure: no
// DOM, so it is unit-tested on its own.
import { looksLikeBsn, ReferralRequestSchema } from '#shared/domain/referral.ts';
import {
  LEVENSDOMEINEN,
  STORY_QUESTIONS,
  type Channel,
  type Flag,
  type HelpSource,
  type Levensdomein,
  type NeedLevel,
  type ReferrerKind,
} from '#shared/domain/vocabulary.ts';
import { CARE_FIELD_ORDER, CARE_MESSAGES, carePreferencesErrors, carePreferencesFieldId, carePreferencesRequest, newCarePreferences, type CarePreferencesForm } from './care-preferences-model.ts';

export type StoryKey = keyof typeof STORY_QUESTIONS;
export const STORY_KEYS = Object.keys(STORY_QUESTIONS) as StoryKey[];
export const CONSENT_KEYS = ['shareWithPartners', 'shareDiagnosis', 'involveNaasten'] as const;
export type ConsentKey = (typeof CONSENT_KEYS)[number];
export type YesNo = 'yes' | 'no';

export interface ReferralForm {
  referrer: { kind: ReferrerKind | ''; name: string; organisation: string; email: string; phone: string };
  client: { ref: string; birthYear: string; postcode: string; gemeente: string; languages: string[]; otherLanguages: string; channels: Channel[] };
  waiting: { onGgzWaitlist: YesNo; since: string; provider: string };
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
    waiting: { onGgzWaitlist: 'no', since: '', provider: '' },
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

/** The body of POST /referrals as the form stands (valid or not: the schema says). */
export function toRequest(form: ReferralForm): Record<string, unknown> {
  const { referrer, client, waiting, consent } = form;
  const year = client.birthYear.trim();
  const yesNo = (answer: YesNo | '') => (answer === '' ? undefined : answer === 'yes');
  return {
    referrer: { kind: referrer.kind, name: referrer.name, organisation: referrer.organisation, email: referrer.email.trim(), ...(referrer.phone.trim() ? { phone: referrer.phone.trim() } : {}) },
    client: {
      ref: client.ref.trim(),
      birthYear: /^\d{1,4}$/.test(year) ? Number(year) : year,
      postcode: pc4(client.postcode),
      gemeente: client.gemeente,
      languages: languagesOf(client),
      channels: client.channels,
    },
    waiting:
      waiting.onGgzWaitlist === 'yes'
        ? { onGgzWaitlist: true, ...(waiting.since ? { since: waiting.since } : {}), ...(waiting.provider.trim() ? { provider: waiting.provider } : {}) }
        : { onGgzWaitlist: false },
    intake: {
      story: Object.fromEntries(STORY_KEYS.filter((key) => form.story[key].trim()).map((key) => [key, form.story[key]])),
      domains: domainsWithNeed(form).map((domain) => ({ domain, need: form.domains[domain].need, helpFrom: form.domains[domain].helpFrom })),
      flags: form.flags,
      ...carePreferencesRequest(form.care, consent.involveNaasten === 'yes'),
    },
    consent: Object.fromEntries(CONSENT_KEYS.map((key) => [key, yesNo(consent[key])])),
  };
}

/** Field id → message, one per field, in the form's order. */
export type FormErrors = Record<string, string>;

/** The id of the form field an error path (`client.postcode`, `intake.domains.2.need`) belongs to. */
export function fieldIdOf(path: string, sent: Record<string, unknown>): string | undefined {
  const parts = path.split('.');
  const [section, field, third, fourth] = parts;
  if (section === 'referrer' && field) return `referrer-${field}`;
  if (section === 'client' && field) return `client-${field}`;
  if (section === 'waiting') return field === 'since' || field === 'provider' ? `waiting-${field}` : 'waiting-onGgzWaitlist';
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
  'consent-shareWithPartners': 'Kies ja of nee: mag de hulpvraag naar partners? Vraag het de cliënt.',
  'consent-shareDiagnosis': 'Kies ja of nee: mogen diagnose-achtige signalen gedeeld worden? Vraag het de cliënt.',
  'consent-involveNaasten': 'Kies ja of nee: mogen naasten betrokken worden? Vraag het de cliënt.',
};

/** What to tell the user about a field, in Dutch: the schema's and the API's messages are English. */
export function dutchMessage(fieldId: string, form: ReferralForm, gemeenten: readonly string[]): string {
  const sent = toRequest(form);
  const client = sent.client as { languages: string[]; channels: string[] };
  const messages: Record<string, string> = {
    'referrer-kind': 'Kies wat voor verwijzer u bent.',
    'referrer-name': 'Vul uw naam in (hoogstens 120 tekens).',
    'referrer-organisation': 'Vul de naam van uw organisatie in (hoogstens 160 tekens).',
    'referrer-email': 'Vul een e-mailadres in, zoals naam@praktijk.nl.',
    'referrer-phone': 'Vul een telefoonnummer in van cijfers, spaties en streepjes, zoals 030-1234567, of laat het leeg.',
    'client-ref': looksLikeBsn(form.client.ref.trim())
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
    if (!id) unplaced.push(path);
    else errors[id] ??= dutchMessage(id, form, gemeenten);
  }
  return { errors, unplaced };
}

/** Checks the form with the API's own schema, plus the served gemeenten. */
export function validateReferralForm(form: ReferralForm, gemeenten: readonly string[]): FormErrors {
  const parsed = ReferralRequestSchema.safeParse(toRequest(form));
  const paths = parsed.success ? [] : parsed.error.issues.map((issue) => issue.path.map(String).join('.'));
  if (form.client.gemeente && gemeenten.length && !gemeenten.includes(form.client.gemeente)) paths.push('client.gemeente');
  return { ...errorsAt(paths, form, gemeenten).errors, ...carePreferencesErrors(form.care, form.consent.involveNaasten === 'yes') };
}

/** The order fields appear in, so the error summary lists them top to bottom. */
export const FIELD_ORDER = [
  'referrer-kind',
  'referrer-name',
  'referrer-organisation',
  'referrer-email',
  'referrer-phone',
  'client-ref',
  'client-birthYear',
  'client-postcode',
  'client-gemeente',
  'client-languages',
  'client-otherLanguages',
  'client-channels',
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
