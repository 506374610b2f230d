import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStackProcess, type StackProcess } from '#local/child-process.ts';
import { dutchDate } from '#shared/domain/dutch-calendar.ts';
import { DEMO_USERS } from '#shared/regions/demo-users.ts';
import { mailbox, notificationIdOf, notificationKindOf, OverbrugClient } from '../support/api-client.ts';
import { directAws } from '../support/direct-aws.ts';
import { sampleBody, SAMPLE_REFERRER_ACCOUNT } from '../support/samples.ts';

// The referral as a case, end to end over HTTP on the local stack: the contact person declines and
// another takes over, an option is turned down and the next best follows, the case is accepted,
// first contact and outcomes are recorded, it is closed and its places are given back; the
// referrer hears at each step. Then re-entry, the duplicate guard, and consent withdrawal.

let stack: StackProcess;
let poh: OverbrugClient;
let document: DynamoDBDocumentClient;
const accessLogOf = async (referralId: string) =>
  (await document.send(new QueryCommand({ TableName: 'overbrug-local-access-log', KeyConditionExpression: 'referralId = :id', ExpressionAttributeValues: { ':id': referralId } }))).Items ?? [];

beforeAll(async () => {
  stack = await startStackProcess();
  poh = await OverbrugClient.local(stack.endpoints, 'poh-delinde');
  document = DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint: stack.endpoints.dynamodb, region: 'eu-central-1', credentials: { accessKeyId: 't', secretAccessKey: 't' } }),
  );
});
afterAll(() => stack?.stop());

const as = (username: string) => OverbrugClient.local(stack.endpoints, username);
const mailFor = async (referralId: string) => (await mailbox(stack.endpoints.mailbox)).filter((email) => notificationIdOf(email)?.startsWith(referralId));
const kindsFor = async (referralId: string) => (await mailFor(referralId)).map(notificationKindOf);

async function placesOf(serviceId: string): Promise<{ placesTaken: number; reservedFor: string[] }> {
  const { Item } = await document.send(new GetCommand({ TableName: 'overbrug-local-sociale-kaart', Key: { serviceId }, ConsistentRead: true }));
  return { placesTaken: Number(Item?.placesTaken ?? 0), reservedFor: Item?.reservedFor ? [...(Item.reservedFor as Set<string>)] : [] };
}

async function caseloadOf(contactPersonId: string): Promise<string[]> {
  const { Item } = await document.send(new GetCommand({ TableName: 'overbrug-local-contact-persons', Key: { contactPersonId }, ConsistentRead: true }));
  return Item?.clients ? [...(Item.clients as Set<string>)] : [];
}

async function submitted(body: Record<string, any>, client = poh): Promise<string> {
  const { status, json } = await client.submit(body);
  expect(status, JSON.stringify(json)).toBe(202);
  return json.referralId as string;
}

/** A combined referral (the client shares with partners), notified, and its bridging partner told. */
async function handedToPartner() {
  const body = await sampleBody('combined');
  const referralId = await submitted(body);
  const notified = await poh.waitForStatus(referralId, ['notified']);
  const bridging = notified.matches.find((match) => match.kind === 'bridging')!;
  await expect.poll(() => kindsFor(referralId), { timeout: 10_000 }).toContain('bridging-partner');
  return { body, referralId, notified, bridging };
}

