import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStackProcess, type StackProcess } from '#local/child-process.ts';
import { dutchDate } from '#shared/domain/dutch-calendar.ts';
import { parseBody } from '#shared/fhir/format.ts';
import { validateFhir } from '#shared/fhir/validate.ts';
import { devToken, OverbrugClient } from '../support/api-client.ts';
import { jsonFixture, referralBundle, SDOHCC_EXAMPLES } from '../support/fhir.ts';

// Issue 12 over HTTP on the local stack: a practice system signs in with client credentials and
// refers as FHIR; the referral is the one POST /referrals makes, readable and movable as the
// referrer's Task and its sub-tasks; one without its netwerkintake waits for the contact person.

let stack: StackProcess;
let system: FhirClient;

class FhirClient {
  readonly api: string;
  readonly token: string;

  constructor(api: string, token: string) {
    this.api = api;
    this.token = token;
  }

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const response = await fetch(`${this.api}${path}`, {
      method,
      headers: { authorization: `Bearer ${this.token}`, ...(body === undefined ? {} : { 'content-type': 'application/fhir+json' }), ...headers },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await response.text();
    const type = response.headers.get('content-type') ?? '';
    return { status: response.status, headers: response.headers, text, json: (type.includes('json') && text ? JSON.parse(text) : undefined) as Record<string, any> };
  }
}

/** The practice system's token: client credentials at the dev IdP, by HTTP Basic auth. */
async function clientCredentials(idp: string, id = 'his-delinde', secret = 'local-demo-secret', inBody = false) {
  const response = await fetch(`${idp}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(inBody ? {} : { authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}` }) },
    body: new URLSearchParams({ grant_type: 'client_credentials', ...(inBody ? { client_id: id, client_secret: secret } : {}) }),
  });
  return { status: response.status, json: (await response.json()) as Record<string, any> };
}

beforeAll(async () => {
  stack = await startStackProcess();
  const { json } = await clientCredentials(stack.endpoints.idp);
  system = new FhirClient(stack.endpoints.api, json.access_token);
});
afterAll(() => stack?.stop());

const unique = (prefix: string) => `${prefix}-${crypto.randomUUID().slice(0, 8)}`;
const poll = async <T>(what: string, read: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await read();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`Timed out waiting for ${what}`);
};
const taskWith = (id: string, test: (task: Record<string, any>) => boolean) =>
  poll(`Task/${id}`, async () => {
    const { status, json } = await system.request('GET', `/fhir/Task/${id}`);
    return status === 200 && test(json) ? json : undefined;
  });
const business = (task: Record<string, any>) => task.businessStatus.coding[0].code as string;

