// `npm run redrive -- <queue> [--list] [--stage STAGE] [--data-dir DIR]`
// Moves the messages in a queue's dead-letter queue back to the queue, after the cause is fixed.
// Locally it finds the emulator through the running stack's endpoints file; with --stage it works
// on the AWS account and region of the usual AWS environment variables or profile.
import { parseArgs } from 'node:util';
import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  GetQueueUrlCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
  type Message,
} from '@aws-sdk/client-sqs';
import { PipelineMessageSchema } from '#events/contracts.ts';
import { deadLetterQueueId, physicalName, queues, type QueueId } from '#shared/topology.ts';
import { findRunningStack, LOCAL_STAGE } from '#local/stack.ts';

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    list: { type: 'boolean', default: false },
    stage: { type: 'string', default: LOCAL_STAGE },
    'data-dir': { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

const queueIds = Object.keys(queues) as QueueId[];
const queue = positionals[0] as QueueId | undefined;
if (args.help || !queue || !queueIds.includes(queue)) {
  console.log(`Usage: npm run redrive -- <${queueIds.join('|')}> [--list] [--stage STAGE] [--data-dir DIR]

  --list        show what is in the dead-letter queue, move nothing
  --stage       "local" (default) for the stack of npm start, or the stage of an AWS deployment
  --data-dir    the local stack's data directory (default: $OVERBRUG_DATA_DIR or .overbrug-local)`);
  process.exit(args.help ? 0 : 2);
}

async function connect(): Promise<{ sqs: SQSClient; source: string; deadLetter: string }> {
  if (args.stage === LOCAL_STAGE) {
    const { dataDir, endpoints } = await findRunningStack(args['data-dir']);
    if (!endpoints) {
      console.error(`No running local stack found in ${dataDir}. Start it with npm start (queues live in its memory).`);
      process.exit(1);
    }
    const sqs = new SQSClient({ endpoint: endpoints.sqs, region: 'eu-central-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    return { sqs, source: endpoints.queues[queue!].url, deadLetter: endpoints.queues[queue!].deadLetterUrl };
  }
  const sqs = new SQSClient({});
  const urlOf = async (name: string) => (await sqs.send(new GetQueueUrlCommand({ QueueName: name }))).QueueUrl!;
  return {
    sqs,
    source: await urlOf(physicalName(args.stage!, queue!)),
    deadLetter: await urlOf(physicalName(args.stage!, deadLetterQueueId(queue!))),
  };
}

/** Messages carry ids only, so showing the referral id is safe; anything else is shown by size. */
function describe(message: Message): string {
  let parsed: ReturnType<typeof PipelineMessageSchema.safeParse> | undefined;
  try {
    parsed = PipelineMessageSchema.safeParse(JSON.parse(message.Body ?? ''));
  } catch {
    parsed = undefined;
  }
  const what = parsed?.success ? `referral ${parsed.data.referralId} (from ${parsed.data.origin})` : `unreadable body of ${message.Body?.length ?? 0} characters`;
  const sent = new Date(Number(message.Attributes?.SentTimestamp ?? 0)).toISOString();
  return `${message.MessageId}  sent ${sent}  ${what}`;
}

const { sqs, source, deadLetter } = await connect();
const receive = (visibilityTimeout: number) =>
  sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: deadLetter,
      MaxNumberOfMessages: 10,
      WaitTimeSeconds: 1,
      VisibilityTimeout: visibilityTimeout,
      AttributeNames: ['All'],
      MessageSystemAttributeNames: ['All'],
    }),
  );

let count = 0;
if (args.list) {
  // Listing receives the messages; they are made visible again right after.
  const seen: Message[] = [];
  for (;;) {
    const { Messages = [] } = await receive(30);
    if (Messages.length === 0) break;
    for (const message of Messages) {
      seen.push(message);
      console.log(describe(message));
    }
  }
  for (const message of seen) {
    await sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: deadLetter, ReceiptHandle: message.ReceiptHandle!, VisibilityTimeout: 0 }));
  }
  count = seen.length;
  console.log(`${count} message(s) in the dead-letter queue of ${queue}. The reasons are in the consumer's logs ("moves to the dead-letter queue").`);
} else {
  for (;;) {
    const { Messages = [] } = await receive(60);
    if (Messages.length === 0) break;
    for (const message of Messages) {
      // Send first, delete second: a crash in between duplicates a message, which the idempotent
      // consumers absorb, instead of losing one.
      await sqs.send(new SendMessageCommand({ QueueUrl: source, MessageBody: message.Body! }));
      await sqs.send(new DeleteMessageCommand({ QueueUrl: deadLetter, ReceiptHandle: message.ReceiptHandle! }));
      console.log(`redriven: ${describe(message)}`);
      count++;
    }
  }
  console.log(`${count} message(s) moved from the dead-letter queue back to ${queue}.`);
}