describe('the lifecycle of a case', () => {
  it('runs from referral to closing: decline and a new contact person, the next best option, feedback at every step, places given back', async () => {
    const body = await sampleBody('combined');
    const referralId = await submitted(body);
    const notified = await poh.waitForStatus(referralId, ['notified']);
    const first = notified.contactPerson!.id;

    // The first contact person sees the case with what the client consented to (story, not diagnosis).
    const firstPerson = await as(first);
    const seen = await firstPerson.get(referralId);
    expect(seen.status).toBe(200);
    expect(seen.json.intake.story.whatHappened).toBe(body.intake.story.whatHappened);
    expect(seen.json.intake.flags).toBeNull();
    expect(seen.json.allowedActions).toEqual(expect.arrayContaining(['accept', 'decline']));
    // Declining needs a reason.
    expect((await firstPerson.act(referralId, { action: 'decline' })).status).toBe(400);
    const declined = await firstPerson.act(referralId, { action: 'decline', reason: 'Caseload vol deze maand' });
    expect(declined.status).toBe(200);
    expect(declined.json.status).toBe('declined');

    const reassigned = await poh.waitForStatus(referralId, ['notified']);
    const second = reassigned.contactPerson!.id;
    expect(second).not.toBe(first);
    expect(await caseloadOf(first)).not.toContain(body.client.ref);
    expect(await caseloadOf(second)).toContain(body.client.ref);
    // The case is no longer the first person's: as if it did not exist.
    expect((await firstPerson.get(referralId)).status).toBe(404);
    expect((await mailFor(referralId)).filter((email) => notificationKindOf(email) === 'contact-person').map((email) => email.destination.to[0])).toHaveLength(2);

    // The second contact person turns down the first option for money worries; the next best takes its place.
    const secondPerson = await as(second);
    const before: any = (await secondPerson.get(referralId)).json;
    const option = before.matches.find((match: any) => match.forNeed === 'finances' && match.placeReserved);
    expect(option).toBeDefined();
    expect((await placesOf(option.serviceId)).reservedFor).toContain(referralId);
    const turnedDown = await secondPerson.act(referralId, { action: 'decline-option', serviceId: option.serviceId, reason: 'Cliënt kent deze dienst en wil er niet heen' });
    expect(turnedDown.status).toBe(200);
    expect((await placesOf(option.serviceId)).reservedFor).not.toContain(referralId);
    const financeOptions = turnedDown.json.matches.filter((match: any) => match.forNeed === 'finances');
    expect(financeOptions.find((match: any) => match.serviceId === option.serviceId).declined.reason).toContain('niet heen');
    // The next best option takes over the first choice, with the place.
    const next = financeOptions.filter((match: any) => !match.declined).sort((a: any, b: any) => a.rank - b.rank)[0];
    expect(next.reasons.join(' ')).toContain('In plaats van');
    expect(next.placeReserved || (await placesOf(next.serviceId)).reservedFor.length === 0).toBe(true);
    if (next.placeReserved) expect((await placesOf(next.serviceId)).reservedFor).toContain(referralId);

    // Accept: the referrer hears who the contact person is.
    expect((await secondPerson.act(referralId, { action: 'accept' })).json.status).toBe('accepted');
    // First contact: not in the future, with a channel.
    const today = dutchDate(new Date());
    expect((await secondPerson.act(referralId, { action: 'record-first-contact', date: '2999-01-01', channel: 'phone' })).status).toBe(409);
    expect((await secondPerson.act(referralId, { action: 'record-first-contact', date: today, channel: 'phone' })).json.status).toBe('first-contact');
    // Outcomes per need; an unmet need needs one of the ten reason codes.
    const unmetWithoutReason = await secondPerson.act(referralId, { action: 'record-outcomes', outcomes: [{ need: 'mental-health', result: 'no-capacity' }] });
    expect(unmetWithoutReason.status).toBe(400);
    const outcomes = await secondPerson.act(referralId, {
      action: 'record-outcomes',
      outcomes: [
        { need: 'finances', result: 'got-help' },
        { need: 'mental-health', result: 'no-capacity', unmetReason: 'waiting-list' },
        { need: 'waiting', result: 'got-help' },
      ],
    });
    expect(outcomes.json.status).toBe('in-care');

    // Closing gives back every place the case held and the contact person's slot.
    const held = outcomes.json.matches.filter((match: any) => match.placeReserved).map((match: any) => match.serviceId as string);
    expect(held.length).toBeGreaterThan(0);
    const closed = await secondPerson.act(referralId, { action: 'close', reason: 'Geholpen met schulden; wacht nog op ggz met maatje' });
    expect(closed.json.status).toBe('closed');
    for (const serviceId of held) expect((await placesOf(serviceId)).reservedFor).not.toContain(referralId);
    expect(await caseloadOf(second)).not.toContain(body.client.ref);
    // Nothing more can happen to a closed case.
    expect((await secondPerson.act(referralId, { action: 'accept' })).status).toBe(409);

    // The referrer sees what happened, and got a short message at acceptance, first contact and closing.
    const { json: view }: { json: any } = await poh.get(referralId);
    expect(view).toMatchObject({ status: 'closed', fhir: { task: `Task/${referralId}`, status: 'completed', businessStatus: { coding: [{ code: 'closed' }] } }, firstContact: { date: today, channel: 'phone' } });
    expect(view.outcomes).toEqual(expect.arrayContaining([expect.objectContaining({ need: 'mental-health', result: 'no-capacity', unmetReason: 'waiting-list' })]));
    expect(view.timeline.map((entry: any) => entry.event)).toEqual(
      expect.arrayContaining(['declined', 'option-declined', 'option-promoted', 'accepted', 'first-contact', 'outcome', 'in-care', 'closed']),
    );
    expect(view.timeline.find((entry: any) => entry.event === 'accepted').actor).toEqual({ role: 'clientondersteuner', name: expect.any(String) });
    await poh.waitForStatus(referralId, ['closed']);
    await expect.poll(() => kindsFor(referralId), { timeout: 10_000 }).toEqual(expect.arrayContaining(['feedback-accepted', 'feedback-first-contact', 'feedback-closed']));
    const feedback = (await mailFor(referralId)).filter((email) => notificationKindOf(email)?.startsWith('feedback-'));
    expect(feedback.map((email) => email.destination.to[0])).toEqual(feedback.map(() => SAMPLE_REFERRER_ACCOUNT.email));
    for (const email of feedback) {
      for (const answer of Object.values(body.intake.story as Record<string, string>)) expect(email.body.text).not.toContain(answer);
    }
    expect(feedback.find((email) => notificationKindOf(email) === 'feedback-closed')!.body.text).toContain('geen plek');
  });

  it('lets only the referrer withdraw, and refuses actions out of turn', async () => {
    const referralId = await submitted(await sampleBody('social-domain'));
    const notified = await poh.waitForStatus(referralId, ['notified']);
    const contactPerson = await as(notified.contactPerson!.id);
    // Out of turn: first contact before accepting.
    const early = await contactPerson.act(referralId, { action: 'record-first-contact', date: dutchDate(new Date()), channel: 'phone' });
    expect(early.status).toBe(409);
    expect(early.json.type).toBe('/problems/wrong-status');
    // A referrer may not accept.
    expect((await poh.act(referralId, { action: 'accept' })).status).toBe(403);
    const withdrawn = await poh.act(referralId, { action: 'withdraw', reason: 'Cliënt verhuist naar een andere regio' });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.json).toMatchObject({ status: 'withdrawn', fhir: { status: 'cancelled' } });
    expect(await caseloadOf(notified.contactPerson!.id)).not.toContain(withdrawn.json.clientRef);
  });
});

