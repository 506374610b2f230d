import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { mailbox, notificationIdOf, OverbrugClient } from '../support/api-client.ts';
import { startStackProcess, type StackProcess } from '#local/child-process.ts';
import { sampleBody, SAMPLE_ROUTES } from '../support/samples.ts';

let second: StackProcess | undefined;
let dataDir: string | undefined;
afterAll(async () => {
  await second?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('a restart of the whole local runtime', () => {
  it('completes every referral that was in flight when the machine died', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'overbrug-restart-'));
    // The first life cannot send e-mail, so every referral is surely still in flight when it dies.
    const first = await startStackProcess({ dataDir, faults: { functions: { notify: { failRate: { rate: 1, commands: ['SendEmailCommand'] } } } } });
    const api = await OverbrugClient.local(first.endpoints);
    const ids = await Promise.all(
      Array.from({ length: 12 }, async (_, i) => {
        const body = await sampleBody(SAMPLE_ROUTES[i % SAMPLE_ROUTES.length]!);
        (body.client as Record<string, unknown>).ref = `restart-${i}`;
        const { status, json } = await api.submit(body);
        expect(status, JSON.stringify(json)).toBe(202);
        return json.referralId as string;
      }),
    );
    // kill -9 with referrals in every stage: the in-memory queues and their messages are gone.
    await first.kill();

    second = await startStackProcess({ dataDir });
    // Recovery came from DynamoDB: the new stack re-enqueued what the dead one had in flight.
    expect(second.output()).toContain('Stale referral re-enqueued');
    const after = await OverbrugClient.local(second.endpoints);
    for (const id of ids) {
      const done = await after.waitForStatus(id, undefined, 20_000);
      const kinds = done.notifications.map((notification) => notification.kind);
      expect(new Set(kinds).size).toBe(kinds.length);
    }
    // Every e-mail went out in the second life, each once.
    const sent = (await mailbox(second.endpoints.mailbox)).map(notificationIdOf).filter((id) => ids.some((referralId) => id?.startsWith(referralId)));
    expect(sent.length).toBeGreaterThanOrEqual(ids.length);
    expect(new Set(sent).size).toBe(sent.length);
  });
});
