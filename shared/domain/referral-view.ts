import type { Role } from '../access/policy.ts';
import { grantsFrom, mayShare } from './consent.ts';
import { allowedActions, fhirTaskStatus } from './lifecycle.ts';
import { crisisInstructions } from './notifications.ts';
import type { Referral } from './referral.ts';
import type { Region } from './region.ts';
import { reassessmentDue, timeLimitsFor } from './time-limits.ts';

/**
 * What the referrer sees (GET /referrals/{id} as verwijzer): where the referral is and why, and
 * what happened since — not the intake, which they wrote themselves. The story, flags and client
 * details stay in the record.
 */
export function referralView(referral: Referral, region: Region, role: Role = 'verwijzer') {
  return {
    referralId: referral.referralId,
    status: referral.status,
    /** The same status as a FHIR Task (SDOH referral) status, for systems that speak FHIR. */
    fhir: fhirTaskStatus(referral),
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
      ...(match.declined ? { declined: { reason: match.declined.reason, at: match.declined.at } } : {}),
    })),
    unmetNeeds: referral.unmetNeeds ?? [],
    contactPerson: referral.contactPerson ? { id: referral.contactPerson.id, name: referral.contactPerson.name } : null,
    ...(referral.flagReason ? { flagReason: referral.flagReason } : {}),
    ...(referral.triage?.route === 'crisis' ? { crisis: crisisInstructions(region) } : {}),
    firstContact: referral.firstContact ? { date: referral.firstContact.date, channel: referral.firstContact.channel } : null,
    outcomes: Object.entries(referral.outcomes ?? {}).map(([need, outcome]) => ({
      need,
      result: outcome.result,
      ...(outcome.unmetReason ? { unmetReason: outcome.unmetReason } : {}),
      at: outcome.at,
    })),
    consent: { grants: referral.consentGrants ?? grantsFrom(referral.consent), history: (referral.consentHistory ?? []).map(({ at, recipient, withdrawn }) => ({ at, recipient, withdrawn })) },
    ...(referral.reentryOf ? { reentryOf: referral.reentryOf } : {}),
    closedAt: referral.closedAt ?? null,
    notifications: (referral.notifications ?? []).map((notification) => ({ kind: notification.kind, sentAt: notification.sentAt })),
    timeline: referral.timeline.map(({ event, at, actor, detail }) => ({ event, at, ...(actor ? { actor } : {}), ...(detail ? { detail } : {}) })),
    allowedActions: allowedActions(referral, role),
  };
}
export type ReferralView = ReturnType<typeof referralView>;

/**
 * What the contact person sees (GET /referrals/{id} as cliëntondersteuner): the status view, plus
 * what they need to reach and support the client, and of the intake only what the client consented
 * to share with them: the functional needs, the story, diagnosis-like signals (each withdrawable).
 */
export function caseView(referral: Referral, region: Region) {
  const may = (data: 'functional-needs' | 'story' | 'diagnosis') => mayShare(referral, 'contact-person', data);
  const status = referralView(referral, region, 'clientondersteuner');
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
    reassessment: reassessmentView(referral, region),
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
function reassessmentView(referral: Referral, region: Region) {
  if (!referral.triage?.reassess && !referral.reassessment) return null;
  return {
    dueAt: referral.triage?.reassess ? reassessmentDue(referral.triage.decidedAt, timeLimitsFor(region)).toISOString() : null,
    askedAt: referral.reassessmentAskedAt ?? null,
    answer: referral.reassessment ? { ggzStillNeeded: referral.reassessment.ggzStillNeeded, at: referral.reassessment.at } : null,
  };
}
