import { useEffect, useRef, useState } from 'preact/hooks';
import { FRESHNESS_STATE_LABELS, freshnessCondition } from '#shared/domain/vocabulary.ts';
import type { FreshnessState } from '#shared/domain/freshness.ts';
import { api } from '../../api.ts';
import { servedGemeenten, useApp } from '../../app-context.ts';
import { Button } from '../../components/button.tsx';
import { SelectField, TextField } from '../../components/field.tsx';
import { LoadFailed, Loading, useResource } from '../../components/loading.tsx';
import { Notice } from '../../components/notice.tsx';
import { Page } from '../../components/page.tsx';
import { href, type PageProps } from '../../routing.ts';
import { KaartTable, services } from './kaart-parts.tsx';
import { filterQuery, filtersFrom, kaartPath, type KaartEntry, type KaartFilters, type KaartList } from './kaart-model.ts';

/** Typing pauses this long before the kaart is asked again: one request per word, not per letter. */
const SEARCH_DELAY_MS = 250;
const NO_FILTERS: KaartFilters = { search: '', state: '', gemeente: '' };
const STATES: FreshnessState[] = ['fresh', 'ranked-down', 'excluded'];

/**
 * The beheerder's home: the region's sociale kaart, searched as they type and filtered by how
 * fresh each entry is and by gemeente; the filters stay in the address.
 */
export default function KaartListPage({ query }: PageProps) {
  const { region } = useApp();
  const freshness = region?.freshness;
  const gemeenten = region ? region.gemeenten.map((gemeente) => gemeente.name) : servedGemeenten().map((gemeente) => gemeente.name);
  const [filters, setFilters] = useState<KaartFilters>(() => filtersFrom(query));
  const [typed, setTyped] = useState(filters.search);
  const [items, setItems] = useState<KaartEntry[] | undefined>(undefined);
  const [searching, setSearching] = useState(true);
  const [failure, setFailure] = useState<unknown>(undefined);
  const [attempt, setAttempt] = useState(0);
  const stale = useResource((signal) => api<KaartList>('GET', '/kaart/stale', { signal }), []);

  // A link to other filters (the stale notice, the back button) sets them anew.
  const queryKey = query.toString();
  const firstQuery = useRef(queryKey);
  useEffect(() => {
    if (queryKey === firstQuery.current) return;
    firstQuery.current = queryKey;
    const next = filtersFrom(query);
    setFilters(next);
    setTyped(next.search);
  }, [queryKey]);

  // Words typed settle before they are searched for.
  useEffect(() => {
    if (typed === filters.search) return;
    const timer = setTimeout(() => setFilters((current) => ({ ...current, search: typed })), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [typed]);

  useEffect(() => {
    history.replaceState(null, '', href('/kaart', filterQuery(filters)));
    const controller = new AbortController();
    setSearching(true);
    setFailure(undefined);
    api<KaartList>('GET', kaartPath(filters), { signal: controller.signal }).then(
      (list) => {
        setItems(list.items);
        setSearching(false);
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setFailure(error);
        setSearching(false);
      },
    );
    return () => controller.abort();
  }, [filters.search, filters.state, filters.gemeente, attempt]);

  const filtered = filters.search.trim() !== '' || filters.state !== '' || filters.gemeente !== '';
  const clear = () => {
    setTyped('');
    setFilters(NO_FILTERS);
  };
  const staleCount = stale.state === 'ready' ? stale.data.items.length : 0;

  return (
    <Page title="Sociale kaart" busy={items === undefined && !failure}>
      <p class="lead">
        Het aanbod op de sociale kaart van {region?.name ?? 'uw regio'}. Houd plaatsen en wachttijden actueel; aanbod dat lang niet is bevestigd, zakt in de matching.
      </p>
      {staleCount > 0 ? (
        <Notice tone="warning">
          <p>
            {services(staleCount)} {staleCount === 1 ? 'is' : 'zijn'} {freshness ? `langer dan ${freshness.fullUntilMonths} maanden ` : 'lang '}niet bevestigd.{' '}
            <a href={href('/kaart/verouderd')}>Bekijk het verouderde aanbod</a>
          </p>
        </Notice>
      ) : null}

      <form
        class="kaart-filters"
        role="search"
        aria-label="Aanbod zoeken"
        onSubmit={(event) => {
          event.preventDefault();
          setFilters((current) => ({ ...current, search: typed }));
        }}
      >
        <TextField
          id="kaart-search"
          type="search"
          label="Zoeken"
          hint="In naam, organisatie of beschrijving."
          value={typed}
          onInput={(event) => setTyped(event.currentTarget.value)}
          autoComplete="off"
        />
        <SelectField
          id="kaart-state"
          label="Actualiteit"
          hint="Hoe recent de partner de dienst bevestigde."
          options={STATES.map((state) => ({ value: state, label: freshness ? `${FRESHNESS_STATE_LABELS[state]}: ${freshnessCondition(state, freshness)}` : FRESHNESS_STATE_LABELS[state] }))}
          placeholder="alle"
          value={filters.state}
          onChange={(state) => setFilters((current) => ({ ...current, search: typed, state }))}
        />
        <SelectField
          id="kaart-gemeente"
          label="Gemeente"
          hint="Waar de dienst werkt."
          options={gemeenten.map((name) => ({ value: name, label: name }))}
          placeholder="alle gemeenten"
          value={filters.gemeente}
          onChange={(gemeente) => setFilters((current) => ({ ...current, search: typed, gemeente }))}
        />
        <div class="kaart-filter-actions">
          <Button type="submit" variant="secondary">
            Zoeken
          </Button>
          {filtered ? (
            <Button variant="quiet" onClick={clear}>
              Filters wissen
            </Button>
          ) : null}
        </div>
      </form>

      {failure ? <LoadFailed error={failure} retry={() => setAttempt((value) => value + 1)} /> : null}
      {items === undefined && !failure ? <Loading /> : null}
      {items ? (
        <>
          <p class="muted kaart-count" role="status">
            {searching ? 'Bezig met zoeken…' : `${services(items.length)} ${filtered ? 'gevonden' : 'op de kaart'}.`}
          </p>
          {items.length ? (
            <KaartTable entries={items} caption={filtered ? 'Gevonden diensten' : 'Diensten op de sociale kaart'} />
          ) : (
            <Notice>
              <p>Geen dienst gevonden met deze filters.</p>
              <Button variant="secondary" onClick={clear}>
                Filters wissen
              </Button>
            </Notice>
          )}
        </>
      ) : null}
    </Page>
  );
}
