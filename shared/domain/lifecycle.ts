import * as z from './zod.ts';
import { AFTER_HAND_OVER, WITHDRAWABLE } from './transitions.ts';
import { partnerWasTold } from './hand-off.ts';
import { ActionRefused } from './refusal.ts';
import { IntakeSchema, WaitingSchema } from './intake.ts';
import type { NoticeKind, Referral, TimelineEntry } from './referral.ts';
import { dutchDate } from './dutch-calendar.ts';
import { requiredText, text } from './text.ts';
import {
  CHANNELS,
  CLOSED_STATUSES,
  CONSENT_DATA,
  CONSENT_RECIPIENTS,
  NEED_OUTCOMES,
  UNMET_NEED_REASONS,
  UNMET_OUTCOMES,
  type Channel,
  type NeedOutcome,
  type ReferralStatus,
  type Role,
  type UnmetNeedReason,
} from './vocabulary.ts';

// The referral's life, from received until closed. Which status may follow which is TRANSITIONS in
// transitions.ts (the store enforces it on every write; docs/lifecycle.md draws it and a test holds
// the drawing to it); this file says what people may do when (ACTIONS), what each action changes,
// (what each status is in FHIR terms is shared/domain/fhir-task-status.ts).

export { CONSENT_DATA, CONSENT_RECIPIENTS, type ConsentData, type ConsentRecipient } from './vocabulary.ts';

const isoDay = z.iso.date({ error: 'Must be a date as YYYY-MM-DD' });

export const CaseActionSchema = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('accept'), note: z.optional(text(500)) }),
  z.strictObject({ action: z.literal('decline'), reason: requiredText(500) }),
  z.strictObject({
    action: z.literal('decline-option'),
    serviceId: z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{1,80}$/, { error: 'Must be the serviceId of one of the options' })),
    reason: requiredText(500),
  }),
  z.strictObject({ action: z.literal('record-first-contact'), date: isoDay, channel: z.enum(CHANNELS) }),
  z.strictObject({
    action: z.literal('record-outcomes'),
    outcomes: z
      .array(
        z
          .strictObject({
            need: z.string().check(z.regex(/^[a-z][a-z-]{1,39}$/, { error: 'Must be a need of this referral (a levensdomein code, waiting, peers or naasten)' })),
            result: z.enum(NEED_OUTCOMES),
            unmetReason: z.optional(z.enum(UNMET_NEED_REASONS)),
          })
          .check(
            z.refine((outcome) => !UNMET_OUTCOMES.includes(outcome.result) || outcome.unmetReason, {
              error: 'An unmet need needs one of the ten reason codes (unmetReason)',
              path: ['unmetReason'],
            }),
          ),
      )
      .check(z.minLength(1)),
  }),
  z.strictObject({ action: z.literal('close'), reason: z.optional(text(500)) }),
  // The netwerkintake the cliëntondersteuner did with the client, for a referral that came without it.
  z.strictObject({ action: z.literal('record-intake'), intake: IntakeSchema, waiting: z.optional(WaitingSchema) }),
  z.strictObject({ action: z.literal('withdraw'), reason: requiredText(500) }),
  z.strictObject({
    action: z.literal('withdraw-consent'),
    recipient: z.enum(CONSENT_RECIPIENTS),
    /** Without `data`: everything shared with that recipient. */
    data: z.optional(z.array(z.enum(CONSENT_DATA)).check(z.minLength(1))),
  }),
  /** Social problems first: is ggz still needed? Yes triages the case again, with the ggz need. */
  z.strictObject({ action: z.literal('reassess'), ggzStillNeeded: z.boolean() }),
  /** The coordinator gives a case on the desk to a contact person by hand, with the reason. */
  z.strictObject({
    action: z.literal('assign'),
    contactPersonId: z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{1,80}$/, { error: 'Must be the contactPersonId of one of the candidates' })),
    reason: requiredText(500),
  }),
  /** The coordinator looks for a contact person in a neighbouring gemeente too, with the reason. */
  z.strictObject({ action: z.literal('widen-search'), gemeente: requiredText(80), reason: requiredText(500) }),
]);
export type CaseAction = z.infer<typeof CaseActionSchema>;
export type CaseActionName = CaseAction['action'];