describe('hand-offs that end', () => {
  it('tells a bridging partner its hand-off ended when another is chosen, and the next one when the referral is withdrawn', async () => {
    const { body, referralId, notified, bridging: first } = await handedToPartner();

    const contactPerson = await as(notified.contactPerson!.id);
    const turnedDown = await contactPerson.act(referralId, { action: 'decline-option', serviceId: first.serviceId, reason: 'Past niet bij de cliënt' });
    expect(turnedDown.status).toBe(200);
    const second = turnedDown.json.matches.find((match: any) => match.kind === 'bridging' && !match.declined);
    expect(second.serviceId).not.toBe(first.serviceId);
    const ended = async () => (await mailFor(referralId)).filter((email) => notificationKindOf(email) === 'bridging-partner-ended');
    // Each partner's address, from the hand-off it was sent.
    const addressOf = async (serviceId: string) =>
      (await mailFor(referralId)).find((email) => notificationIdOf(email) === `${referralId}:bridging-partner:${serviceId}`)?.destination.to[0];
    const firstAddress = (await addressOf(first.serviceId))!;
    await expect.poll(async () => (await ended()).map((email) => email.destination.to[0]), { timeout: 10_000 }).toEqual([firstAddress]);
    const [toFirst] = await ended();
    expect(toFirst!.body.text).toContain('voor een andere partner gekozen');
    // It says which case, by its number, and nothing of the client (the gemeente may be in the service's name).
    expect(toFirst!.body.text).toContain(turnedDown.json.caseNumber);
    expect(toFirst!.body.text).not.toContain(body.client.contact.phone.replace(/\D/g, '').slice(-7));
    for (const detail of [body.client.ref, body.client.postcode, String(body.client.birthYear), ...Object.values(body.intake.story as Record<string, string>)]) {
      expect(toFirst!.body.text).not.toContain(detail);
    }

    // The referral is withdrawn: the partner that has it now hears so; the first one not again.
    await expect.poll(() => addressOf(second.serviceId), { timeout: 10_000 }).toBeDefined();
    expect((await poh.act(referralId, { action: 'withdraw', reason: 'Cliënt heeft elders hulp gevonden' })).status).toBe(200);
    const secondAddress = (await addressOf(second.serviceId))!;
    await expect.poll(async () => (await ended()).map((email) => email.destination.to[0]).sort(), { timeout: 10_000 }).toEqual([firstAddress, secondAddress].sort());
    expect((await ended()).find((email) => notificationIdOf(email)!.endsWith(second.serviceId))!.body.text).toContain('de verwijzing is ingetrokken');
    // The timeline records both (written just after the e-mails went out).
    const endedInTimeline = async () =>
      ((await poh.get(referralId)).json.timeline as any[]).filter((entry) => entry.event === 'notification-sent' && entry.detail === 'bridging-partner-ended').length;
    await expect.poll(endedInTimeline, { timeout: 10_000 }).toBe(2);
  });
});

