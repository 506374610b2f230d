import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContactPersonHistory } from '#shared/adapters/contact-person-history.ts';
import { ContactPersonStore } from '#shared/adapters/contact-person-store.ts';
import { PipelineQueue } from '#shared/adapters/pipeline-queue.ts';
import { ReferralStore } from '#shared/adapters/referral-store.ts';
import { dutchDate } from '#shared/domain/dutch-calendar.ts';
import type { Referral } from '#shared/domain/referral.ts';
import { settleAbsence, type HandOverDeps } from '#shared/pipeline/hand-over.ts';
import { lambdaContext, startEmulatedAws, type EmulatedAws } from '../support/emulated-aws.ts';
import { readEvent, sampleBody } from '../support/samples.ts';

// Caseloads stay exact under concurrency (issue 16): a contact person's count is raised and lowered
// only by single-item conditional writes (bounded-set.ts; dynalite has no transactions), so parallel
// assignments never exceed a limit, and a hand-over running twice at once, while the match step
// assigns new clients to the same colleagues, moves each case once and leaves every count equal to
// the clients it holds.

type HttpHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;
type SqsHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;

let aws: EmulatedAws;
let people: ContactPersonStore;
let deps: HandOverDeps;
const handlers = {} as { submit: HttpHandler; triage: SqsHandler; match: SqsHandler; notify: SqsHandler };
const postTemplate = await readEvent<APIGatewayProxyEventV2>('api/post-referrals.json');
const sqsEvents = { triage: await readEvent<SQSEvent>('sqs/triage.json'), match: await readEvent<SQSEvent>('sqs/match.json'), notify: await readEvent<SQSEvent>('sqs/notify.json') };

beforeAll(async () => {
  aws = await startEmulatedAws();
  aws.wire('submit-referral', 'triage', 'match', 'notify');
  handlers.submit = (await import('#functions/submit-referral/handler.ts')).handler;
  handlers.triage = (await import('#functions/triage/handler.ts')).handler;
  handlers.match = (await import('#functions/match/handler.ts')).handler;
  handlers.notify = (await import('#functions/notify/handler.ts')).handler;
  people = new ContactPersonStore(aws.document, aws.tableNames['contact-persons']);
  deps = {
    referrals: new ReferralStore(aws.document, aws.tableNames.referrals),
    contactPersons: people,
    history: new ContactPersonHistory(aws.document, aws.tableNames['contact-person-history']),
    queue: new PipelineQueue(aws.sqs, (queue) => aws.queues[queue].url),
    now: () => new Date(),
  };
});
afterAll(() => aws.close());

const entry = (id: string, gemeenten: string[], caseloadLimit: number) => ({
  contactPersonId: id,
  name: id,
  organisation: 'Cliëntondersteuning Voorbeeld',
  email: `${id}@clientondersteuning-voorbeeld.example`,
  gemeenten,
  caseloadLimit,
  languages: ['nl'],
  active: true,
});

async function through(referralId: string): Promise<Referral> {
  for (const queue of ['triage', 'match', 'notify'] as const) {
    const [sample] = sqsEvents[queue].Records;
    const response = await handlers[queue]({ Records: [{ ...sample!, body: JSON.stringify({ ...JSON.parse(sample!.body), referralId }) }] }, lambdaContext(queue));
    expect(response.batchItemFailures).toEqual([]);
  }
  const { Item } = await aws.document.send(new GetCommand({ TableName: aws.tableNames.referrals, Key: { referralId }, ConsistentRead: true }));
  return Item as Referral;
}

async function referPolderdam(): Promise<Referral> {
  const body = await sampleBody('social-domain');
  const response = await handlers.submit(await aws.signedIn({ ...postTemplate, body: JSON.stringify(body) }, 'poh-delinde'), lambdaContext('submit-referral'));
  expect(response.statusCode).toBe(202);
  return through(JSON.parse(response.body as string).referralId);
}

/** Every person's count equals the clients they hold, and stays within their limit. */
async function countsAddUp(ids: string[]) {
  const all = await Promise.all(ids.map((id) => people.get(id)));
  for (const person of all) {
    expect(person!.caseload, person!.contactPersonId).toBe(person!.clients.length);
    expect(person!.caseload, person!.contactPersonId).toBeLessThanOrEqual(person!.caseloadLimit);
  }
  return Object.fromEntries(all.map((person) => [person!.contactPersonId, person!]));
}

