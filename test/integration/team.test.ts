import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStackProcess, type StackProcess } from '#local/child-process.ts';
import { dutchDate, dutchMidnight } from '#shared/domain/dutch-calendar.ts';
import { DEMO_USERS } from '#shared/regions/demo-users.ts';
import { mailbox, notificationIdOf, notificationKindOf, OverbrugClient, type MailboxEmail } from '../support/api-client.ts';
import { directAws, eventually } from '../support/direct-aws.ts';
import { sampleBody } from '../support/samples.ts';

// The team of issue 16 over HTTP on the local stack: the region adds a cliëntondersteuner who then
// gets a case; an absence with "hand over open cases" moves the cases to colleagues (counts add up,
// the colleague and the referrer told, a case nobody can take stays and the region is told) and,
// as Regio Voorbeeld chooses, back after the absence.

let stack: StackProcess;
let manager: OverbrugClient;
let coordinator: OverbrugClient;
let poh: OverbrugClient;

beforeAll(async () => {
  stack = await startStackProcess();
  manager = await OverbrugClient.local(stack.endpoints, 'manager-regio');
  coordinator = await OverbrugClient.local(stack.endpoints, 'coordinator-voorbeeld');
  poh = await OverbrugClient.local(stack.endpoints, 'poh-delinde');
});
afterAll(() => stack?.stop());

const emailOf = (username: string) => DEMO_USERS.find((user) => user.username === username)!.email;

const person = (id: string, gemeenten: string[], caseloadLimit: number) => ({
  contactPersonId: id,
  name: id.replace(/^cp-/, '').replace(/-/g, ' '),
  organisation: 'Cliëntondersteuning Voorbeeld',
  email: `${id}@clientondersteuning-voorbeeld.example`,
  phone: '010 000 0150',
  gemeenten,
  caseloadLimit,
  languages: ['nl'],
  active: true,
});

/** The editable fields of a contact person as the API shows them, for a PUT that changes some. */
async function editable(client: OverbrugClient, id: string) {
  const { json } = await client.request('GET', `/contact-persons/${id}`);
  const { contactPersonId: _id, caseload: _caseload, ...fields } = json;
  return fields;
}

const caseloads = async (ids: string[]) => {
  const { json } = await coordinator.request('GET', '/contact-persons');
  return Object.fromEntries(ids.map((id) => [id, (json.items as { contactPersonId: string; caseload: number }[]).find((item) => item.contactPersonId === id)?.caseload]));
};

const emailsAbout = async (referralId: string): Promise<MailboxEmail[]> => (await mailbox(stack.endpoints.mailbox)).filter((email) => notificationIdOf(email)?.startsWith(referralId));

async function waitForEmail(referralId: string, kind: string, to: string): Promise<MailboxEmail> {
  return eventually(async () => (await emailsAbout(referralId)).find((email) => notificationKindOf(email) === kind && email.destination.to.includes(to)), 30_000, `${kind} to ${to} about ${referralId}`);
}

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

