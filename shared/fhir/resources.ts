// A referral as FHIR resources: the referrer's Task (id = the referral's id) and its sub-tasks, the
// ServiceRequest it focuses on and one per matched option, and the Consents. Built from the
// referral as stored; every resource is validated before it goes out (fhir-api.ts).
import type { Match, Referral } from '../domain/referral.ts';
import { NEED_OUTCOME_LABELS, ROUTE_LABELS, UNMET_NEED_REASON_LABELS, needLabel, type NeedKey, type Urgency } from '../domain/vocabulary.ts';
import { regionById } from '../regions/index.ts';
import { coding, CONSENT_KINDS, needCoding, needConcept, PROFILES, REFERRAL_CODE, SDOHCC_OUTCOME, SDOHCC_UNMET_REASON, SYSTEMS, type ConsentKind } from './codes.ts';
import { businessStatus, mainTaskState, subTasks, type SubTask, type TaskState } from '../domain/fhir-task-status.ts';

/** Triage's urgency as the Task's priority: immediate → stat, high → urgent. */
export const PRIORITY: Record<Urgency, 'stat' | 'urgent' | 'routine'> = { immediate: 'stat', high: 'urgent', normal: 'routine', low: 'routine' };

const FULFILL = { system: SYSTEMS.taskCode, code: 'fulfill', display: 'Fulfill the focal request' };

/** Overbrug in the region that has the case: the owner of the referrer's Task. */
export function overbrugOf(referral: Pick<Referral, 'regionId'>) {
  const { region } = regionById(referral.regionId);
  return { type: 'Organization', identifier: { system: SYSTEMS.region, value: referral.regionId }, display: `Overbrug, ${region.name}` };
}

const requesterOf = (referral: Referral) => ({
  type: 'Organization',
  ...(referral.referrerOrganisationId ? { identifier: { system: SYSTEMS.organisation, value: referral.referrerOrganisationId } } : {}),
  display: referral.referrer.organisation,
});

const clientOf = (referral: Referral) => ({ type: 'Patient', identifier: { system: SYSTEMS.clientRef, value: referral.client.ref } });

/** When the case last changed: the newest timeline entry. */
export const lastUpdated = (referral: Referral) => referral.timeline.reduce((latest, entry) => (entry.at > latest ? entry.at : latest), referral.statusChangedAt);

/** The version a PUT's If-Match names: every change adds to the timeline. */
export const versionOf = (referral: Referral) => String(referral.timeline.length);

const meta = (referral: Referral, profiles: string[]) => ({ versionId: versionOf(referral), lastUpdated: lastUpdated(referral), profile: profiles });

const statusFields = (state: TaskState) => ({ status: state.status, ...(state.reason ? { statusReason: { text: state.reason } } : {}) });

const outputType = (code: string, extra: object[] = [], text?: string) => ({ coding: [coding('output-type', code), ...extra], ...(text ? { text } : {}) });

/** Where the case stands, as outputs: the route, the contact person, the options, what became of each need. */
function outputsOf(referral: Referral) {
  const outputs: object[] = [];
  if (referral.triage) outputs.push({ type: outputType('route'), valueCodeableConcept: { coding: [coding('route', referral.triage.route)], text: ROUTE_LABELS[referral.triage.route] } });
  if (referral.contactPerson) {
    outputs.push({
      type: outputType('contact-person'),
      valueReference: { type: 'Practitioner', identifier: { system: SYSTEMS.contactPerson, value: referral.contactPerson.id }, display: referral.contactPerson.name },
    });
  }
  (referral.matches ?? []).forEach((match, index) => {
    if (!match.declined) outputs.push({ type: outputType('match'), valueReference: { reference: `ServiceRequest/${referral.referralId}-m${index + 1}`, display: match.name } });
  });
  if (referral.firstContact) outputs.push({ type: outputType('first-contact'), valueDateTime: referral.firstContact.date });
  for (const [need, outcome] of Object.entries(referral.outcomes ?? {})) {
    const needCodings = need === 'waiting' ? [] : [needCoding(need as NeedKey)];
    const sdohOutcome = SDOHCC_OUTCOME[outcome.result];
    outputs.push({
      type: outputType('need-outcome', needCodings, needLabel(need)),
      valueCodeableConcept: { coding: [coding('need-outcome', outcome.result), ...(sdohOutcome ? [{ system: SYSTEMS.sdohcc, ...sdohOutcome }] : [])], text: NEED_OUTCOME_LABELS[outcome.result] },
    });
    if (outcome.unmetReason) {
      const sdohReason = SDOHCC_UNMET_REASON[outcome.unmetReason];
      outputs.push({
        type: outputType('unmet-reason', needCodings, needLabel(need)),
        valueCodeableConcept: { coding: [coding('unmet-reason', outcome.unmetReason), ...(sdohReason ? [{ system: SYSTEMS.sdohcc, ...sdohReason }] : [])], text: UNMET_NEED_REASON_LABELS[outcome.unmetReason] },
      });
    }
  }
  if (referral.status === 'crisis-handed-off' || referral.timeline.some((entry) => entry.event === 'crisis-handed-off')) {
    const { crisisService } = regionById(referral.regionId).region;
    outputs.push({ type: outputType('crisis-service'), valueReference: { type: 'Organization', display: crisisService.name } });
  }
  return outputs;
}

