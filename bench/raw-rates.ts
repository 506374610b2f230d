import { randomUUID } from 'node:crypto';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { CreateQueueCommand, DeleteMessageCommand, ReceiveMessageCommand, SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { LOCAL_REGION, startEmulators } from '#local/emulators.ts';
import { round, sustainedRate } from './stats.ts';

export interface RawRates {
  /** Requests per second each emulator sustains on this machine, with the clients the handlers use. */
  DynamoDB: number;
  SQS: number;
  SESv2: number;
  detail: Record<string, number>;
}

/** How long each mix runs before its rate is taken (see measureRawRates). */
const WARM_UP_MS = 2000;

/**
 * How fast the emulators themselves go, without the pipeline: a mix like the pipeline's (a 3 KB
 * item written, read consistently and updated conditionally; messages sent, received and deleted;
 * e-mails sent), from default-configured SDK clients as in the handlers.
 */
export async function measureRawRates(concurrency: number, secondsEach = 4): Promise<RawRates> {
  const emulators = await startEmulators({});
  try {
    const config = { region: LOCAL_REGION, credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' } };
    const dynamodb = new DynamoDBClient({ ...config, endpoint: emulators.dynamodb });
    const document = DynamoDBDocumentClient.from(dynamodb);
    const sqs = new SQSClient({ ...config, endpoint: emulators.sqs });
    const ses = new SESv2Client({ ...config, endpoint: emulators.ses });
    const ms = secondsEach * 1000;

    await dynamodb.send(
      new CreateTableCommand({
        TableName: 'raw-rate',
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      }),
    );
    const payload = 'x'.repeat(3000);
    const ids: string[] = [];
    const dynamoMix = async (n: number) => {
      const step = n % 3;
      if (step === 0 || ids.length === 0) {
        const id = randomUUID();
        await document.send(new PutCommand({ TableName: 'raw-rate', Item: { id, payload, status: 'received', count: 0 } }));
        ids.push(id);
      } else if (step === 1) {
        await document.send(new GetCommand({ TableName: 'raw-rate', Key: { id: ids[n % ids.length] }, ConsistentRead: true }));
      } else {
        await document.send(
          new UpdateCommand({
            TableName: 'raw-rate',
            Key: { id: ids[n % ids.length] },
            UpdateExpression: 'SET #count = #count + :one',
            ConditionExpression: 'attribute_exists(id)',
            ExpressionAttributeNames: { '#count': 'count' },
            ExpressionAttributeValues: { ':one': 1 },
          }),
        );
      }
    };

    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'raw-rate', Attributes: { VisibilityTimeout: '30' } }));
    const sqsMix = async (n: number) => {
      if (n % 3 !== 2) {
        await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: JSON.stringify({ referralId: randomUUID(), origin: 'triage' }) }));
        return;
      }
      const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 1, WaitTimeSeconds: 0 }));
      for (const message of Messages) await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: message.ReceiptHandle }));
    };

    const sesSend = () =>
      ses.send(
        new SendEmailCommand({
          FromEmailAddress: 'bench@overbrug.example',
          Destination: { ToAddresses: ['someone@overbrug.example'] },
          Content: { Simple: { Subject: { Data: 'Bench' }, Body: { Text: { Data: 'x'.repeat(1500) } } } },
        }),
      );

    // A pass first whose rate is not kept: the emulators and this process's SDK clients run their
    // first seconds unoptimised, and measured cold the same machine gave from 745 to 1,400
    // DynamoDB requests/s in three runs of ten minutes (BENCHMARKS.md, "Pipeline").
    for (const mix of [dynamoMix, sqsMix, sesSend]) await sustainedRate(mix, concurrency, WARM_UP_MS);
    const dynamo = await sustainedRate(dynamoMix, concurrency, ms);
    const sqsRate = await sustainedRate(sqsMix, concurrency, ms);
    const sesRate = await sustainedRate(sesSend, concurrency, ms);
    return {
      DynamoDB: round(dynamo, 0),
      // Two sends and one receive-plus-delete per three tasks: four requests.
      SQS: round(sqsRate * (4 / 3), 0),
      SESv2: round(sesRate, 0),
      detail: { dynamoMixOpsPerSecond: round(dynamo, 0), sqsMixTasksPerSecond: round(sqsRate, 0), sesSendsPerSecond: round(sesRate, 0) },
    };
  } finally {
    await emulators.close();
  }
}
