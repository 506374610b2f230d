import type { ComponentChildren } from 'preact';
import type { CaseView, ReferralView } from '#shared/domain/referral-view.ts';
import { needLabel, weeks } from '#shared/domain/vocabulary.ts';
import { PracticalFacts } from './practical.tsx';
import { Badge } from './status-badge.tsx';

/** An option as a view gives it; the contact person's case view leaves out its need without consent to share the needs. */
export type MatchItem = ReferralView['matches'][number] | CaseView['matches'][number];

/**
 * A referral's options on the sociale kaart: name, organisation, the need each answers, waiting
 * time, a reserved place, a declined option with its reason, how to get there and apply, and why
 * each was chosen. `showNeed`
 * leaves out the need where a heading names it already; `extra` adds a match's own controls.
 */
export function MatchList({ matches, showNeed = true, extra }: { matches: readonly MatchItem[]; showNeed?: boolean; extra?: (match: MatchItem) => ComponentChildren }) {
  return (
    <ul class="matches">
      {matches.map((match) => (
        <li class={`match${match.declined ? ' match-declined' : ''}`} key={match.serviceId}>
          <p class="match-name">
            <strong>{match.name}</strong> <span class="muted">· {match.organisation}</span>
          </p>
          <p class="match-facts">
            {showNeed && match.kind === 'care' && match.forNeed ? <span>Voor {needLabel(match.forNeed)} · </span> : null}
            <span>{match.waitingWeeks === 0 ? 'geen wachttijd' : `wachttijd ${weeks(match.waitingWeeks)}`}</span>
            {match.placeReserved ? (
              <>
                {' '}
                <Badge tone="done">plaats gereserveerd</Badge>
              </>
            ) : null}
            {match.declined ? (
              <>
                {' '}
                <Badge tone="closed">afgewezen</Badge> <span class="muted">{match.declined.reason}</span>
              </>
            ) : null}
          </p>
          {'practical' in match && match.practical ? (
            <details class="match-practical" open={!match.declined}>
              <summary>Adres, openingstijden en aanmelden</summary>
              <PracticalFacts info={match.practical} />
            </details>
          ) : null}
          {match.reasons.length ? (
            <details class="match-reasons">
              <summary>Waarom dit aanbod</summary>
              <ul>
                {match.reasons.map((reason) => (
                  <li key={reason}>{reason}</li>
                ))}
              </ul>
            </details>
          ) : null}
          {extra?.(match)}
        </li>
      ))}
    </ul>
  );
}