/** The referrer's Task: owned by Overbrug, following the IG's state machine (shared/domain/fhir-task-status.ts). */
export function mainTask(referral: Referral) {
  const outputs = outputsOf(referral);
  return {
    resourceType: 'Task',
    id: referral.referralId,
    meta: meta(referral, [PROFILES.sdohTask]),
    identifier: [
      ...(referral.caseNumber ? [{ system: SYSTEMS.caseNumber, value: referral.caseNumber }] : []),
      { system: SYSTEMS.rfc3986, value: `urn:uuid:${referral.referralId}` },
    ],
    ...statusFields(mainTaskState(referral)),
    businessStatus: businessStatus(referral.status),
    intent: 'order',
    ...(referral.triage ? { priority: PRIORITY[referral.triage.urgency] } : {}),
    code: { coding: [FULFILL, REFERRAL_CODE] },
    description: referral.caseNumber ? `Verwijzing ${referral.caseNumber}` : 'Verwijzing',
    focus: { reference: `ServiceRequest/${referral.referralId}` },
    for: clientOf(referral),
    authoredOn: referral.createdAt,
    lastModified: lastUpdated(referral),
    requester: requesterOf(referral),
    owner: overbrugOf(referral),
    ...(outputs.length ? { output: outputs } : {}),
  };
}

/** A sub-task: the case passed on to a contact person, or the client handed to a bridging partner. */
export function subTask(referral: Referral, sub: SubTask) {
  const bridgingIndex = (referral.matches ?? []).findIndex((match) => match.kind === 'bridging' && match.serviceId === sub.ownerId);
  const focus = sub.kind === 'bridging-partner' && bridgingIndex >= 0 ? `ServiceRequest/${referral.referralId}-m${bridgingIndex + 1}` : `ServiceRequest/${referral.referralId}`;
  return {
    resourceType: 'Task',
    id: sub.id,
    meta: meta(referral, [PROFILES.sdohTask]),
    ...(referral.caseNumber ? { identifier: [{ system: SYSTEMS.caseNumber, value: referral.caseNumber }] } : {}),
    partOf: [{ reference: `Task/${referral.referralId}` }],
    ...statusFields(sub.state),
    businessStatus: businessStatus(referral.status),
    intent: 'order',
    ...(referral.triage ? { priority: PRIORITY[referral.triage.urgency] } : {}),
    code: { coding: [FULFILL] },
    description: sub.kind === 'contact-person' ? 'Vaste contactpersoon van de cliënt' : 'Wachtlijstoverbrugging',
    focus: { reference: focus },
    for: clientOf(referral),
    authoredOn: referral.createdAt,
    lastModified: lastUpdated(referral),
    requester: overbrugOf(referral),
    owner:
      sub.kind === 'contact-person'
        ? { type: 'Practitioner', identifier: { system: SYSTEMS.contactPerson, value: sub.ownerId }, display: sub.ownerName }
        : { type: 'HealthcareService', identifier: { system: SYSTEMS.service, value: sub.ownerId }, display: sub.ownerName },
  };
}

/** The sub-task with this id, if the referral has it. */
export function findSubTask(referral: Referral, id: string): SubTask | undefined {
  return subTasks(referral).find((sub) => sub.id === id);
}

const consentIdOf = (referral: Referral, kind: ConsentKind) => `${referral.referralId}-consent-${kind}`;

/** Which consents the referral started with: those are the Consent resources it has. */
export function grantedKinds(referral: Referral): ConsentKind[] {
  const { consent } = referral;
  return CONSENT_KINDS.filter((kind) => ({ partners: consent.shareWithPartners, diagnosis: consent.shareDiagnosis, naasten: consent.involveNaasten, 'client-email': consent.emailClient === true })[kind]);
}

/** Whether a consent still holds, or was withdrawn since. */
export function consentHolds(referral: Referral, kind: ConsentKind): boolean {
  const grants = referral.consentGrants;
  if (!grants) return true;
  switch (kind) {
    case 'partners':
      return grants.partners.includes('functional-needs');
    case 'diagnosis':
      return grants['contact-person'].includes('diagnosis');
    case 'naasten':
      return grants.naasten.includes('functional-needs');
    case 'client-email':
      return (grants.client ?? []).includes('functional-needs');
  }
}

