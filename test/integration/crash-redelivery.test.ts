import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailbox, notificationIdOf, notificationKindOf, OverbrugClient } from '../support/api-client.ts';
import { startStackProcess, type StackProcess } from '#local/child-process.ts';
import { sampleBody } from '../support/samples.ts';

let stack: StackProcess;

beforeAll(async () => {
  stack = await startStackProcess({
    // Visibility timeout 90 s -> 9 s. The crashed invocation's idempotency records stay "in
    // progress" for the function's 15 s timeout; the second or third redelivery gets through.
    timeScale: 0.1,
    // The notify sandbox dies just before its second e-mail: mid-batch, even mid-record, after
    // the first e-mail of the first referral went out.
    faults: { functions: { notify: { crashBefore: { command: 'SendEmailCommand', call: 2 } } } },
  });
});
afterAll(() => stack?.stop());

describe('a consumer crash mid-batch', () => {
  it('is followed by redelivery that completes every referral without sending any e-mail twice', async () => {
    const api = await OverbrugClient.local(stack.endpoints);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const body = await sampleBody('combined');
      (body.client as Record<string, unknown>).ref = `crash-test-${i}`;
      ids.push((await api.submit(body)).json.referralId);
    }
    for (const id of ids) expect((await api.waitForStatus(id, ['notified'], 90_000)).status).toBe('notified');

    expect(stack.output()).toContain('injected crash');
    const emails = await mailbox(stack.endpoints.mailbox);
    const sent = emails.map(notificationIdOf);
    expect(new Set(sent).size).toBe(sent.length);
    const perReferral = ids.map((id) => emails.filter((email) => notificationIdOf(email)?.startsWith(id)).map(notificationKindOf).sort());
    // The sample gave the client's e-mail address and consent to the client letter by e-mail.
    expect(perReferral).toEqual(ids.map(() => ['bridging-partner', 'client-letter', 'contact-person']));
  });
});
