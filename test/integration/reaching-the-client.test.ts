import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStackProcess, type StackProcess } from '#local/child-process.ts';
import { demoPartnerOf, mailbox, notificationIdOf, notificationKindOf, OverbrugClient } from '../support/api-client.ts';
import { sampleBody } from '../support/samples.ts';

// Issue 11 over HTTP on the local stack: everyone in the loop can reach the client and each other.
// The client's contact details are shown to the contact person, the referrer's organisation and,
// with consent, the bridging partner; they are never in the referral item, the statistics, the logs
// or an e-mail (the client letter goes to the client's own address, without them). Case numbers name
// the case everywhere and find it; the partner accepts and records a first contact; a duplicate can
// be added to its open referral instead.

let stack: StackProcess;
let poh: OverbrugClient;
let document: DynamoDBDocumentClient;

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

/** A sample referral with its own client reference and contact details, notified. */
async function notifiedReferral(change: (body: Record<string, any>) => void = () => {}) {
  const body = await sampleBody('combined');
  const unique = crypto.randomUUID().slice(0, 6);
  body.client.contact = { ...body.client.contact, email: `client-${unique}@voorbeeld.example`, phone: `010 000 ${String(Math.floor(Math.random() * 9000) + 1000)}` };
  change(body);
  const { status, json } = await poh.submit(body);
  expect(status, JSON.stringify(json)).toBe(202);
  const referralId = json.referralId as string;
  const notified = await poh.waitForStatus(referralId, ['notified']);
  return { body, referralId, caseNumber: json.caseNumber as string, notified: notified as Record<string, any> };
}

/** How a phone number may appear anywhere: as typed, in E.164, or its subscriber digits. */
const phoneForms = (phone: string) => [phone, `+31${phone.replace(/\D/g, '').slice(1)}`, phone.replace(/\D/g, '').slice(-7)];

