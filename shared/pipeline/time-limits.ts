import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { IndexedReferral, Queue, ReferralRecords } from './ports.ts';
import type { NoticeKind } from '../domain/lifecycle.ts';
import { deskEscalationIsDue } from '../domain/desk.ts';
import { statsOf } from '../domain/referral-stats.ts';
import { dueLimits, LIMIT_ATTRIBUTE, OPEN_CASE, type TimeLimit } from '../domain/time-limits.ts';
import { describeError } from '../errors.ts';
import { logger, metrics } from '../powertools.ts';
import { timeLimitsOf } from '../regions/index.ts';

export interface TimeLimitsDeps {
  referrals: ReferralRecords;
  queue: Queue;
}

export interface TimeLimitsReport {
  fired: Record<TimeLimit, number>;
  /** Flagged cases nobody assigned within the coordinator's time limit: the manager was told (desk.ts). */
  deskEscalated: number;
  /** Referrals whose owed notices were handed to the notify step again (a lost message). */
  noticesResent: number;
}

/** What each limit sets in motion: a message, and the line in the case's timeline. */
const EFFECT: Record<TimeLimit, { notice?: NoticeKind; event: string; detail: string }> = {
  reminder: { notice: 'reminder-contact-person', event: 'reaction-overdue', detail: 'niet binnen 2 werkdagen aangenomen of afgewezen: herinnering aan de contactpersoon' },
  escalation: { notice: 'escalation-region', event: 'escalated-to-region', detail: 'niet binnen 5 werkdagen aangenomen of afgewezen: de regio is ingelicht' },
  'no-first-contact': { notice: 'no-first-contact-region', event: 'no-first-contact-in-time', detail: 'geen eerste contact binnen 4 weken (aanmeldnorm)' },
  'beyond-treeknorm': { event: 'beyond-treeknorm', detail: 'wacht langer dan 14 weken op ggz (treeknorm): op de lijst van de manager' },
  reassessment: { notice: 'reassessment-contact-person', event: 'reassessment-due', detail: 'sociaal domein eerst: de contactpersoon wordt gevraagd of ggz nog nodig is' },
};

/**
 * One run of the time limits at `now` (the schedule's time, or the clock a test sets). Every limit
 * that passed and has not fired does so now, once: the write that records it is conditional on it
 * not being recorded yet. A run after downtime therefore catches up on everything that fell due
 * meanwhile, and a second run at the same moment does nothing.
 */
export async function enforceTimeLimits(deps: TimeLimitsDeps, now: Date): Promise<TimeLimitsReport> {
  const report: TimeLimitsReport = { fired: { reminder: 0, escalation: 0, 'no-first-contact': 0, 'beyond-treeknorm': 0, reassessment: 0 }, deskEscalated: 0, noticesResent: 0 };
  for (const status of OPEN_CASE) {
    for await (const item of deps.referrals.inStatus(status)) {
      if (!item.stats) continue;
      const due = dueLimits({ ...item, stats: item.stats }, now, timeLimitsOf(item.regionId));
      let notify = false;
      for (const limit of due) {
        if (await fire(deps, item, limit, now)) {
          report.fired[limit]++;
          notify ||= EFFECT[limit].notice !== undefined;
        }
      }
      // The coordinator's own time limit: a flagged case nobody assigned in a working day goes to the manager.
      if (status === 'flagged-for-region' && deskEscalationIsDue(item, now, timeLimitsOf(item.regionId)) && (await escalateDesk(deps, item.referralId, now))) {
        report.deskEscalated++;
        notify = true;
      }
      // A case flagged for the region, or awaiting its intake (perhaps without a contact person yet), is tried
      // again for a contact person with room at every run; the match step skips one that has its person, and
      // its write is conditional, so a person is assigned once.
      if (status === 'flagged-for-region' || status === 'awaiting-intake') await retryMatch(deps, item.referralId, now);
      // Owed messages whose notify message was lost (an enqueue that failed): hand them over again.
      if (!notify && item.pendingNotices?.length) report.noticesResent++;
      if (notify || item.pendingNotices?.length) await enqueueNotify(deps, item.referralId);
    }
  }
  for (const [limit, count] of Object.entries(report.fired)) if (count) metrics.addMetric(`TimeLimit-${limit}`, MetricUnit.Count, count);
  if (report.deskEscalated) metrics.addMetric('TimeLimit-desk-escalation', MetricUnit.Count, report.deskEscalated);
  return report;
}

async function fire(deps: TimeLimitsDeps, item: IndexedReferral, limit: TimeLimit, now: Date): Promise<boolean> {
  // The index is read eventually consistent: decide again on the referral itself.
  const referral = await deps.referrals.get(item.referralId);
  if (!referral || !dueLimits({ ...referral, stats: statsOf(referral) }, now, timeLimitsOf(referral.regionId)).includes(limit)) return false;
  const { notice, event, detail } = EFFECT[limit];
  const at = now.toISOString();
  const updated = await deps.referrals.transition(referral, {
    unlessSet: LIMIT_ATTRIBUTE[limit],
    set: { [LIMIT_ATTRIBUTE[limit]]: at },
    ...(notice ? { addNotices: [notice] } : {}),
    timeline: [{ event, at, by: 'time-limits', detail }],
  });
  if (updated) logger.info('Time limit passed', { referralId: referral.referralId, limit, status: referral.status });
  return updated !== undefined;
}

/** The manager hears of the flagged case, once: the write is conditional on it not being recorded yet. */
async function escalateDesk(deps: TimeLimitsDeps, referralId: string, now: Date): Promise<boolean> {
  // The index is read eventually consistent: decide again on the referral itself.
  const referral = await deps.referrals.get(referralId);
  if (!referral || !deskEscalationIsDue(referral, now, timeLimitsOf(referral.regionId))) return false;
  const at = now.toISOString();
  const updated = await deps.referrals.transition(referral, {
    from: 'flagged-for-region',
    unlessSet: 'deskEscalatedAt',
    set: { deskEscalatedAt: at },
    addNotices: ['desk-escalation-manager'],
    timeline: [{ event: 'escalated-to-manager', at, by: 'time-limits', detail: 'na een werkdag nog geen contactpersoon gekozen: de manager is ingelicht' }],
  });
  if (updated) logger.info('Desk time limit passed', { referralId });
  return updated !== undefined;
}

async function retryMatch(deps: TimeLimitsDeps, referralId: string, now: Date): Promise<void> {
  try {
    await deps.queue.send('match', { referralId, origin: 'time-limits', round: `retry-${now.toISOString().slice(0, 13)}` });
  } catch (error) {
    logger.warn('Enqueue of a flagged case for matching failed; the next run retries', { referralId, error: describeError(error) });
  }
}

async function enqueueNotify(deps: TimeLimitsDeps, referralId: string): Promise<void> {
  try {
    await deps.queue.send('notify', { referralId, origin: 'time-limits' });
  } catch (error) {
    // The notices stay owed on the referral; the next run hands them over again.
    logger.warn('Enqueue of notices failed; the next run retries', { referralId, error: describeError(error) });
  }
}
