import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { clientDynamodb, libDynamodb } from './aws-sdk.ts';

const { ConditionalCheckFailedException } = clientDynamodb();
const { GetCommand, UpdateCommand } = libDynamodb();

/**
 * A counted set on one item with a limit: a service's reserved places, a contact person's clients.
 * Adding is one conditional write that raises the count and adds the member together, so two
 * writers can never both take the last slot, and adding the same member twice is harmless (a retry
 * after a crash finds its slot already held). No transactions needed.
 */
export interface BoundedSet {
  tableName: string;
  key: Record<string, string>;
  countAttribute: string;
  limitAttribute: string;
  membersAttribute: string;
}

import type { ClaimResult } from '../pipeline/ports.ts';
export type { ClaimResult } from '../pipeline/ports.ts';

export async function claim(client: DynamoDBDocumentClient, set: BoundedSet, member: string): Promise<ClaimResult> {
  try {
    await client.send(
      new UpdateCommand({
        TableName: set.tableName,
        Key: set.key,
        UpdateExpression: 'SET #count = #count + :one ADD #members :member',
        ConditionExpression: 'attribute_exists(#count) AND #count < #limit AND NOT contains(#members, :id)',
        ExpressionAttributeNames: { '#count': set.countAttribute, '#limit': set.limitAttribute, '#members': set.membersAttribute },
        ExpressionAttributeValues: { ':one': 1, ':member': new Set([member]), ':id': member },
      }),
    );
    return 'claimed';
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
  // Refused: find out why with a consistent read.
  const { Item } = await client.send(new GetCommand({ TableName: set.tableName, Key: set.key, ConsistentRead: true }));
  if (!Item || Item[set.countAttribute] === undefined) return 'missing';
  const members = Item[set.membersAttribute] as Set<string> | undefined;
  return members?.has(member) ? 'already-held' : 'full';
}

/** Gives a slot back; false when the member did not hold one. */
export async function release(client: DynamoDBDocumentClient, set: BoundedSet, member: string): Promise<boolean> {
  try {
    await client.send(
      new UpdateCommand({
        TableName: set.tableName,
        Key: set.key,
        UpdateExpression: 'SET #count = #count - :one DELETE #members :member',
        ConditionExpression: 'contains(#members, :id)',
        ExpressionAttributeNames: { '#count': set.countAttribute, '#members': set.membersAttribute },
        ExpressionAttributeValues: { ':one': 1, ':member': new Set([member]), ':id': member },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/** DynamoDB string sets arrive as Set (or are absent when empty); the domain works with arrays. */
export const membersOf = (value: unknown): string[] => (value instanceof Set ? [...(value as Set<string>)] : []);