describe('re-entry and the duplicate guard', () => {
  it('refuses a second open referral for the same client and need, from any referrer, with a pointer to the open one', async () => {
    const body = await sampleBody('social-domain');
    const referralId = await submitted(body);
    await poh.waitForStatus(referralId, ['notified']);
    const other = await as('huisarts-rivierkade');
    const again = await other.submit({ ...body, referrer: (await sampleBody('specialised-ggz')).referrer });
    expect(again.status).toBe(409);
    // Another organisation learns whom to coordinate with, not the referral's id, which it could not open anyway.
    expect(again.json).toMatchObject({ type: '/problems/duplicate-referral', contactPerson: { name: expect.any(String) } });
    expect(again.json).not.toHaveProperty('openReferralId');
    expect(again.json).not.toHaveProperty('need');
    expect((await other.get(referralId)).status).toBe(404);
    // The organisation that made it gets the pointer to it.
    const own = await poh.submit(body);
    expect(own.json).toMatchObject({ type: '/problems/duplicate-referral', openReferralId: referralId, need: 'finances' });
    // Looking into another organisation's referral on a person's behalf is logged; the own one is not such a look.
    expect((await accessLogOf(referralId)).filter((entry) => entry.action === 'duplicate-check').map((entry) => entry.role)).toEqual(['verwijzer']);
  });

  it('sends a client back within a year to the same contact person, on the earlier intake', async () => {
    const body = await sampleBody('social-domain');
    const firstId = await submitted(body);
    const first = await poh.waitForStatus(firstId, ['notified']);
    const person = await as(first.contactPerson!.id);
    await person.act(firstId, { action: 'accept' });
    await person.act(firstId, { action: 'record-first-contact', date: dutchDate(new Date()), channel: 'in-person' });
    expect((await person.act(firstId, { action: 'close' })).json.status).toBe('closed');

    // Back, with only what changed: the story's answers left out come from the closed case.
    const next = structuredClone(body);
    next.intake.story = { whatHappened: 'Opnieuw vastgelopen na het overlijden van een ouder.' };
    const { status, json } = await poh.submit(next);
    expect(status).toBe(202);
    expect(json.reentryOf).toBe(firstId);
    const back = await poh.waitForStatus(json.referralId, ['notified']);
    expect(back.contactPerson!.id).toBe(first.contactPerson!.id);
    const { json: casePage } = await person.get(json.referralId);
    expect(casePage.reentryOf).toBe(firstId);
    expect(casePage.intake.story).toMatchObject({ whatHappened: next.intake.story.whatHappened, strengths: body.intake.story.strengths });
    expect(casePage.timeline.map((entry: any) => entry.event)).toContain('re-entry');
  });
});

