import type { NoticeKind, Referral, SentNotification, TimelineEntry } from './referral.ts';
import { derivedAttributes } from './referral-stats.ts';
import { canTransition } from './transitions.ts';
import type { ReferralStatus } from './vocabulary.ts';

/** What one write changes in a referral. The conditions it is written on are the store's guards, not part of the change. */
export interface ReferralChange {
  to?: ReferralStatus;
  set?: Partial<
    Omit<Referral, 'referralId' | 'status' | 'statusChangedAt' | 'timeline' | 'pendingNotices' | 'notifications' | keyof ReturnType<typeof derivedAttributes>>
  >;
  remove?: (keyof Referral)[];
  timeline: TimelineEntry[];
  /**
   * Owed notices to add or to clear. They are a set changed in place, so the notify step clearing
   * what it sent never collides with a person adding a new one (nobody has to read it first).
   */
  addNotices?: NoticeKind[];
  clearNotices?: NoticeKind[];
  /** Sent notifications to record, appended in place for the same reason. */
  appendNotifications?: SentNotification[];
}

/** A status change the lifecycle's table does not list: a bug, never written. */
export class TransitionNotAllowed extends Error {
  constructor(from: ReferralStatus, to: ReferralStatus) {
    super(`A referral cannot go from ${from} to ${to} (shared/domain/transitions.ts)`);
    this.name = 'TransitionNotAllowed';
  }
}

/**
 * The referral after a change made to it in status `from`, and the attributes a store writes for
 * it: the change's own and the ones derived for the indexes (set when they have a value, removed
 * when they lost it), `statusChangedAt` among them on a status change. The lifecycle decides
 * here; a store only persists the result.
 */
export function applyChange(
  current: Referral,
  from: ReferralStatus,
  change: ReferralChange,
  now: Date,
): { next: Referral; set: Record<string, unknown>; remove: string[] } {
  if (change.to && change.to !== from && !canTransition(from, change.to)) throw new TransitionNotAllowed(from, change.to);
  const next: Referral = {
    ...current,
    ...(change.set as Partial<Referral>),
    status: change.to ?? from,
    timeline: [...current.timeline, ...change.timeline],
    notifications: [...(current.notifications ?? []), ...(change.appendNotifications ?? [])],
  };
  if (change.addNotices?.length || change.clearNotices?.length) {
    const pending = new Set(current.pendingNotices ?? []);
    for (const kind of change.addNotices ?? []) pending.add(kind);
    for (const kind of change.clearNotices ?? []) pending.delete(kind);
    next.pendingNotices = [...pending];
  }
  for (const key of change.remove ?? []) delete next[key];
  const set: Record<string, unknown> = { ...change.set };
  // A status changes when its timeline entry says it did.
  if (change.to) set.statusChangedAt = next.statusChangedAt = change.timeline.at(-1)?.at ?? now.toISOString();
  const remove: string[] = [...(change.remove ?? [])];
  for (const [key, value] of Object.entries(derivedAttributes(next))) {
    if (value !== undefined) set[key] = value;
    else if (current[key as keyof Referral] !== undefined) remove.push(key);
  }
  Object.assign(next, derivedAttributes(next));
  return { next, set, remove };
}

/** A new referral as a store keeps it: with the attributes its indexes are derived from. */
export function storedReferral(referral: Referral): Referral {
  return { ...referral, ...derivedAttributes(referral) };
}
