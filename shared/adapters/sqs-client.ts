import type { SQSClient as SqsClientType } from '@aws-sdk/client-sqs';
import { clientSqs } from './aws-sdk.ts';

const { SQSClient } = clientSqs();

// Apart from aws-clients.ts so that the functions that send no messages do not load the SQS client.
let sqs: SqsClientType | undefined;

export function sqsClient(): SqsClientType {
  sqs ??= new SQSClient({});
  return sqs;
}