export function consentResource(referral: Referral, kind: ConsentKind) {
  return {
    resourceType: 'Consent',
    id: consentIdOf(referral, kind),
    meta: meta(referral, [PROFILES.sdohConsent]),
    status: consentHolds(referral, kind) ? 'active' : 'inactive',
    scope: { coding: [{ system: SYSTEMS.consentScope, code: 'patient-privacy', display: 'Privacy Consent' }] },
    category: [{ coding: [{ system: SYSTEMS.actCode, code: 'IDSCL', display: 'information disclosure' }] }, { coding: [coding('consent-kind', kind)] }],
    patient: clientOf(referral),
    dateTime: referral.createdAt,
    organization: [requesterOf(referral)],
    sourceAttachment: { title: 'Toestemming van de cliënt, vastgelegd door de verwijzer bij de verwijzing in Overbrug', creation: referral.createdAt },
    policyRule: { coding: [{ system: SYSTEMS.actCode, code: 'OPTIN', display: 'opt-in' }] },
    provision: { type: 'permit' },
  };
}

/** The Consent this id names, if the referral has it: `<referral id>-consent-<kind>`. */
export function consentKindOf(referral: Referral, id: string): ConsentKind | undefined {
  return grantedKinds(referral).find((kind) => consentIdOf(referral, kind) === id);
}

const needsOf = (referral: Referral): NeedKey[] => (referral.triage?.needs ?? []).map((need) => need.domain);

/**
 * The referrer's ServiceRequest: what they asked for, with the needs (levensdomeinen, and their
 * SDOHCC categories) as categories. Active while the case is open; the workflow lives on the Task.
 */
export function mainServiceRequest(referral: Referral, { withNeeds }: { withNeeds: boolean }) {
  const status = referral.status === 'withdrawn' ? 'revoked' : referral.status === 'closed' ? 'completed' : 'active';
  const needs = withNeeds ? (needsOf(referral).length ? needsOf(referral) : referral.needDomains ?? []) : [];
  return {
    resourceType: 'ServiceRequest',
    id: referral.referralId,
    meta: meta(referral, [PROFILES.sdohServiceRequest]),
    ...(referral.caseNumber ? { identifier: [{ system: SYSTEMS.caseNumber, value: referral.caseNumber }] } : {}),
    status,
    intent: 'order',
    ...(needs.length ? { category: needs.map(needConcept) } : {}),
    ...(referral.triage ? { priority: PRIORITY[referral.triage.urgency] } : {}),
    code: { coding: [REFERRAL_CODE], text: 'Verwijzing voor netwerkintake, aanbod op de sociale kaart en wachtlijstoverbrugging' },
    subject: clientOf(referral),
    authoredOn: referral.createdAt,
    requester: requesterOf(referral),
    performer: [overbrugOf(referral)],
    ...(grantedKinds(referral).length ? { supportingInfo: grantedKinds(referral).map((kind) => ({ reference: `Consent/${consentIdOf(referral, kind)}` })) } : {}),
  };
}

/** A matched option: a ServiceRequest based on the referrer's, performed by the sociale-kaart service. */
export function matchServiceRequest(referral: Referral, match: Match, index: number, { withNeeds }: { withNeeds: boolean }) {
  const status = match.declined || referral.status === 'withdrawn' ? 'revoked' : referral.status === 'closed' ? 'completed' : 'active';
  return {
    resourceType: 'ServiceRequest',
    id: `${referral.referralId}-m${index + 1}`,
    meta: meta(referral, [PROFILES.sdohServiceRequest]),
    basedOn: [{ reference: `ServiceRequest/${referral.referralId}` }],
    status,
    intent: 'order',
    ...(withNeeds && match.forNeed !== 'waiting' ? { category: [needConcept(match.forNeed)] } : {}),
    code: { text: match.kind === 'bridging' ? `Wachtlijstoverbrugging: ${match.name}` : match.name },
    subject: clientOf(referral),
    authoredOn: referral.createdAt,
    requester: overbrugOf(referral),
    performer: [{ type: 'HealthcareService', identifier: { system: SYSTEMS.service, value: match.serviceId }, display: `${match.name} (${match.organisation})` }],
    ...(withNeeds && match.forNeed !== 'waiting' ? { reasonCode: [{ text: needLabel(match.forNeed) }] } : {}),
  };
}

/** The option a ServiceRequest id names: `<referral id>-m<n>`. */
export function matchOf(referral: Referral, id: string): { match: Match; index: number } | undefined {
  const index = (referral.matches ?? []).findIndex((_match, i) => `${referral.referralId}-m${i + 1}` === id);
  return index < 0 ? undefined : { match: referral.matches![index]!, index };
}
