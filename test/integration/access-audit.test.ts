import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStackProcess, type StackProcess } from '#local/child-process.ts';
import { AccessLog } from '#shared/adapters/access-log.ts';
import { SIGNAL_THRESHOLDS } from '#shared/domain/access-audit.ts';
import { dutchDate } from '#shared/domain/dutch-calendar.ts';
import { encodeCursor } from '#shared/http/cursor.ts';
import { demoUser } from '#shared/regions/demo-users.ts';
import { OverbrugClient } from '../support/api-client.ts';
import { sampleBody } from '../support/samples.ts';
import { accessRecord } from '../support/access-records.ts';

// The privacy officer (functionaris gegevensbescherming) over HTTP: every read of one client,
// denied ones included; only their region; their own use logged; signals past a threshold.

const ACCESS_LOG_TABLE = 'overbrug-local-access-log';

let stack: StackProcess;
let poh: OverbrugClient;
let otherReferrer: OverbrugClient;
let privacy: OverbrugClient;
let document: DynamoDBDocumentClient;
let log: AccessLog;
let referralId: string;
let clientRef: string;
let body: Record<string, any>;

beforeAll(async () => {
  stack = await startStackProcess();
  poh = await OverbrugClient.local(stack.endpoints, 'poh-delinde');
  otherReferrer = await OverbrugClient.local(stack.endpoints, 'huisarts-rivierkade');
  privacy = await OverbrugClient.local(stack.endpoints, 'privacy-voorbeeld');
  document = DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint: stack.endpoints.dynamodb, region: 'eu-central-1', credentials: { accessKeyId: 't', secretAccessKey: 't' } }),
  );
  log = new AccessLog(document, ACCESS_LOG_TABLE);
  body = await sampleBody('social-domain');
  clientRef = body.client.ref;
  const submitted = await poh.submit(body);
  expect(submitted.status).toBe(202);
  referralId = submitted.json.referralId;
  await poh.waitForStatus(referralId, ['notified']);
});
afterAll(() => stack?.stop());

const entryOf = accessRecord;

const auditOf = async (query: Record<string, string>) => {
  const { status, json } = await privacy.request('GET', `/access-log?${new URLSearchParams(query)}`);
  expect(status, JSON.stringify(json)).toBe(200);
  return json as { items: any[]; cursor: string | null };
};