describe('reaching the client', () => {
  it('shows the contact details to the contact person and the referrer, with the partner only while consent holds, and logs each view', async () => {
    const { body, referralId, caseNumber, notified } = await notifiedReferral();
    const contact = { phone: `+31${body.client.contact.phone.replace(/\D/g, '').slice(1)}`, email: body.client.contact.email, preferredChannel: 'phone', bestTimes: body.client.contact.bestTimes };

    // The contact person's case view: the client's contact, the referrer's phone and e-mail, the case number.
    const person = await as(notified.contactPerson.id);
    const seen = await person.get(referralId);
    expect(seen.json).toMatchObject({ caseNumber, client: { contact: { ...contact, viaReferrer: false } }, referrer: { email: body.referrer.email, phone: '+31100000111' } });
    // Whom the referrer calls: the contact person with work phone and e-mail.
    const status = await poh.get(referralId);
    expect(status.json.contactPerson).toEqual({ id: notified.contactPerson.id, name: expect.any(String), phone: expect.stringMatching(/^\+31/), email: expect.stringContaining('@') });
    expect(status.json.client.contact).toMatchObject(contact);
    // Another organisation's referrer sees nothing of it.
    expect((await (await as('huisarts-rivierkade')).get(referralId)).status).toBe(404);

    // The bridging partner sees how to reach the client, and whom to call.
    const bridging = notified.matches.find((match: any) => match.kind === 'bridging');
    const partner = await as(await demoPartnerOf(stack.endpoints, bridging.serviceId));
    const handOff = async () => ((await partner.request('GET', '/hand-offs')).json.items as any[]).find((item) => item.referralId === referralId);
    expect(await handOff()).toMatchObject({ caseNumber, client: { contact }, contactPerson: { name: notified.contactPerson.name, phone: expect.stringMatching(/^\+31/) } });

    // Every view of the contact details is in the access log, by person and purpose.
    const { Items: log = [] } = await document.send(
      new QueryCommand({ TableName: 'overbrug-local-access-log', KeyConditionExpression: 'referralId = :id', ExpressionAttributeValues: { ':id': referralId } }),
    );
    expect(new Set(log.filter((entry) => entry.action === 'read-client-contact').map((entry) => entry.role))).toEqual(new Set(['clientondersteuner', 'verwijzer', 'partner']));

    // Consent to share with partners withdrawn: the partner no longer sees it.
    expect((await poh.act(referralId, { action: 'withdraw-consent', recipient: 'partners' })).status).toBe(200);
    expect(await handOff()).toMatchObject({ state: 'consent-withdrawn', client: null, shared: null });
  });

  it('keeps the contact details out of the referral item, the statistics, the logs and every e-mail but the client letter', async () => {
    const { body, referralId, notified } = await notifiedReferral();
    const secrets = [...phoneForms(body.client.contact.phone), body.client.contact.email, body.client.contact.bestTimes];
    await expect.poll(async () => (await mailFor(referralId)).map(notificationKindOf).sort(), { timeout: 10_000 }).toEqual(['bridging-partner', 'client-letter', 'contact-person']);

    // Its own table, not the referral.
    const { Item: item } = await document.send(new GetCommand({ TableName: 'overbrug-local-referrals', Key: { referralId }, ConsistentRead: true }));
    const { Item: kept } = await document.send(new GetCommand({ TableName: 'overbrug-local-client-contacts', Key: { referralId }, ConsistentRead: true }));
    expect(kept?.contact.email).toBe(body.client.contact.email);
    const inIndexes = (await document.send(new ScanCommand({ TableName: 'overbrug-local-referrals' }))).Items ?? [];
    for (const secret of secrets) {
      expect(JSON.stringify(item)).not.toContain(secret);
      expect(JSON.stringify(inIndexes)).not.toContain(secret);
    }

    // The manager's statistics and the logs of every function.
    const manager = await as('manager-regio');
    const statistics = JSON.stringify((await manager.request('GET', '/statistics')).json) + JSON.stringify((await manager.request('GET', '/statistics/beyond-treeknorm')).json);
    for (const secret of secrets) {
      expect(statistics).not.toContain(secret);
      expect(stack.output()).not.toContain(secret);
    }

    // E-mails: none carries them; the client letter goes to the client's own address, once.
    const emails = await mailFor(referralId);
    for (const email of emails) {
      for (const secret of secrets) expect(email.body.text ?? '').not.toContain(secret);
      if (notificationKindOf(email) !== 'client-letter') expect(email.destination.to).not.toContain(body.client.contact.email);
    }
    const [letter] = emails.filter((email) => notificationKindOf(email) === 'client-letter');
    expect(letter!.destination.to).toEqual([body.client.contact.email]);
    // Whom the client will hear from, and whom to call in a crisis.
    expect(letter!.body.text).toContain(notified.contactPerson.name);
    expect(letter!.body.text).toContain('010 000 01');
    expect(letter!.body.text).toContain('113');
    expect(letter!.body.text).toContain('0800-0113');
    expect(letter!.body.text).toContain('Huisartsenpost');
  });

  it('sends the client letter by e-mail only with consent, and stops it when consent for the client is withdrawn', async () => {
    const without = await notifiedReferral((body) => {
      body.consent.emailClient = false;
    });
    const withConsent = await notifiedReferral();
    await expect.poll(async () => (await mailFor(withConsent.referralId)).map(notificationKindOf), { timeout: 10_000 }).toContain('client-letter');
    expect((await mailFor(without.referralId)).map(notificationKindOf)).not.toContain('client-letter');

    // Withdrawn for the client, then a new contact person: no letter for them.
    const withdrawn = await notifiedReferral();
    expect((await poh.act(withdrawn.referralId, { action: 'withdraw-consent', recipient: 'client' })).status).toBe(200);
    const person = await as(withdrawn.notified.contactPerson.id);
    expect((await person.act(withdrawn.referralId, { action: 'decline', reason: 'Geen ruimte deze maand' })).status).toBe(200);
    const again = await poh.waitForStatus(withdrawn.referralId, ['notified', 'flagged-for-region']);
    expect(again.contactPerson?.id).not.toBe(withdrawn.notified.contactPerson.id);
    const letters = (await mailFor(withdrawn.referralId)).filter((email) => notificationKindOf(email) === 'client-letter');
    // Only the one for the first contact person, sent before the withdrawal.
    expect(letters.map(notificationIdOf)).toEqual([`${withdrawn.referralId}:client-letter:${withdrawn.notified.contactPerson.id}`]);
  });

  it('serves the client letter to the referrer and the contact person only, as a page with its own strict CSP', async () => {
    const { referralId, caseNumber, notified } = await notifiedReferral();
    const letter = await poh.request('GET', `/referrals/${referralId}/client-letter`);
    expect(letter.status).toBe(200);
    expect(letter.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(letter.headers.get('content-security-policy')).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'; frame-ancestors 'none'/);
    const html = letter.json as unknown as string;
    expect(html).toContain(caseNumber);
    expect(html).toContain(notified.contactPerson.name);
    expect(html).toContain('113 Zelfmoordpreventie');
    expect((await (await as(notified.contactPerson.id)).request('GET', `/referrals/${referralId}/client-letter`)).status).toBe(200);
    for (const other of ['huisarts-rivierkade', 'cp-lotte-visser', 'partner-de-brug']) {
      const response = await (await as(other)).request('GET', `/referrals/${referralId}/client-letter`);
      expect([403, 404], `${other}: ${response.status}`).toContain(response.status);
    }
  });
});

describe('case numbers', () => {
  it('names the case in the answer, the lists, the hand-off and the e-mails, and finds it by number or reference', async () => {
    const { body, referralId, caseNumber, notified } = await notifiedReferral();
    expect(caseNumber).toMatch(/^RV-\d{4}-\d{5}$/);
    const find = async (client: OverbrugClient, q: string) => ((await client.request('GET', `/referrals?${new URLSearchParams({ q, state: 'all' })}`)).json.items as any[]).map((item) => item.referralId);
    expect(await find(poh, caseNumber)).toEqual([referralId]);
    expect(await find(poh, caseNumber.toLowerCase())).toEqual([referralId]);
    expect(await find(poh, String(Number(caseNumber.slice(-5))))).toContain(referralId);
    expect(await find(poh, body.client.ref.slice(0, body.client.ref.length - 1))).toContain(referralId);
    expect(await find(poh, 'RV-1999-99999')).toEqual([]);
    // The contact person's inbox finds it too, and another organisation's search does not.
    expect(await find(await as(notified.contactPerson.id), caseNumber)).toEqual([referralId]);
    expect(await find(await as('huisarts-rivierkade'), caseNumber)).toEqual([]);
    const [line] = ((await poh.request('GET', `/referrals?q=${caseNumber}`)).json.items as any[]);
    expect(line.caseNumber).toBe(caseNumber);
    for (const email of await mailFor(referralId)) expect(`${email.subject}\n${email.body.text}`).toContain(caseNumber);
  });

  it('numbers the region’s referrals one by one, never twice, also when they come in at once', async () => {
    const bodies = await Promise.all(Array.from({ length: 8 }, () => sampleBody('social-domain')));
    const answers = await Promise.all(bodies.map((body) => poh.submit(body)));
    const numbers = answers.map((answer) => answer.json.caseNumber as string);
    expect(new Set(numbers).size).toBe(8);
    for (const number of numbers) expect(number).toMatch(/^RV-\d{4}-\d{5}$/);
  });
});

describe('the bridging partner acts', () => {
  it('accepts a hand-off and records a first contact, both in the timeline the contact person and the referrer see; refused once consent is withdrawn', async () => {
    const { referralId, notified } = await notifiedReferral();
    const bridging = notified.matches.find((match: any) => match.kind === 'bridging');
    const partner = await as(await demoPartnerOf(stack.endpoints, bridging.serviceId));
    const act = (action: Record<string, unknown>) => partner.request('POST', `/hand-offs/${referralId}/actions`, action);

    const accepted = await act({ action: 'accept' });
    expect(accepted.status, JSON.stringify(accepted.json)).toBe(200);
    expect(accepted.json).toMatchObject({ accepted: { at: expect.any(String) }, allowedActions: ['record-first-contact'] });
    // In the future: refused, nothing changes.
    const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    expect((await act({ action: 'record-first-contact', at: tomorrow })).json).toMatchObject({ status: 409, type: '/problems/invalid-action' });
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date());
    const contacted = await act({ action: 'record-first-contact', at: today });
    expect(contacted.status).toBe(200);
    expect(contacted.json).toMatchObject({ firstContact: { date: today }, allowedActions: [] });

    for (const viewer of [poh, await as(notified.contactPerson.id)]) {
      const events = (await viewer.get(referralId)).json.timeline.map((entry: any) => entry.event);
      expect(events).toEqual(expect.arrayContaining(['partner-accepted', 'partner-first-contact']));
    }
    // A partner of another organisation cannot act on it.
    const other = await as('partner-ervaringskracht');
    expect((await other.request('POST', `/hand-offs/${referralId}/actions`, { action: 'accept' })).status).toBe(404);

    expect((await poh.act(referralId, { action: 'withdraw-consent', recipient: 'partners' })).status).toBe(200);
    expect((await act({ action: 'record-first-contact', at: today })).json).toMatchObject({ status: 409, type: '/problems/hand-off-ended' });
  });
});

