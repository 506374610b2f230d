import type { Role } from './vocabulary.ts';
import { grantsFrom, mayShare } from './consent.ts';
import { fhirTaskSummary } from './fhir-task-status.ts';
import { allowedActions } from './lifecycle.ts';
import { nextStep } from './next-step.ts';
import { crisisInstructions } from './public-region.ts';
import type { ClientContact, ClientContactView, Referral } from './referral.ts';
import type { Region } from './region.ts';
import { reassessmentDue, type TimeLimitsConfig } from './time-limits.ts';

export type { ClientContactView } from './referral.ts';

/**
 * The client's contact details as entered: `{ viaReferrer: true }` when none were given, null when
 * they were but are not there (any more).
 */
export function clientContactView(referral: Pick<Referral, 'hasClientContact'>, stored: ClientContact | undefined): ClientContactView | null {
  if (!referral.hasClientContact) return { viaReferrer: true };
  if (!stored) return null;
  return { ...stored, viaReferrer: stored.viaReferrer ?? !(stored.phone || stored.email) };
}

/** What a view is shown with: the region, its time limits, and the client's contact details where the reader may see them. */
export interface ViewContext {
  region: Region;
  limits: TimeLimitsConfig;
  /** Undefined: not for this reader; otherwise what `clientContactView` made of them. */
  clientContact?: ClientContactView | null;
}

/** Whom to call about the case: the contact person's name, work phone and e-mail. */
const contactPersonOf = (referral: Referral) =>
  referral.contactPerson
    ? { id: referral.contactPerson.id, name: referral.contactPerson.name, phone: referral.contactPerson.phone ?? null, email: referral.contactPerson.email }
    : null;

/**
 * What the referrer sees (GET /referrals/{id} as verwijzer): where the referral is and why, what
 * happened since and what comes next, and whom to call — not the intake, which they wrote
 * themselves. The story, flags and client details stay in the record; the client's contact
 * details, as the referrer's organisation entered them, are shown when the context has them.
 */
export function referralView(referral: Referral, context: ViewContext, role: Role = 'verwijzer') {
  const { region } = context;
  return {
    referralId: referral.referralId,
    caseNumber: referral.caseNumber ?? null,
    status: referral.status,
    nextStep: nextStep(referral, context.limits),
    /** The referrer's FHIR Task (GET /fhir/Task/{id}): its status, business status and reason, as the Task has them. */
    fhir: fhirTaskSummary(referral),
    createdAt: referral.createdAt,
    statusChangedAt: referral.statusChangedAt,
    region: { id: region.regionId, name: region.name, fictional: region.fictional },
    clientRef: referral.client.ref,
    gemeente: referral.client.gemeente,
    triage: referral.triage
      ? {
          route: referral.triage.route,
          urgency: referral.triage.urgency,
          reasons: referral.triage.reasons,
          bridging: referral.triage.bridging,
          needs: referral.triage.needs.map((need) => ({ domain: need.domain, level: need.level, reason: need.reason })),
          ruleSet: referral.triage.ruleSet,
        }
      : null,
    matches: (referral.matches ?? []).map((match) => ({
      serviceId: match.serviceId,
      name: match.name,
      organisation: match.organisation,
      kind: match.kind,
      forNeed: match.forNeed,
      domains: match.domains,
      rank: match.rank,
      score: match.score,
      reasons: match.reasons,
      waitingWeeks: match.waitingWeeks,
      placeReserved: match.placeReserved,
      ...(match.practical ? { practical: match.practical } : {}),
      ...(match.declined ? { declined: { reason: match.declined.reason, at: match.declined.at } } : {}),
    })),
    unmetNeeds: referral.unmetNeeds ?? [],
    contactPerson: contactPersonOf(referral),
    ...(referral.flagReason ? { flagReason: referral.flagReason } : {}),
    ...(referral.triage?.route === 'crisis' ? { crisis: crisisInstructions(region) } : {}),
    firstContact: referral.firstContact ? { date: referral.firstContact.date, channel: referral.firstContact.channel } : null,
    outcomes: Object.entries(referral.outcomes ?? {}).map(([need, outcome]) => ({
      need,
      result: outcome.result,
      ...(outcome.unmetReason ? { unmetReason: outcome.unmetReason } : {}),
      at: outcome.at,
    })),
    // Grants stored before the client was a recipient have no entry for them: nothing is shared with them.
    consent: { grants: { ...(referral.consentGrants ?? grantsFrom(referral.consent)), client: (referral.consentGrants ?? grantsFrom(referral.consent)).client ?? [] }, history: (referral.consentHistory ?? []).map(({ at, recipient, withdrawn }) => ({ at, recipient, withdrawn })) },
    ...(referral.reentryOf ? { reentryOf: referral.reentryOf } : {}),
    closedAt: referral.closedAt ?? null,
    notifications: (referral.notifications ?? []).map((notification) => ({ kind: notification.kind, sentAt: notification.sentAt })),
    timeline: referral.timeline.map(({ event, at, actor, detail }) => ({ event, at, ...(actor ? { actor } : {}), ...(detail ? { detail } : {}) })),
    allowedActions: allowedActions(referral, role),
    ...(context.clientContact !== undefined && role === 'verwijzer' ? { client: { contact: context.clientContact } } : {}),
  };
}
export type ReferralView = ReturnType<typeof referralView>;

