import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { ReferralRecords } from './ports.ts';
import { handOffChange, HandOffActionRefused, type HandOffAction } from '../domain/hand-off.ts';
import type { Referral } from '../domain/referral.ts';
import type { Access } from '../access/caller.ts';
import { logger, metrics } from '../powertools.ts';

/**
 * A bridging partner's step with its hand-off: accept it, or record its first contact with the
 * client. One conditional write on the version the partner saw, so it never overwrites what the
 * contact person did meanwhile (the partner loads the hand-off again and retries).
 */
export async function actOnHandOff(
  deps: { referrals: Pick<ReferralRecords, 'transition'>; now: () => Date },
  referral: Referral,
  serviceId: string,
  action: HandOffAction,
  access: Access,
): Promise<Referral> {
  const person = { id: access.caller.id, actor: { role: access.role, ...(access.caller.name ? { name: access.caller.name } : {}) } };
  const change = handOffChange(referral, serviceId, action, person, deps.now());
  const updated = await deps.referrals.transition(referral, {
    from: referral.status,
    expectVersion: referral.version ?? 0,
    set: { handOffProgress: change.handOffProgress },
    timeline: change.timeline,
  });
  if (!updated) throw new HandOffActionRefused('wrong-status', 'The case changed meanwhile; load the hand-offs again and retry');
  metrics.addMetric(`HandOffAction-${action.action}`, MetricUnit.Count, 1);
  logger.info('Hand-off action taken', { referralId: referral.referralId, serviceId, action: action.action });
  return updated;
}
