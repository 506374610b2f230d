// What comes in through FHIR, made into what the rest of Overbrug already does: a transaction
// Bundle is submitted as POST /referrals submits (submitReferral), and a Task or Consent PUT is a
// case action (actOnReferral) or a partner's hand-off action (actOnHandOff).
import { createHash } from 'node:crypto';
import { maySeeReferral } from '../access/visibility.ts';
import type { SocialeKaartStore } from '../adapters/sociale-kaart-store.ts';
import { HandOffActionRefused, type HandOffAction } from '../domain/hand-off.ts';
import { ActionRefused, type CaseAction } from '../domain/lifecycle.ts';
import type { Referral, ReferralRequest, ReferrerAccount } from '../domain/referral.ts';
import type { RegionConfig } from '../domain/region.ts';
import { dutchDate } from '../domain/dutch-calendar.ts';
import { NEED_OUTCOMES, UNMET_NEED_REASONS, type NeedOutcome, type UnmetNeedReason } from '../domain/vocabulary.ts';
import type { Access, Caller } from '../http/auth.ts';
import { checkReferral } from '../http/referral-request.ts';
import { refusalStatus } from '../http/refusals.ts';
import { actOnReferral, type CaseActionDeps } from '../pipeline/case-actions.ts';
import { actOnHandOff } from '../pipeline/hand-off-actions.ts';
import { DuplicateReferralError, IdempotencyKeyReusedError, submitReferral, type SubmitDeps } from '../pipeline/submit-referral.ts';
import { expressionOf, readReferralBundle } from './bundle-in.ts';
import { NEED_SYSTEMS, systemOf } from './codes.ts';
import { FhirRefusal, operationOutcome, type Issue } from './outcome.ts';
import { consentHolds, consentKindOf, consentResource, findSubTask, grantedKinds, mainTask, subTask, versionOf } from './resources.ts';
import { referralIdOf } from './read-api.ts';
import type { TaskStatus } from '../domain/fhir-task-status.ts';

type Json = Record<string, any>;

export interface WriteDeps {
  submit: SubmitDeps;
  actions: CaseActionDeps;
  kaart: Pick<SocialeKaartStore, 'listOrganisation'>;
}

/** The answer to a transaction: a transaction-response Bundle, one entry per entry sent. */
function transactionResponse(bundle: Json, referral: Referral, created: boolean, crisis: string | undefined) {
  const status = created ? '201 Created' : '200 OK';
  const version = versionOf(referral);
  const kinds = grantedKinds(referral);
  return {
    resourceType: 'Bundle',
    type: 'transaction-response',
    entry: (bundle.entry as Json[]).map((entry) => {
      const type = entry.resource?.resourceType;
      if (type === 'Task') {
        return {
          response: {
            status,
            location: `Task/${referral.referralId}/_history/${version}`,
            etag: `W/"${version}"`,
            lastModified: referral.createdAt,
            ...(crisis ? { outcome: operationOutcome([{ code: 'informational', severity: 'warning', text: crisis }]) } : {}),
          },
        };
      }
      if (type === 'ServiceRequest') return { response: { status, location: `ServiceRequest/${referral.referralId}/_history/${version}`, etag: `W/"${version}"` } };
      if (type === 'Consent') {
        const kind = kinds.find((candidate) => (entry.resource.category as Json[] | undefined)?.some((category) => category.coding?.some((coding: Json) => coding.system === systemOf('consent-kind') && coding.code === candidate)));
        return kind ? { response: { status, location: `Consent/${referral.referralId}-consent-${kind}/_history/${version}` } } : { response: { status: '200 OK' } };
      }
      const note = ['Patient', 'QuestionnaireResponse', 'PractitionerRole', 'Practitioner', 'Organization'].includes(type)
        ? 'Kept as part of the referral (Task/' + referral.referralId + '), not as a resource of its own'
        : 'Not read by Overbrug: ignored, not stored';
      return { response: { status: '200 OK', outcome: operationOutcome([{ code: 'informational', severity: 'information', text: note }]) } };
    }),
  };
}

/**
 * Who refers. A person signed in is who their account says (docs/security.md), whatever the Bundle
 * holds. A practice system signs in as itself, bound to one organisation: it vouches for its own
 * users, so the referring practitioner and their e-mail come from the Bundle's PractitionerRole.
 */
