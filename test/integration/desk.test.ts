import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStackProcess, type StackProcess } from '#local/child-process.ts';
import { addWorkingDays } from '#shared/domain/dutch-calendar.ts';
import { DEFAULT_TIME_LIMITS } from '#shared/domain/time-limits.ts';
import { mailbox, notificationIdOf, notificationKindOf, OverbrugClient } from '../support/api-client.ts';
import { directAws } from '../support/direct-aws.ts';
import { sampleBody } from '../support/samples.ts';

// The coordinator's desk over HTTP on the local stack (issue 16): a referral flagged for the region
// as the pipeline flags it (nobody in Polderdam has room), found on the desk, opened, its
// candidates with their load; refusals that say why; the coordinator's own time limit reaching the
// manager once; then assigned by hand with a reason, and another by widening the search.

let stack: StackProcess;
let poh: OverbrugClient;
let coordinator: OverbrugClient;
let document: DynamoDBDocumentClient;
const CONTACT_PERSONS = 'overbrug-local-contact-persons';
// Everyone who covers Polderdam: made full, as a busy week makes them.
const POLDERDAM = ['cp-kees-bakker', 'cp-fatma-yilmaz', 'cp-joost-van-dijk', 'cp-lotte-visser'];
const limits = new Map<string, number>();

beforeAll(async () => {
  stack = await startStackProcess();
  poh = await OverbrugClient.local(stack.endpoints, 'poh-delinde');
  coordinator = await OverbrugClient.local(stack.endpoints, 'coordinator-voorbeeld');
  document = DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint: stack.endpoints.dynamodb, region: 'eu-central-1', credentials: { accessKeyId: 't', secretAccessKey: 't' } }),
  );
  for (const contactPersonId of POLDERDAM) {
    const { Item } = await document.send(new GetCommand({ TableName: CONTACT_PERSONS, Key: { contactPersonId }, ConsistentRead: true }));
    limits.set(contactPersonId, Item!.caseloadLimit as number);
    await document.send(new UpdateCommand({ TableName: CONTACT_PERSONS, Key: { contactPersonId }, UpdateExpression: 'SET caseloadLimit = caseload' }));
  }
});
afterAll(() => stack?.stop());

const mailFor = async (referralId: string) => (await mailbox(stack.endpoints.mailbox)).filter((email) => notificationIdOf(email)?.startsWith(referralId));
const settled = () => directAws(stack.endpoints).drained();
const accessLogOf = async (referralId: string) =>
  (await document.send(new QueryCommand({ TableName: 'overbrug-local-access-log', KeyConditionExpression: 'referralId = :id', ExpressionAttributeValues: { ':id': referralId } }))).Items ?? [];
const clientsOf = async (contactPersonId: string) => {
  const { Item } = await document.send(new GetCommand({ TableName: CONTACT_PERSONS, Key: { contactPersonId }, ConsistentRead: true }));
  return Item?.clients ? [...(Item.clients as Set<string>)] : [];
};
async function runTimeLimits(at: Date): Promise<void> {
  const response = await fetch(`${stack.endpoints.api}/_local/schedules/time-limits`, { method: 'POST', body: JSON.stringify({ at: at.toISOString() }) });
  expect(response.status).toBe(200);
}

/** A Polderdam client's referral, flagged for the region by the pipeline: nobody there has room. */
async function flaggedReferral(): Promise<{ referralId: string; clientRef: string; flaggedAt: Date }> {
  const body = await sampleBody('social-domain');
  const { status, json } = await poh.submit(body);
  expect(status, JSON.stringify(json)).toBe(202);
  const view = await poh.waitForStatus(json.referralId, ['flagged-for-region']);
  return { referralId: json.referralId, clientRef: body.client.ref, flaggedAt: new Date((view as unknown as { statusChangedAt: string }).statusChangedAt) };
}

