import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OpenNeeds, UNSTORED_CLAIM_GRACE_MS, type OpenReferral } from '#shared/adapters/open-needs.ts';
import { startEmulatedAws, type EmulatedAws } from '../support/emulated-aws.ts';

// The duplicate guard on dynalite: one item per client, all needs claimed in one conditional write.
let aws: EmulatedAws;
/** The referrals the guard asks about: open ones answer, closed or unknown ones do not. */
const open = new Map<string, OpenReferral>();
let guard: OpenNeeds;

beforeAll(async () => {
  aws = await startEmulatedAws();
  guard = new OpenNeeds(aws.document, aws.tableNames.idempotency, async (referralId) => open.get(referralId));
});
afterAll(() => aws.close());

const opened = (referralId: string) => open.set(referralId, { referralId, contactPersonName: null });
const itemOf = async (clientKey: string) =>
  (await aws.document.send(new GetCommand({ TableName: aws.tableNames.idempotency, Key: { id: `open-needs#${clientKey}` }, ConsistentRead: true }))).Item;
/** Need → the referral holding it. */
const claimsOf = async (clientKey: string) => {
  const item = await itemOf(clientKey);
  return item && Object.fromEntries(Object.entries(item).filter(([name]) => name.startsWith('need:')));
};
/** Makes a claim look as old as a submission that died long ago. */
const age = (clientKey: string, need: string) =>
  aws.document.send(
    new UpdateCommand({
      TableName: aws.tableNames.idempotency,
      Key: { id: `open-needs#${clientKey}` },
      UpdateExpression: 'SET #at = :long',
      ExpressionAttributeNames: { '#at': `claimed-at:${need}` },
      ExpressionAttributeValues: { ':long': new Date(Date.now() - UNSTORED_CLAIM_GRACE_MS - 1000).toISOString() },
    }),
  );

describe('the open-need guard', () => {
  it('refuses a second referral for a need that is open, and then takes none of its other needs either', async () => {
    opened('first');
    expect(await guard.claim('client-a', ['werk', 'wonen'], 'first')).toEqual({ claimed: true });
    expect(await guard.claim('client-a', ['geld', 'wonen'], 'second')).toEqual({ claimed: false, open: open.get('first'), need: 'wonen' });
    // Nothing half-claimed: the refused referral holds no need at all.
    expect(Object.values((await claimsOf('client-a'))!)).not.toContain('second');
    expect(await guard.claim('client-a', ['geld'], 'third')).toEqual({ claimed: true });
  });

  it('answers a redelivered claim of the same referral as claimed, without a second item', async () => {
    opened('again');
    expect(await guard.claim('client-b', ['psychisch'], 'again')).toEqual({ claimed: true });
    expect(await guard.claim('client-b', ['psychisch'], 'again')).toEqual({ claimed: true });
    expect(await claimsOf('client-b')).toEqual({ 'need:psychisch': 'again' });
  });

  it('refuses a claim of a referral not stored yet (two submissions at the same moment), and takes it over once it is old (a submission that died)', async () => {
    expect(await guard.claim('client-c', ['werk'], 'still-storing')).toEqual({ claimed: true });
    opened('next');
    expect(await guard.claim('client-c', ['werk'], 'next')).toEqual({ claimed: false, open: { referralId: 'still-storing', contactPersonName: null }, need: 'werk' });
    await age('client-c', 'werk');
    expect(await guard.claim('client-c', ['werk'], 'next')).toEqual({ claimed: true });
    expect((await claimsOf('client-c'))?.['need:werk']).toBe('next');
  });

  it('gives back only the needs the referral holds', async () => {
    opened('one');
    opened('two');
    await guard.claim('client-d', ['werk'], 'one');
    await guard.claim('client-d', ['wonen'], 'two');
    await guard.release('client-d', ['werk', 'wonen', 'netwerkintake'], 'one');
    expect(await claimsOf('client-d')).toEqual({ 'need:wonen': 'two' });
    await guard.release('client-d', ['werk'], 'one');
    expect(await guard.claim('client-d', ['werk'], 'three')).toEqual({ claimed: true });
  });

  it('deletes the client\'s item once it holds no claim: nothing of the client stays behind', async () => {
    opened('only');
    await guard.claim('client-f', ['werk', 'wonen'], 'only');
    await guard.release('client-f', ['werk', 'wonen'], 'only');
    expect(await itemOf('client-f')).toBeUndefined();
  });

  it('lets exactly one of many referrals claiming the same need at once have it', async () => {
    const ids = Array.from({ length: 8 }, (_, index) => `racer-${index}`);
    ids.forEach(opened);
    const outcomes = await Promise.all(ids.map((id) => guard.claim('client-e', ['wonen'], id)));
    expect(outcomes.filter((outcome) => outcome.claimed)).toHaveLength(1);
  });
});
