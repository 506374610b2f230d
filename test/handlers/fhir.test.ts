import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseBody } from '#shared/fhir/format.ts';
import { validateFhir } from '#shared/fhir/validate.ts';
import { drain, lambdaContext, startEmulatedAws, type EmulatedAws } from '../support/emulated-aws.ts';
import { readEvent } from '../support/samples.ts';

// The FHIR functions fed with the sample event (a Bundle in XML, without its netwerkintake) and the
// JSON sample Bundle, against the in-process emulators.

type Handler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;
let aws: EmulatedAws;
let write: Handler;
let read: Handler;
const template = await readEvent<APIGatewayProxyEventV2>('api/post-fhir.json');
const jsonBundle = await readEvent<Record<string, any>>('fhir/referral-bundle.json');

beforeAll(async () => {
  aws = await startEmulatedAws();
  aws.wire('fhir-write', 'fhir-read');
  ({ handler: write } = await import('#functions/fhir-write/handler.ts'));
  ({ handler: read } = await import('#functions/fhir-read/handler.ts'));
});
afterAll(() => aws.close());

const unique = () => crypto.randomUUID().slice(0, 8);
const stored = async (referralId: string) => (await aws.document.send(new GetCommand({ TableName: aws.tableNames.referrals, Key: { referralId } }))).Item;

describe('the FHIR functions', () => {
  it('take the sample event: an XML Bundle without its netwerkintake is a referral awaiting it, answered in XML', async () => {
    const body = String(template.body).replace('hdl-2026-0513', `hdl-2026-0513-${unique()}`).replace(/urn:uuid:0c9d8e7f-[^"]+/, `urn:uuid:${crypto.randomUUID()}`);
    const response = await write(await aws.signedIn({ ...template, body }, 'poh-delinde'), lambdaContext('fhir-write'));
    expect(response.statusCode, String(response.body)).toBe(200);
    expect(response.headers?.['content-type']).toContain('application/fhir+xml');
    const answer = parseBody(String(response.body), 'xml');
    expect(answer.ok).toBe(true);
    const bundle = (answer as { value: Record<string, any> }).value;
    expect(validateFhir(bundle)).toEqual([]);
    const referralId = bundle.entry[5].response.location.split('/')[1];
    expect((await stored(referralId))?.status).toBe('awaiting-intake');
    // Straight to the match step, which asks a contact person for the intake.
    expect((await drain(aws.sqs, aws.queues.match.url)).map((message) => JSON.parse(message.Body!))).toContainEqual(expect.objectContaining({ referralId, round: 'intake' }));
  });

  it('take the JSON sample Bundle with its netwerkintake as POST /referrals takes a referral, and read its Task back', async () => {
    const bundle = structuredClone(jsonBundle);
    bundle.identifier.value = `urn:uuid:${crypto.randomUUID()}`;
    bundle.entry[0].resource.identifier[0].value = `hdl-2026-0512-${unique()}`;
    const response = await write(
      await aws.signedIn({ ...template, headers: { ...template.headers, 'content-type': 'application/fhir+json', accept: 'application/fhir+json' }, body: JSON.stringify(bundle) }, 'poh-delinde'),
      lambdaContext('fhir-write'),
    );
    expect(response.statusCode, String(response.body)).toBe(200);
    const referralId = JSON.parse(String(response.body)).entry[5].response.location.split('/')[1];
    const item = await stored(referralId);
    expect(item).toMatchObject({ status: 'triaged', hasClientContact: true, client: { postcode: '9902', gemeente: 'Rivierstad' } });
    // The client's phone and e-mail are not in the referral item: they are in client-contacts.
    expect(JSON.stringify(item)).not.toContain('010 000 0301');
    expect(JSON.stringify(item)).not.toContain('client@voorbeeld.example');

    const get = { ...template, routeKey: 'GET /fhir/Task/{id}', rawPath: `/fhir/Task/${referralId}`, pathParameters: { id: referralId }, body: undefined, headers: { ...template.headers, accept: 'application/fhir+json' } };
    const task = await read(await aws.signedIn(get as APIGatewayProxyEventV2, 'poh-delinde'), lambdaContext('fhir-read'));
    expect(task.statusCode).toBe(200);
    const resource = JSON.parse(String(task.body));
    expect(resource).toMatchObject({ resourceType: 'Task', id: referralId, status: 'requested', businessStatus: { coding: [{ code: 'triaged' }] } });
    expect(validateFhir(resource)).toEqual([]);
    // Another organisation's referrer does not find it.
    expect((await read(await aws.signedIn(get as APIGatewayProxyEventV2, 'huisarts-rivierkade'), lambdaContext('fhir-read'))).statusCode).toBe(404);
  });
});