describe('caseload counts under concurrent assignments', () => {
  it('forty parallel assignments against a limit of five: exactly five taken, the count is the clients held', async () => {
    expect(await people.create('regio-voorbeeld', entry('cp-race-limit', ['Rivierstad'], 5))).toBe(true);
    // Twenty-five clients, some asked for twice at once (a retry of the same assignment).
    const clients = Array.from({ length: 40 }, (_, index) => `race-client-${index % 25}`);
    const outcomes = await Promise.all(clients.map((client) => people.assign('cp-race-limit', client)));
    expect(outcomes.filter((outcome) => outcome === 'claimed')).toHaveLength(5);
    expect(outcomes.filter((outcome) => outcome !== 'claimed' && outcome !== 'already-held' && outcome !== 'full')).toEqual([]);
    const { 'cp-race-limit': person } = await countsAddUp(['cp-race-limit']);
    expect(person!.caseload).toBe(5);
    // Releases and new claims at once: still never above the limit, still the count of the clients held.
    const held = person!.clients;
    await Promise.all([...held.slice(0, 3).map((client) => people.release('cp-race-limit', client)), ...Array.from({ length: 20 }, (_, index) => people.assign('cp-race-limit', `race-late-${index}`))]);
    await countsAddUp(['cp-race-limit']);
  });

  it('a hand-over run twice at once, while new clients are assigned to the same colleagues: each case moves once, counts add up', async () => {
    // Polderdam's team for this test: the absent person alone first, so that their cases are theirs.
    for (const id of ['cp-kees-bakker', 'cp-fatma-yilmaz', 'cp-joost-van-dijk', 'cp-lotte-visser']) {
      await aws.document.send(new UpdateCommand({ TableName: aws.tableNames['contact-persons'], Key: { contactPersonId: id }, UpdateExpression: 'SET active = :no', ExpressionAttributeValues: { ':no': false } }));
    }
    expect(await people.create('regio-voorbeeld', entry('cp-race-absent', ['Polderdam'], 10))).toBe(true);
    const cases: Referral[] = [];
    for (let index = 0; index < 6; index++) cases.push(await referPolderdam());
    expect(cases.map((referral) => referral.contactPerson?.id)).toEqual(Array(6).fill('cp-race-absent'));

    // Two colleagues with room for seven between them, for six cases, while the match step gives them two new clients.
    await people.create('regio-voorbeeld', entry('cp-race-b', ['Polderdam'], 4));
    await people.create('regio-voorbeeld', entry('cp-race-c', ['Polderdam'], 3));
    const today = dutchDate(new Date());
    const absent = (await people.get('cp-race-absent'))!;
    const away = (await people.replace(absent, { ...entry('cp-race-absent', ['Polderdam'], 10), absence: { from: today, to: today, handOver: true } }))!;
    const newcomers = ['race-new-1', 'race-new-2'];
    const [first, second, ...assigned] = await Promise.all([
      settleAbsence(deps, away, { id: 'test-api' }),
      settleAbsence(deps, away, { id: 'test-schedule' }),
      ...newcomers.map((client, index) => people.assign(index % 2 ? 'cp-race-c' : 'cp-race-b', client)),
    ] as const);
    const newcomersIn = assigned.filter((outcome) => outcome === 'claimed').length;

    // Each case moved or stayed; none moved twice.
    const after = await Promise.all(cases.map((referral) => deps.referrals.get(referral.referralId)));
    for (const referral of after) {
      const moves = referral!.timeline.filter((line) => line.event === 'contact-person-handed-over');
      expect(moves.length, referral!.referralId).toBeLessThanOrEqual(1);
      if (!moves.length) expect(referral!.contactPerson?.id).toBe('cp-race-absent');
      // A case still waiting for a reaction gives the colleague their own working days from the move.
      else if (referral!.status === 'notified') expect(referral!.statusChangedAt, referral!.referralId).toBe(moves[0]!.at);
    }
    const movedIds = new Set([...first.moved, ...second.moved].map((move) => move.referralId));
    expect(movedIds.size).toBe(after.filter((referral) => referral!.contactPerson?.id !== 'cp-race-absent').length);
    // Room was seven: whatever the newcomers took, the hand-over filled the rest, and no more.
    expect(movedIds.size + newcomersIn).toBe(7);
    expect([...first.stayed, ...second.stayed].length).toBeGreaterThanOrEqual(6 - movedIds.size);

    const counts = await countsAddUp(['cp-race-absent', 'cp-race-b', 'cp-race-c']);
    // Every open case's contact person holds that client's slot, and nobody holds a slot for nothing.
    for (const referral of after) expect(counts[referral!.contactPerson!.id]!.clients, referral!.referralId).toContain(referral!.client.ref);
    const holdings = Object.values(counts).reduce((sum, person) => sum + person.caseload, 0);
    expect(holdings).toBe(cases.length + newcomersIn);
    expect(counts['cp-race-absent']!.caseload).toBe(6 - movedIds.size);
    expect(counts['cp-race-b']!.caseload + counts['cp-race-c']!.caseload).toBe(7);
  });
});
