import { describe, expect, it } from 'vitest';
import { foldTimeline } from '../../web/src/components/timeline-model.ts';

// The timeline folds the "bericht verstuurd" entries under the step they belong to (issue 11).

const entry = (event: string, detail?: string) => ({ event, at: '2026-12-07T10:00:00Z', ...(detail ? { detail } : {}) });

describe('the folded timeline', () => {
  it('puts the messages of the hand-over under it, and feedback under the action it followed', () => {
    const folded = foldTimeline([
      entry('received'),
      entry('triaged'),
      entry('matched'),
      entry('contact-person-assigned'),
      entry('notification-sent', 'contact-person'),
      entry('notification-sent', 'bridging-partner'),
      entry('notified'),
      entry('accepted'),
      entry('notification-sent', 'feedback-accepted'),
    ]);
    expect(folded.map(({ entry: step, messages }) => [step.event, messages.map((message) => message.detail)])).toEqual([
      ['received', []],
      ['triaged', []],
      ['matched', []],
      ['contact-person-assigned', []],
      ['notified', ['contact-person', 'bridging-partner']],
      ['accepted', ['feedback-accepted']],
    ]);
  });

  it('keeps messages with nothing to fold under as steps of their own', () => {
    expect(foldTimeline([entry('notification-sent', 'kaart-reverification')]).map(({ entry: step }) => step.event)).toEqual(['notification-sent']);
  });
});
