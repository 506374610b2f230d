import type { ReferralRecords } from './ports.ts';
import { deskFilterOf, deskLine, deskOrder, type DeskFilter, type DeskLine } from '../domain/desk.ts';
import { timeLimitsOf } from '../regions/index.ts';

/** A desk is a handful of cases; read whole, it says when it is cut short. */
export const DESK_MAX = 500;

/**
 * The coordinator's desk for a region: flagged referrals and escalated ones (or one of the two),
 * found through the by-status index (its projection has the region and whether the escalation
 * fired), then read whole to decide again on the referral itself. Longest waiting first, those the
 * manager already heard of before all.
 */
export async function readDesk(referrals: ReferralRecords, regionId: string, filter?: DeskFilter): Promise<{ items: DeskLine[]; truncated: boolean }> {
  const ids: string[] = [];
  const wanted = (candidate: DeskFilter) => filter === undefined || filter === candidate;
  if (wanted('flagged-for-region')) {
    for await (const item of referrals.inStatus('flagged-for-region')) if (item.regionId === regionId) ids.push(item.referralId);
  }
  if (wanted('escalated')) {
    for await (const item of referrals.inStatus('notified')) if (item.regionId === regionId && item.escalatedAt) ids.push(item.referralId);
  }
  const truncated = ids.length > DESK_MAX;
  const found = await referrals.getMany(ids.slice(0, DESK_MAX));
  const items = found
    .filter((referral) => referral.regionId === regionId && !referral.pseudonymisedAt)
    .filter((referral) => {
      const on = deskFilterOf(referral);
      return on !== undefined && wanted(on);
    })
    .map((referral) => deskLine(referral, timeLimitsOf(referral.regionId)))
    .sort(deskOrder);
  return { items, truncated };
}
