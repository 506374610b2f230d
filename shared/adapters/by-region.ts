import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { libDynamodb } from './aws-sdk.ts';

const { QueryCommand } = libDynamodb();

/** Every item of a region (or the first `limit`), through a table's `by-region` index, page by page. */
export async function itemsOfRegion(
  client: DynamoDBDocumentClient,
  tableName: string,
  regionId: string,
  limit?: number,
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: 'by-region',
        KeyConditionExpression: 'regionId = :regionId',
        ExpressionAttributeValues: { ':regionId': regionId },
        ExclusiveStartKey: startKey,
        ...(limit ? { Limit: limit } : {}),
      }),
    );
    items.push(...(page.Items ?? []));
    startKey = limit && items.length >= limit ? undefined : page.LastEvaluatedKey;
  } while (startKey);
  return items;
}
