import { crisisInstructions } from './notifications.ts';
import type { Referral } from './referral.ts';
import type { Region } from './region.ts';

/**
 * What GET /referrals/{id} shows: where the referral is and why, not the intake. The story,
 * flags, client details and referrer's contact details stay in the record.
 */
export function referralView(referral: Referral, region: Region) {
  return {
    referralId: referral.referralId,
    status: referral.status,
    createdAt: referral.createdAt,
    statusChangedAt: referral.statusChangedAt,
    region: { id: region.regionId, name: region.name, fictional: region.fictional },
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
    })),
    unmetNeeds: referral.unmetNeeds ?? [],
    contactPerson: referral.contactPerson ? { id: referral.contactPerson.id, name: referral.contactPerson.name } : null,
    ...(referral.flagReason ? { flagReason: referral.flagReason } : {}),
    ...(referral.triage?.route === 'crisis' ? { crisis: crisisInstructions(region) } : {}),
    notifications: (referral.notifications ?? []).map((notification) => ({ kind: notification.kind, sentAt: notification.sentAt })),
    timeline: referral.timeline,
  };
}
export type ReferralView = ReturnType<typeof referralView>;
