import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { IdempotencyRecordStatus, PERSISTENCE_ATTRIBUTE_KEY_MAPPINGS } from '@aws-lambda-powertools/idempotency';
import { tables } from '#shared/topology.ts';

/**
 * When the local runtime starts, no function runs, so an idempotency record still "in progress"
 * belongs to a sandbox that died with the previous run. Left alone it would block the recovery
 * sweep's messages until it expires, and each blocked message would wait a full visibility
 * timeout. On AWS there is no such moment; there the record expires with the dead invocation.
 * Returns the released keys (hashes, no client data): an e-mail's among them may have gone out
 * just before the crash, and goes out again (the window SES, without idempotency tokens, leaves).
 */
export async function releaseOrphanedIdempotencyRecords(client: DynamoDBDocumentClient, tableName: string): Promise<string[]> {
  const { statusAttr } = PERSISTENCE_ATTRIBUTE_KEY_MAPPINGS;
  const keyAttr = tables.idempotency.partitionKey;
  const released: string[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({
        TableName: tableName,
        FilterExpression: '#status = :inProgress',
        ExpressionAttributeNames: { '#status': statusAttr },
        ExpressionAttributeValues: { ':inProgress': IdempotencyRecordStatus.INPROGRESS },
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) {
      try {
        await client.send(
          new DeleteCommand({
            TableName: tableName,
            Key: { [keyAttr]: item[keyAttr] },
            ConditionExpression: '#status = :inProgress',
            ExpressionAttributeNames: { '#status': statusAttr },
            ExpressionAttributeValues: { ':inProgress': IdempotencyRecordStatus.INPROGRESS },
          }),
        );
        released.push(String(item[keyAttr]));
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return released;
}
