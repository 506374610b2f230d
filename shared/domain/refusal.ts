// Why the domain refuses what a person asked of a case. It says why, never how the refusal is
// answered: the HTTP layer (shared/http/refusals.ts) and the FHIR API give each reason its status
// code and problem type.

export const REFUSAL_REASONS = [
  /** The person's role may not take this action. */
  'not-allowed',
  /** What the action names does not exist for the person. */
  'not-found',
  /** The action does not apply in the case's current status. */
  'wrong-status',
  /** The action does not fit this case: a date, a need, an option, a person that is not one of its own. */
  'invalid-action',
  /** The case changed since the person loaded it: load it again and retry. */
  'stale',
  /** The contact person (or every one of them) has no room for another client. */
  'no-room',
  /** The named contact person is not one of the region. */
  'unknown-contact-person',
  /** The named contact person is deactivated. */
  'contact-person-inactive',
  /** The named contact person is absent today. */
  'contact-person-absent',
  /** The named gemeente is not a neighbour of the client's. */
  'not-a-neighbour',
  /** The bridging partner's hand-off ended: the case closed, or the client withdrew consent. */
  'hand-off-ended',
] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

/** A case action that cannot be taken, and why (shared/domain/lifecycle.ts, the case actions). */
export class ActionRefused extends Error {
  readonly reason: RefusalReason;

  constructor(reason: RefusalReason, message: string) {
    super(message);
    this.name = 'ActionRefused';
    this.reason = reason;
  }
}
