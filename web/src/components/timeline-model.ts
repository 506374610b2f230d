import type { Role } from '#shared/access/policy.ts';

// What the timeline shows, as pure functions (unit-tested without a browser).

export interface TimelineItem {
  event: string;
  at: string;
  actor?: { role: Role; name?: string };
  detail?: string;
}

/** Steps whose own messages are sent just before them (the pipeline sends, then records the step). */
const SENDS_BEFORE = new Set(['notified', 'flagged-for-region', 'crisis-handed-off']);

/**
 * The timeline's steps, each with the messages sent for it ("bericht verstuurd" entries): a run of
 * them goes with the step that follows when that step is the hand-over that sent them, and
 * otherwise with the step before (feedback after an action). Messages before any step stand alone.
 */
export function foldTimeline<T extends TimelineItem>(entries: readonly T[]): { entry: T; messages: T[] }[] {
  const steps: { entry: T; messages: T[] }[] = [];
  let run: T[] = [];
  for (const entry of entries) {
    if (entry.event === 'notification-sent') {
      run.push(entry);
      continue;
    }
    if (run.length && (SENDS_BEFORE.has(entry.event) || steps.length === 0)) {
      steps.push({ entry, messages: run });
    } else {
      if (run.length) steps.at(-1)!.messages.push(...run);
      steps.push({ entry, messages: [] });
    }
    run = [];
  }
  if (run.length) {
    if (steps.length) steps.at(-1)!.messages.push(...run);
    else steps.push(...run.map((entry) => ({ entry, messages: [] })));
  }
  return steps;
}

