import { clientDynamodb } from '../aws-sdk.ts';

// Stands in for @aws-sdk/client-dynamodb in the Lambda bundles (infra/bundling.ts), where a
// dependency imports it as an ES module: Powertools' idempotency layer (notify). The same classes,
// taken with require (aws-sdk.ts says why). A name a new Powertools imports and this file lacks
// fails the bundling, not a cold start.
export const { ConditionalCheckFailedException, DeleteItemCommand, DynamoDBClient, GetItemCommand, PutItemCommand, UpdateItemCommand } = clientDynamodb();
