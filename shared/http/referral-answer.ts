import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { AccessLog, type AccessAction } from '../adapters/access-log.ts';
import type { ClientContacts } from '../adapters/client-contacts.ts';
import { deskCaseView } from '../domain/desk.ts';
import { allowedActions } from '../domain/lifecycle.ts';
import type { Referral } from '../domain/referral.ts';
import { caseView, clientContactView, referralView, type ClientContactView } from '../domain/referral-view.ts';
import { regionById, timeLimitsOf } from '../regions/index.ts';
import type { Access } from './auth.ts';

export interface ReferralAnswerDeps {
  clientContacts: ClientContacts;
  accessLog: AccessLog;
}

/**
 * The client's contact details for a person who may see them on this referral (its contact person,
 * a referrer of its organisation: the policy's scopes), read from their own table; the read is
 * logged with the rest of the request's entries by the caller.
 */
export async function contactFor(deps: Pick<ReferralAnswerDeps, 'clientContacts'>, referral: Referral): Promise<ClientContactView | null> {
  return clientContactView(referral, referral.hasClientContact ? await deps.clientContacts.get(referral.referralId) : undefined);
}

/**
 * A referral as the person behind `access` sees it (the contact person's case view, or the
 * referrer's status view), with the client's contact details. Every read is in the access log
 * before the answer goes out: the read of the record (`action`), and that of the contact details
 * when there were any to show.
 */
export async function referralAnswer(
  deps: ReferralAnswerDeps,
  event: APIGatewayProxyEventV2,
  access: Access,
  referral: Referral,
  action: AccessAction | `case-action:${string}`,
) {
  // The coordinator decides who takes the case: the desk's view, without the client's contact details.
  if (access.role === 'coordinator') {
    await deps.accessLog.record(AccessLog.entry(event, access, referral.referralId, action));
    return deskCaseView(referral, regionById(referral.regionId).region, timeLimitsOf(referral.regionId), allowedActions(referral, access.role));
  }
  const clientContact = await contactFor(deps, referral);
  const entries = [AccessLog.entry(event, access, referral.referralId, action, 'shown', referral.regionId)];
  if (referral.hasClientContact && clientContact) entries.push(AccessLog.entry(event, access, referral.referralId, 'read-client-contact', 'shown', referral.regionId));
  // No read of a client record without its audit entry: if the log write fails, so does the read.
  await deps.accessLog.recordAll(entries);
  const context = { region: regionById(referral.regionId).region, limits: timeLimitsOf(referral.regionId), clientContact };
  return access.role === 'clientondersteuner' ? caseView(referral, context) : referralView(referral, context, access.role);
}
