import { SQSClient } from '@aws-sdk/client-sqs';

// Apart from aws-clients.ts so that the functions that send no messages do not load the SQS client.
let sqs: SQSClient | undefined;

export function sqsClient(): SQSClient {
  sqs ??= new SQSClient({});
  return sqs;
}