describe('the privacy officer and the access log', () => {
  it("finds every read of one client by their client reference, the denied one of another organisation's referrer included", async () => {
    expect((await poh.get(referralId)).status).toBe(200);
    expect((await otherReferrer.get(referralId)).status).toBe(404);
    // The same client and need from another practice: the duplicate guard looks into the open referral for them.
    expect((await otherReferrer.submit(body)).status).toBe(409);

    const { items } = await auditOf({ clientRef });
    expect(items.every((item) => item.referralId === referralId)).toBe(true);
    const mulder = demoUser('huisarts-rivierkade');
    const denied = items.find((item) => item.outcome === 'denied');
    expect(denied).toMatchObject({
      referralId,
      person: { name: mulder.name },
      role: 'verwijzer',
      organisation: { id: 'hap-rivierkade', name: mulder.organisationName },
      route: 'GET /referrals/{referralId}',
      purpose: expect.any(String),
    });
    const allowed = items.find((item) => item.outcome === 'allowed' && item.route === 'GET /referrals/{referralId}');
    expect(allowed).toMatchObject({ person: { name: demoUser('poh-delinde').name }, organisation: { id: 'hap-de-linde' } });
    expect(Object.keys(allowed).sort()).toEqual(['action', 'at', 'organisation', 'outcome', 'person', 'purpose', 'referralId', 'role', 'route']);
    expect(items.find((item) => item.action === 'duplicate-check')).toMatchObject({ person: { name: mulder.name }, route: 'POST /referrals', outcome: 'allowed' });

    // The same by referral id, and only the refusals when asked.
    const deniedOnly = await auditOf({ referralId, outcome: 'denied' });
    expect(deniedOnly.items.length).toBeGreaterThanOrEqual(1);
    expect(deniedOnly.items.every((item) => item.outcome === 'denied')).toBe(true);
    expect((await auditOf({ clientRef: `nobody-${randomUUID()}` })).items).toEqual([]);
  });

  it('finds every read of one case by its case number, as people name it', async () => {
    const { json: seen } = await poh.get(referralId);
    const caseNumber: string = seen.caseNumber;
    expect(caseNumber).toMatch(/^RV-\d{4}-\d{5}$/);
    expect((await otherReferrer.get(referralId)).status).toBe(404);

    const { items } = await auditOf({ caseNumber: caseNumber.toLowerCase() });
    expect(items.length).toBeGreaterThanOrEqual(2);
    expect(items.every((item) => item.referralId === referralId)).toBe(true);
    expect(items.some((item) => item.outcome === 'denied' && item.organisation.id === 'hap-rivierkade')).toBe(true);
    // A number of this region that no case has, and one that is not a case number.
    expect((await auditOf({ caseNumber: caseNumber.replace(/\d{5}$/, '99999') })).items).toEqual([]);
    const wrong = await privacy.request('GET', `/access-log?${new URLSearchParams({ caseNumber: '412' })}`);
    expect(wrong.status).toBe(400);
    expect(wrong.json.errors).toEqual([expect.objectContaining({ path: 'caseNumber' })]);

    // Its own use is logged against the case, with the number it was asked for.
    const own = await auditOf({ route: 'GET /access-log', referralId });
    expect(own.items.some((item) => item.action === 'audit-read')).toBe(true);
    const { Items = [] } = await document.send(new ScanCommand({ TableName: ACCESS_LOG_TABLE }));
    expect(Items.some((item) => item.action === 'audit-read' && item.referralId === referralId && item.query?.caseNumber === caseNumber)).toBe(true);
  });

  it('refuses the manager and a verwijzer on /access-log', async () => {
    for (const username of ['manager-regio', 'poh-delinde', 'cp-anouk-de-vries']) {
      const client = await OverbrugClient.local(stack.endpoints, username);
      expect((await client.request('GET', '/access-log')).status, username).toBe(403);
      expect((await client.request('GET', '/access-log/signals')).status, username).toBe(403);
    }
  });

  it("logs the privacy officer's own use, with its purpose and filters but never the client reference", async () => {
    await auditOf({ clientRef, person: 'Mulder' });
    const own = await auditOf({ route: 'GET /access-log', person: demoUser('privacy-voorbeeld').name });
    expect(own.items.length).toBeGreaterThanOrEqual(1);
    expect(own.items[0]).toMatchObject({ role: 'privacy', action: 'audit-read', outcome: 'allowed', purpose: expect.stringContaining('privacy officer') });
    // The clientRef lookup is logged against the client's referral.
    expect(own.items.some((item) => item.referralId === referralId)).toBe(true);
    const { Items = [] } = await document.send(new ScanCommand({ TableName: ACCESS_LOG_TABLE }));
    const audits = Items.filter((item) => item.action === 'audit-read');
    expect(audits.some((item) => item.query?.clientRef === 'given' && item.query?.person === 'Mulder')).toBe(true);
    expect(JSON.stringify(Items)).not.toContain(clientRef);
  });

  it('shows only entries of its own region', async () => {
    const elsewhere = entryOf({ referralId, regionId: 'regio-elders', actorName: 'E. Elders', organisationId: 'elders-praktijk' });
    await log.record(elsewhere);
    const all: any[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: any[]; cursor: string | null } = await auditOf({ limit: '200', ...(cursor ? { cursor } : {}) });
      all.push(...page.items);
      cursor = page.cursor;
    } while (cursor);
    expect(all.length).toBeGreaterThan(0);
    expect(all.some((item) => item.person.name === 'E. Elders' || item.person.id === elsewhere.actor)).toBe(false);
    expect((await auditOf({ clientRef })).items.some((item) => item.person.id === elsewhere.actor)).toBe(false);
    expect((await auditOf({ organisation: 'elders-praktijk' })).items).toEqual([]);
    // A cursor of another region's list is refused, not followed.
    const foreign = encodeCursor({ regionId: 'regio-elders', accessId: `${elsewhere.at}#${elsewhere.requestId}#read-case`, referralId });
    expect((await privacy.request('GET', `/access-log?cursor=${foreign}`)).status).toBe(400);
  });

  it('pages with an opaque cursor, newest first, within the period asked (Amsterdam days)', async () => {
    const first = await auditOf({ limit: '2' });
    expect(first.items).toHaveLength(2);
    expect(first.items[0].at >= first.items[1].at).toBe(true);
    expect(first.cursor).toEqual(expect.any(String));
    const second = await auditOf({ limit: '2', cursor: first.cursor! });
    expect(second.items[0].at <= first.items[1].at).toBe(true);
    expect(second.items.map((item) => item.at + item.route)).not.toContain(first.items[1].at + first.items[1].route);
    const tomorrow = dutchDate(new Date(Date.now() + 24 * 60 * 60 * 1000));
    expect((await auditOf({ from: tomorrow, to: tomorrow })).items).toEqual([]);
    const bad = await privacy.request('GET', '/access-log?from=2026-02-30&outcome=maybe&route=GET%20%2Fnowhere&limit=0');
    expect(bad.status).toBe(400);
    expect(bad.json.errors.map((error: any) => error.path).sort()).toEqual(['from', 'limit', 'outcome', 'route']);
    // The last day a date field takes: its next day would be no date of four digits.
    expect((await privacy.request('GET', '/access-log?from=9999-12-31&to=9999-12-31')).status).toBe(400);
    expect((await privacy.request('GET', '/access-log/signals?to=9999-12-31')).status).toBe(400);
  });

  it('raises a signal when a person crosses a threshold, and not before', async () => {
    const actor = `sub-${randomUUID()}`;
    const { minCases } = SIGNAL_THRESHOLDS.manyReads;
    const start = Date.now() - 30 * 60 * 1000;
    const reads = Array.from({ length: minCases }, (_, index) =>
      entryOf({ actor, actorName: 'V. Veellezer', at: new Date(start + index * 60 * 1000).toISOString() }),
    );
    await log.recordAll(reads.slice(0, minCases - 1));
    const signalsOf = async () => {
      const { status, json } = await privacy.request('GET', '/access-log/signals');
      expect(status).toBe(200);
      return json.signals as any[];
    };
    expect((await signalsOf()).filter((signal) => signal.person.id === actor)).toEqual([]);
    await log.record(reads[minCases - 1]!);
    const many = (await signalsOf()).find((signal) => signal.person.id === actor && signal.kind === 'many-reads');
    expect(many).toMatchObject({ count: minCases, person: { name: 'V. Veellezer' } });
    expect(many.message).toContain(`V. Veellezer`);
    expect(many.message).toContain(`${minCases} dossiers binnen ${SIGNAL_THRESHOLDS.manyReads.withinMinutes} minuten`);

    // The refused read of the other organisation's referrer is a signal too (every refusal counts).
    const denied = (await signalsOf()).find((signal) => signal.kind === 'denied-reads' && signal.person.name === demoUser('huisarts-rivierkade').name);
    expect(denied).toMatchObject({ count: expect.any(Number), referralIds: expect.arrayContaining([referralId]) });
    expect(denied.message).toContain('een dossier te openen en kreeg geen toegang');

    // Its use is logged as well.
    expect((await auditOf({ route: 'GET /access-log/signals' })).items[0]).toMatchObject({ action: 'audit-signals', role: 'privacy' });
  });
});