/**
 * What the contact person sees (GET /referrals/{id} as cliëntondersteuner): the status view, plus
 * what they need to reach and support the client, and of the intake only what the client consented
 * to share with them: the functional needs, the story, diagnosis-like signals (each withdrawable).
 */
export function caseView(referral: Referral, context: ViewContext) {
  const may = (data: 'functional-needs' | 'story' | 'diagnosis') => mayShare(referral, 'contact-person', data);
  const status = referralView(referral, context, 'clientondersteuner');
  // Without consent to the functional needs, neither the needs nor what they imply: the triage's
  // needs and reasons, the unmet needs, and which need each option answers and why.
  const needs = may('functional-needs')
    ? {}
    : {
        triage: status.triage ? { ...status.triage, needs: [], reasons: [] } : null,
        unmetNeeds: [],
        matches: status.matches.map((match) => ({ ...match, forNeed: null, domains: [], reasons: [] })),
      };
  return {
    ...status,
    ...needs,
    client: {
      ref: referral.client.ref,
      birthYear: referral.client.birthYear,
      postcode: referral.client.postcode,
      gemeente: referral.client.gemeente,
      languages: referral.client.languages,
      channels: referral.client.channels,
      contact: context.clientContact ?? null,
    },
    waiting: referral.waiting ?? null,
    referrer: referral.referrer,
    intake: {
      domains: may('functional-needs') ? referral.intake.domains : null,
      story: may('story') ? referral.intake.story : null,
      flags: may('diagnosis') ? referral.intake.flags : null,
      clinicalNotes: may('diagnosis') ? (referral.triage?.clinicalNotes ?? []) : null,
      ...intakeAdditions(referral, may),
    },
    reassessment: reassessmentView(referral, context.limits),
    // What the referrer added later: the new needs and their note, as far as the client consented.
    amendments: (referral.amendments ?? []).map((amendment) => ({
      at: amendment.at,
      newNeeds: may('functional-needs') ? amendment.newNeeds : [],
      note: may('story') ? (amendment.note ?? null) : null,
    })),
    deadlines: {
      remindedAt: referral.remindedAt ?? null,
      escalatedAt: referral.escalatedAt ?? null,
      noFirstContactAt: referral.noFirstContactAt ?? null,
      beyondTreeknormAt: referral.beyondTreeknormAt ?? null,
      reassessmentAskedAt: referral.reassessmentAskedAt ?? null,
    },
  };
}
export type CaseView = ReturnType<typeof caseView>;

/**
 * The client's wishes (the choices with the functional needs, their own words with the story) and,
 * while naasten may be involved, the naaste's burden and needs in the naaste's words.
 */
function intakeAdditions(referral: Referral, may: (data: 'functional-needs' | 'story' | 'diagnosis') => boolean) {
  const { wishes, naaste } = referral.intake;
  const naasteShared = naaste && may('functional-needs') && mayShare(referral, 'naasten', 'functional-needs');
  return {
    wishes: wishes && may('functional-needs') ? { choices: wishes.choices, ownWords: may('story') ? (wishes.ownWords ?? null) : null } : null,
    naaste: naasteShared ? { burden: naaste.burden, needs: may('story') ? (naaste.needs ?? null) : null } : null,
  };
}

/** A social-first case: when the contact person is asked whether ggz is still needed, and their answer. */
function reassessmentView(referral: Referral, limits: TimeLimitsConfig) {
  if (!referral.triage?.reassess && !referral.reassessment) return null;
  return {
    dueAt: referral.triage?.reassess ? reassessmentDue(referral.triage.decidedAt, limits).toISOString() : null,
    askedAt: referral.reassessmentAskedAt ?? null,
    answer: referral.reassessment ? { ggzStillNeeded: referral.reassessment.ggzStillNeeded, at: referral.reassessment.at } : null,
  };
}