describe('consent', () => {
  it('stops sharing with partners when the client withdraws it, and removes the details from the partner view', async () => {
    const { body, referralId, notified, bridging } = await handedToPartner();

    // The partner's view of the hand-off: needs in functional words, no diagnosis (no consent to that).
    const organisationId = await organisationOf(bridging.serviceId);
    const partnerUser = DEMO_USERS.find((user) => user.roles.includes('partner') && user.organisationId === organisationId);
    expect(partnerUser, `a demo partner for ${organisationId}`).toBeDefined();
    const partner = await as(partnerUser!.username);
    const handOff = async () => ((await partner.request('GET', '/hand-offs')).json.items as any[]).find((item) => item.referralId === referralId);
    expect(await handOff()).toMatchObject({ state: 'active', shared: { gemeente: body.client.gemeente, needs: expect.arrayContaining(['financiële situatie']), attentionPoints: [] } });

    const withdrawn = await poh.act(referralId, { action: 'withdraw-consent', recipient: 'partners' });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.json.consent.grants.partners).toEqual([]);
    expect(withdrawn.json.timeline.map((entry: any) => entry.event)).toContain('consent-withdrawn');
    expect(await handOff()).toMatchObject({ state: 'consent-withdrawn', shared: null, contactPerson: null });

    // No further sharing: the contact person's e-mails and case page say so, and a new partner is not told.
    const contactPerson = await as(notified.contactPerson!.id);
    const turnedDown = await contactPerson.act(referralId, { action: 'decline-option', serviceId: bridging.serviceId, reason: 'Past niet bij de cliënt' });
    expect(turnedDown.status).toBe(200);
    const newPartner = turnedDown.json.matches.find((match: any) => match.kind === 'bridging' && !match.declined);
    await directAws(stack.endpoints).drained();
    const partnerMails = (await mailFor(referralId)).filter((email) => notificationKindOf(email) === 'bridging-partner');
    expect(partnerMails).toHaveLength(1);
    // The partner turned down still hears that its hand-off ended: that shares nothing, and tells it to stop.
    const endedIds = async () => (await mailFor(referralId)).filter((email) => notificationKindOf(email) === 'bridging-partner-ended').map(notificationIdOf);
    await expect.poll(endedIds, { timeout: 10_000 }).toEqual([
      `${referralId}:bridging-partner-ended:${bridging.serviceId}`,
    ]);
    if (newPartner) expect(partnerMails[0]!.destination.to[0]).not.toBe(newPartner.contact?.email);

    // Withdrawn from the contact person too: the needs go from the case page, and what implies them.
    expect((await contactPerson.get(referralId)).json.intake.story).not.toBeNull();
    await poh.act(referralId, { action: 'withdraw-consent', recipient: 'contact-person', data: ['functional-needs', 'story'] });
    const { json: withdrawnCase }: { json: any } = await contactPerson.get(referralId);
    expect(withdrawnCase.intake).toMatchObject({ domains: null, story: null });
    expect(withdrawnCase.triage.needs).toEqual([]);
    expect(withdrawnCase.matches.every((match: any) => match.forNeed === null && match.reasons.length === 0)).toBe(true);

    // Every read by a person is in the access log, by whom and why: the partner's while details
    // were shared (not after), the contact person's case page and action, the referrer's list line.
    expect((await poh.request('GET', '/referrals')).status).toBe(200);
    const log = await accessLogOf(referralId);
    const entries = log.map((entry) => `${entry.role} ${entry.action}`);
    expect(entries.filter((entry) => entry.endsWith(' read-hand-off'))).toEqual(['partner read-hand-off']);
    expect(entries).toEqual(
      expect.arrayContaining(['clientondersteuner case-action:decline-option', 'clientondersteuner read-case', 'verwijzer case-action:withdraw-consent', 'verwijzer list-referrals']),
    );
    // Who: the person's pseudonymous id from their token, never a name or an e-mail address.
    expect(log.every((entry) => entry.actor && !String(entry.actor).includes('@') && entry.actor !== partnerUser!.username)).toBe(true);
    expect(log.every((entry) => entry.purpose && entry.at && entry.requestId)).toBe(true);
  });
});

