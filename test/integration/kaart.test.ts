import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStackProcess, type StackProcess } from '#local/child-process.ts';
import { dutchDate } from '#shared/domain/dutch-calendar.ts';
import { DEMO_USERS } from '#shared/regions/demo-users.ts';
import { mailbox, notificationIdOf, OverbrugClient } from '../support/api-client.ts';
import { sampleBody } from '../support/samples.ts';

// The sociale kaart stays true: stale entries rank down and then drop out of matching, their
// partners are asked to confirm them with one click, and partners keep capacity and waiting time
// current, with the history kept for managers.

let stack: StackProcess;
let document: DynamoDBDocumentClient;
const TABLE = 'overbrug-local-sociale-kaart';
const DAY = 24 * 60 * 60 * 1000;

beforeAll(async () => {
  // No kaart cache in the match function, so a changed entry counts at once (no waiting it out).
  stack = await startStackProcess({ functionEnvironment: { KAART_CACHE_SECONDS: '0' } });
  document = DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint: stack.endpoints.dynamodb, region: 'eu-central-1', credentials: { accessKeyId: 't', secretAccessKey: 't' } }),
  );
});
afterAll(() => stack?.stop());

const as = (username: string) => OverbrugClient.local(stack.endpoints, username);

async function runUpkeep(at = new Date()): Promise<void> {
  const response = await fetch(`${stack.endpoints.api}/_local/schedules/kaart-upkeep`, { method: 'POST', body: JSON.stringify({ at: at.toISOString() }) });
  expect(response.status).toBe(200);
}

const reverificationMails = async (serviceId: string) =>
  (await mailbox(stack.endpoints.mailbox)).filter((email) => notificationIdOf(email)?.startsWith(`kaart:${serviceId}:reverify:`));

const linkIn = (text: string) => /https?:\/\/\S+\/kaart\/verify\?\S+/.exec(text)![0];

async function entry(serviceId: string): Promise<Record<string, any>> {
  const { Item } = await document.send(new GetCommand({ TableName: TABLE, Key: { serviceId }, ConsistentRead: true }));
  return Item!;
}

async function setLastVerified(serviceId: string, daysAgo: number): Promise<void> {
  const date = new Date(Date.now() - daysAgo * DAY).toISOString().slice(0, 10);
  await document.send(new UpdateCommand({ TableName: TABLE, Key: { serviceId }, UpdateExpression: 'SET lastVerified = :date REMOVE verification', ExpressionAttributeValues: { ':date': date } }));
}

/** Confirms through the e-mail's link as a partner would: open the page, press the one button. */
async function confirmThrough(link: string): Promise<{ page: string; confirmation: Response }> {
  const page = await (await fetch(link)).text();
  const url = new URL(link);
  const confirmation = await fetch(new URL('verify', url), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ service: url.searchParams.get('service')!, token: url.searchParams.get('token')! }).toString(),
  });
  return { page, confirmation };
}

