import { accessSignals, auditItem, matchesFilter, SIGNAL_THRESHOLDS, type AccessRecord, type AuditFilter, type AuditItem, type Signal, type SignalThresholds } from '../domain/access-audit.ts';
import { clientKeyOf } from './keys.ts';
import type { AccessLogRecords, ReferralRecords } from './ports.ts';

// The privacy officer's use of the access log (GET /access-log, GET /access-log/signals): every
// read of one client or case, and what is worth a look. Every use is itself logged, before the
// answer goes out.

/** A period of Europe/Amsterdam days: `from` and `to` as asked, `since` and `until` the instants they span. */
export interface AuditPeriod {
  from: string;
  to: string;
  since: string;
  until: string;
}

export interface AuditListQuery {
  period: AuditPeriod;
  filter: AuditFilter;
  /** One case by the number people name it by: every read of its referral. */
  caseNumber?: string;
  /** One client by their client reference in the region: every read of any of their referrals (AVG art. 15). */
  clientRef?: string;
  limit: number;
  cursor?: Record<string, string>;
}

export interface AccessAuditDeps {
  accessLog: AccessLogRecords;
  referrals: Pick<ReferralRecords, 'casesOfClient' | 'referralIdsOfCaseNumber'>;
  /** Logs the officer's own use: one entry per referral the request named, else one for the list; `asked` holds the filters, never a client reference. */
  recordOwnUse: (action: 'audit-read' | 'audit-signals', referralIds: string[], asked: Record<string, string>) => Promise<void>;
}

/** Entries one signals request reads at most: enough for a region's month. */
const MAX_SIGNAL_ENTRIES = 50_000;
/** One page of the list reads at most this many entries of the index before it answers with what it found and a cursor. */
const MAX_SCANNED = 5_000;

/** Only the referrals in every set given (a case number and a client reference both narrow the list). */
function intersection(sets: (readonly string[] | undefined)[]): ReadonlySet<string> | undefined {
  const given = sets.filter((set): set is readonly string[] => set !== undefined);
  if (!given.length) return undefined;
  return new Set(given[0]!.filter((id) => given.every((set) => set.includes(id))));
}

/** One page of the region's access log, newest first, filtered. */
export async function readAccessLog(
  deps: AccessAuditDeps,
  regionId: string,
  query: AuditListQuery,
): Promise<{ items: AuditItem[]; cursor?: Record<string, string> }> {
  const { period, limit } = query;
  // The client's referrals in this region (their client reference is keyed with the region), and the case's.
  const clientReferrals = query.clientRef === undefined ? undefined : (await deps.referrals.casesOfClient(clientKeyOf(regionId, query.clientRef))).map((item) => item.referralId);
  const caseReferrals = query.caseNumber === undefined ? undefined : await deps.referrals.referralIdsOfCaseNumber(regionId, query.caseNumber);
  const referralIds = intersection([clientReferrals, caseReferrals]);
  const filter: AuditFilter = { ...query.filter, ...(referralIds ? { referralIds } : {}) };

  const items: AuditItem[] = [];
  let next: Record<string, string> | undefined;
  if (!referralIds || referralIds.size) {
    let scanned = 0;
    pages: for await (const page of deps.accessLog.ofRegion(regionId, period, query.cursor)) {
      for (const entry of page.items) {
        scanned++;
        if (!matchesFilter(entry, filter)) continue;
        items.push(auditItem(entry));
        if (items.length === limit) {
          next = { regionId: entry.regionId, accessId: entry.accessId, referralId: entry.referralId };
          break pages;
        }
      }
      if (scanned >= MAX_SCANNED) {
        next = page.lastKey;
        break;
      }
    }
  }

  // What the officer asked, without the client reference itself (client data stays out of the log).
  const asked = Object.fromEntries(
    Object.entries({
      from: period.from,
      to: period.to,
      ...query.filter,
      caseNumber: query.caseNumber,
      clientRef: query.clientRef === undefined ? undefined : 'given',
    }).filter((pair): pair is [string, string] => typeof pair[1] === 'string'),
  );
  const named = referralIds ? [...referralIds] : query.filter.referralId ? [query.filter.referralId] : [];
  await deps.recordOwnUse('audit-read', named, asked);
  return { items, ...(next ? { cursor: next } : {}) };
}

/** What is worth a look in a period: people reading many cases, reads allowed by a role, refusals. */
export async function readSignals(
  deps: AccessAuditDeps,
  regionId: string,
  period: AuditPeriod,
): Promise<{ from: string; to: string; thresholds: SignalThresholds; signals: Signal[]; truncated?: true }> {
  const entries: (AccessRecord & { accessId: string })[] = [];
  let truncated = false;
  for await (const page of deps.accessLog.ofRegion(regionId, period)) {
    entries.push(...page.items);
    if (entries.length >= MAX_SIGNAL_ENTRIES) {
      truncated = page.lastKey !== undefined;
      break;
    }
  }
  await deps.recordOwnUse('audit-signals', [], { from: period.from, to: period.to });
  return { from: period.from, to: period.to, thresholds: SIGNAL_THRESHOLDS, signals: accessSignals(entries), ...(truncated ? { truncated: true as const } : {}) };
}
