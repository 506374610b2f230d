// The intake's wishes of the client and, with consent to involve naasten, how the naaste is doing
// (shared/domain/care-preferences.ts): the form's state for them, what it sends, and their errors
// in Dutch. Kept apart from the rest of the referral form; pure, unit-tested with it.
import { MAX_OWN_WORDS_CHARS } from '#shared/domain/care-preferences.ts';
import type { NaasteBurden, Wish } from '#shared/domain/vocabulary.ts';

export interface CarePreferencesForm {
  wishes: Wish[];
  ownWords: string;
  /** '' when not asked, or the naaste is not burdened. */
  naasteBurden: NaasteBurden | '';
  naasteNeeds: string;
}

export const newCarePreferences = (): CarePreferencesForm => ({ wishes: [], ownWords: '', naasteBurden: '', naasteNeeds: '' });

/** The intake's `wishes` when any were given, and its `naaste` only with consent to involve naasten. */
export function carePreferencesRequest(care: CarePreferencesForm = newCarePreferences(), involveNaasten: boolean): Record<string, unknown> {
  const ownWords = care.ownWords.trim();
  const needs = care.naasteNeeds.trim();
  return {
    ...(care.wishes.length || ownWords ? { wishes: { choices: care.wishes, ...(ownWords ? { ownWords: care.ownWords } : {}) } } : {}),
    ...(involveNaasten && care.naasteBurden ? { naaste: { burden: care.naasteBurden, ...(needs ? { needs: care.naasteNeeds } : {}) } } : {}),
  };
}

/** The field of an error path under `intake.wishes` or `intake.naaste`. */
export function carePreferencesFieldId(section: 'wishes' | 'naaste', field: string | undefined): string {
  if (section === 'wishes') return field === 'ownWords' ? 'wishes-ownWords' : 'wishes-choices';
  return field === 'needs' ? 'naaste-needs' : 'naaste-burden';
}

export const CARE_FIELD_ORDER = ['wishes-choices', 'wishes-ownWords', 'naaste-burden', 'naaste-needs'];

/** What the error summary calls these fields: their labels on the form. */
export const CARE_FIELD_NAMES: Record<string, string> = {
  'wishes-choices': 'De cliënt wil',
  'wishes-ownWords': 'Wensen in de woorden van de cliënt',
  'naaste-burden': 'Hoe belast is de naaste',
  'naaste-needs': 'Wat heeft de naaste nodig',
};

export const CARE_MESSAGES: Record<string, string> = {
  'wishes-choices': 'Kies elke wens hoogstens één keer.',
  'wishes-ownWords': `Hoogstens ${MAX_OWN_WORDS_CHARS.toLocaleString('nl-NL')} tekens, zonder onzichtbare stuurtekens.`,
  'naaste-burden': 'Kies hoe zwaar de naaste belast is; alleen als de cliënt wil dat naasten betrokken worden.',
  'naaste-needs': `Hoogstens ${MAX_OWN_WORDS_CHARS.toLocaleString('nl-NL')} tekens, zonder onzichtbare stuurtekens.`,
};

/** What the schema cannot see: the naaste's words typed without saying how burdened the naaste is would be lost. */
export function carePreferencesErrors(care: CarePreferencesForm = newCarePreferences(), involveNaasten: boolean): Record<string, string> {
  return involveNaasten && care.naasteNeeds.trim() && !care.naasteBurden ? { 'naaste-burden': 'Kies hoe zwaar de naaste belast is, of maak het vak over de naaste leeg.' } : {};
}
