import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** Every item of a region, through a table's `by-region` index, page by page. */
export async function itemsOfRegion(client: DynamoDBDocumentClient, tableName: string, regionId: string): Promise<Record<string, unknown>[]> {
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
      }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}
