import { GetCommand, PutCommand, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
  Context,
  SQSBatchResponse,
  SQSEvent,
} from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Referral } from '#shared/domain/referral.ts';
import type { Route } from '#shared/domain/vocabulary.ts';
import type { QueueId } from '#shared/topology.ts';
import { drain, lambdaContext, startEmulatedAws, type EmulatedAws } from '../support/emulated-aws.ts';
import { lastPlaceService, serviceItem } from '../support/fixtures.ts';
import { readEvent, sampleBody } from '../support/samples.ts';

type SqsHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;
type HttpHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

let aws: EmulatedAws;
const handlers = {} as { submit: HttpHandler; triage: SqsHandler; match: SqsHandler; notify: SqsHandler };
const postTemplate = await readEvent<APIGatewayProxyEventV2>('api/post-referrals.json');
const sqsEvents = {
  triage: await readEvent<SQSEvent>('sqs/triage.json'),
  match: await readEvent<SQSEvent>('sqs/match.json'),
  notify: await readEvent<SQSEvent>('sqs/notify.json'),
};

beforeAll(async () => {
  aws = await startEmulatedAws();
  aws.wire('submit-referral', 'triage', 'match', 'notify');
  handlers.submit = (await import('#functions/submit-referral/handler.ts')).handler;
  handlers.triage = (await import('#functions/triage/handler.ts')).handler;
  handlers.match = (await import('#functions/match/handler.ts')).handler;
  handlers.notify = (await import('#functions/notify/handler.ts')).handler;
});
afterAll(() => aws.close());

async function submit(body: unknown): Promise<string> {
  const response = await handlers.submit(await aws.signedIn({ ...postTemplate, body: JSON.stringify(body) }, 'poh-delinde'), lambdaContext('submit-referral'));
  expect(response.statusCode).toBe(202);
  return JSON.parse(response.body as string).referralId as string;
}

/** The sample SQS event of a queue, carrying these referral ids (or raw bodies). */
function eventFor(queue: QueueId, ...bodies: (string | { referralId: string; origin?: string; round?: string })[]): SQSEvent {
  const [sample] = sqsEvents[queue].Records;
  return {
    Records: bodies.map((body, index) => ({
      ...sample!,
      messageId: `${sample!.messageId.slice(0, -2)}${String(index).padStart(2, '0')}`,
      body: typeof body === 'string' ? body : JSON.stringify({ ...JSON.parse(sample!.body), ...body }),
    })),
  };
}

const run = (queue: QueueId, event: SQSEvent) => handlers[queue](event, lambdaContext(queue));

/** The same records, received for the second time (an earlier attempt failed or died). */
const redelivered = (event: SQSEvent): SQSEvent => ({
  Records: event.Records.map((record) => ({ ...record, attributes: { ...record.attributes, ApproximateReceiveCount: '2' } })),
});

async function referral(referralId: string): Promise<Referral> {
  const { Item } = await aws.document.send(new GetCommand({ TableName: aws.tableNames.referrals, Key: { referralId }, ConsistentRead: true }));
  return Item as Referral;
}

/** Moves a referral through the three consumers, as the queues would. */
async function throughPipeline(referralId: string): Promise<Referral> {
  for (const queue of ['triage', 'match', 'notify'] as const) {
    const response = await run(queue, eventFor(queue, { referralId }));
    expect(response.batchItemFailures).toEqual([]);
    if ((await referral(referralId)).status === 'crisis-handed-off') break;
  }
  return referral(referralId);
}

const notificationIds = async () =>
  (await aws.mailbox()).map((email) => email.headers?.find((header) => header.name === 'X-Overbrug-Notification-Id')?.value);