async function organisationOf(serviceId: string): Promise<string | undefined> {
  const { Item } = await document.send(new GetCommand({ TableName: 'overbrug-local-sociale-kaart', Key: { serviceId } }));
  return Item?.organisationId as string | undefined;
}

describe('a case nobody had room for', () => {
  it('is flagged for the region, and assigned on the next time-limits run once someone has room', async () => {
    const table = 'overbrug-local-contact-persons';
    const polderdam = ['cp-kees-bakker', 'cp-fatma-yilmaz', 'cp-joost-van-dijk', 'cp-lotte-visser'];
    const limits = new Map<string, number>();
    for (const contactPersonId of polderdam) {
      const { Item } = await document.send(new GetCommand({ TableName: table, Key: { contactPersonId }, ConsistentRead: true }));
      limits.set(contactPersonId, Item!.caseloadLimit as number);
      await document.send(new UpdateCommand({ TableName: table, Key: { contactPersonId }, UpdateExpression: 'SET caseloadLimit = caseload' }));
    }
    try {
      const referralId = await submitted(await sampleBody('social-domain'));
      const flagged = await poh.waitForStatus(referralId, ['flagged-for-region']);
      expect(flagged.contactPerson).toBeNull();
      expect((await mailFor(referralId)).map(notificationKindOf)).toContain('region-coordinator');

      await document.send(
        new UpdateCommand({ TableName: table, Key: { contactPersonId: 'cp-lotte-visser' }, UpdateExpression: 'SET caseloadLimit = :limit', ExpressionAttributeValues: { ':limit': limits.get('cp-lotte-visser') } }),
      );
      const run = await fetch(`${stack.endpoints.api}/_local/schedules/time-limits`, { method: 'POST', body: '{}' });
      expect(run.status).toBe(200);
      const assigned = await poh.waitForStatus(referralId, ['notified']);
      expect(assigned.contactPerson!.id).toBe('cp-lotte-visser');
      expect(assigned.timeline.map((entry) => entry.event)).toEqual(expect.arrayContaining(['flagged-for-region', 'contact-person-assigned', 'notified']));
    } finally {
      for (const [contactPersonId, limit] of limits) {
        await document.send(new UpdateCommand({ TableName: table, Key: { contactPersonId }, UpdateExpression: 'SET caseloadLimit = :limit', ExpressionAttributeValues: { ':limit': limit } }));
      }
    }
  });
});