describe('the partner’s own contact details', () => {
  it('are kept current by the partner where it keeps its entry, and published with it', async () => {
    const { notified } = await notifiedReferral();
    const bridging = notified.matches.find((match: any) => match.kind === 'bridging');
    const partner = await as(await demoPartnerOf(stack.endpoints, bridging.serviceId));
    const put = (client: OverbrugClient, body: unknown) => client.request('PUT', `/kaart/${bridging.serviceId}/contact`, body);

    expect((await put(partner, { name: 'Aanmeldpunt', email: 'aanmelden@voorbeeld.example', phone: '12345' })).json).toMatchObject({
      status: 400,
      errors: [{ path: 'phone' }],
    });
    const saved = await put(partner, { name: 'Aanmeldpunt overbrugging', email: 'aanmelden@voorbeeld.example', phone: '010 000 0299' });
    expect(saved.status, JSON.stringify(saved.json)).toBe(200);
    expect(saved.json).toMatchObject({ contact: { name: 'Aanmeldpunt overbrugging', email: 'aanmelden@voorbeeld.example', phone: '+31100000299' }, contactUpdatedBy: 'partner' });
    // Another organisation's partner cannot change it; a referrer may not at all.
    expect((await put(await as('partner-ervaringskracht'), { name: 'x', email: 'x@voorbeeld.example' })).status).toBe(404);
    expect((await put(poh, { name: 'x', email: 'x@voorbeeld.example' })).status).toBe(403);
    // The entry says so to its keepers, and the kaart publishes it: new matches (and their letters and e-mails) take it from there.
    expect((await partner.request('GET', `/kaart/${bridging.serviceId}`)).json.contact.phone).toBe('+31100000299');
    const published = await (await fetch(`${stack.endpoints.api}/services/${bridging.serviceId}`)).json();
    expect(JSON.stringify(published)).toContain('aanmelden@voorbeeld.example');
  });
});

