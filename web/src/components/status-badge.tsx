import type { ComponentChildren } from 'preact';
import type { TimeLimit } from '#shared/domain/time-limits.ts';
import { CLOSED_STATUSES, PIPELINE_PENDING_STATUSES, REFERRAL_STATUS_LABELS, TIME_LIMIT_LABELS, type ReferralStatus } from '#shared/domain/vocabulary.ts';

export type BadgeTone = 'neutral' | 'progress' | 'done' | 'attention' | 'closed' | 'crisis';

/** A short label in a coloured box; the words carry the meaning, the colour only helps. */
export function Badge({ tone = 'neutral', children }: { tone?: BadgeTone; children: ComponentChildren }) {
  return <span class={`badge badge-${tone}`}>{children}</span>;
}

function toneOf(status: ReferralStatus): BadgeTone {
  if (status === 'crisis-handed-off') return 'crisis';
  if (status === 'flagged-for-region' || status === 'awaiting-intake') return 'attention';
  if (CLOSED_STATUSES.includes(status)) return 'closed';
  if (PIPELINE_PENDING_STATUSES.includes(status)) return 'progress';
  return 'done';
}

/** A referral's status in Dutch; `labels` words it for another reader (the contact person: `CASE_STATUS_LABELS`). */
export function StatusBadge({ status, labels = REFERRAL_STATUS_LABELS }: { status: ReferralStatus; labels?: Record<ReferralStatus, string> }) {
  return <Badge tone={toneOf(status)}>{labels[status] ?? status}</Badge>;
}

/** The time limits a referral passed (GET /referrals `overdue`), each marked. */
export function OverdueBadges({ limits }: { limits: readonly TimeLimit[] }) {
  if (!limits.length) return null;
  return (
    <span class="badges">
      {limits.map((limit) => (
        <Badge key={limit} tone="attention">
          <span aria-hidden="true">⚠ </span>
          {TIME_LIMIT_LABELS[limit] ?? limit}
        </Badge>
      ))}
    </span>
  );
}
