import { PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { Role } from '../access/policy.ts';
import type { Access, Caller } from '../http/auth.ts';
import { REFERRAL_ID } from '../http/request.ts';
import { REGIONS } from '../regions/index.ts';
export { NO_REFERRAL } from '../domain/access-audit.ts';

/** Why a person read a client record; the access log keeps it with who, what and when. */
export const ACCESS_PURPOSES = {
  'read-referral-status': 'follow-up by the referrer',
  'read-case': 'case work by the contact person',
  'list-referrals': 'follow-up by the referrer',
  'list-cases': 'case work by the contact person',
  'case-action': 'case work',
  'read-hand-off': 'hand-off to the partner',
  'read-client-contact': "reaching the client: their phone, e-mail or best times",
  'read-client-letter': 'the letter for the client, to print or open',
  'fhir-read': "the FHIR API: the referrer's system, the contact person or the partner reads the case as FHIR resources",
  'duplicate-check': "the duplicate guard looked into another organisation's open referral for this referrer",
  'list-hand-offs': 'hand-off to the partner: the line in their list',
  'list-beyond-treeknorm': 'follow-up of the region: a case waiting beyond the treeknorm',
  'list-desk': "the region's coordinator: a case on the desk (nobody had room, or no reaction in time)",
  'read-desk-case': "the region's coordinator decides who takes the case",
  'read-desk-candidates': "the region's coordinator sees who could take the case, with their load",
  'attempt': 'an attempt to reach a client record that was refused',
  'audit-read': 'the privacy officer reviews the access log (NEN 7513, AVG art. 15)',
  'audit-signals': "the privacy officer reviews the access log's signals",
} as const;
export type AccessAction = keyof typeof ACCESS_PURPOSES;

export const ACCESS_OUTCOMES = ['shown', 'forbidden', 'not-found', 'gone'] as const;
export type AccessOutcome = (typeof ACCESS_OUTCOMES)[number];

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

export interface AccessRecord {
  referralId: string;
  /**
   * The region the entry belongs to (the by-region index its privacy officer reads): the
   * referral's region where known, else the caller's (see regionOfEntry).
   */
  regionId: string;
  /** Who read: the signed-in person's pseudonymous id (the identity provider's subject). */
  actor: string;
  /** Their display name from the token, as the privacy officer reads it. */
  actorName?: string;
  /** Their organisation from the token (a verwijzer's or partner's), id and name. */
  organisationId?: string;
  organisationName?: string;
  /** A cliëntondersteuner's contact person id: their organisation is not in their token. */
  contactPersonId?: string;
  /** The API route of the request (`GET /referrals/{referralId}`). */
  route: string;
  /**
   * `operator`: someone running a command on the stack (`npm run rules -- compare`), not a signed-in
   * role; `none`: a signed-in person with no role of Overbrug (refused).
   */
  role: Role | 'operator' | 'none';
  action: string;
  purpose: string;
  /**
   * What the person got: the record (`shown`), or a refusal: `forbidden` (403, their role may not),
   * `not-found` (404: not theirs, or no such record; alike to them), `gone` (410, pseudonymised).
   * Refusals are logged too (NEN 7513): a pattern of them is what an audit looks for.
   */
  outcome: AccessOutcome;
  at: string;
  requestId: string;
  sourceIp?: string;
  userAgent?: string;
  /** The privacy officer's own use: which filters they used (names and ids, never a client reference). */
  query?: Record<string, string>;
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
/** The key parts of a page of that index: what a cursor carries. */
export const ACCESS_LOG_KEY_PARTS = ['regionId', 'accessId', 'referralId'] as const;
const PAGE_SIZE = 500;

export type StoredAccessRecord = AccessRecord & { accessId: string };

/** An entry's sort key: its time first, so the table and the by-region index keep entries in time order. */
export const accessIdOf = (access: Pick<AccessRecord, 'at' | 'requestId' | 'action'>) => `${access.at}#${access.requestId}#${access.action}`;
