import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Queue, ReferralRecords } from './ports.ts';
import { PIPELINE_PENDING_STATUSES, type ReferralStatus } from '../domain/vocabulary.ts';
import { logger, metrics } from '../powertools.ts';
import type { QueueId } from '../topology.ts';

export interface SweepDeps {
  referrals: ReferralRecords;
  queue: Queue;
  now: () => Date;
}

export interface SweepOptions {
  staleAfterSeconds: number;
  maxSweeps: number;
  /**
   * `stale` (the schedule): referrals that sat too long, found through the by-status index, and
   * each re-enqueue counts towards `maxSweeps`. `queues-lost` (a local restart, whose queues start
   * empty): every referral in flight is stranded for certain, so all of them, read from the table
   * itself (a crashed emulator can leave its index behind), and it is no sign of trouble with them.
   */
  mode: 'stale' | 'queues-lost';
}

export interface SweepReport {
  requeued: Record<QueueId, number>;
  stalled: number;
}

/**
 * The referral record is the source of truth. A referral whose message was lost (an enqueue that
 * failed after the write, a queue that forgot its messages) sits in a non-final status; the sweeper
 * sends it to the queue of its next step. Safe, because every step is idempotent.
 */
export async function sweep(deps: SweepDeps, options: SweepOptions): Promise<SweepReport> {
  const now = deps.now();
  const cutoff = new Date(now.getTime() - options.staleAfterSeconds * 1000).toISOString();
  const report: SweepReport = { requeued: { triage: 0, match: 0, notify: 0 }, stalled: 0 };
  const pending = [...PIPELINE_PENDING_STATUSES];

  const countAsRetry = options.mode === 'stale';
  const candidates = options.mode === 'stale' ? pending.map((status) => deps.referrals.stale(status, cutoff)) : [deps.referrals.inStatuses(pending)];
  for (const source of candidates) {
    for await (const stale of source) {
      const { status } = stale;
      if (stale.stalledAt) continue; // reported once already; waits for a person or a redrive
      if (countAsRetry && stale.sweeps >= options.maxSweeps) {
        if (await deps.referrals.markStalled(stale.referralId, status, now.toISOString())) {
          report.stalled++;
          logger.error('Referral stalled: re-enqueued the maximum number of times, needs a person to look at it', {
            referralId: stale.referralId,
            status,
            sweeps: stale.sweeps,
          });
        }
        continue;
      }
      const next = await nextStep(deps, stale.referralId, status);
      if (!next) continue;
      const { queue, round } = next;
      if (!(await deps.referrals.markSwept(stale.referralId, status, now.toISOString(), cutoff, countAsRetry))) continue;
      await deps.queue.send(queue, { referralId: stale.referralId, origin: 'sweeper', ...(round ? { round } : {}) });
      report.requeued[queue]++;
      logger.warn('Stale referral re-enqueued', { referralId: stale.referralId, status, queue, statusChangedAt: stale.statusChangedAt });
    }
  }
  const total = report.requeued.triage + report.requeued.match + report.requeued.notify;
  metrics.addMetric('ReferralsRequeued', MetricUnit.Count, total);
  metrics.addMetric('ReferralsStalled', MetricUnit.Count, report.stalled);
  return report;
}

async function nextStep(deps: SweepDeps, referralId: string, status: ReferralStatus): Promise<{ queue: QueueId; round?: string } | undefined> {
  if (status === 'received') return { queue: 'triage' };
  if (status === 'matched') return { queue: 'notify' };
  const referral = await deps.referrals.get(referralId);
  if (!referral || referral.status !== status) return undefined;
  // Declined: the match step seeks another contact person, in the pass this decline started.
  if (status === 'declined') return { queue: 'match', round: `after-decline-${referral.declinedBy?.length ?? 1}` };
  // A triaged crisis is handed off by the notify step; any other triaged referral awaits matching.
  return { queue: referral.triage?.route === 'crisis' ? 'notify' : 'match' };
}