describe('triage, match and notify handlers fed with the sample events', () => {
  it.each<[Route, string, string[]]>([
    // The combined sample gave the client's e-mail address and consent to mail them the client letter.
    ['combined', 'notified', ['contact-person', 'bridging-partner', 'client-letter']],
    ['specialised-ggz', 'notified', ['contact-person', 'bridging-partner']],
    ['social-domain', 'notified', ['contact-person']],
    ['crisis', 'crisis-handed-off', ['crisis-service', 'referrer-crisis']],
  ])('takes the %s sample to %s', async (route, status, notifications) => {
    const referralId = await submit(await sampleBody(route));
    const done = await throughPipeline(referralId);
    expect(done.status).toBe(status);
    expect(done.triage?.route).toBe(route);
    expect(done.notifications?.map((notification) => notification.kind)).toEqual(notifications);
    expect(done.timeline.map((entry) => entry.event)).toEqual(
      expect.arrayContaining(['received', 'triaged', ...(route === 'crisis' ? ['crisis-handed-off'] : ['matched', 'notified'])]),
    );
    if (route !== 'crisis') {
      expect(done.contactPerson).toMatchObject({ id: expect.stringMatching(/^cp-/) });
    }
  });

  it('forwards each step to the next queue', async () => {
    const referralId = await submit(await sampleBody('basic-ggz'));
    await drain(aws.sqs, aws.queues.match.url);
    await run('triage', eventFor('triage', { referralId }));
    const forwarded = (await drain(aws.sqs, aws.queues.match.url)).map((message) => JSON.parse(message.Body!));
    expect(forwarded).toContainEqual(expect.objectContaining({ referralId, origin: 'triage' }));
  });

  it('sends no e-mail twice when a batch is delivered again', async () => {
    const referralId = await submit(await sampleBody('combined'));
    await throughPipeline(referralId);
    const before = await notificationIds();
    for (const queue of ['triage', 'match', 'notify'] as const) {
      expect((await run(queue, eventFor(queue, { referralId }))).batchItemFailures).toEqual([]);
    }
    const after = await notificationIds();
    expect(after).toEqual(before);
    expect(after.filter((id) => id?.startsWith(referralId))).toHaveLength(3);
  });

  it('fails only the poison record of a batch: unreadable body, unknown referral', async () => {
    const referralId = await submit(await sampleBody('basic-ggz'));
    const event = eventFor('triage', { referralId }, 'not json', { referralId: crypto.randomUUID() });
    const response = await run('triage', event);
    expect(response.batchItemFailures.map((failure) => failure.itemIdentifier)).toEqual([
      event.Records[1]!.messageId,
      event.Records[2]!.messageId,
    ]);
    expect((await referral(referralId)).status).toBe('triaged');
  });

  it('gives the last place to exactly one of two matches racing from two sandboxes', async () => {
    const { advanceMatch } = await import('#shared/pipeline/match-step.ts');
    const { KaartRecordsCache } = await import('#shared/adapters/kaart-cache.ts');
    const { ReferralStore } = await import('#shared/adapters/referral-store.ts');
    const { SocialeKaartStore } = await import('#shared/adapters/sociale-kaart-store.ts');
    const { ContactPersonStore } = await import('#shared/adapters/contact-person-store.ts');
    const { PipelineQueue } = await import('#shared/adapters/pipeline-queue.ts');
    const serviceId = 'test-last-place';
    await aws.document.send(new PutCommand({ TableName: aws.tableNames['sociale-kaart'], Item: serviceItem(lastPlaceService(serviceId)) }));
    const ids = await Promise.all(
      ['race-1', 'race-2'].map(async (ref) => {
        const body = await sampleBody('combined');
        (body.client as Record<string, unknown>).ref = ref;
        const referralId = await submit(body);
        await run('triage', eventFor('triage', { referralId }));
        return referralId;
      }),
    );

    // Two execution environments, each with its own copy of the kaart, both read before either
    // reserves: both see the last place free, and both go for it.
    const outcomes: string[] = [];
    const sandbox = async () => {
      const kaart = new SocialeKaartStore(aws.document, aws.tableNames['sociale-kaart']);
      const reserve = kaart.reserve.bind(kaart);
      kaart.reserve = async (id, referralId) => {
        const outcome = await reserve(id, referralId);
        if (id === serviceId) outcomes.push(outcome);
        return outcome;
      };
      const kaartCache = new KaartRecordsCache(kaart, 60_000);
      await kaartCache.kaart('regio-voorbeeld');
      return {
        referrals: new ReferralStore(aws.document, aws.tableNames.referrals),
        kaart,
        kaartCache,
        contactPersons: new ContactPersonStore(aws.document, aws.tableNames['contact-persons']),
        queue: new PipelineQueue(aws.sqs, (queue) => aws.queues[queue].url),
        now: () => new Date(),
      };
    };
    const [a, b] = await Promise.all([sandbox(), sandbox()]);
    await Promise.all([advanceMatch(a, { referralId: ids[0]!, origin: 'triage' }), advanceMatch(b, { referralId: ids[1]!, origin: 'triage' })]);

    expect(outcomes.sort()).toEqual(['claimed', 'full']);
    const matched = await Promise.all(ids.map(referral));
    const bridging = matched.map((m) => m.matches!.find((match) => match.kind === 'bridging')!);
    expect(bridging.filter((match) => match.serviceId === serviceId)).toHaveLength(1);
    expect(bridging.every((match) => match.placeReserved)).toBe(true);
    const { Item } = await aws.document.send(new GetCommand({ TableName: aws.tableNames['sociale-kaart'], Key: { serviceId } }));
    expect(Item).toMatchObject({ placesTaken: 1 });
    expect((Item!.reservedFor as Set<string>).size).toBe(1);
  });

  it('gives back the places and the contact person it took when the referral is withdrawn while it is being matched', async () => {
    const { advanceMatch } = await import('#shared/pipeline/match-step.ts');
    const { KaartRecordsCache } = await import('#shared/adapters/kaart-cache.ts');
    const { ReferralStore } = await import('#shared/adapters/referral-store.ts');
    const { SocialeKaartStore } = await import('#shared/adapters/sociale-kaart-store.ts');
    const { ContactPersonStore } = await import('#shared/adapters/contact-person-store.ts');
    const { PipelineQueue } = await import('#shared/adapters/pipeline-queue.ts');
    const body = await sampleBody('combined');
    (body.client as Record<string, unknown>).ref = 'withdrawn-while-matched';
    const referralId = await submit(body);
    await run('triage', eventFor('triage', { referralId }));

    // The referrer withdraws it just before the match step writes its result.
    const referrals = new ReferralStore(aws.document, aws.tableNames.referrals);
    const write = referrals.transition.bind(referrals);
    referrals.transition = async (current, transition) => {
      if (transition.to === 'matched') {
        const withdrawn = await write(current, { to: 'withdrawn', timeline: [{ event: 'withdrawn', at: new Date().toISOString(), by: 'verwijzer', detail: 'test' }] });
        expect(withdrawn?.status).toBe('withdrawn');
      }
      return write(current, transition);
    };
    const kaart = new SocialeKaartStore(aws.document, aws.tableNames['sociale-kaart']);
    const contactPersons = new ContactPersonStore(aws.document, aws.tableNames['contact-persons']);
    const reserved: string[] = [];
    const reserve = kaart.reserve.bind(kaart);
    kaart.reserve = async (serviceId, id) => {
      const outcome = await reserve(serviceId, id);
      if (outcome === 'claimed') reserved.push(serviceId);
      return outcome;
    };
    const deps = { referrals, kaart, kaartCache: new KaartRecordsCache(kaart, 60_000), contactPersons, queue: new PipelineQueue(aws.sqs, (queue) => aws.queues[queue].url), now: () => new Date() };

    expect(await advanceMatch(deps, { referralId, origin: 'triage' })).toEqual({ referralId, status: 'withdrawn', result: 'skipped' });
    expect(reserved.length).toBeGreaterThan(0);
    for (const serviceId of reserved) {
      const { Item } = await aws.document.send(new GetCommand({ TableName: aws.tableNames['sociale-kaart'], Key: { serviceId } }));
      expect(Item?.reservedFor ?? new Set()).not.toContain(referralId);
    }
    const people = await contactPersons.listRegion('regio-voorbeeld');
    expect(people.some((person) => person.clients.includes('withdrawn-while-matched'))).toBe(false);
  });

  it('releases places a retry no longer needs, and keeps the ones it does', async () => {
    const referralId = await submit(await sampleBody('combined'));
    await run('triage', eventFor('triage', { referralId }));
    // An attempt that died took a place the retry will not select (nothing on the referral says so).
    const stray = 'vb-wrap-training';
    await aws.document.send(
      new UpdateCommand({
        TableName: aws.tableNames['sociale-kaart'],
        Key: { serviceId: stray },
        UpdateExpression: 'SET placesTaken = placesTaken + :one ADD reservedFor :referral',
        ExpressionAttributeValues: { ':one': 1, ':referral': new Set([referralId]) },
      }),
    );
    await run('match', redelivered(eventFor('match', { referralId })));
    const matched = await referral(referralId);
    expect(matched.status).toBe('matched');
    const { Item } = await aws.document.send(new GetCommand({ TableName: aws.tableNames['sociale-kaart'], Key: { serviceId: stray } }));
    expect(Item?.reservedFor ?? new Set()).not.toContain(referralId);
    for (const match of matched.matches!.filter((m) => m.placeReserved)) {
      const service = await aws.document.send(new GetCommand({ TableName: aws.tableNames['sociale-kaart'], Key: { serviceId: match.serviceId } }));
      expect(service.Item?.reservedFor).toContain(referralId);
    }
  });

  it('gives back, on a redelivery, what an attempt that died took for a case withdrawn meanwhile', async () => {
    const body = await sampleBody('combined');
    (body.client as Record<string, unknown>).ref = 'died-then-withdrawn';
    const referralId = await submit(body);
    await run('triage', eventFor('triage', { referralId }));
    // The dead attempt took a place and a contact person; then the referrer withdrew the case.
    const place = 'vb-wrap-training';
    await aws.document.send(
      new UpdateCommand({
        TableName: aws.tableNames['sociale-kaart'],
        Key: { serviceId: place },
        UpdateExpression: 'SET placesTaken = placesTaken + :one ADD reservedFor :referral',
        ExpressionAttributeValues: { ':one': 1, ':referral': new Set([referralId]) },
      }),
    );
    const { ContactPersonStore } = await import('#shared/adapters/contact-person-store.ts');
    const contactPersons = new ContactPersonStore(aws.document, aws.tableNames['contact-persons']);
    const [someone] = (await contactPersons.listRegion('regio-voorbeeld')).filter((person) => person.gemeenten.includes(body.client.gemeente));
    expect(await contactPersons.assign(someone!.contactPersonId, 'died-then-withdrawn')).toBe('claimed');
    await aws.document.send(
      new UpdateCommand({ TableName: aws.tableNames.referrals, Key: { referralId }, UpdateExpression: 'SET #status = :withdrawn', ExpressionAttributeNames: { '#status': 'status' }, ExpressionAttributeValues: { ':withdrawn': 'withdrawn' } }),
    );

    expect((await run('match', eventFor('match', { referralId }))).batchItemFailures).toEqual([]);
    const stillHeld = await aws.document.send(new GetCommand({ TableName: aws.tableNames['sociale-kaart'], Key: { serviceId: place } }));
    // A first delivery has no earlier attempt to clean up after: it reads nothing more.
    expect(stillHeld.Item?.reservedFor).toContain(referralId);

    expect((await run('match', redelivered(eventFor('match', { referralId })))).batchItemFailures).toEqual([]);
    const released = await aws.document.send(new GetCommand({ TableName: aws.tableNames['sociale-kaart'], Key: { serviceId: place } }));
    expect(released.Item?.reservedFor ?? new Set()).not.toContain(referralId);
    const people = await contactPersons.listRegion('regio-voorbeeld');
    expect(people.some((person) => person.clients.includes('died-then-withdrawn'))).toBe(false);
  });

  it('lets one of two copies of a match message running at once write the match; the other gives back what it took', async () => {
    const body = await sampleBody('combined');
    (body.client as Record<string, unknown>).ref = 'matched-twice-at-once';
    const referralId = await submit(body);
    await run('triage', eventFor('triage', { referralId }));
    const outcomes = await Promise.all([run('match', eventFor('match', { referralId })), run('match', eventFor('match', { referralId }))]);
    expect(outcomes.flatMap((outcome) => outcome.batchItemFailures)).toEqual([]);
    const matched = await referral(referralId);
    expect(matched.status).toBe('matched');
    expect(matched.timeline.filter((entry) => entry.event === 'matched')).toHaveLength(1);
    // Every place held for the referral is one its matches name, and the other way round.
    const { Items = [] } = await aws.document.send(new ScanCommand({ TableName: aws.tableNames['sociale-kaart'] }));
    const held = Items.filter((item) => (item.reservedFor as Set<string> | undefined)?.has(referralId)).map((item) => item.serviceId).sort();
    expect(held).toEqual(matched.matches!.filter((match) => match.placeReserved).map((match) => match.serviceId).sort());
    const { ContactPersonStore } = await import('#shared/adapters/contact-person-store.ts');
    const holders = (await new ContactPersonStore(aws.document, aws.tableNames['contact-persons']).listRegion('regio-voorbeeld')).filter((person) =>
      person.clients.includes('matched-twice-at-once'),
    );
    expect(holders.map((person) => person.contactPersonId)).toEqual([matched.contactPerson!.id]);
  });

  it('asks one contact person for the netwerkintake when two copies of the message run at once', async () => {
    const body = await sampleBody('basic-ggz');
    (body.client as Record<string, unknown>).ref = 'intake-asked-twice-at-once';
    delete body.intake;
    const referralId = await submit(body);
    expect((await referral(referralId)).status).toBe('awaiting-intake');
    const message = { referralId, origin: 'submit-referral', round: 'intake' };
    const outcomes = await Promise.all([run('match', eventFor('match', message)), run('match', eventFor('match', message))]);
    expect(outcomes.flatMap((outcome) => outcome.batchItemFailures)).toEqual([]);
    const asked = await referral(referralId);
    expect(asked.timeline.filter((entry) => entry.event === 'intake-requested')).toHaveLength(1);
    const { ContactPersonStore } = await import('#shared/adapters/contact-person-store.ts');
    const holders = (await new ContactPersonStore(aws.document, aws.tableNames['contact-persons']).listRegion('regio-voorbeeld')).filter((person) =>
      person.clients.includes('intake-asked-twice-at-once'),
    );
    expect(holders.map((person) => person.contactPersonId)).toEqual([asked.contactPerson!.id]);
  });

  it('sends each e-mail once when two copies of a notify message run at once, and neither waits for a retry', async () => {
    // Two notify messages for one case (a case action's and the match step's, say) can run at once
    // in two execution environments. The one that finds an e-mail being sent by the other waits
    // for it instead of failing, which would hide its message for the whole visibility timeout.
    const { advanceNotify } = await import('#shared/pipeline/notify-step.ts');
    const { Notifier } = await import('#shared/pipeline/notifier.ts');
    const { ReferralStore } = await import('#shared/adapters/referral-store.ts');
    const { ClientContacts } = await import('#shared/adapters/client-contacts.ts');
    const { idempotencyStore } = await import('#shared/adapters/idempotency.ts');
    const { Mailer } = await import('#shared/adapters/mailer.ts');
    const { sesClient } = await import('#shared/adapters/ses-client.ts');
    const referralId = await submit(await sampleBody('combined'));
    for (const queue of ['triage', 'match'] as const) await run(queue, eventFor(queue, { referralId }));
    expect((await referral(referralId)).status).toBe('matched');

    const sandbox = () =>
      advanceNotify(
        {
          referrals: new ReferralStore(aws.document, aws.tableNames.referrals),
          clientContacts: new ClientContacts(aws.document, aws.tableNames['client-contacts']),
          notifier: new Notifier(new Mailer(sesClient), idempotencyStore()),
          now: () => new Date(),
        },
        { referralId, origin: 'match' },
      );
    const outcomes = await Promise.all([sandbox(), sandbox()]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['notified', 'notified']);
    const sentOnce = async (count: number) => {
      const case_ = await referral(referralId);
      const sent = (await notificationIds()).filter((id) => id?.startsWith(referralId));
      expect(sent).toHaveLength(count);
      expect(new Set(sent).size).toBe(count);
      // Recorded once each on the case too: its list of notifications and its timeline.
      expect((case_.notifications ?? []).map((notification) => notification.notificationId).sort()).toEqual([...sent].sort());
      expect(case_.timeline.filter((entry) => entry.event === 'notification-sent')).toHaveLength(count);
      return case_;
    };
    expect((await sentOnce(3)).status).toBe('notified');

    // A notice owed later (the referrer hears the case was accepted), two runs at once again.
    await aws.document.send(
      new UpdateCommand({
        TableName: aws.tableNames.referrals,
        Key: { referralId },
        UpdateExpression: 'ADD pendingNotices :kind',
        ExpressionAttributeValues: { ':kind': new Set(['feedback-accepted']) },
      }),
    );
    await Promise.all([sandbox(), sandbox()]);
    expect((await sentOnce(4)).pendingNotices ?? []).toEqual([]);
  });

  it('triages once however often the message comes, and sends a crisis straight to the notify queue', async () => {
    const referralId = await submit(await sampleBody('crisis'));
    await drain(aws.sqs, aws.queues.notify.url);
    await run('triage', eventFor('triage', { referralId }));
    await run('triage', redelivered(eventFor('triage', { referralId })));
    const triaged = await referral(referralId);
    expect(triaged.status).toBe('triaged');
    expect(triaged.timeline.filter((entry) => entry.event === 'triaged')).toHaveLength(1);
    const forwarded = (await drain(aws.sqs, aws.queues.notify.url)).map((message) => JSON.parse(message.Body!));
    expect(forwarded.filter((message) => message.referralId === referralId).length).toBeGreaterThanOrEqual(1);
  });

  it('keeps the same contact person for a second referral of the same client, for another need', async () => {
    const body = await sampleBody('basic-ggz');
    body.client.ref = 'repeat-client-1';
    const first = await throughPipeline(await submit(body));
    const other = await sampleBody('social-domain');
    const second = await throughPipeline(await submit({ ...other, client: { ...other.client, ref: 'repeat-client-1', gemeente: body.client.gemeente, postcode: body.client.postcode } }));
    expect(second.contactPerson?.id).toBe(first.contactPerson?.id);
    expect(second.timeline.find((entry) => entry.event === 'contact-person-assigned')?.detail).toContain('dezelfde als eerder');
  });

  // Last in this file: it fills every caseload in Polderdam.
  it('flags the referral for the region, and e-mails its coordinator, when nobody with room covers the gemeente', async () => {
    const { Items = [] } = await aws.document.send(new ScanCommand({ TableName: aws.tableNames['contact-persons'] }));
    for (const person of Items.filter((item) => (item.gemeenten as string[]).includes('Polderdam'))) {
      await aws.document.send(
        new UpdateCommand({
          TableName: aws.tableNames['contact-persons'],
          Key: { contactPersonId: person.contactPersonId },
          UpdateExpression: 'SET caseloadLimit = caseload',
        }),
      );
    }
    const body = await sampleBody('social-domain');
    (body.client as Record<string, unknown>).ref = 'nobody-has-room';
    const done = await throughPipeline(await submit(body));
    expect(done.status).toBe('flagged-for-region');
    expect(done.contactPerson).toBeNull();
    expect(done.flagReason).toContain('Polderdam');
    expect(done.matches!.length).toBeGreaterThan(0);
    const mail = (await aws.mailbox()).find((email) => email.headers?.some((header) => header.value === `${done.referralId}:region-coordinator`));
    expect(mail?.destination.to).toEqual(['regie@regio-voorbeeld.example']);
  });
});