describe('freshness of the sociale kaart', () => {
  it("shows the beheerder the stale list, asks each stale entry's partner once, and takes the one-click confirmation", async () => {
    const beheerder = await as('beheerder-kaart');
    const { status, json } = await beheerder.request('GET', '/kaart/stale');
    expect(status).toBe(200);
    const stale = json.items as any[];
    // The demo kaart has two entries past six months (200 and 260 days).
    expect(stale.map((item) => item.freshness.state)).toEqual(['ranked-down', 'ranked-down']);
    expect(stale[0].freshness.daysSinceVerified).toBeGreaterThan(stale[1].freshness.daysSinceVerified);

    await runUpkeep();
    await runUpkeep();
    for (const item of stale) expect(await reverificationMails(item.serviceId)).toHaveLength(1);
    const [mail] = await reverificationMails(stale[0].serviceId);
    expect(mail!.destination.to).toEqual([stale[0].contact.email]);
    expect(mail!.body.text).toContain('Bevestig het met één klik');

    // Opening the link changes nothing (a mail scanner may open it); the button confirms.
    const link = linkIn(mail!.body.text!);
    const { page, confirmation } = await confirmThrough(link);
    expect(page).toContain('Ja, dit klopt nog');
    // The page shows the entry as the e-mail did: the partner confirms what it read.
    const waiting = /^- Wachttijd: (.+)$/m.exec(mail!.body.text!)![1]!;
    expect(page).toContain(`<dt>Wachttijd</dt><dd>${waiting}</dd>`);
    expect(confirmation.status).toBe(200);
    expect(await confirmation.text()).toContain('bevestigd');
    expect((await entry(stale[0].serviceId)).lastVerified).toBe(dutchDate(new Date()));
    expect(((await beheerder.request('GET', '/kaart/stale')).json.items as any[]).map((item) => item.serviceId)).toEqual([stale[1].serviceId]);
    // A link works once.
    expect((await confirmThrough(link)).confirmation.status).toBe(404);
    expect((await fetch(link)).status).toBe(404);
  });

  it('leaves an entry unconfirmed for nine months out of matching until its partner confirms it', async () => {
    const poh = await as('poh-delinde');
    const first = await poh.waitForStatus((await poh.submit(await sampleBody('combined'))).json.referralId, ['notified']);
    const serviceId = first.matches.find((match: any) => match.kind === 'care' && match.forNeed === 'finances' && match.placeReserved)!.serviceId;

    await setLastVerified(serviceId, 290);
    const without = await poh.waitForStatus((await poh.submit(await sampleBody('combined'))).json.referralId, ['notified']);
    expect(without.matches.map((match) => match.serviceId)).not.toContain(serviceId);
    expect(((await (await as('beheerder-kaart')).request('GET', '/kaart/stale')).json.items as any[]).find((item) => item.serviceId === serviceId)?.freshness.state).toBe('excluded');

    await runUpkeep();
    const mails = await reverificationMails(serviceId);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.body.text).toContain('niet meer aan cliënten aan');
    expect((await confirmThrough(linkIn(mails[0]!.body.text!))).confirmation.status).toBe(200);
    const back = await poh.waitForStatus((await poh.submit(await sampleBody('combined'))).json.referralId, ['notified']);
    expect(back.matches.map((match) => match.serviceId)).toContain(serviceId);
  });
});

describe('capacity and waiting time', () => {
  it('are updated by the partner of the entry only, with every change kept for the manager', async () => {
    const beheerder = await as('beheerder-kaart');
    const entries = (await beheerder.request('GET', '/kaart')).json.items as any[];
    const partnerUser = DEMO_USERS.find((user) => user.username === 'partner-de-brug')!;
    const own = entries.find((item) => item.organisationId === partnerUser.organisationId && item.capacity !== null)!;
    const other = entries.find((item) => item.organisationId !== partnerUser.organisationId)!;

    const partner = await as(partnerUser.username);
    const mine = (await partner.request('GET', '/kaart')).json.items as any[];
    expect(new Set(mine.map((item) => item.organisationId))).toEqual(new Set([partnerUser.organisationId]));
    expect(mine[0]).not.toHaveProperty('reservedFor');

    const updated = await partner.request('PUT', `/kaart/${own.serviceId}/availability`, { capacity: own.capacity + 3, waitingWeeks: 6 });
    expect(updated.status).toBe(200);
    expect(updated.json).toMatchObject({ capacity: own.capacity + 3, waitingWeeks: 6, availabilityUpdatedAt: expect.any(String) });
    expect((await partner.request('PUT', `/kaart/${own.serviceId}/availability`, { waitingWeeks: 4 })).status).toBe(200);
    // Another organisation's entry is not theirs: as if it did not exist.
    expect((await partner.request('PUT', `/kaart/${other.serviceId}/availability`, { waitingWeeks: 1 })).status).toBe(404);
    const invalid = await partner.request('PUT', `/kaart/${own.serviceId}/availability`, { capacity: -1, waitingWeeks: 'veel' });
    expect(invalid.status).toBe(400);
    expect(invalid.json.errors.map((error: any) => error.path).sort()).toEqual(['capacity', 'waitingWeeks']);

    const manager = await as('manager-regio');
    expect((await manager.request('PUT', `/kaart/${own.serviceId}/availability`, { waitingWeeks: 1 })).status).toBe(403);
    const { json: history } = await manager.request('GET', `/kaart/${own.serviceId}/history`);
    expect(history.changes.map((change: any) => [change.waitingWeeks, change.previous.waitingWeeks, change.role])).toEqual([
      [4, 6, 'partner'],
      [6, own.waitingWeeks, 'partner'],
    ]);
    expect(history.changes[0]).not.toHaveProperty('by');
    expect((await entry(own.serviceId)).capacity).toBe(own.capacity + 3);
  });
});
