import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

// Clients are built once per execution environment and reused across invocations. Endpoints come
// from the standard AWS_ENDPOINT_URL_<SERVICE> variables, which the local runtime sets to its
// emulators: the handlers contain no local-only code.

let dynamo: DynamoDBClient | undefined;
let document: DynamoDBDocumentClient | undefined;
let sqs: SQSClient | undefined;
let ses: SESv2Client | undefined;

export function dynamoDbClient(): DynamoDBClient {
  dynamo ??= new DynamoDBClient({});
  return dynamo;
}

export function documentClient(): DynamoDBDocumentClient {
  document ??= DynamoDBDocumentClient.from(dynamoDbClient(), {
    marshallOptions: { removeUndefinedValues: true },
  });
  return document;
}

export function sqsClient(): SQSClient {
  sqs ??= new SQSClient({});
  return sqs;
}

export function sesClient(): SESv2Client {
  ses ??= new SESv2Client({});
  return ses;
}
