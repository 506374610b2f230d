import { AsyncLocalStorage } from 'node:async_hooks';
import { fileURLToPath } from 'node:url';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { splitRoute, type RouteKey } from '#shared/access/policy.ts';
import { functions, type FunctionId } from '#shared/topology.ts';
import { HttpGateway } from '#local/http-gateway.ts';
import { lambdaContext, startEmulatedAws, type EmulatedAws } from './emulated-aws.ts';

type HttpHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** A write an API request made: to which table, queue or mailbox, with which command. */
export interface Write {
  command: string;
  target: string;
}

export interface InProcessApi {
  /** The API's base URL: the local gateway on a free port, invoking the handlers in this process. */
  url: string;
  aws: EmulatedAws;
  /** The routes served, as the access policy names them. */
  routes: RouteKey[];
  /** The writes the request with this gateway request id made (DynamoDB, SQS, SES). */
  writesOf(requestId: string): Write[];
  close(): Promise<void>;
}

/** Commands that change something: what "nothing was written" is checked against. */
const WRITE_COMMANDS = /^(Put|Update|Delete|BatchWrite|TransactWrite)(Item|Items)?Command$|^Send(Message|MessageBatch|Email)Command$/;

/**
 * The whole HTTP API in one process: the emulators with the demo region, every HTTP function's
 * handler imported as Lambda runs it, and the local API Gateway stand-in in front of them over
 * real HTTP. Far cheaper than the local stack's worker sandboxes, so a suite can send thousands of
 * requests on a slow two-core machine; every write the handlers make is recorded per request.
 */
export async function startInProcessApi(): Promise<InProcessApi> {
  // Thousands of requests: the handlers log warnings and errors only, and publish no metrics.
  process.env.POWERTOOLS_LOG_LEVEL = 'WARN';
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  process.env.POWERTOOLS_DEV = 'true';
  const aws = await startEmulatedAws();
  const httpFunctions = (Object.keys(functions) as FunctionId[]).filter((id) => functions[id].routes?.length);
  aws.wire(...httpFunctions);
  const requests = new AsyncLocalStorage<string>();
  const writes = new Map<string, Write[]>();

  // The handlers' own SDK clients (shared/adapters/aws-clients.ts, sqs-client.ts, ses-client.ts): every write is attributed to its request.
  const clients = { ...(await import('#shared/adapters/aws-clients.ts')), ...(await import('#shared/adapters/sqs-client.ts')), ...(await import('#shared/adapters/ses-client.ts')) };
  // The document client shares its middleware stack with the DynamoDB client it wraps.
  for (const client of [clients.dynamoDbClient(), clients.sqsClient(), await clients.sesClient()]) {
    (client.middlewareStack as { add: (middleware: unknown, options: unknown) => void }).add(
      (next: (args: { input: Record<string, unknown> }) => Promise<unknown>, context: { commandName?: string }) => async (args: { input: Record<string, unknown> }) => {
        const requestId = requests.getStore();
        const command = context.commandName ?? '';
        if (requestId && WRITE_COMMANDS.test(command)) {
          const target = String(args.input.TableName ?? args.input.QueueUrl ?? (command === 'SendEmailCommand' ? 'ses' : Object.keys((args.input.RequestItems as object) ?? {}).join(',')));
          writes.set(requestId, [...(writes.get(requestId) ?? []), { command, target }]);
        }
        return next(args);
      },
      { step: 'initialize', name: 'recordWrites' },
    );
  }

  const routes: { method: string; path: string; invoke: (event: APIGatewayProxyEventV2) => Promise<unknown> }[] = [];
  const keys: RouteKey[] = [];
  for (const id of httpFunctions) {
    const handler = ((await import(`${ROOT}${functions[id].entry}`)) as { handler: HttpHandler }).handler;
    for (const route of functions[id].routes!) {
      keys.push(route);
      routes.push({ ...splitRoute(route), invoke: (event) => requests.run(event.requestContext.requestId, () => handler(event, lambdaContext(id))) });
    }
  }
  const gateway = new HttpGateway(routes);
  const port = await gateway.listen(0);
  gateway.markReady();
  return {
    url: `http://127.0.0.1:${port}`,
    aws,
    routes: keys,
    writesOf: (requestId) => writes.get(requestId) ?? [],
    close: async () => {
      await gateway.close();
      await aws.close();
    },
  };
}
