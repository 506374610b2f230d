import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { DEV_CLIENT_ID, DevIdentityProvider } from '#local/dev-idp.ts';
import { UserStore } from '#shared/adapters/user-store.ts';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient, ReceiveMessageCommand, type Message } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Context } from 'aws-lambda';
import { functionEnvironment, type FunctionId, type QueueId, type TableId } from '#shared/topology.ts';
import { LOCAL_REGION, startEmulators, type Emulators } from '#local/emulators.ts';
import { provisionQueues, provisionTables, type ProvisionedQueue } from '#local/provision.ts';
import { seedDemoRegions } from '#local/seed.ts';
import { mailbox, type MailboxEmail } from './api-client.ts';

export interface EmulatedAws {
  emulators: Emulators;
  stage: string;
  tableNames: Record<TableId, string>;
  queues: Record<QueueId, ProvisionedQueue>;
  dynamodb: DynamoDBClient;
  document: DynamoDBDocumentClient;
  sqs: SQSClient;
  /** Sets process.env as the topology wires it for these functions, before their modules load. */
  wire(...functions: FunctionId[]): void;
  mailbox(): Promise<MailboxEmail[]>;
  /** The dev IdP the wired handlers trust, as the local stack's. */
  idp: DevIdentityProvider;
  /** The event with a bearer token of this demo user, as a browser or curl would send it. */
  signedIn<T extends APIGatewayProxyEventV2>(event: T, username: string): Promise<T>;
  close(): Promise<void>;
}

/** A dev IdP on a free port, so the handlers fetch its keys over HTTP as they fetch Cognito's. */
async function startIdp(): Promise<{ idp: DevIdentityProvider; server: Server }> {
  let idp: DevIdentityProvider | undefined;
  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0]!.replace(/^\/dev-idp/, '');
    void idp!.handle(request, response, path);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  idp = await DevIdentityProvider.create({
    issuer: `http://127.0.0.1:${(server.address() as AddressInfo).port}/dev-idp`,
    allowedRedirectPrefixes: ['http://localhost/'],
  });
  return { idp, server };
}

/** In-process emulators with tables, queues and the seeded demo region, for handler tests. */
export async function startEmulatedAws(): Promise<EmulatedAws> {
  const emulators = await startEmulators({});
  const stage = `test-${randomUUID().slice(0, 8)}`;
  const config = { region: LOCAL_REGION, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };
  const dynamodb = new DynamoDBClient({ ...config, endpoint: emulators.dynamodb });
  const sqs = new SQSClient({ ...config, endpoint: emulators.sqs });
  const tableNames = await provisionTables(dynamodb, stage);
  const queues = await provisionQueues(sqs, stage, 1);
  const document = DynamoDBDocumentClient.from(dynamodb);
  await seedDemoRegions(document, { regions: tableNames.regions, socialeKaart: tableNames['sociale-kaart'], contactPersons: tableNames['contact-persons'] }, new Date());
  const { idp, server } = await startIdp();
  idp.useDirectory(new UserStore(document, tableNames.users));
  return {
    idp,
    async signedIn(event, username) {
      return { ...event, headers: { ...event.headers, authorization: `Bearer ${await idp.idToken(username)}` } };
    },
    emulators,
    stage,
    tableNames,
    queues,
    dynamodb,
    document,
    sqs,
    wire(...functions) {
      const logLevel = process.env.POWERTOOLS_LOG_LEVEL;
      Object.assign(process.env, {
        AWS_REGION: LOCAL_REGION,
        AWS_ACCESS_KEY_ID: 'test',
        AWS_SECRET_ACCESS_KEY: 'test',
        AWS_ENDPOINT_URL_DYNAMODB: emulators.dynamodb,
        AWS_ENDPOINT_URL_SQS: emulators.sqs,
        AWS_ENDPOINT_URL_SESV2: emulators.ses,
      });
      for (const fn of functions) {
        Object.assign(
          process.env,
          functionEnvironment(fn, stage, {
            tableName: (table) => tableNames[table],
            queueUrl: (queue) => queues[queue].url,
            publicBaseUrl: 'http://localhost:3000',
            auth: { issuer: idp.issuer, audience: DEV_CLIENT_ID },
          }),
        );
      }
      // The test run's log level wins over the deployed one, to keep test output readable.
      if (logLevel) process.env.POWERTOOLS_LOG_LEVEL = logLevel;
    },
    mailbox: () => mailbox(emulators.ses),
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await emulators.close();
    },
  };
}

export function lambdaContext(functionName: string, timeoutMs = 15_000): Context {
  const deadline = Date.now() + timeoutMs;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:eu-central-1:000000000000:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'test',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** Takes what is on a queue now (and deletes nothing: tests look, the visibility timeout hides). */
export async function drain(sqs: SQSClient, queueUrl: string): Promise<Message[]> {
  const messages: Message[] = [];
  for (;;) {
    const page = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }));
    if (!page.Messages?.length) return messages;
    messages.push(...page.Messages);
  }
}