describe('the team', () => {
  it('the manager adds a cliëntondersteuner, who then receives a case; every change in the history', async () => {
    // Checked like any input: a gemeente outside the region and a phone number that is none, each named.
    const wrong = await manager.request('POST', '/contact-persons', { ...person('cp-aa-eva-de-boer', ['Amsterdam'], 5), phone: '12345' });
    expect(wrong.status).toBe(400);
    expect(wrong.headers.get('content-type')).toContain('application/problem+json');
    expect((wrong.json.errors as { path: string }[]).map((error) => error.path).sort()).toEqual(['phone']);
    const elsewhere = await manager.request('POST', '/contact-persons', person('cp-aa-eva-de-boer', ['Amsterdam'], 5));
    expect(elsewhere.status).toBe(400);
    expect((elsewhere.json.errors as { path: string }[]).map((error) => error.path)).toEqual(['gemeenten.0']);

    // The lowest id of the least loaded in Rivierstad: the one the next Rivierstad client gets.
    const added = await manager.request('POST', '/contact-persons', { ...person('cp-aa-eva-de-boer', ['rivierstad'], 5), name: 'Eva de Boer', languages: ['nl', 'en'] });
    expect(added.status).toBe(201);
    expect(added.json).toEqual({ ...person('cp-aa-eva-de-boer', ['Rivierstad'], 5), name: 'Eva de Boer', languages: ['nl', 'en'], phone: '+31100000150', caseload: 0 });
    expect((await manager.request('POST', '/contact-persons', person('cp-aa-eva-de-boer', ['Rivierstad'], 5))).status).toBe(409);

    const sample = await sampleBody('combined');
    const { json } = await poh.submit(sample);
    const view = await poh.waitForStatus(json.referralId, ['notified']);
    expect(view.contactPerson?.id).toBe('cp-aa-eva-de-boer');
    await waitForEmail(json.referralId, 'contact-person', 'cp-aa-eva-de-boer@clientondersteuning-voorbeeld.example');

    // Her load shows, never who her clients are.
    const read = await coordinator.request('GET', '/contact-persons/cp-aa-eva-de-boer');
    expect(read.status).toBe(200);
    expect(read.json.caseload).toBe(1);
    expect(Object.keys(read.json)).not.toContain('clients');
    expect(JSON.stringify((await coordinator.request('GET', '/contact-persons')).json)).not.toContain(sample.client.ref);

    const history = await coordinator.request('GET', '/contact-persons/cp-aa-eva-de-boer/history');
    expect(history.json.changes).toMatchObject([{ change: 'created', role: 'manager', name: 'M. de Wit (regiomanager)', fields: { name: { to: 'Eva de Boer' } } }]);

    // Another role may not, and another region's person is not there.
    expect((await poh.request('GET', '/contact-persons')).status).toBe(403);
    expect((await manager.request('GET', '/contact-persons/cp-onbekend')).status).toBe(404);
  });

  it('an absence with hand-over: the cases move to colleagues with room, counts add up, colleague, referrer and region told; back after it', async () => {
    // Polderdam's team for this test: the others deactivated through the API (their open cases stay theirs).
    for (const id of ['cp-kees-bakker', 'cp-fatma-yilmaz', 'cp-joost-van-dijk', 'cp-lotte-visser']) {
      const put = await coordinator.request('PUT', `/contact-persons/${id}`, { ...(await editable(coordinator, id)), active: false });
      expect(put.status, id).toBe(200);
      expect(put.json.active).toBe(false);
    }
    expect((await coordinator.request('POST', '/contact-persons', person('cp-test-absent', ['Polderdam'], 10))).status).toBe(201);
    const cases: string[] = [];
    for (let index = 0; index < 3; index++) {
      const { json } = await poh.submit(await sampleBody('social-domain'));
      expect((await poh.waitForStatus(json.referralId, ['notified'])).contactPerson?.id).toBe('cp-test-absent');
      cases.push(json.referralId);
    }
    // Two colleagues with room for one each: two of the three cases can move.
    expect((await coordinator.request('POST', '/contact-persons', person('cp-test-colleague-b', ['Polderdam'], 1))).status).toBe(201);
    expect((await coordinator.request('POST', '/contact-persons', person('cp-test-colleague-c', ['Polderdam'], 1))).status).toBe(201);
    const everyone = ['cp-test-absent', 'cp-test-colleague-b', 'cp-test-colleague-c'];
    expect(await caseloads(everyone)).toEqual({ 'cp-test-absent': 3, 'cp-test-colleague-b': 0, 'cp-test-colleague-c': 0 });

    const today = dutchDate(new Date());
    const until = addDays(today, 7);
    const away = await coordinator.request('PUT', '/contact-persons/cp-test-absent', { ...(await editable(coordinator, 'cp-test-absent')), absence: { from: today, to: until, handOver: true } });
    expect(away.status).toBe(200);
    expect(away.json.absence).toEqual({ from: today, to: until, handOver: true });
    const { moved, stayed } = away.json.handOver as { moved: { referralId: string; to: { contactPersonId: string } }[]; stayed: { referralId: string }[] };
    expect(moved.map((move) => move.to.contactPersonId).sort()).toEqual(['cp-test-colleague-b', 'cp-test-colleague-c']);
    expect(stayed).toHaveLength(1);
    // Counts add up: three open cases, three slots held.
    expect(away.json.caseload).toBe(1);
    expect(await caseloads(everyone)).toEqual({ 'cp-test-absent': 1, 'cp-test-colleague-b': 1, 'cp-test-colleague-c': 1 });

    for (const move of moved) {
      const colleague = `${move.to.contactPersonId}@clientondersteuning-voorbeeld.example`;
      const toColleague = await waitForEmail(move.referralId, 'contact-person-change', colleague);
      const toReferrer = await waitForEmail(move.referralId, 'referrer-contact-person-change', emailOf('poh-delinde'));
      expect(toColleague.body.text).toContain(`afwezig tot en met`);
      // No health data in these e-mails: no triage, no needs, no signals.
      for (const email of [toColleague, toReferrer]) expect(email.body.text).not.toMatch(/Triage|Signalen|Hulpvragen|levensdomein/i);
      const { json } = await poh.get(move.referralId);
      expect(json.contactPerson?.id).toBe(move.to.contactPersonId);
      expect((json.timeline as { event: string }[]).map((entry) => entry.event)).toContain('contact-person-handed-over');
      // The answer named the case: a read of a client record, in the access log.
      const { Items } = await directAws(stack.endpoints).document.send(
        new QueryCommand({ TableName: 'overbrug-local-access-log', KeyConditionExpression: 'referralId = :id', ExpressionAttributeValues: { ':id': move.referralId } }),
      );
      expect((Items ?? []).map((item) => `${item.action} ${item.role}`)).toContain('case-action:hand-over coordinator');
    }
    const stuck = stayed[0]!.referralId;
    const toRegion = await waitForEmail(stuck, 'region-hand-over', 'regie@regio-voorbeeld.example');
    expect(toRegion.body.text).toContain('blijft daarom bij');
    expect(((await poh.get(stuck)).json.timeline as { event: string }[]).map((entry) => entry.event)).toContain('hand-over-not-possible');

    // While away, no new case: with room at C again, the next Polderdam client goes to C, not to the absent person.
    expect((await coordinator.request('PUT', '/contact-persons/cp-test-colleague-c', { ...(await editable(coordinator, 'cp-test-colleague-c')), caseloadLimit: 2 })).status).toBe(200);
    const { json: next } = await poh.submit(await sampleBody('social-domain'));
    expect((await poh.waitForStatus(next.referralId, ['notified'])).contactPerson?.id).toBe('cp-test-colleague-c');

    // The absence is over: the region chose that clients go back to their own contact person.
    const after = dutchMidnight(addDays(until, 1));
    const run = await fetch(`${stack.endpoints.api}/_local/schedules/team-absences`, { method: 'POST', body: JSON.stringify({ at: new Date(after.getTime() + 9 * 3600_000).toISOString() }) });
    expect(run.status).toBe(200);
    expect(await caseloads(everyone)).toEqual({ 'cp-test-absent': 3, 'cp-test-colleague-b': 0, 'cp-test-colleague-c': 1 });
    for (const move of moved) {
      await waitForEmail(move.referralId, 'contact-person-change', 'cp-test-absent@clientondersteuning-voorbeeld.example');
      expect((await poh.get(move.referralId)).json.contactPerson?.id).toBe('cp-test-absent');
    }

    const history = (await coordinator.request('GET', '/contact-persons/cp-test-absent/history')).json.changes as { change: string; role?: string; cases?: object; fields?: object }[];
    expect(history.map((change) => change.change)).toEqual(['handed-back', 'handed-over', 'updated', 'created']);
    expect(history[1]).toMatchObject({ role: 'coordinator', cases: { moved: 2, stayed: 1 } });
    expect(history[2]).toMatchObject({ role: 'coordinator', fields: { absence: { to: { from: today, to: until, handOver: true } } } });
  });
});
