import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { RefusalReason } from '../domain/refusal.ts';
import { problem } from './responses.ts';

// How the API answers each reason the domain gives for refusing an action (shared/domain/refusal.ts):
// its status code and problem type (docs/api.md lists the types). The domain says why; this says how.

const ANSWERS: Record<RefusalReason, { status: 403 | 404 | 409; type: string }> = {
  'not-allowed': { status: 403, type: '/problems/forbidden' },
  'not-found': { status: 404, type: '/problems/not-found' },
  'wrong-status': { status: 409, type: '/problems/wrong-status' },
  'invalid-action': { status: 409, type: '/problems/invalid-action' },
  stale: { status: 409, type: '/problems/conflict' },
  'no-room': { status: 409, type: '/problems/no-room' },
  'unknown-contact-person': { status: 409, type: '/problems/unknown-contact-person' },
  'contact-person-inactive': { status: 409, type: '/problems/contact-person-inactive' },
  'contact-person-absent': { status: 409, type: '/problems/contact-person-absent' },
  'not-a-neighbour': { status: 409, type: '/problems/not-a-neighbour' },
  'hand-off-ended': { status: 409, type: '/problems/hand-off-ended' },
};

/** The status code a refusal is answered with. */
export const refusalStatus = (reason: RefusalReason) => ANSWERS[reason].status;

/** The problem answer to a refused action (ActionRefused, HandOffActionRefused). */
export function refusalProblem(refusal: { reason: RefusalReason; message: string }): APIGatewayProxyStructuredResultV2 {
  const { status, type } = ANSWERS[refusal.reason];
  return problem(status, { type, title: status === 404 ? 'Not found' : 'Action refused', detail: refusal.message });
}
