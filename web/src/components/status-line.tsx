import type { ComponentChildren } from 'preact';
import type { ReferralView } from '#shared/domain/referral-view.ts';
import type { ReferralStatus } from '#shared/domain/vocabulary.ts';
import { formatDate, formatDateTime } from './format.ts';
import { Notice } from './notice.tsx';
import { StatusBadge } from './status-badge.tsx';

/**
 * Where a referral is, under a page's heading: its status (worded by `labels` for the reader) with
 * `beside` next to it, since when, when it was referred and where; `below` under that (passed time
 * limits); and why the region has it, when it does.
 */
export function StatusLine({
  view,
  labels,
  beside,
  below,
}: {
  view: Pick<ReferralView, 'status' | 'statusChangedAt' | 'createdAt' | 'gemeente' | 'region' | 'flagReason'>;
  labels?: Record<ReferralStatus, string>;
  beside?: ComponentChildren;
  below?: ComponentChildren;
}) {
  return (
    <>
      <div class="status-line">
        <p role="status" class="status-now">
          <span class="muted">Status: </span>
          <StatusBadge status={view.status} {...(labels ? { labels } : {})} />
          {beside}
        </p>
        <p class="muted">
          Sinds {formatDateTime(view.statusChangedAt)} · verwezen op {formatDate(view.createdAt)} · {view.gemeente}
          {view.region.fictional ? ' · fictieve regio' : ''}
        </p>
        {below}
      </div>
      {view.flagReason ? (
        <Notice tone="warning" title="Voorgelegd aan de regio">
          <p>{view.flagReason}</p>
        </Notice>
      ) : null}
    </>
  );
}
