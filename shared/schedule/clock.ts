import type { ScheduledEvent } from 'aws-lambda';

/**
 * A scheduled run's clock is the event's `time` (EventBridge Scheduler fills in the scheduled
 * time; the local runtime the time a test asks for), so a delayed or repeated run judges as of
 * when it was due.
 */
export function clockOf(event: Pick<ScheduledEvent, 'time'>): Date {
  const at = event.time ? new Date(event.time) : new Date();
  if (Number.isNaN(at.getTime())) throw new Error(`The scheduled event's time '${event.time}' is not a time`);
  return at;
}
