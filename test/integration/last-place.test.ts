import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OverbrugClient } from '../support/api-client.ts';
import { directAws } from '../support/direct-aws.ts';
import { lastPlaceService, serviceItem } from '../support/fixtures.ts';
import { startStackProcess, type StackProcess } from '#local/child-process.ts';
import { sampleBody } from '../support/samples.ts';

let stack: StackProcess;
beforeAll(async () => {
  stack = await startStackProcess();
});
afterAll(() => stack?.stop());

// End to end, whatever the interleaving the event source produces (one batch or two sandboxes):
// the place has one holder. The race itself, two sandboxes on one place, is forced in
// test/handlers/pipeline.test.ts.
describe('the last place', () => {
  it('goes to exactly one of two referrals that want it at the same time', async () => {
    const aws = directAws(stack.endpoints);
    const serviceId = `it-last-place-${crypto.randomUUID().slice(0, 8)}`;
    await aws.document.send(new PutCommand({ TableName: 'overbrug-local-sociale-kaart', Item: serviceItem(lastPlaceService(serviceId)) }));

    const api = await OverbrugClient.local(stack.endpoints);
    const ids = await Promise.all(
      ['race-a', 'race-b'].map(async (ref) => {
        const body = await sampleBody('combined');
        (body.client as Record<string, unknown>).ref = ref;
        return (await api.submit(body)).json.referralId as string;
      }),
    );
    const done = await Promise.all(ids.map((id) => api.waitForStatus(id, ['notified'])));

    const holders = done.filter((referral) => referral.matches.some((match) => match.serviceId === serviceId && match.placeReserved));
    expect(holders).toHaveLength(1);
    const other = done.find((referral) => referral !== holders[0])!;
    expect(other.matches.filter((match) => match.kind === 'bridging')).toHaveLength(1);
    expect(other.matches.some((match) => match.serviceId === serviceId)).toBe(false);

    const { Item } = await aws.document.send(new GetCommand({ TableName: 'overbrug-local-sociale-kaart', Key: { serviceId } }));
    expect(Item?.placesTaken).toBe(1);
    expect([...(Item?.reservedFor as Set<string>)]).toEqual([holders[0]!.referralId]);
  });
});