function referrerAccount(caller: Caller, fromBundle: ReferralRequest['referrer']): ReferrerAccount {
  if (!caller.scopes) {
    if (caller.name && caller.organisationName && caller.email) return { name: caller.name, organisationName: caller.organisationName, email: caller.email };
    throw new FhirRefusal(403, [
      { code: 'forbidden', text: 'Your account has no name, e-mail or organisation name, which a referral names its referrer by; ask the beheerder to complete it.' },
    ]);
  }
  return { name: fromBundle.name ?? caller.name ?? '', organisationName: fromBundle.organisation ?? caller.name ?? '', email: fromBundle.email ?? '' };
}

/**
 * POST /fhir: a transaction Bundle as a referral. The same referral a POST /referrals makes, through
 * the same validation, duplicate guard, idempotency (the Bundle's identifier, or the Task's
 * ifNoneExist) and case number. Without a QuestionnaireResponse it awaits its netwerkintake.
 */
export async function submitBundle(deps: WriteDeps, access: Access, bundle: Json, correlationId: string, now: () => Date = () => new Date()) {
  const read = readReferralBundle(bundle);
  if (!read.ok) throw new FhirRefusal(read.status, read.issues);
  const { reading } = read;
  const checked = checkReferral(reading.body, access.caller.regionId);
  if (!checked.ok) {
    throw new FhirRefusal(
      400,
      checked.errors.map((error) => ({ code: 'value', expression: expressionOf(reading.sources, error.path), text: `${error.path}: ${error.message}` })),
    );
  }
  const startedAt = now().toISOString();
  const { caller } = access;
  try {
    const answer = await submitReferral(deps.submit, checked.config as RegionConfig, {
      request: checked.request,
      submitter: { id: caller.id, organisationId: caller.organisationId!, ...referrerAccount(caller, checked.request.referrer) },
      correlationId,
      awaitingIntake: checked.awaitingIntake,
      ...(reading.idempotencyKey ? { idempotencyKey: createHash('sha256').update(reading.idempotencyKey).digest('hex') } : {}),
    });
    const referral = await deps.submit.referrals.get(answer.referralId);
    if (!referral) throw new Error(`Referral ${answer.referralId} was answered but not found`);
    const crisis = answer.crisis ? `${answer.crisis.message} Bel: ${answer.crisis.call.map((line) => `${line.name} ${line.phone} (${line.hours})`).join('; ')}` : undefined;
    return { referral, created: referral.createdAt >= startedAt, response: transactionResponse(bundle, referral, referral.createdAt >= startedAt, crisis) };
  } catch (error) {
    if (error instanceof DuplicateReferralError) {
      const own = error.isOwnedBy(caller.organisationId);
      throw new FhirRefusal(409, [
        {
          code: 'duplicate',
          text: own
            ? `This client has an open referral of your organisation for ${error.need}: Task/${error.open.referralId} (${error.open.caseNumber ?? ''}). Add to that one, or close it first.`
            : `This client has an open referral for one of these needs from another referrer${error.open.contactPersonName ? `; contact person ${error.open.contactPersonName}` : ''}. Coordinate with them rather than refer twice.`,
        },
      ]);
    }
    if (error instanceof IdempotencyKeyReusedError) {
      throw new FhirRefusal(409, [{ code: 'conflict', expression: 'Bundle.identifier', text: 'This Bundle identifier was used for a different referral within the last day; give a new Bundle its own identifier' }]);
    }
    throw error;
  }
}

const reasonOf = (task: Json) => (typeof task.statusReason?.text === 'string' ? task.statusReason.text : undefined);

/** The first contact's date: executionPeriod.start, or today. */
const dateOf = (task: Json, now: Date) => (typeof task.executionPeriod?.start === 'string' ? task.executionPeriod.start.slice(0, 10) : dutchDate(now));

