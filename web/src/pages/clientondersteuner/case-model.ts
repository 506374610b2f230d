// The contact person's case page without the DOM: what the case view (GET /referrals/{id} as
// cliëntondersteuner) groups into, what the action forms send, and their errors in Dutch, whether
// the form found them or the API answered them (400). Unit-tested on its own.
import type { CaseAction } from '#shared/domain/lifecycle.ts';
import type { CaseView } from '#shared/domain/referral-view.ts';
import type { TimeLimit } from '#shared/domain/time-limits.ts';
import {
  CHANNELS,
  LEVENSDOMEINEN,
  NEED_OUTCOME_LABELS,
  UNMET_OUTCOMES,
  type Channel,
  type Levensdomein,
  type NeedKey,
  type NeedOutcome,
  type UnmetNeedReason,
} from '#shared/domain/vocabulary.ts';
import { todayInNL } from '../../components/format.ts';

export type Match = CaseView['matches'][number];
/** A failing field of a 400 problem (as ApiProblem gives it; api.ts is the browser's, this file is not). */
export interface ProblemField {
  path: string;
  message: string;
}
export type Need = NeedKey | 'waiting';

/**
 * A need of the triage with its options (best first, declined ones after) and why it may stay unmet;
 * `need` null holds the options whose need the client does not share with the contact person.
 */
export interface NeedGroup {
  need: Need | null;
  level: 'some' | 'high' | undefined;
  matches: Match[];
  unmet: CaseView['unmetNeeds'][number] | undefined;
}

const byRank = (a: Match, b: Match) => Number(Boolean(a.declined)) - Number(Boolean(b.declined)) || a.rank - b.rank;

/**
 * The options per need, in the triage's order, and the bridging partner(s) apart: the wait itself
 * is not one of the client's needs. A need without options still shows, with its unmet reason.
 */
export function groupMatches(view: Pick<CaseView, 'matches' | 'triage' | 'unmetNeeds'>): { bridging: Match[]; needs: NeedGroup[] } {
  const care = view.matches.filter((match) => match.kind === 'care');
  const needs: (Need | null)[] = [...(view.triage?.needs.map((need) => need.domain) ?? [])];
  for (const match of care) if (!needs.includes(match.forNeed)) needs.push(match.forNeed);
  return {
    bridging: view.matches.filter((match) => match.kind === 'bridging').sort(byRank),
    needs: needs.map((need) => ({
      need,
      level: view.triage?.needs.find((candidate) => candidate.domain === need)?.level,
      matches: care.filter((match) => match.forNeed === need).sort(byRank),
      unmet: view.unmetNeeds.find((unmet) => unmet.domain === need),
    })),
  };
}

/** The needs an outcome is recorded for: the triage's, and the wait itself when there is bridging. */
export function outcomeNeeds(view: Pick<CaseView, 'triage'>): Need[] {
  if (!view.triage) return [];
  return [...view.triage.needs.map((need) => need.domain), ...(view.triage.bridging ? (['waiting'] as const) : [])];
}

/** The levensdomeinen of the intake in the order of the list of 13. */
export const sortedDomains = <T extends { domain: Levensdomein }>(domains: readonly T[]) =>
  [...domains].sort((a, b) => LEVENSDOMEINEN.indexOf(a.domain) - LEVENSDOMEINEN.indexOf(b.domain));

/** The time limits that fired, from the case view's deadlines (each attribute is a limit's moment). */
export const DEADLINE_OF = {
  reminder: 'remindedAt',
  escalation: 'escalatedAt',
  'no-first-contact': 'noFirstContactAt',
  'beyond-treeknorm': 'beyondTreeknormAt',
  reassessment: 'reassessmentAskedAt',
} as const satisfies Record<TimeLimit, keyof CaseView['deadlines']>;

export const TIME_LIMITS = Object.keys(DEADLINE_OF) as TimeLimit[];

export const firedLimits = (deadlines: CaseView['deadlines']) => TIME_LIMITS.filter((limit) => deadlines[DEADLINE_OF[limit]]);

/** "ongeveer 35 jaar" for a birth year: the view has the year, not the day. */
export const ageOf = (birthYear: number, today = todayInNL()) => Number(today.slice(0, 4)) - birthYear;

// ---- The action forms ----

export type FormErrors = Record<string, string>;

/** A reason: required for decline, decline-option and withdraw; at most 500 characters, as the API takes. */
export function reasonError(reason: string, { required }: { required: boolean }): string | undefined {
  if (required && !reason.trim()) return 'Vul de reden in.';
  if (reason.trim().length > 500) return 'Houd de reden onder de 500 tekens.';
  return undefined;
}

export interface FirstContactDraft {
  date: string;
  channel: Channel | '';
}

/** Today, by the client's first channel (how they said they are best reached). */
export const newFirstContact = (view: Pick<CaseView, 'client'>, today = todayInNL()): FirstContactDraft => ({
  date: today,
  channel: view.client.channels.find((channel) => CHANNELS.includes(channel)) ?? 'phone',
});

