// The team pages' model: a contact person as the API gives them, the form's fields and what the
// API's field errors mean in plain Dutch.
import type { Absence, ContactPersonView as ContactPerson } from '#shared/domain/contact-person-entry.ts';
import { languageName } from '../../components/format.ts';

// The API's own shape (GET /contact-persons), so page and API cannot drift apart.
export type { Absence, ContactPersonView as ContactPerson } from '#shared/domain/contact-person-entry.ts';

export interface CaseMove {
  referralId: string;
  caseNumber?: string;
  to?: { contactPersonId: string; name: string };
}

export interface SavedPerson extends ContactPerson {
  handOver: { moved: CaseMove[]; stayed: CaseMove[]; returned: CaseMove[] };
}

export interface HistoryChange {
  changedAt: string;
  change: 'created' | 'updated' | 'handed-over' | 'handed-back';
  by: string;
  role?: string;
  name?: string;
  fields?: Record<string, { from?: unknown; to?: unknown }>;
  cases?: { moved: number; stayed: number };
}

/** What the region edits: every field but the id and the caseload. */
export type Editable = Omit<ContactPerson, 'contactPersonId' | 'caseload'>;

export const editableOf = ({ contactPersonId: _id, caseload: _caseload, ...fields }: ContactPerson): Editable => fields;

export interface PersonForm {
  name: string;
  organisation: string;
  email: string;
  phone: string;
  gemeenten: string[];
  caseloadLimit: string;
  languages: string[];
  active: boolean;
}

export type FormField = keyof PersonForm;

export const emptyForm = (organisation = ''): PersonForm => ({ name: '', organisation, email: '', phone: '', gemeenten: [], caseloadLimit: '20', languages: ['nl'], active: true });

export const formOf = (person: ContactPerson): PersonForm => ({
  name: person.name,
  organisation: person.organisation,
  email: person.email,
  phone: person.phone ?? '',
  gemeenten: person.gemeenten,
  caseloadLimit: String(person.caseloadLimit),
  languages: person.languages,
  active: person.active,
});

/** The body of POST or PUT from the form (an absence as it stands is kept). */
export function bodyOf(form: PersonForm, absence?: Absence): Editable {
  const limit = form.caseloadLimit.trim();
  return {
    name: form.name.trim(),
    organisation: form.organisation.trim(),
    email: form.email.trim(),
    ...(form.phone.trim() ? { phone: form.phone.trim() } : {}),
    gemeenten: form.gemeenten,
    caseloadLimit: /^\d+$/.test(limit) ? Number(limit) : (limit as unknown as number),
    languages: form.languages,
    active: form.active,
    ...(absence ? { absence } : {}),
  };
}

export const FIELD_MESSAGES: Record<FormField, string> = {
  name: 'Vul de naam in (hoogstens 120 tekens, op één regel).',
  organisation: 'Vul de organisatie in (hoogstens 160 tekens, op één regel).',
  email: 'Vul een werk-e-mailadres in, zoals naam@organisatie.nl.',
  phone: 'Vul een Nederlands telefoonnummer in, zoals 030-1234567, of een buitenlands met +, of laat het leeg.',
  gemeenten: 'Kies minstens één gemeente van uw regio.',
  caseloadLimit: 'Vul een heel getal in van 0 tot 500: zoveel cliënten kan deze persoon tegelijk hebben.',
  languages: 'Kies minstens één taal.',
  active: 'Kies of deze persoon nieuwe cliënten krijgt.',
};

/** Languages offered in the form; a person's other languages are kept and shown too. */
export const COMMON_LANGUAGES = ['nl', 'en', 'ar', 'tr', 'pl', 'uk', 'so', 'ti', 'fa', 'es', 'fr', 'de', 'pap'];

export const languageOptions = (current: readonly string[]) =>
  [...new Set([...COMMON_LANGUAGES, ...current])].map((code) => ({ value: code, label: languageName(code) }));

/** The load as a share of the limit, in words and as a tone. */
export function loadOf(person: Pick<ContactPerson, 'caseload' | 'caseloadLimit'>): { text: string; full: boolean } {
  const full = person.caseload >= person.caseloadLimit;
  return { text: `${person.caseload} van ${person.caseloadLimit}`, full };
}

/** Whether the person is away today, will be, or was. */
export function absenceState(absence: Absence | undefined, today: string): 'none' | 'now' | 'planned' | 'over' {
  if (!absence) return 'none';
  if (absence.to < today) return 'over';
  return absence.from <= today ? 'now' : 'planned';
}

const FIELD_LABELS: Record<string, string> = {
  name: 'naam',
  organisation: 'organisatie',
  email: 'e-mail',
  phone: 'telefoon',
  gemeenten: 'gemeenten',
  caseloadLimit: 'maximale caseload',
  languages: 'talen',
  active: 'actief',
  absence: 'afwezigheid',
};

export const fieldLabel = (field: string) => FIELD_LABELS[field] ?? field;
