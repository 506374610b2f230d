import type { ComponentChildren } from 'preact';
import type { FreshnessState } from '#shared/domain/freshness.ts';
import { FRESHNESS_STATE_LABELS, SERVICE_CATEGORY_LABELS } from '#shared/domain/vocabulary.ts';
import { formatDate } from '../../components/format.ts';
import { Badge, type BadgeTone } from '../../components/status-badge.tsx';
import { href } from '../../routing.ts';
import { daysAgoText, placesText, waitingText, type KaartEntry } from './kaart-model.ts';

// Pieces of the sociale-kaart pages that the beheerder's and the partner's pages share.

const FRESHNESS_TONES: Record<FreshnessState, BadgeTone> = { fresh: 'done', 'ranked-down': 'attention', excluded: 'crisis' };

export function FreshnessBadge({ state }: { state: FreshnessState }) {
  return <Badge tone={FRESHNESS_TONES[state]}>{FRESHNESS_STATE_LABELS[state]}</Badge>;
}

/** Whether the partner was asked to confirm the entry, and when; nothing for a fresh entry nobody needs to confirm. */
export function verificationText(entry: KaartEntry): string | undefined {
  if (entry.verification) {
    return `partner gevraagd te bevestigen op ${formatDate(entry.verification.requestedAt)}${entry.verification.sentAt ? '' : ' (e-mail nog niet verstuurd)'}`;
  }
  return entry.freshness.state === 'fresh' ? undefined : 'partner nog niet gevraagd te bevestigen';
}

/** What the freshness states mean, with the region's months when the app knows the region. */
export const freshnessExplained = (freshness: { fullUntilMonths: number; excludeAfterMonths: number } | undefined) =>
  freshness
    ? `Na ${freshness.fullUntilMonths} maanden zonder bevestiging komt een dienst lager in de matching; na ${freshness.excludeAfterMonths} maanden wordt hij niet meer aangeboden.`
    : 'Een dienst die lang niet is bevestigd, komt lager in de matching en wordt daarna niet meer aangeboden.';

export const services = (count: number) => `${count} ${count === 1 ? 'dienst' : 'diensten'}`;

/** The link to an entry's page. */
export const entryHref = (serviceId: string) => href(`/kaart/${encodeURIComponent(serviceId)}`);

/**
 * Entries in a table: name, organisation, kind, bridging, places, waiting time, when last confirmed
 * and how fresh that makes it. On a phone each row becomes a card.
 */
export function KaartTable({ entries, caption, showOrganisation = true }: { entries: readonly KaartEntry[]; caption: ComponentChildren; showOrganisation?: boolean }) {
  return (
    <table class="table table-cards kaart-table">
      <caption class="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Aanbod</th>
          <th scope="col">Soort</th>
          <th scope="col">Overbrugging</th>
          <th scope="col">Plaatsen</th>
          <th scope="col">Wachttijd</th>
          <th scope="col">Laatst bevestigd</th>
          <th scope="col">Actualiteit</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => {
          const verification = verificationText(entry);
          return (
            <tr key={entry.serviceId} class={entry.freshness.state === 'fresh' ? undefined : 'row-attention'}>
              <th scope="row" data-label="Aanbod">
                <a href={entryHref(entry.serviceId)} data-service={entry.serviceId}>
                  {entry.name}
                </a>
                {showOrganisation ? <span class="kaart-organisation muted">{entry.organisation}</span> : null}
                {entry.active ? null : (
                  <>
                    {' '}
                    <Badge tone="closed">niet actief</Badge>
                  </>
                )}
              </th>
              <td data-label="Soort">{SERVICE_CATEGORY_LABELS[entry.category] ?? entry.category}</td>
              <td data-label="Overbrugging">{entry.bridging ? 'ja' : 'nee'}</td>
              <td data-label="Plaatsen">{placesText(entry.capacity, entry.placesTaken)}</td>
              <td data-label="Wachttijd">{waitingText(entry.waitingWeeks)}</td>
              <td data-label="Laatst bevestigd">
                <span class="nowrap">{formatDate(entry.lastVerified)}</span> <span class="muted nowrap">({daysAgoText(entry.freshness.daysSinceVerified)})</span>
              </td>
              <td data-label="Actualiteit">
                <FreshnessBadge state={entry.freshness.state} />
                {entry.freshness.state === 'ranked-down' ? <span class="kaart-note muted">niet meer aangeboden vanaf {formatDate(entry.freshness.excludedFrom)}</span> : null}
                {verification ? <span class="kaart-note muted">{verification}</span> : null}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