describe('the FHIR interface', () => {
  it('signs a practice system in with client credentials, by Basic auth or in the body, and no other', async () => {
    expect((await clientCredentials(stack.endpoints.idp, 'his-delinde', 'local-demo-secret', true)).json.scope).toBe('overbrug/referrals.read overbrug/referrals.write');
    expect((await clientCredentials(stack.endpoints.idp, 'his-delinde', 'wrong')).status).toBe(401);
    // The CapabilityStatement needs no token and tells what is served, in JSON and XML.
    const metadata = await fetch(`${stack.endpoints.api}/fhir/metadata?_format=xml`);
    expect(metadata.headers.get('content-type')).toContain('application/fhir+xml');
    const capability = parseBody(await metadata.text(), 'xml');
    expect(capability.ok ? validateFhir(capability.value) : capability.issues).toEqual([]);
  });

  it('accepts a transaction built around the guides\' examples; the Task reads as JSON and XML and validates; a resend is the same Task', async () => {
    const identifier = `urn:uuid:${crypto.randomUUID()}`;
    const bundle = referralBundle({ clientRef: unique('hdl-fhir'), identifier, task: jsonFixture(SDOHCC_EXAMPLES[0]!), serviceRequest: jsonFixture(SDOHCC_EXAMPLES[4]!) });
    const { status, json } = await system.request('POST', '/fhir', bundle);
    expect(status, JSON.stringify(json)).toBe(200);
    expect(json.type).toBe('transaction-response');
    const taskEntry = json.entry[5].response;
    expect(taskEntry.status).toBe('201 Created');
    const id = taskEntry.location.split('/')[1];
    expect(json.entry[4].response.location).toMatch(new RegExp(`^ServiceRequest/${id}/`));

    // Triaged, matched, a contact person has it: the Task is accepted, validates, and is the same case as GET /referrals/{id}.
    const task = await taskWith(id, (candidate) => business(candidate) === 'notified');
    expect(task).toMatchObject({ id, status: 'accepted', intent: 'order', focus: { reference: `ServiceRequest/${id}` } });
    expect(validateFhir(task)).toEqual([]);
    const poh = await OverbrugClient.local(stack.endpoints, 'poh-delinde');
    const view = await poh.get(id);
    expect(view.json).toMatchObject({ referralId: id, fhir: { task: `Task/${id}`, status: 'accepted' } });
    expect(task.identifier).toContainEqual({ system: 'urn:overbrug:case-number', value: view.json.caseNumber });
    // The client's contact details went where client.contact goes: shown to the referrer's organisation.
    expect(view.json.client.contact).toMatchObject({ phone: '+31100000301', email: 'client@voorbeeld.example', preferredChannel: 'phone' });

    const xml = await system.request('GET', `/fhir/Task/${id}`, undefined, { accept: 'application/fhir+xml' });
    expect(xml.headers.get('content-type')).toContain('application/fhir+xml');
    const fromXml = parseBody(xml.text, 'xml');
    expect(fromXml.ok ? fromXml.value : fromXml.issues).toEqual(task);

    const again = await system.request('POST', '/fhir', bundle);
    expect(again.status).toBe(200);
    expect(again.json.entry[5].response).toMatchObject({ status: '200 OK', location: expect.stringMatching(new RegExp(`^Task/${id}/`)) });
  });

  it('takes a referral without its netwerkintake: awaiting-intake with a contact person, then triaged, matched and notified once the intake is recorded', async () => {
    const { status, json } = await system.request('POST', '/fhir', referralBundle({ clientRef: unique('hdl-fhir-awaiting'), intake: false }));
    expect(status, JSON.stringify(json)).toBe(200);
    const id = json.entry[5].response.location.split('/')[1];
    const waiting = await taskWith(id, (task) => business(task) === 'awaiting-intake' && task.status === 'accepted');
    expect(waiting.output.find((output: any) => output.type.coding[0].code === 'contact-person')).toBeTruthy();
    const poh = await OverbrugClient.local(stack.endpoints, 'poh-delinde');
    const contactPersonId = (await poh.get(id)).json.contactPerson!.id as string;

    // The contact person sees their sub-task, and records the netwerkintake with the client.
    const person = await OverbrugClient.local(stack.endpoints, contactPersonId);
    const asPerson = new FhirClient(stack.endpoints.api, await devToken(stack.endpoints.idp, contactPersonId));
    const subTasks = await asPerson.request('GET', '/fhir/Task?status=requested');
    expect(subTasks.json.entry.map((entry: any) => entry.resource.id)).toContain(`${id}-cp1`);
    const intake = { story: { whatHappened: 'Samen besproken.' }, domains: [{ domain: 'finances', need: 'high', helpFrom: 'professional' }], flags: ['money-worries'] };
    // Without a naasten Consent, the intake records nothing of a naaste: refused, and the referral still waits.
    const withNaaste = await person.act(id, { action: 'record-intake', intake: { ...intake, naaste: { burden: 'high' } } });
    expect(withNaaste.status, JSON.stringify(withNaaste.json)).toBe(409);
    expect((await poh.get(id)).json.status).toBe('awaiting-intake');
    const recorded = await person.act(id, { action: 'record-intake', intake });
    expect(recorded.status, JSON.stringify(recorded.json)).toBe(200);
    const notified = await poh.waitForStatus(id, ['notified']);
    expect(notified.triage?.route).toBeTruthy();
    expect(notified.contactPerson?.id).toBe(contactPersonId);
  });

  it('withdraws the referral when the referrer\'s system cancels its Task, honouring If-Match', async () => {
    const { json } = await system.request('POST', '/fhir', referralBundle({ clientRef: unique('hdl-fhir-cancel') }));
    const id = json.entry[5].response.location.split('/')[1];
    const task = await taskWith(id, (candidate) => business(candidate) === 'notified');
    const cancelled = { ...task, status: 'cancelled', statusReason: { text: 'Cliënt wil geen hulp meer' } };
    expect((await system.request('PUT', `/fhir/Task/${id}`, cancelled, { 'if-match': 'W/"1"' })).status).toBe(412);
    const put = await system.request('PUT', `/fhir/Task/${id}`, cancelled, { 'if-match': `W/"${task.meta.versionId}"` });
    expect(put.status, JSON.stringify(put.json)).toBe(200);
    expect(put.json).toMatchObject({ status: 'cancelled', statusReason: { text: 'Cliënt wil geen hulp meer' } });
    const poh = await OverbrugClient.local(stack.endpoints, 'poh-delinde');
    expect((await poh.get(id)).json.status).toBe('withdrawn');
  });

  it('lets the contact person accept their sub-task, and answers a duplicate with 409 as POST /referrals does', async () => {
    const clientRef = unique('hdl-fhir-dup');
    const { json } = await system.request('POST', '/fhir', referralBundle({ clientRef }));
    const id = json.entry[5].response.location.split('/')[1];
    await taskWith(id, (candidate) => business(candidate) === 'notified');
    const duplicate = await system.request('POST', '/fhir', referralBundle({ clientRef }));
    expect(duplicate.status).toBe(409);
    expect(duplicate.json.resourceType).toBe('OperationOutcome');
    expect(duplicate.json.issue[0].code).toBe('duplicate');

    const poh = await OverbrugClient.local(stack.endpoints, 'poh-delinde');
    const contactPersonId = (await poh.get(id)).json.contactPerson!.id as string;
    const person = new FhirClient(stack.endpoints.api, await devToken(stack.endpoints.idp, contactPersonId));
    const sub = await person.request('GET', `/fhir/Task/${id}-cp1`);
    expect(sub.json).toMatchObject({ status: 'requested', partOf: [{ reference: `Task/${id}` }] });
    const accepted = await person.request('PUT', `/fhir/Task/${id}-cp1`, { ...sub.json, status: 'accepted' });
    expect(accepted.status, JSON.stringify(accepted.json)).toBe(200);
    expect(accepted.json.status).toBe('accepted');
    expect((await poh.get(id)).json.status).toBe('accepted');
    // The referrer's system reads its Tasks, paged, with the ServiceRequests they focus on.
    const search = await system.request('GET', `/fhir/Task?_count=2&_include=Task:focus&_id=${id}`);
    expect(search.json.type).toBe('searchset');
    expect(validateFhir(search.json)).toEqual([]);
    // Searching by _lastUpdated: a day is the Dutch day; a time is the point it names (the Task may
    // change again meanwhile, so only what holds for a later change too is asked here).
    const ids = async (lastUpdated: string) => ((await system.request('GET', `/fhir/Task?_id=${id}&_lastUpdated=${encodeURIComponent(lastUpdated)}`)).json.entry ?? []).map((entry: any) => entry.resource.id);
    const { json: task } = await system.request('GET', `/fhir/Task/${id}`);
    const today = dutchDate(new Date(task.meta.lastUpdated));
    expect(await ids(today)).toEqual([id]);
    expect(await ids(`gt${today}`)).toEqual([]);
    expect(await ids(`ge${task.meta.lastUpdated}`)).toEqual([id]);
    expect(await ids(`lt${task.meta.lastUpdated}`)).toEqual([]);
    expect((await system.request('GET', `/fhir/Task?_lastUpdated=ne${today}`)).status).toBe(400);
  });

  it('refuses invalid Bundles with an OperationOutcome naming the path, stores nothing, and gives no 5xx for any input', async () => {
    const bundle = referralBundle({ clientRef: unique('hdl-fhir-bad') });
    bundle.entry[5]!.resource.intent = 'plan';
    const refused = await system.request('POST', '/fhir', bundle);
    expect(refused.status).toBe(400);
    expect(refused.json.issue.flatMap((issue: any) => issue.expression ?? [])).toContain('Bundle.entry[5].resource.intent');
    const poh = await OverbrugClient.local(stack.endpoints, 'poh-delinde');
    const listed = await poh.request('GET', `/referrals?q=${bundle.entry[0]!.resource.identifier[0].value}`);
    expect(listed.json.items ?? []).toEqual([]);

    const valid = JSON.stringify(referralBundle({ clientRef: unique('hdl-fhir-prop') }));
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string(),
          fc.json(),
          fc.tuple(fc.nat(valid.length - 1), fc.string({ maxLength: 8 })).map(([at, text]) => valid.slice(0, at) + text + valid.slice(at + text.length)),
          fc.constantFrom('<Bundle xmlns="http://hl7.org/fhir"><type value="transaction"/></Bundle>', '<!DOCTYPE x [<!ENTITY a "b">]><Bundle/>'),
        ),
        fc.constantFrom('application/fhir+json', 'application/fhir+xml'),
        async (body, type) => {
          const { status } = await system.request('POST', '/fhir', body, { 'content-type': type });
          expect(status).toBeLessThan(500);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('withdraws consent for partners by PUT Consent with status inactive, and pages the Task search with next links on the host asked', async () => {
    const { json } = await system.request('POST', '/fhir', referralBundle({ clientRef: unique('hdl-fhir-consent'), consents: ['partners'] }));
    const id = json.entry[5].response.location.split('/')[1];
    await taskWith(id, (candidate) => business(candidate) === 'notified');
    const consent = await system.request('GET', `/fhir/Consent/${id}-consent-partners`);
    expect(consent.json).toMatchObject({ status: 'active', category: [{ coding: [{ code: 'IDSCL' }] }, { coding: [{ code: 'partners' }] }] });
    expect(validateFhir(consent.json)).toEqual([]);
    const withdrawn = await system.request('PUT', `/fhir/Consent/${id}-consent-partners`, { ...consent.json, status: 'inactive' });
    expect(withdrawn.status, JSON.stringify(withdrawn.json)).toBe(200);
    expect(withdrawn.json.status).toBe('inactive');
    const poh = await OverbrugClient.local(stack.endpoints, 'poh-delinde');
    expect((await poh.get(id)).json.consent.grants.partners).toEqual([]);
    // The partner's sub-task, if the partner was told, is cancelled with the reason.
    const bridging = await system.request('GET', `/fhir/Task?part-of=Task/${id}`);
    for (const entry of bridging.json.entry ?? []) {
      if (entry.resource.owner.type === 'HealthcareService') expect(entry.resource).toMatchObject({ status: 'cancelled', statusReason: { text: expect.stringContaining('partners') } });
    }

    const page = await system.request('GET', '/fhir/Task?_count=1');
    expect(page.json.entry).toHaveLength(1);
    const next = page.json.link.find((link: any) => link.relation === 'next');
    expect(next.url.startsWith(`${stack.endpoints.api}/fhir/Task?`)).toBe(true);
    expect(next.url).toContain('_cursor=');
    const second = await system.request('GET', `/fhir/Task?${new URL(next.url).searchParams.toString()}`);
    expect(second.status).toBe(200);
    expect(second.json.entry[0].resource.id).not.toBe(page.json.entry[0].resource.id);
  });

  it('keeps other organisations out: their system and their people see no Task of ours', async () => {
    const { json } = await system.request('POST', '/fhir', referralBundle({ clientRef: unique('hdl-fhir-own') }));
    const id = json.entry[5].response.location.split('/')[1];
    const other = await OverbrugClient.local(stack.endpoints, 'huisarts-rivierkade');
    expect((await other.request('GET', `/fhir/Task/${id}`)).status).toBe(404);
    expect((await fetch(`${stack.endpoints.api}/fhir/Task/${id}`)).status).toBe(401);
  });
});