/** The outcomes a completed or failed sub-task reports, per need (Task.output, need-outcome and unmet-reason). */
export function outcomesOf(task: Json): { outcomes: Extract<CaseAction, { action: 'record-outcomes' }>['outcomes']; issues: Issue[] } {
  const perNeed = new Map<string, { result?: NeedOutcome; unmetReason?: UnmetNeedReason }>();
  const issues: Issue[] = [];
  ((task.output ?? []) as Json[]).forEach((output, index) => {
    const codings = (output.type?.coding ?? []) as Json[];
    const kind = codings.find((coding) => coding.system === systemOf('output-type'))?.code;
    if (kind !== 'need-outcome' && kind !== 'unmet-reason') return;
    const need = codings.find((coding) => NEED_SYSTEMS.includes(coding.system))?.code ?? 'waiting';
    const values = (output.valueCodeableConcept?.coding ?? []) as Json[];
    const entry = perNeed.get(need) ?? {};
    if (kind === 'need-outcome') {
      const code = values.find((coding) => coding.system === systemOf('need-outcome'))?.code;
      if (!NEED_OUTCOMES.includes(code)) issues.push({ code: 'value', expression: `Task.output[${index}].valueCodeableConcept`, text: `A code of ${systemOf('need-outcome')}` });
      else entry.result = code;
    } else {
      const code = values.find((coding) => coding.system === systemOf('unmet-reason'))?.code;
      if (!UNMET_NEED_REASONS.includes(code)) issues.push({ code: 'value', expression: `Task.output[${index}].valueCodeableConcept`, text: `A code of ${systemOf('unmet-reason')}` });
      else entry.unmetReason = code;
    }
    perNeed.set(need, entry);
  });
  const outcomes = [...perNeed].flatMap(([need, entry]) => (entry.result ? [{ need, result: entry.result, ...(entry.unmetReason ? { unmetReason: entry.unmetReason } : {}) }] : []));
  return { outcomes, issues };
}

function checkVersion(referral: Referral, ifMatch: string | undefined): void {
  if (!ifMatch) return;
  const wanted = /^(W\/)?"?([^"]*)"?$/.exec(ifMatch.trim())?.[2];
  if (wanted !== versionOf(referral)) {
    throw new FhirRefusal(412, [{ code: 'conflict', text: `The Task changed since version ${wanted ?? ifMatch}; it is at version ${versionOf(referral)}: read it again` }]);
  }
}

/**
 * PUT /fhir/Task/{id}: a move of the Task, made as the case action it stands for. The referrer (or
 * the contact person) cancels the referral's Task; a contact person accepts, rejects, starts,
 * completes or fails their sub-task; a partner accepts or starts its sub-task. Anything but a status
 * move (and its reason and outputs) is refused: the rest of the Task is Overbrug's.
 */
export async function updateTask(deps: WriteDeps, access: Access, id: string, task: Json, ifMatch: string | undefined, now: () => Date = () => new Date()) {
  if (task.id !== id) throw new FhirRefusal(400, [{ code: 'value', expression: 'Task.id', text: `Must be the id of the URL, ${id}` }]);
  const referralId = referralIdOf(id);
  const referral = referralId ? await deps.actions.referrals.get(referralId) : undefined;
  const notFound = new FhirRefusal(404, [{ code: 'not-found', text: `Task/${id} is not known here` }]);
  if (!referral) throw notFound;
  const status = task.status as TaskStatus;
  const move = (action: CaseAction) => actOnReferral(deps.actions, referral, action, access);
  const needReason = () => {
    const reason = reasonOf(task);
    if (!reason) throw new FhirRefusal(422, [{ code: 'required', expression: 'Task.statusReason.text', text: `Say why (statusReason.text) when the Task is ${status}` }]);
    return reason;
  };
  const refuse = (from: string) => new FhirRefusal(422, [{ code: 'business-rule', expression: 'Task.status', text: `A ${from} Task cannot go to ${status} through this API` }]);
  let updated: Referral;
  try {
    if (id === referral.referralId) {
      if (!maySeeReferral(access, referral) || referral.pseudonymisedAt) throw notFound;
      checkVersion(referral, ifMatch);
      const current = mainTask(referral).status;
      if (status === current) return { referral, resource: mainTask(referral) };
      if (status !== 'cancelled') throw refuse(current);
      updated = await move({ action: 'withdraw', reason: needReason() });
      return { referral: updated, resource: mainTask(updated) };
    }
    const sub = findSubTask(referral, id);
    if (!sub || referral.pseudonymisedAt) throw notFound;
    const current = sub.state.status;
    if (sub.kind === 'contact-person') {
      if (access.role !== 'clientondersteuner' || sub.ownerId !== access.caller.contactPersonId || !maySeeReferral(access, referral)) throw notFound;
      checkVersion(referral, ifMatch);
      if (status === current) return { referral, resource: subTask(referral, sub) };
      if (status === 'accepted') updated = await move({ action: 'accept' });
      else if (status === 'rejected') updated = await move({ action: 'decline', reason: needReason() });
      else if (status === 'in-progress') updated = await move({ action: 'record-first-contact', date: dateOf(task, now()), channel: 'phone' });
      else if (status === 'completed' || status === 'failed') {
        const { outcomes, issues } = outcomesOf(task);
        if (issues.length) throw new FhirRefusal(400, issues);
        if (status === 'failed') needReason();
        let current2 = referral;
        if (outcomes.length) current2 = await actOnReferral(deps.actions, current2, { action: 'record-outcomes', outcomes }, access);
        updated = await actOnReferral(deps.actions, current2, { action: 'close', ...(reasonOf(task) ? { reason: reasonOf(task) } : {}) }, access);
      } else throw refuse(current);
    } else {
      const services = access.role === 'partner' ? new Set((await deps.kaart.listOrganisation(access.caller.organisationId!, access.caller.regionId)).map((service) => service.serviceId)) : new Set<string>();
      if (!services.has(sub.ownerId)) throw notFound;
      checkVersion(referral, ifMatch);
      if (status === current) return { referral, resource: subTask(referral, sub) };
      const action: HandOffAction | undefined =
        status === 'accepted' ? { action: 'accept' } : status === 'in-progress' ? { action: 'record-first-contact', at: dateOf(task, now()) } : undefined;
      if (!action) throw refuse(current);
      updated = await actOnHandOff({ referrals: deps.actions.referrals, now }, referral, sub.ownerId, action, access);
    }
  } catch (error) {
    if (error instanceof ActionRefused) {
      const status = refusalStatus(error.reason);
      throw new FhirRefusal(status, [{ code: status === 403 ? 'forbidden' : 'business-rule', text: error.message }]);
    }
    if (error instanceof HandOffActionRefused) throw new FhirRefusal(409, [{ code: 'business-rule', text: error.message }]);
    if (error instanceof DuplicateReferralError) throw new FhirRefusal(409, [{ code: 'duplicate', text: error.message }]);
    throw error;
  }
  const after = findSubTask(updated, id);
  return { referral: updated, resource: after ? subTask(updated, after) : mainTask(updated) };
}