describe("the coordinator's desk", () => {
  it('shows a flagged referral with who could take it; refuses a full or inactive person; escalates to the manager once; assigns by hand with the reason', async () => {
    const { referralId, clientRef, flaggedAt } = await flaggedReferral();

    // On the desk, with what the coordinator needs to decide and no client reference.
    const desk = await coordinator.request('GET', '/referrals?status=flagged-for-region');
    expect(desk.status).toBe(200);
    const line = (desk.json.items as Record<string, any>[]).find((item) => item.referralId === referralId)!;
    expect(line).toMatchObject({ desk: 'flagged-for-region', status: 'flagged-for-region', gemeente: 'Polderdam', escalatedToManagerAt: null, contactPerson: null });
    expect(line.flagReason).toMatch(/Polderdam/);
    expect(JSON.stringify(desk.json)).not.toContain(clientRef);
    expect((await coordinator.request('GET', '/referrals?status=escalated')).json.items.map((item: { referralId: string }) => item.referralId)).not.toContain(referralId);
    expect((await coordinator.request('GET', '/referrals?status=open')).status).toBe(400);
    expect((await coordinator.request('GET', '/referrals?state=open')).status).toBe(400);
    // The status filter is the desk's: a referrer's list refuses it.
    expect((await poh.request('GET', '/referrals?status=flagged-for-region')).status).toBe(400);

    const opened = await coordinator.get(referralId);
    expect(opened.status).toBe(200);
    expect(opened.json).toMatchObject({ desk: 'flagged-for-region', gemeente: 'Polderdam', neighbours: ['Rivierstad'], allowedActions: ['assign', 'widen-search'] });
    expect(opened.json).not.toHaveProperty('client');
    expect(JSON.stringify(opened.json)).not.toContain('story');

    const candidates = await coordinator.request('GET', `/referrals/${referralId}/candidates`);
    expect(candidates.status).toBe(200);
    const items = candidates.json.items as { contactPersonId: string; fit: string; hasRoom: boolean; caseload: number; caseloadLimit: number; gemeenten: string[] }[];
    expect(items.slice(0, 4).map((item) => item.fit)).toEqual(['gemeente', 'gemeente', 'gemeente', 'gemeente']);
    expect(items.filter((item) => item.fit === 'gemeente').every((item) => !item.hasRoom && item.caseload === item.caseloadLimit)).toBe(true);
    expect(items.find((item) => item.contactPersonId === 'cp-anouk-de-vries')).toMatchObject({ fit: 'neighbouring', hasRoom: true, gemeenten: ['Rivierstad'] });
    expect(JSON.stringify(candidates.json)).not.toContain('clients');

    // Refused, each with a problem that says why; nothing changes.
    const full = await coordinator.act(referralId, { action: 'assign', contactPersonId: 'cp-kees-bakker', reason: 'Kees kent de buurt' });
    expect(full.status).toBe(409);
    expect(full.json).toMatchObject({ type: '/problems/no-room' });
    expect(full.json.detail).toMatch(/Kees Bakker has no room/);
    await document.send(new UpdateCommand({ TableName: CONTACT_PERSONS, Key: { contactPersonId: 'cp-mohamed-el-amrani' }, UpdateExpression: 'SET active = :no', ExpressionAttributeValues: { ':no': false } }));
    try {
      const inactive = await coordinator.act(referralId, { action: 'assign', contactPersonId: 'cp-mohamed-el-amrani', reason: 'Mohamed heeft tijd' });
      expect(inactive.status).toBe(409);
      expect(inactive.json).toMatchObject({ type: '/problems/contact-person-inactive' });
    } finally {
      await document.send(new UpdateCommand({ TableName: CONTACT_PERSONS, Key: { contactPersonId: 'cp-mohamed-el-amrani' }, UpdateExpression: 'REMOVE active' }));
    }
    const unknown = await coordinator.act(referralId, { action: 'assign', contactPersonId: 'cp-niemand', reason: 'test' });
    expect(unknown.json).toMatchObject({ type: '/problems/unknown-contact-person' });
    const notNeighbour = await coordinator.act(referralId, { action: 'widen-search', gemeente: 'Heuvelrand', reason: 'test' });
    expect(notNeighbour.status).toBe(409);
    expect(notNeighbour.json).toMatchObject({ type: '/problems/not-a-neighbour' });
    expect((await coordinator.act(referralId, { action: 'assign', contactPersonId: 'cp-anouk-de-vries' })).status).toBe(400);
    // Other roles may not take the desk's actions.
    expect((await poh.act(referralId, { action: 'assign', contactPersonId: 'cp-anouk-de-vries', reason: 'ik wil het' })).status).toBe(403);
    expect((await poh.get(referralId)).json.status).toBe('flagged-for-region');

    // The coordinator's time limit: one working day after the flagging the manager hears of it, once.
    const due = addWorkingDays(flaggedAt, 1, DEFAULT_TIME_LIMITS);
    await runTimeLimits(new Date(due.getTime() - 60_000));
    await settled();
    expect((await mailFor(referralId)).map(notificationKindOf)).not.toContain('desk-escalation-manager');
    await runTimeLimits(new Date(due.getTime() + 60_000));
    await settled();
    await runTimeLimits(new Date(due.getTime() + 2 * 60 * 60_000));
    await settled();
    const toManager = (await mailFor(referralId)).filter((email) => notificationKindOf(email) === 'desk-escalation-manager');
    expect(toManager).toHaveLength(1);
    expect(toManager[0]!.destination.to).toEqual(['manager@regio-voorbeeld.example']);
    expect(toManager[0]!.body.text).toMatch(/wacht sinds .* op een cliëntondersteuner/);
    expect(toManager[0]!.body.text).not.toContain(clientRef);
    const escalated = (await coordinator.request('GET', '/referrals')).json.items.find((item: { referralId: string }) => item.referralId === referralId);
    expect(escalated.escalatedToManagerAt).toBe(new Date(due.getTime() + 60_000).toISOString());
    const events = (await coordinator.get(referralId)).json.timeline.map((entry: { event: string }) => entry.event);
    expect(events.filter((event: string) => event === 'escalated-to-manager')).toHaveLength(1);

    // Assigned by hand in a neighbouring gemeente's colleague, with the reason; told as the pipeline tells.
    const reason = 'Anouk werkt ook in Polderdam deze maand';
    const assigned = await coordinator.act(referralId, { action: 'assign', contactPersonId: 'cp-anouk-de-vries', reason });
    expect(assigned.status, JSON.stringify(assigned.json)).toBe(200);
    expect(assigned.json.contactPerson).toMatchObject({ id: 'cp-anouk-de-vries' });
    const notified = await poh.waitForStatus(referralId, ['notified']);
    expect(notified.contactPerson!.id).toBe('cp-anouk-de-vries');
    expect(notified.timeline).toEqual(expect.arrayContaining([expect.objectContaining({ event: 'assigned-by-coordinator', detail: `Anouk de Vries: ${reason}`, actor: expect.objectContaining({ role: 'coordinator' }) })]));
    expect(await clientsOf('cp-anouk-de-vries')).toContain(clientRef);
    await expect.poll(async () => (await mailFor(referralId)).filter((email) => notificationIdOf(email) === `${referralId}:contact-person:cp-anouk-de-vries`).length, { timeout: 10_000 }).toBe(1);
    // The contact person has the case in their inbox; it left the desk, and the coordinator's view of it.
    const anouk = await OverbrugClient.local(stack.endpoints, 'cp-anouk-de-vries');
    expect((await anouk.get(referralId)).status).toBe(200);
    expect((await coordinator.request('GET', '/referrals')).json.items.map((item: { referralId: string }) => item.referralId)).not.toContain(referralId);
    expect((await coordinator.get(referralId)).status).toBe(404);

    // Every look of the coordinator is in the access log, the refused one too.
    const coordinatorReads = (await accessLogOf(referralId)).filter((entry) => entry.role === 'coordinator').map((entry) => `${entry.action}:${entry.outcome}`);
    expect(coordinatorReads).toEqual(expect.arrayContaining(['list-desk:shown', 'read-desk-case:shown', 'read-desk-candidates:shown', 'case-action:assign:shown', 'attempt:not-found']));
  });

  it('widens the search to a neighbouring gemeente: the least loaded there with room takes the case, the reason recorded', async () => {
    const { referralId, clientRef } = await flaggedReferral();
    const reason = 'In Polderdam heeft niemand ruimte; Rivierstad ligt naast de deur';
    const widened = await coordinator.act(referralId, { action: 'widen-search', gemeente: 'Rivierstad', reason });
    expect(widened.status, JSON.stringify(widened.json)).toBe(200);
    const notified = await poh.waitForStatus(referralId, ['notified']);
    // Only Anouk and Mohamed cover Rivierstad with room (the others are full).
    expect(['cp-anouk-de-vries', 'cp-mohamed-el-amrani']).toContain(notified.contactPerson!.id);
    expect(await clientsOf(notified.contactPerson!.id)).toContain(clientRef);
    expect(notified.timeline).toEqual(expect.arrayContaining([expect.objectContaining({ event: 'search-widened', detail: expect.stringContaining(`Rivierstad, ${notified.contactPerson!.name}: ${reason}`) })]));
  });

  it('sees nothing beyond the desk: a case handed to a contact person in time is not the coordinator’s', async () => {
    for (const [contactPersonId, limit] of limits) {
      await document.send(new UpdateCommand({ TableName: CONTACT_PERSONS, Key: { contactPersonId }, UpdateExpression: 'SET caseloadLimit = :limit', ExpressionAttributeValues: { ':limit': limit } }));
    }
    const { json } = await poh.submit(await sampleBody('combined'));
    await poh.waitForStatus(json.referralId, ['notified']);
    expect((await coordinator.get(json.referralId)).status).toBe(404);
    expect((await coordinator.request('GET', `/referrals/${json.referralId}/candidates`)).status).toBe(404);
    expect((await coordinator.act(json.referralId, { action: 'assign', contactPersonId: 'cp-anouk-de-vries', reason: 'test' })).status).toBe(404);
  });

  it('takes an escalated case from a contact person who did not react and gives it to another, whose slot it takes while the first gets theirs back', async () => {
    const body = await sampleBody('combined');
    const { json } = await poh.submit(body);
    const referralId = json.referralId as string;
    const notified = await poh.waitForStatus(referralId, ['notified']);
    const first = notified.contactPerson!.id;
    expect(await clientsOf(first)).toContain(body.client.ref);
    expect((await coordinator.request('GET', '/referrals?status=escalated')).json.items.map((item: { referralId: string }) => item.referralId)).not.toContain(referralId);

    // Five working days without a reaction: escalated, and on the desk.
    const escalateAt = addWorkingDays(new Date((notified as unknown as { statusChangedAt: string }).statusChangedAt), DEFAULT_TIME_LIMITS.escalateAfterWorkingDays, DEFAULT_TIME_LIMITS);
    await runTimeLimits(new Date(escalateAt.getTime() + 60_000));
    await settled();
    const line = (await coordinator.request('GET', '/referrals?status=escalated')).json.items.find((item: { referralId: string }) => item.referralId === referralId);
    expect(line).toMatchObject({ desk: 'escalated', status: 'notified', contactPerson: { id: first }, deskDeadline: null });
    const opened = await coordinator.get(referralId);
    expect(opened.json.allowedActions).toEqual(['assign']);
    expect((await coordinator.act(referralId, { action: 'widen-search', gemeente: 'Heuvelrand', reason: 'test' })).status).toBe(409);

    const candidates = (await coordinator.request('GET', `/referrals/${referralId}/candidates`)).json.items as { contactPersonId: string; hasRoom: boolean; fit: string }[];
    expect(candidates.map((candidate) => candidate.contactPersonId)).not.toContain(first);
    const next = candidates.find((candidate) => candidate.hasRoom && candidate.fit === 'gemeente')!;
    const assigned = await coordinator.act(referralId, { action: 'assign', contactPersonId: next.contactPersonId, reason: 'Geen reactie na vijf werkdagen' });
    expect(assigned.status, JSON.stringify(assigned.json)).toBe(200);
    const again = await poh.waitForStatus(referralId, ['notified'], 30_000);
    await expect.poll(async () => (await poh.get(referralId)).json.contactPerson?.id, { timeout: 10_000 }).toBe(next.contactPersonId);
    expect(again.status).toBe('notified');
    expect(await clientsOf(next.contactPersonId)).toContain(body.client.ref);
    expect(await clientsOf(first)).not.toContain(body.client.ref);
    // The new contact person starts afresh: the case left the desk.
    expect((await coordinator.request('GET', '/referrals')).json.items.map((item: { referralId: string }) => item.referralId)).not.toContain(referralId);
  });
});
