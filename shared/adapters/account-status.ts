import { numberFromEnv } from '../config.ts';
import { tableEnvVar } from '../topology.ts';
import { documentClient } from './aws-clients.ts';
import { UserStore } from './user-store.ts';

/**
 * Whether a signed-in person's account was deactivated: one GetItem of `active` in the users table,
 * kept per execution environment for `ACCOUNT_STATUS_CACHE_SECONDS` (30 s), so a deactivated
 * account's tokens stop working within that time on every function, not only when they expire.
 * Accounts not kept in the users table (demo users, accounts made by hand in Cognito) count as active.
 */
const cache = new Map<string, { active: boolean; until: number }>();
const MAX_CACHED = 5_000;
let store: UserStore | undefined;

export async function accountDeactivated(userId: string, now = Date.now()): Promise<boolean> {
  const table = process.env[tableEnvVar('users')];
  // A function that serves no signed-in route has no users table, and nobody to check.
  if (!table) return false;
  const cached = cache.get(userId);
  if (cached && cached.until > now) return !cached.active;
  store ??= new UserStore(documentClient(), table);
  const active = (await store.isActive(userId)) ?? true;
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(userId, { active, until: now + numberFromEnv('ACCOUNT_STATUS_CACHE_SECONDS', 30) * 1000 });
  return !active;
}
