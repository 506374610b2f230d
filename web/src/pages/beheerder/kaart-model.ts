// The sociale kaart as its keepers see it in the app: the API's answers (docs/api.md, "The sociale
// kaart for its keepers"), the kaart page's filters, and how places and waiting times read in Dutch.
// Pure and light (no zod: the lists load it only where a form needs it), unit-tested on its own.
import type { Role } from '#shared/access/policy.ts';
import type { Freshness, FreshnessState } from '#shared/domain/freshness.ts';
import type { ServiceEntry } from '#shared/domain/sociale-kaart.ts';
import type { PracticalInfo } from '#shared/domain/kaart-practical.ts';
import { weeks } from '#shared/domain/vocabulary.ts';

/** An entry as `GET /kaart` gives it (shared/domain/kaart-view.ts `kaartEntryView`). */
export interface KaartEntry extends Omit<ServiceEntry, 'hsds'> {
  placesTaken: number;
  /** Address, opening hours, phones, cost and how to apply, from the source's HSDS or our fields. */
  practical: PracticalInfo;
  /** The source's own taxonomy terms, in words. */
  sourceTerms: string[];
  freshness: Freshness;
  /** The open request to the partner to confirm the entry. */
  verification: { stage: 'ranked-down' | 'excluded'; requestedAt: string; sentAt: string | null } | null;
  updatedAt?: string;
  availabilityUpdatedAt?: string;
  /** When the vast aanspreekpunt was last changed here, and in which role. */
  contactUpdatedAt?: string;
  contactUpdatedBy?: Role;
}

export interface KaartList {
  items: KaartEntry[];
}

/** One change of places or waiting time (`GET /kaart/{serviceId}/history`). */
export interface AvailabilityChangeView {
  changedAt: string;
  capacity: number | null;
  waitingWeeks: number;
  previous: { capacity: number | null; waitingWeeks: number };
  role: Role;
}

export interface KaartHistory {
  serviceId: string;
  name: string;
  capacity: number | null;
  waitingWeeks: number;
  changes: AvailabilityChangeView[];
}

/** The filters of the kaart page, as the hash's query keeps them (`#/kaart?zoek=..&actualiteit=..&gemeente=..`). */
export interface KaartFilters {
  search: string;
  state: FreshnessState | '';
  gemeente: string;
}

const FRESHNESS_STATES: readonly FreshnessState[] = ['fresh', 'ranked-down', 'excluded'];

export function filtersFrom(query: URLSearchParams): KaartFilters {
  const state = query.get('actualiteit') ?? '';
  return {
    search: query.get('zoek') ?? '',
    state: (FRESHNESS_STATES as readonly string[]).includes(state) ? (state as FreshnessState) : '',
    gemeente: query.get('gemeente') ?? '',
  };
}

/** The filters in the page's address, so a reload or the back button keeps them. */
export function filterQuery(filters: KaartFilters): Record<string, string> {
  return Object.fromEntries(
    Object.entries({ zoek: filters.search.trim(), actualiteit: filters.state, gemeente: filters.gemeente }).filter(([, value]) => value !== ''),
  );
}

/** `GET /kaart` with the filters the API applies. */
export function kaartPath(filters: KaartFilters): string {
  const query = new URLSearchParams(
    Object.entries({ search: filters.search.trim(), state: filters.state, gemeente: filters.gemeente }).filter(([, value]) => value !== ''),
  ).toString();
  return `/kaart${query ? `?${query}` : ''}`;
}

/** "3 van 12 bezet", "geen limiet, 2 bezet". */
export function placesText(capacity: number | null, placesTaken: number): string {
  if (capacity === null) return placesTaken ? `geen limiet, ${placesTaken} bezet` : 'geen limiet';
  return `${placesTaken} van ${capacity} bezet`;
}

/** "12 plaatsen", "geen limiet". */
export const capacityText = (capacity: number | null) => (capacity === null ? 'geen limiet' : `${capacity} ${capacity === 1 ? 'plaats' : 'plaatsen'}`);

/** "geen wachttijd", "1 week", "2,5 weken". */
export function waitingText(waitingWeeks: number): string {
  if (waitingWeeks === 0) return 'geen wachttijd';
  return weeks(waitingWeeks).replace('.', ',');
}

/** "vandaag", "1 dag geleden", "200 dagen geleden". */
export const daysAgoText = (days: number) => (days === 0 ? 'vandaag' : `${days} ${days === 1 ? 'dag' : 'dagen'} geleden`);
