import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import regions from 'overbrug:regions';
import type { PublicRegion, WebConfig } from '../config.ts';
import type { Session, User } from './session.ts';

export interface AppContextValue {
  config: WebConfig;
  session: Session;
  user: User;
  /** The region the signed-in user works in, when one can be told (see `regionOf`). */
  region: PublicRegion | undefined;
}

export const AppContext = createContext<AppContextValue | undefined>(undefined);

/** The configuration and the signed-in user, for any page or component inside the app shell. */
export function useApp(): AppContextValue {
  const value = useContext(AppContext);
  if (!value) throw new Error('useApp() outside the signed-in app');
  return value;
}

/**
 * The regions this deployment serves: what `GET /regions` said at start (main.tsx), so that a
 * region added with `npm run region` needs no new build; the build's list until then, or when the
 * API could not be asked.
 */
export let REGIONS: readonly PublicRegion[] = regions;

export function setServedRegions(served: readonly PublicRegion[]): void {
  if (served.length) REGIONS = served;
}

/**
 * The user's region: the one in their account (managers, beheerders), else the only region this
 * deployment serves. A referrer in a deployment of several regions has none: they refer to any.
 */
export function regionOf(user: Pick<User, 'regionId'> | undefined): PublicRegion | undefined {
  return REGIONS.find((region) => region.regionId === user?.regionId) ?? (REGIONS.length === 1 ? REGIONS[0] : undefined);
}

/** Every gemeente this deployment serves, in the regions' order. */
export const servedGemeenten = () => REGIONS.flatMap((region) => region.gemeenten.map((gemeente) => ({ ...gemeente, regionId: region.regionId })));