/** Which statuses an action applies in, who may take it, and for an action only some cases have, which. */
export const ACTIONS: Record<CaseActionName, { from: readonly ReferralStatus[]; roles: Role[]; only?: (referral: ActionFacts) => boolean }> = {
  accept: { from: ['notified'], roles: ['clientondersteuner'] },
  decline: { from: ['notified'], roles: ['clientondersteuner'] },
  'decline-option': { from: ['notified', 'accepted', 'first-contact'], roles: ['clientondersteuner'] },
  'record-first-contact': { from: ['accepted'], roles: ['clientondersteuner'] },
  'record-outcomes': { from: ['first-contact', 'in-care'], roles: ['clientondersteuner'] },
  close: { from: AFTER_HAND_OVER, roles: ['clientondersteuner'] },
  'record-intake': { from: ['awaiting-intake'], roles: ['clientondersteuner'] },
  withdraw: { from: WITHDRAWABLE, roles: ['verwijzer', 'clientondersteuner'] },
  'withdraw-consent': {
    from: [...WITHDRAWABLE, 'closed'],
    roles: ['verwijzer', 'clientondersteuner'],
  },
  // Once, on a case the triage sent to the social domain first with its ggz need left for later.
  reassess: { from: AFTER_HAND_OVER, roles: ['clientondersteuner'], only: (referral) => referral.triage?.reassess === true && !referral.reassessment },
  // The coordinator's desk (desk.ts): a flagged case, or one whose contact person let the escalation limit pass.
  assign: { from: ['flagged-for-region', 'notified'], roles: ['coordinator'], only: (referral) => referral.status === 'flagged-for-region' || referral.escalatedAt !== undefined },
  'widen-search': { from: ['flagged-for-region'], roles: ['coordinator'] },
};

/** What decides whether an action applies to a referral. */
type ActionFacts = Pick<Referral, 'status'> & Partial<Pick<Referral, 'triage' | 'reassessment' | 'escalatedAt'>>;

export type { NeedOutcomeRecord, NoticeKind } from './referral.ts';


export const isClosed = (status: ReferralStatus) => CLOSED_STATUSES.includes(status);

export { ActionRefused, type RefusalReason } from './refusal.ts';

/** The actions a person in this role may take on the referral now, as the web app offers them. */
export function allowedActions(referral: ActionFacts, role: Role): CaseActionName[] {
  return (Object.keys(ACTIONS) as CaseActionName[]).filter(
    (name) => ACTIONS[name].roles.includes(role) && ACTIONS[name].from.includes(referral.status) && (ACTIONS[name].only?.(referral) ?? true),
  );
}

/**
 * Whether a person acting in `role` may take this action on this referral now (that they may see
 * the referral at all, the access policy decided before: 404 otherwise).
 */
export function checkAction(referral: Referral, action: CaseAction, role: Role): void {
  const rule = ACTIONS[action.action];
  if (!rule.roles.includes(role)) throw new ActionRefused('not-allowed', `As ${role} you may not ${action.action} a referral`);
  if (!rule.from.includes(referral.status)) {
    throw new ActionRefused('wrong-status', `A referral that is ${referral.status} cannot be given '${action.action}'; allowed from: ${rule.from.join(', ')}`);
  }
  if (rule.only && !rule.only(referral)) {
    throw new ActionRefused('invalid-action', `'${action.action}' does not apply to this referral (nothing to re-assess or already answered; not on the coordinator's desk)`);
  }
}