describe('a duplicate becomes an amendment', () => {
  it('adds a new need to the organisation’s open referral: triaged and matched, the case keeps its status, the contact person told', async () => {
    const { body, referralId, notified } = await notifiedReferral();
    // The same client again, with a housing need: refused as a duplicate, pointing to the open one.
    const again = structuredClone(body);
    again.intake.domains.push({ domain: 'housing', need: 'high', helpFrom: 'professional' });
    const duplicate = await poh.submit(again);
    expect(duplicate.status).toBe(409);
    expect(duplicate.json).toMatchObject({ type: '/problems/duplicate-referral', openReferralId: referralId, openCaseNumber: expect.stringMatching(/^RV-/) });

    const amended = await poh.request('POST', `/referrals/${referralId}/amendments`, { domains: [{ domain: 'housing', need: 'high', helpFrom: 'professional' }], note: 'Dreigt uit huis gezet te worden.' });
    expect(amended.status, JSON.stringify(amended.json)).toBe(202);
    expect(amended.json.status).toBe(notified.status);
    expect(amended.json.triage.needs.map((need: any) => need.domain)).toContain('housing');
    expect(amended.json.matches.some((match: any) => match.forNeed === 'housing') || amended.json.unmetNeeds.some((need: any) => need.domain === 'housing')).toBe(true);
    await expect.poll(async () => (await mailFor(referralId)).map(notificationKindOf), { timeout: 10_000 }).toContain('amendment');
    const [told] = (await mailFor(referralId)).filter((email) => notificationKindOf(email) === 'amendment');
    expect(told!.destination.to).toEqual([(await poh.get(referralId)).json.contactPerson!.email]);
    // The contact person sees the note; the need is claimed now, so a second referral for it is refused.
    const seen = (await (await as(notified.contactPerson.id)).get(referralId)).json;
    expect(seen.amendments).toEqual([expect.objectContaining({ newNeeds: ['housing'], note: 'Dreigt uit huis gezet te worden.' })]);
    expect((await poh.submit(again)).status).toBe(409);
    // Another organisation cannot amend it; an empty amendment is refused; nothing changes for either.
    expect((await (await as('huisarts-rivierkade')).request('POST', `/referrals/${referralId}/amendments`, { domains: [], note: 'x' })).status).toBe(404);
    expect((await poh.request('POST', `/referrals/${referralId}/amendments`, { domains: [] })).status).toBe(400);
  });
});
