import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStackProcess, type StackProcess } from '#local/child-process.ts';
import { OverbrugClient } from '../support/api-client.ts';
import { eventually } from '../support/direct-aws.ts';
import { sampleBody } from '../support/samples.ts';

// The manager's view over HTTP: aggregates of their region, small counts hidden, never a client.

let stack: StackProcess;
let poh: OverbrugClient;
let manager: OverbrugClient;
beforeAll(async () => {
  stack = await startStackProcess();
  poh = await OverbrugClient.local(stack.endpoints, 'poh-delinde');
  manager = await OverbrugClient.local(stack.endpoints, 'manager-regio');
});
afterAll(() => stack?.stop());

const DAY = 24 * 60 * 60 * 1000;

describe('statistics for the manager', () => {
  it('change as referrals come in, with counts under 5 shown as "<5"', async () => {
    const before = (await manager.request('GET', '/statistics')).json;
    // Nothing yet: a zero singles out nobody.
    expect(before.referrals.total).toBe(0);
    expect(before.region.name).toContain('Voorbeeld');

    const ids: string[] = [];
    for (let index = 0; index < 6; index++) ids.push((await poh.submit(await sampleBody('social-domain'))).json.referralId);
    for (const id of ids) await poh.waitForStatus(id, ['notified']);
    const { status, json } = await manager.request('GET', '/statistics');
    expect(status).toBe(200);
    expect(json.referrals.total).toBe(6);
    expect(json.referrals.perRoute['social-domain']).toBe(6);
    expect(json.referrals.perRoute.crisis).toBe(0);
    expect(json.waitingTimes.toTriage).toMatchObject({ count: 6, medianMinutes: expect.any(Number) });
    // Filtered to a gemeente without these referrals (they are from Polderdam): nothing to count.
    const other = (await manager.request('GET', '/statistics?gemeente=Heuvelrand')).json;
    expect(other.referrals.total).toBe(0);
    expect(JSON.stringify(json)).not.toMatch(/"ref"|birthYear|postcode|whatHappened/);
  });

  it('list the cases waiting beyond the treeknorm by case number only', async () => {
    const body = await sampleBody('basic-ggz');
    body.waiting = { onGgzWaitlist: true, since: new Date(Date.now() - 20 * 7 * DAY).toISOString().slice(0, 10), provider: 'GGZ Voorbeeld' };
    const { json } = await poh.submit(body);
    await poh.waitForStatus(json.referralId, ['notified']);
    // The "now" figures count it too, from what its day and month keep of the open cases (the stream marks them).
    await eventually(async () => (await manager.request('GET', '/statistics')).json.waitingForGgzNow.beyondTreeknorm === '<5', 15_000, 'the case in the "now" figures');
    const list = (await manager.request('GET', '/statistics/beyond-treeknorm')).json;
    const entry = list.items.find((item: any) => item.referralId === json.referralId);
    expect(entry).toMatchObject({ weeksWaiting: 20, bridging: true, contactPerson: expect.any(String) });
    expect(Object.keys(entry).sort()).toEqual(['beyondTreeknormSince', 'bridging', 'caseNumber', 'contactPerson', 'referralId', 'status', 'waitingSince', 'weeksWaiting']);
    expect(entry.caseNumber).toMatch(/^RV-\d{4}-\d{5}$/);
    // The case number leads nowhere for a manager.
    expect((await manager.get(json.referralId)).status).toBe(403);
    expect((await manager.request('GET', '/referrals')).status).toBe(403);
  });

  it('refuse a query that makes no sense, saying why', async () => {
    const { status, json } = await manager.request('GET', '/statistics?from=2026-13-01&gemeente=Nergenshuizen');
    expect(status).toBe(400);
    expect(json.errors.map((error: any) => error.path).sort()).toEqual(['from', 'gemeente']);
    expect((await poh.request('GET', '/statistics')).status).toBe(403);
  });
});
