import { ROLE_LABELS } from '#shared/access/policy.ts';
import {
  CHANNEL_LABELS,
  CONSENT_DATA_LABELS,
  CONSENT_RECIPIENT_LABELS,
  NEED_OUTCOME_LABELS,
  NOTIFICATION_KIND_LABELS,
  REFERRAL_STATUS_LABELS,
  TIMELINE_EVENT_LABELS,
  UNMET_NEED_REASON_LABELS,
  needLabel,
  type Channel,
} from '#shared/domain/vocabulary.ts';
import { formatDate, formatDateTime } from './format.ts';
import { foldTimeline, type TimelineItem } from './timeline-model.ts';


const label = <T extends string>(labels: Record<T, string>, code: string) => (labels as Record<string, string>)[code] ?? code;

/**
 * The detail in words. Most details are written in Dutch by the pipeline; a few events carry
 * codes (shared/domain/lifecycle.ts, shared/pipeline/case-actions.ts) that are labelled here.
 */
export function describeDetail(event: string, detail: string): string {
  switch (event) {
    case 'notification-sent':
      return label(NOTIFICATION_KIND_LABELS, detail);
    case 'first-contact': {
      const [date, channel] = detail.split(', ');
      return date && channel ? `${formatDate(date)}, ${label(CHANNEL_LABELS, channel as Channel)}` : detail;
    }
    case 'outcome': {
      const match = /^([\w-]+): ([\w-]+)(?: \(([\w-]+)\))?$/.exec(detail);
      if (!match) return detail;
      const [, needCode, result, reason] = match as unknown as [string, string, string, string | undefined];
      return `${needLabel(needCode)}: ${label(NEED_OUTCOME_LABELS, result)}${reason ? ` (${label(UNMET_NEED_REASON_LABELS, reason)})` : ''}`;
    }
    case 'consent-withdrawn': {
      const [recipient, data = ''] = detail.split(': ');
      return `${label(CONSENT_RECIPIENT_LABELS, recipient ?? '')}: ${data.split(', ').filter(Boolean).map((kind) => label(CONSENT_DATA_LABELS, kind)).join(', ')}`;
    }
    case 'no-other-option':
      return needLabel(detail);
    case 'amended':
      return `nieuwe hulpvraag: ${detail.split(', ').map((code) => needLabel(code)).join(', ')}`;
    case 'partner-first-contact': {
      const [service, date] = detail.split(/: (?=\d{4}-\d{2}-\d{2}$)/);
      return date ? `${service}, ${formatDate(date)}` : detail;
    }
    default:
      return detail;
  }
}

/** What happened to a referral, oldest first: the feedback a referrer waits for, the messages folded under their step. */
export function Timeline({ entries, label: heading = 'Tijdlijn' }: { entries: readonly TimelineItem[]; label?: string }) {
  if (!entries.length) return <p class="muted">Nog niets gebeurd.</p>;
  return (
    <ol class="timeline" aria-label={heading}>
      {foldTimeline(entries).map(({ entry, messages }, index) => (
        <li class="timeline-entry" key={`${entry.at}-${index}`}>
          <time class="timeline-time" dateTime={entry.at}>
            {formatDateTime(entry.at)}
          </time>
          <span class="timeline-event">{TIMELINE_EVENT_LABELS[entry.event] ?? (REFERRAL_STATUS_LABELS as Record<string, string>)[entry.event] ?? entry.event}</span>
          {entry.detail ? <span class="timeline-detail">{describeDetail(entry.event, entry.detail)}</span> : null}
          {entry.actor ? (
            <span class="timeline-actor muted">
              door {entry.actor.name ?? 'iemand'} ({ROLE_LABELS[entry.actor.role]?.split(' (')[0]?.toLowerCase() ?? entry.actor.role})
            </span>
          ) : null}
          {messages.length ? (
            <details class="timeline-messages">
              <summary>
                {messages.length === 1 ? '1 bericht verstuurd' : `${messages.length} berichten verstuurd`}
              </summary>
              <ul>
                {messages.map((message, messageIndex) => (
                  <li key={messageIndex}>{message.detail ? describeDetail(message.event, message.detail) : 'bericht'}</li>
                ))}
              </ul>
            </details>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
