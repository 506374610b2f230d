import { createHash } from 'node:crypto';

// Keys derived from what a referral says, never the data itself: how a client's cases are found
// and how a resubmission is recognised.

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** A hash of region and client reference: the key under which a client's cases are found. */
export const clientKeyOf = (regionId: string, clientRef: string) => sha256(`${regionId}:${clientRef}`);

/** A hash of a referral request: the same request sent again under the same Idempotency-Key has the same hash. */
export const requestHash = (request: unknown) => sha256(JSON.stringify(request));

/**
 * What the duplicate guard holds for a referral awaiting its netwerkintake (it has no needs yet):
 * one such referral per client; the intake then claims the needs it finds.
 */
export const INTAKE_CLAIM = 'netwerkintake';
