import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { tableName } from '../config.ts';
import { dynamoDbClient } from './aws-clients.ts';

/**
 * A Powertools persistence layer on the idempotency table (key `id`, TTL on `expiration`). A
 * layer binds to the first idempotency config that uses it, so every idempotent operation with a
 * config of its own gets its own layer; they share the DynamoDB client.
 */
export function idempotencyStore(): DynamoDBPersistenceLayer {
  return new DynamoDBPersistenceLayer({ tableName: tableName('idempotency'), awsSdkV3Client: dynamoDbClient() });
}
