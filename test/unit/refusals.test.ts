import { describe, expect, it } from 'vitest';
import { HandOffActionRefused } from '#shared/domain/hand-off.ts';
import { ActionRefused } from '#shared/domain/lifecycle.ts';
import { REFUSAL_REASONS } from '#shared/domain/refusal.ts';
import { refusalProblem } from '#shared/http/refusals.ts';

// The domain says why it refuses; the HTTP layer answers. The answers are the API's (docs/api.md):
// the same status and problem type as when the domain still carried them.
const answer = (refusal: { reason: (typeof REFUSAL_REASONS)[number]; message: string }) => {
  const response = refusalProblem(refusal);
  return { status: response.statusCode, ...(JSON.parse(response.body as string) as object) };
};

describe('the answer to a refused action', () => {
  it('keeps the status and problem type of every reason', () => {
    const answers = Object.fromEntries(REFUSAL_REASONS.map((reason) => [reason, answer(new ActionRefused(reason, 'why'))]));
    expect(answers).toEqual({
      'not-allowed': { status: 403, type: '/problems/forbidden', title: 'Action refused', detail: 'why' },
      'not-found': { status: 404, type: '/problems/not-found', title: 'Not found', detail: 'why' },
      'wrong-status': { status: 409, type: '/problems/wrong-status', title: 'Action refused', detail: 'why' },
      'invalid-action': { status: 409, type: '/problems/invalid-action', title: 'Action refused', detail: 'why' },
      stale: { status: 409, type: '/problems/conflict', title: 'Action refused', detail: 'why' },
      'no-room': { status: 409, type: '/problems/no-room', title: 'Action refused', detail: 'why' },
      'unknown-contact-person': { status: 409, type: '/problems/unknown-contact-person', title: 'Action refused', detail: 'why' },
      'contact-person-inactive': { status: 409, type: '/problems/contact-person-inactive', title: 'Action refused', detail: 'why' },
      'contact-person-absent': { status: 409, type: '/problems/contact-person-absent', title: 'Action refused', detail: 'why' },
      'not-a-neighbour': { status: 409, type: '/problems/not-a-neighbour', title: 'Action refused', detail: 'why' },
      'hand-off-ended': { status: 409, type: '/problems/hand-off-ended', title: 'Action refused', detail: 'why' },
    });
  });

  it('answers a partner refused on a hand-off alike', () => {
    expect(answer(new HandOffActionRefused('hand-off-ended', 'The case is closed'))).toEqual({ status: 409, type: '/problems/hand-off-ended', title: 'Action refused', detail: 'The case is closed' });
  });
});
