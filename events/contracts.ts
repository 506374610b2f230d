import * as z from '../shared/domain/zod.ts';

// Contracts of the messages between the pipeline's functions. Messages carry ids, not content:
// the referral in DynamoDB is the source of truth, and queues and DLQs hold no client data.

export const MESSAGE_ORIGINS = ['submit-referral', 'triage', 'match', 'case-actions', 'time-limits', 'sweeper', 'redrive', 'team'] as const;

/** Strict: nothing else rides along on a queue, so no client data can end up there or in a DLQ. */
export const PipelineMessageSchema = z.strictObject({
  referralId: z.uuid(),
  /** Ties the log lines of one referral's journey together across functions. */
  correlationId: z.optional(z.string().check(z.maxLength(200))),
  origin: z.enum(MESSAGE_ORIGINS),
  /**
   * Which pass of its step the message asks for, when a step runs again for a referral on
   * purpose (a new contact person after a decline): for the logs; the referral's status guards the step.
   */
  round: z.optional(z.string().check(z.maxLength(40))),
});
export type PipelineMessage = z.infer<typeof PipelineMessageSchema>;