/**
 * PUT /fhir/Consent/{id} with status inactive: the client withdraws that consent (withdraw-consent
 * for its recipient; for diagnosis-like signals, from the contact person and partners alike).
 */
export async function updateConsent(deps: WriteDeps, access: Access, id: string, consent: Json, ifMatch: string | undefined) {
  if (consent.id !== id) throw new FhirRefusal(400, [{ code: 'value', expression: 'Consent.id', text: `Must be the id of the URL, ${id}` }]);
  const referralId = referralIdOf(id);
  const referral = referralId ? await deps.actions.referrals.get(referralId) : undefined;
  const kind = referral ? consentKindOf(referral, id) : undefined;
  if (!referral || !kind || !maySeeReferral(access, referral) || referral.pseudonymisedAt) throw new FhirRefusal(404, [{ code: 'not-found', text: `Consent/${id} is not known here` }]);
  checkVersion(referral, ifMatch);
  const holds = consentHolds(referral, kind);
  if ((consent.status === 'active') === holds && (consent.status === 'active' || consent.status === 'inactive')) return { referral, resource: consentResource(referral, kind) };
  if (consent.status !== 'inactive') {
    throw new FhirRefusal(422, [{ code: 'business-rule', expression: 'Consent.status', text: 'A consent can be withdrawn (status inactive), not given again through this API: a new consent is a new referral' }]);
  }
  const actions: CaseAction[] =
    kind === 'partners'
      ? [{ action: 'withdraw-consent', recipient: 'partners' }]
      : kind === 'naasten'
        ? [{ action: 'withdraw-consent', recipient: 'naasten' }]
        : kind === 'client-email'
          ? [{ action: 'withdraw-consent', recipient: 'client' }]
          : [
              { action: 'withdraw-consent', recipient: 'contact-person', data: ['diagnosis'] },
              { action: 'withdraw-consent', recipient: 'partners', data: ['diagnosis'] },
            ];
  let updated = referral;
  try {
    for (const action of actions) updated = await actOnReferral(deps.actions, updated, action, access);
  } catch (error) {
    if (error instanceof ActionRefused) throw new FhirRefusal(refusalStatus(error.reason), [{ code: 'business-rule', text: error.message }]);
    throw error;
  }
  return { referral: updated, resource: consentResource(updated, kind) };
}