/** The day the referral came in, in Dutch time: the first contact cannot be earlier. */
export const referralDay = (view: Pick<CaseView, 'createdAt'>) => todayInNL(new Date(view.createdAt));

export function firstContactErrors(draft: FirstContactDraft, view: Pick<CaseView, 'createdAt'>, today = todayInNL()): FormErrors {
  const errors: FormErrors = {};
  if (!/^\d{4}-\d{2}-\d{2}$/.test(draft.date)) errors['first-contact-date'] = 'Vul de datum van het eerste contact in.';
  else if (draft.date > today) errors['first-contact-date'] = 'Het eerste contact kan niet in de toekomst liggen.';
  else if (draft.date < referralDay(view)) errors['first-contact-date'] = 'Het eerste contact kan niet vóór de verwijzing liggen.';
  if (!draft.channel) errors['first-contact-channel'] = 'Kies hoe het contact was.';
  return errors;
}

export type OutcomeDraft = Partial<Record<Need, { result: NeedOutcome | ''; unmetReason: UnmetNeedReason | '' }>>;

export const isUnmet = (result: NeedOutcome | '') => result !== '' && UNMET_OUTCOMES.includes(result);

/** The unmet results in words, for the rule the outcome form shows. */
export const UNMET_RESULTS_TEXT = UNMET_OUTCOMES.map((result) => `‘${NEED_OUTCOME_LABELS[result]}’`).join(', ').replace(/, ([^,]*)$/, ' of $1');

export const outcomeFieldId = (need: Need, field: 'result' | 'reason') => `outcome-${need}-${field}`;

/** The form as recorded so far: what the contact person changes is what goes out. */
export function outcomeDraft(view: Pick<CaseView, 'triage' | 'outcomes'>): OutcomeDraft {
  const draft: OutcomeDraft = {};
  for (const need of outcomeNeeds(view)) {
    const recorded = view.outcomes.find((outcome) => outcome.need === need);
    draft[need] = { result: recorded?.result ?? '', unmetReason: recorded?.unmetReason ?? '' };
  }
  return draft;
}

type RecordOutcomes = Extract<CaseAction, { action: 'record-outcomes' }>;

/**
 * The record-outcomes action for what changed, or the errors: an unmet result needs one of the ten
 * reasons (the API's rule), and something must have changed.
 */
export function outcomesToSend(view: Pick<CaseView, 'triage' | 'outcomes'>, draft: OutcomeDraft): { action: RecordOutcomes; errors: FormErrors } {
  const errors: FormErrors = {};
  const outcomes: RecordOutcomes['outcomes'] = [];
  for (const need of outcomeNeeds(view)) {
    const entry = draft[need];
    if (!entry?.result) continue;
    if (isUnmet(entry.result) && !entry.unmetReason) {
      errors[outcomeFieldId(need, 'reason')] = 'Kies waarom de hulpvraag niet vervuld werd.';
      continue;
    }
    const reason = isUnmet(entry.result) ? entry.unmetReason || undefined : undefined;
    const recorded = view.outcomes.find((outcome) => outcome.need === need);
    if (recorded && recorded.result === entry.result && recorded.unmetReason === reason) continue;
    outcomes.push({ need, result: entry.result, ...(reason ? { unmetReason: reason } : {}) });
  }
  const first = outcomeNeeds(view)[0];
  if (outcomes.length === 0 && Object.keys(errors).length === 0 && first) errors[outcomeFieldId(first, 'result')] = 'Kies bij minstens één hulpvraag een nieuwe uitkomst.';
  return { action: { action: 'record-outcomes', outcomes }, errors };
}

/**
 * The API's 400 errors at the form's fields: `fieldOf` names the field of an error's path and its
 * Dutch message (the API speaks English); an error no field takes goes to `fallback`.
 */
export function errorsAtFields(errors: readonly ProblemField[], fieldOf: (path: string) => { id: string; message: string } | undefined, fallback: string): FormErrors {
  const placed: FormErrors = {};
  for (const error of errors) {
    const field = fieldOf(error.path);
    if (field) placed[field.id] ??= field.message;
  }
  return Object.keys(placed).length ? placed : { form: fallback };
}

/** The record-outcomes errors of the API by field: `outcomes.1.unmetReason` is the second need sent. */
export function outcomeFieldOf(sent: RecordOutcomes['outcomes']) {
  return (path: string) => {
    const match = /^outcomes\.(\d+)\.(result|unmetReason|need)/.exec(path);
    const need = match ? sent[Number(match[1])]?.need : undefined;
    if (!match || !need) return undefined;
    return match[2] === 'unmetReason'
      ? { id: outcomeFieldId(need as Need, 'reason'), message: 'Kies waarom de hulpvraag niet vervuld werd.' }
      : { id: outcomeFieldId(need as Need, 'result'), message: 'Kies een van de uitkomsten.' };
  };
}
