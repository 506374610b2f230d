import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { Role } from '../access/policy.ts';
import type { Access, Caller } from '../http/auth.ts';
import { REFERRAL_ID } from '../http/request.ts';
import { REGIONS } from '../regions/index.ts';
import { ACCESS_PURPOSES, type AccessAction, type AccessOutcome, type AccessRecord } from '../domain/access-audit.ts';
import { libDynamodb } from './aws-sdk.ts';

const { PutCommand, QueryCommand } = libDynamodb();
export { ACCESS_OUTCOMES, ACCESS_PURPOSES, NO_REFERRAL, type AccessAction, type AccessOutcome, type AccessRecord } from '../domain/access-audit.ts';


/** What a refusal's status says happened. */
export const outcomeOf = (status: number): AccessOutcome => (status === 403 ? 'forbidden' : status === 410 ? 'gone' : status === 404 ? 'not-found' : 'shown');

/** The referral a path names, as the log keys it: a well-formed id as it is, anything else as one marker. */
export const loggedReferralId = (event: APIGatewayProxyEventV2) => {
  const id = event.pathParameters?.referralId ?? '';
  return REFERRAL_ID.test(id) ? id : 'malformed-id';
};

/**
 * The region an entry is filed under when neither the referral nor the caller names one (a
 * referrer's attempt at an id that does not exist, in a deployment of several regions): no privacy
 * officer's list shows it; the table still has it.
 */
export const UNKNOWN_REGION = 'unknown';

/** The region of an entry: the referral's where known, else the caller's, else the one region this deployment serves. */
export function regionOfEntry(referralRegionId: string | undefined, caller: Pick<Caller, 'regionId'>): string {
  return referralRegionId ?? caller.regionId ?? (REGIONS.length === 1 ? REGIONS[0]!.region.regionId : UNKNOWN_REGION);
}


/**
 * Append-only log of reads of a client record by a person (NEN 7513 in spirit): who, what, when,
 * why. Entries are only ever put, never updated or deleted: the functions that write it may do
 * nothing else with the table (see the stack), and an entry is never overwritten.
 */
export class AccessLog {
  readonly #client: DynamoDBDocumentClient;
  readonly #tableName: string;

  constructor(client: DynamoDBDocumentClient, tableName: string) {
    this.#client = client;
    this.#tableName = tableName;
  }

  /** The entry for a read by the person behind `access`, in the request `event`. */
  static entry(
    event: APIGatewayProxyEventV2,
    access: Access,
    referralId: string,
    action: AccessAction | `${'case-action'}:${string}`,
    outcome: AccessOutcome = 'shown',
    /** The referral's region; without it the caller's (regionOfEntry). */
    regionId?: string,
  ): AccessRecord {
    return AccessLog.byCaller(event, access.caller, access.role, referralId, action, outcome, regionId);
  }

  /**
   * The entry for a refused attempt at the record the path names (403, 404, 410), by a signed-in
   * person: also one whose role may not use the route at all.
   */
  static refusal(event: APIGatewayProxyEventV2, caller: Caller, role: Role | undefined, status: number, regionId?: string): AccessRecord {
    return AccessLog.byCaller(event, caller, role ?? caller.roles[0] ?? 'none', loggedReferralId(event), 'attempt', outcomeOf(status), regionId);
  }

  private static byCaller(
    event: APIGatewayProxyEventV2,
    caller: Caller,
    role: AccessRecord['role'],
    referralId: string,
    action: AccessAction | `${'case-action'}:${string}`,
    outcome: AccessOutcome,
    regionId: string | undefined,
  ): AccessRecord {
    const purposeKey = (action.startsWith('case-action') ? 'case-action' : action) as AccessAction;
    return {
      referralId,
      regionId: regionOfEntry(regionId, caller),
      actor: caller.id,
      ...(caller.name ? { actorName: caller.name } : {}),
      ...(caller.organisationId ? { organisationId: caller.organisationId } : {}),
      ...(caller.organisationName ? { organisationName: caller.organisationName } : {}),
      ...(caller.contactPersonId ? { contactPersonId: caller.contactPersonId } : {}),
      route: event.routeKey,
      role,
      action,
      outcome,
      purpose: ACCESS_PURPOSES[purposeKey],
      at: new Date().toISOString(),
      requestId: event.requestContext.requestId,
      sourceIp: event.requestContext.http.sourceIp,
      userAgent: event.requestContext.http.userAgent,
    };
  }

  async record(access: AccessRecord): Promise<void> {
    await this.#client.send(
      new PutCommand({
        TableName: this.#tableName,
        // One request can read a record in two ways (the case, then the client's contact details): the action tells them apart.
        Item: { ...access, accessId: accessIdOf(access) },
        // Entries are never overwritten.
        ConditionExpression: 'attribute_not_exists(accessId)',
      }),
    );
  }

  /** Several reads in one request (a list): one entry each, written side by side. */
  async recordAll(entries: AccessRecord[]): Promise<void> {
    await Promise.all(entries.map((entry) => this.record(entry)));
  }

  /**
   * The region's entries from `since` up to (not including) `until`, newest first, one index page
   * at a time (the by-region index: all the privacy officer's function may query). `start` is the
   * key to go on after (a cursor).
   */
  async *ofRegion(
    regionId: string,
    range: { since: string; until: string },
    start?: Record<string, string>,
  ): AsyncGenerator<{ items: StoredAccessRecord[]; lastKey?: Record<string, string> }> {
    let exclusiveStartKey: Record<string, unknown> | undefined = start;
    do {
      const page = await this.#client.send(
        new QueryCommand({
          TableName: this.#tableName,
          IndexName: ACCESS_LOG_INDEX,
          KeyConditionExpression: 'regionId = :regionId AND accessId BETWEEN :since AND :until',
          // accessId starts with the ISO time: an entry at `until` (`until#...`) sorts after `until#`, so it is left out.
          ExpressionAttributeValues: { ':regionId': regionId, ':since': range.since, ':until': `${range.until}#` },
          ScanIndexForward: false,
          Limit: PAGE_SIZE,
          ...(exclusiveStartKey ? { ExclusiveStartKey: exclusiveStartKey } : {}),
        }),
      );
      exclusiveStartKey = page.LastEvaluatedKey;
      yield {
        items: (page.Items ?? []) as StoredAccessRecord[],
        ...(page.LastEvaluatedKey ? { lastKey: page.LastEvaluatedKey as Record<string, string> } : {}),
      };
    } while (exclusiveStartKey);
  }
}

/** The index the privacy officer's function queries: partition regionId, sort accessId (time first). */
export const ACCESS_LOG_INDEX = 'by-region';
const PAGE_SIZE = 500;

export type StoredAccessRecord = AccessRecord & { accessId: string };

/** An entry's sort key: its time first, so the table and the by-region index keep entries in time order. */
export const accessIdOf = (access: Pick<AccessRecord, 'at' | 'requestId' | 'action'>) => `${access.at}#${access.requestId}#${access.action}`;
