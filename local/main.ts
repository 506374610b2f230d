// `npm start`: the whole service on this machine. See README.md, "Run it locally".
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import * as z from '#shared/domain/zod.ts';
import { parseFaultPlan } from './faults.ts';
import { startLocalStack } from './stack.ts';

const { values: args } = parseArgs({
  options: {
    fresh: { type: 'boolean', default: false },
    port: { type: 'string' },
    'data-dir': { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (args.help) {
  console.log(`Usage: npm start -- [--fresh] [--port N] [--data-dir DIR]

  --fresh          start from empty tables and a freshly seeded demo region
  --port N         port of the API (default: $PORT or 3000; 0 takes a free port)
  --data-dir DIR   where DynamoDB data is kept between restarts (default: $OVERBRUG_DATA_DIR or .overbrug-local)

Environment: OVERBRUG_LOCAL_METRICS=true prints Powertools metrics; OVERBRUG_TIME_SCALE,
OVERBRUG_LOCAL_FAULTS, OVERBRUG_FUNCTION_ENVIRONMENT, OVERBRUG_WARM and OVERBRUG_WEB_BUNDLE
exist for the test suite (see docs/local-runtime.md).`);
  process.exit(0);
}

/** OVERBRUG_FUNCTION_ENVIRONMENT: a JSON object of variable names and their values for the functions. */
const parseFunctionEnvironment = (text: string) => z.record(z.string(), z.string()).parse(JSON.parse(text));

const log = (message: string) => console.log(`[overbrug-local] ${message}`);
const port = Number(args.port ?? process.env.PORT ?? 3000);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`Invalid port '${args.port ?? process.env.PORT}'`);
  process.exit(2);
}
const dataDir = resolve(args['data-dir'] ?? process.env.OVERBRUG_DATA_DIR ?? '.overbrug-local');

let stack: Awaited<ReturnType<typeof startLocalStack>>;
try {
  stack = await startLocalStack({
    port,
    dataDir,
    fresh: args.fresh,
    timeScale: Number(process.env.OVERBRUG_TIME_SCALE ?? 1),
    faults: parseFaultPlan(process.env.OVERBRUG_LOCAL_FAULTS),
    ...(process.env.OVERBRUG_WEB_BUNDLE ? { webBundleFile: process.env.OVERBRUG_WEB_BUNDLE } : {}),
    ...(process.env.OVERBRUG_WARM === 'pipeline' ? { warm: 'pipeline' as const } : {}),
    ...(process.env.OVERBRUG_FUNCTION_ENVIRONMENT ? { functionEnvironment: parseFunctionEnvironment(process.env.OVERBRUG_FUNCTION_ENVIRONMENT) } : {}),
    metrics: process.env.OVERBRUG_LOCAL_METRICS === 'true',
    log,
  });
} catch (error) {
  const { code, message } = error as NodeJS.ErrnoException;
  console.error(
    code === 'EADDRINUSE'
      ? `Port ${port} is in use. Stop what runs there, or start on another port: PORT=3001 npm start`
      : `The local stack could not start: ${message}`,
  );
  process.exit(1);
}

const { endpoints } = stack;
console.log(`
Overbrug runs locally (stage "local", demo data of the fictional Regio Voorbeeld)

  Web app          ${endpoints.web}   (sign in as a fictional demo user of any role)
  API              ${endpoints.api}
                   every route in docs/api.md; sign-in: ${endpoints.idp} (development only)
  Mailbox (SES)    ${endpoints.mailbox}   (every e-mail the service sends; JSON at /store)
  DynamoDB         ${endpoints.dynamodb}   (dynalite; data kept in ${endpoints.dataDir})
  SQS              ${endpoints.sqs}   (local-aws-sqs; in memory)

Try: TOKEN=$(curl -s '${endpoints.idp}/token?user=poh-delinde&format=text')
     curl -s -X POST ${endpoints.api}/referrals -H "authorization: Bearer $TOKEN" -H 'content-type: application/json' --data @events/referrals/combined.json
Stop with Ctrl-C. Start over with: npm start -- --fresh
`);

let stopping = false;
const shutdown = async (signal: string) => {
  if (stopping) {
    log('Forced exit');
    process.exit(1);
  }
  stopping = true;
  log(`${signal}: finishing batches in flight and shutting down (Ctrl-C again to force)`);
  await stack.stop();
  log('Stopped. Data is kept; `npm start` continues where this left off.');
  process.exit(0);
};
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
