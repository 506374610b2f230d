import type { DynamoDBClient as DynamoDBClientType } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient as DocumentClientType } from '@aws-sdk/lib-dynamodb';
import { clientDynamodb, libDynamodb } from './aws-sdk.ts';

const { DynamoDBClient } = clientDynamodb();
const { DynamoDBDocumentClient } = libDynamodb();

// Clients are built once per execution environment and reused across invocations. Endpoints come
// from the standard AWS_ENDPOINT_URL_<SERVICE> variables, which the local runtime sets to its
// emulators: the handlers contain no local-only code. The SQS and SES clients have modules of their
// own (sqs-client.ts, ses-client.ts): loading an SDK client is most of a cold start, so a function
// loads only the ones it uses.

let dynamo: DynamoDBClientType | undefined;
let document: DocumentClientType | undefined;

export function dynamoDbClient(): DynamoDBClientType {
  dynamo ??= new DynamoDBClient({});
  return dynamo;
}

export function documentClient(): DocumentClientType {
  document ??= DynamoDBDocumentClient.from(dynamoDbClient(), {
    marshallOptions: { removeUndefinedValues: true },
  });
  return document;
}