export interface ActionChange {
  to?: ReferralStatus;
  set: Partial<Referral>;
  timeline: TimelineEntry[];
  notices: NoticeKind[];
  /** Give back every place and the contact person's caseload slot. */
  release: boolean;
  /** Hand the referral back to the pipeline (another contact person, after a decline). */
  rematch: boolean;
}

/** The change an action makes to a referral (pure; `decline-option` and consent have their own). */
export function changeFor(referral: Referral, action: CaseAction, person: { id: string; actor: TimelineEntry['actor'] }, now: Date): ActionChange {
  const at = now.toISOString();
  const by = person.id;
  const entry = (event: string, detail?: string): TimelineEntry => ({ event, at, by, ...(person.actor ? { actor: person.actor } : {}), ...(detail ? { detail } : {}) });
  const none = { set: {}, timeline: [], notices: [], release: false, rematch: false } satisfies ActionChange;
  // A case that ends ends its hand-off too: a partner told of the client hears so.
  const handOffEnds: NoticeKind[] = partnerWasTold(referral) ? ['bridging-partner-ended'] : [];
  switch (action.action) {
    case 'accept':
      return { ...none, to: 'accepted', timeline: [entry('accepted', action.note)], notices: ['feedback-accepted'] };
    case 'decline':
      return {
        ...none,
        to: 'declined',
        set: { declinedBy: [...(referral.declinedBy ?? []), referral.contactPerson?.id ?? 'unknown'] },
        timeline: [entry('declined', action.reason)],
        release: false,
        rematch: true,
      };
    case 'record-first-contact': {
      // Dates as the Dutch calendar has them: just after midnight in Amsterdam it is already the next day.
      if (action.date > dutchDate(now)) throw new ActionRefused('invalid-action', 'First contact cannot be in the future');
      if (action.date < dutchDate(new Date(referral.createdAt))) throw new ActionRefused('invalid-action', 'First contact cannot be before the referral');
      return {
        ...none,
        to: 'first-contact',
        set: { firstContact: { date: action.date, channel: action.channel as Channel, recordedAt: at, by } },
        timeline: [entry('first-contact', `${action.date}, ${action.channel}`)],
        notices: ['feedback-first-contact'],
      };
    }
    case 'record-outcomes': {
      const known = new Set<string>([...(referral.triage?.needs ?? []).map((need) => need.domain), 'waiting']);
      const unknown = action.outcomes.filter((outcome) => !known.has(outcome.need));
      if (unknown.length) {
        throw new ActionRefused('invalid-action', `Not a need of this referral: ${unknown.map((outcome) => outcome.need).join(', ')}; its needs: ${[...known].join(', ')}`);
      }
      const outcomes = { ...(referral.outcomes ?? {}) };
      for (const outcome of action.outcomes) {
        outcomes[outcome.need] = { result: outcome.result, ...(outcome.unmetReason ? { unmetReason: outcome.unmetReason } : {}), at, by };
      }
      const helped = Object.values(outcomes).some((outcome) => outcome.result === 'got-help');
      const toInCare = helped && referral.status === 'first-contact';
      return {
        ...none,
        ...(toInCare ? { to: 'in-care' as const } : {}),
        set: { outcomes },
        timeline: [
          ...action.outcomes.map((outcome) => entry('outcome', `${outcome.need}: ${outcome.result}${outcome.unmetReason ? ` (${outcome.unmetReason})` : ''}`)),
          ...(toInCare ? [entry('in-care')] : []),
        ],
      };
    }
    case 'close':
      return { ...none, to: 'closed', set: { closedAt: at }, timeline: [entry('closed', action.reason)], notices: ['feedback-closed', ...handOffEnds], release: true };
    case 'withdraw':
      return { ...none, to: 'withdrawn', set: { closedAt: at }, timeline: [entry('withdrawn', action.reason)], notices: handOffEnds, release: true };
    case 'decline-option':
    case 'withdraw-consent':
    case 'record-intake':
    case 'reassess':
    case 'assign':
    case 'widen-search':
      throw new Error(`${action.action} is not a plain status change`);
  }
}
