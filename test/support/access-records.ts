import { randomUUID } from 'node:crypto';
import type { AccessRecord } from '#shared/adapters/access-log.ts';

/**
 * An access-log entry as a function writes it (a contact person reading a case), for a test to put
 * straight into the table: for another region, or many at once. `overrides` as the test needs.
 */
export const accessRecord = (overrides: Partial<AccessRecord> = {}): AccessRecord => ({
  referralId: randomUUID(),
  regionId: 'regio-voorbeeld',
  actor: `sub-${randomUUID()}`,
  actorName: 'T. Test',
  route: 'GET /referrals/{referralId}',
  role: 'clientondersteuner',
  action: 'read-case',
  purpose: 'case work by the contact person',
  outcome: 'shown',
  at: new Date().toISOString(),
  requestId: randomUUID(),
  ...overrides,
});
