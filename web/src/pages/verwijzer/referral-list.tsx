import { useEffect, useRef, useState } from 'preact/hooks';
import type { ReferralSummary } from '#shared/domain/referral-summary.ts';
import { ROUTE_LABELS } from '#shared/domain/vocabulary.ts';
import { api, describeFailure } from '../../api.ts';
import { Button, ButtonLink } from '../../components/button.tsx';
import { CaseSearch } from '../../components/case-search.tsx';
import { RadioGroup } from '../../components/field.tsx';
import { formatDate } from '../../components/format.ts';
import { LoadFailed, Loading } from '../../components/loading.tsx';
import { Notice } from '../../components/notice.tsx';
import { Page } from '../../components/page.tsx';
import { OverdueBadges, StatusBadge } from '../../components/status-badge.tsx';
import { href, type PageProps } from '../../routing.ts';

type ListState = 'open' | 'closed' | 'all';
const PAGE_SIZE = 25;

interface ReferralPage {
  items: ReferralSummary[];
  cursor?: string;
}

const STATE_OPTIONS = [
  { value: 'open', label: 'Lopend' },
  { value: 'closed', label: 'Afgesloten' },
  { value: 'all', label: 'Alle' },
] as const;

const listPath = (state: ListState, query: string, cursor?: string) =>
  `/referrals?${new URLSearchParams({ state, limit: String(PAGE_SIZE), ...(query ? { q: query } : {}), ...(cursor ? { cursor } : {}) })}`;

/** The organisation's referrals, newest first, page by page ("meer laden"). */
export default function ReferralList({ user }: PageProps) {
  const [state, setState] = useState<ListState>('open');
  const [query, setQuery] = useState('');
  const [items, setItems] = useState<ReferralSummary[] | undefined>(undefined);
  const [cursor, setCursor] = useState<string | undefined>(undefined);
  const [failure, setFailure] = useState<unknown>(undefined);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreFailed, setMoreFailed] = useState<string | undefined>(undefined);
  const firstNew = useRef<string | undefined>(undefined);
  const table = useRef<HTMLTableElement>(null);
  // "Meer laden" under way: stopped when the list is loaded anew, so no page of the old list lands in it.
  const more = useRef<AbortController | undefined>(undefined);

  const load = async (signal?: AbortSignal) => {
    setItems(undefined);
    setFailure(undefined);
    try {
      const page = await api<ReferralPage>('GET', listPath(state, query), signal ? { signal } : {});
      setItems(page.items);
      setCursor(page.cursor);
    } catch (error) {
      if (!signal?.aborted) setFailure(error);
    }
  };

  useEffect(() => {
    const controller = new AbortController();
    void load(controller.signal);
    return () => {
      controller.abort();
      more.current?.abort();
    };
  }, [state, query]);

  // After "meer laden" the first new referral takes the focus, so keyboard users carry on there.
  useEffect(() => {
    if (!firstNew.current) return;
    table.current?.querySelector<HTMLAnchorElement>(`a[data-referral="${firstNew.current}"]`)?.focus();
    firstNew.current = undefined;
  }, [items]);

  const loadMore = async () => {
    if (!cursor) return;
    setLoadingMore(true);
    setMoreFailed(undefined);
    const controller = new AbortController();
    more.current = controller;
    try {
      const page = await api<ReferralPage>('GET', listPath(state, query, cursor), { signal: controller.signal });
      if (controller.signal.aborted) return;
      firstNew.current = page.items[0]?.referralId;
      setItems((previous) => [...(previous ?? []), ...page.items]);
      setCursor(page.cursor);
    } catch (error) {
      if (!controller.signal.aborted) setMoreFailed(describeFailure(error));
    } finally {
      setLoadingMore(false);
    }
  };

  return (
    <Page
      title="Verwijzingen"
      busy={items === undefined && !failure}
      actions={
        <ButtonLink href={href('/verwijzingen/nieuw')}>
          <span aria-hidden="true">+ </span>Nieuwe verwijzing
        </ButtonLink>
      }
    >
      <p class="lead">De verwijzingen van {user.organisationName ?? 'uw organisatie'}, de nieuwste eerst.</p>
      <CaseSearch id="referral-search" query={query} onSearch={setQuery} />
      <RadioGroup id="list-state" name="list-state" legend="Toon" inline options={STATE_OPTIONS} value={state} onChange={setState} />
      {failure ? <LoadFailed error={failure} retry={() => void load()} /> : null}
      {items === undefined && !failure ? <Loading /> : null}
      {items && items.length === 0 ? (
        <Notice>
          <p>
            {query
              ? `Geen verwijzing gevonden voor “${query}”${state === 'open' ? ' onder de lopende; kies Alle om ook afgesloten te zoeken' : ''}.`
              : state === 'closed'
                ? 'Nog geen afgesloten verwijzingen.'
                : state === 'open'
                  ? 'Geen lopende verwijzingen.'
                  : 'Nog geen verwijzingen.'}{' '}
            <a href={href('/verwijzingen/nieuw')}>Een cliënt verwijzen</a>
          </p>
        </Notice>
      ) : null}
      {items && items.length > 0 ? (
        <>
          <table class="table table-cards" ref={table}>
            <caption class="visually-hidden">Verwijzingen, de nieuwste eerst</caption>
            <thead>
              <tr>
                <th scope="col">Zaak</th>
                <th scope="col">Cliënt</th>
                <th scope="col">Verwezen op</th>
                <th scope="col">Status</th>
                <th scope="col">Route</th>
                <th scope="col">Contactpersoon</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.referralId} class={item.overdue.length ? 'row-attention' : undefined}>
                  <th scope="row" data-label="Zaak" class="nowrap">
                    <a href={href(`/verwijzingen/${item.referralId}`)} data-referral={item.referralId}>
                      {item.caseNumber ?? item.referralId.slice(0, 8)}
                    </a>
                  </th>
                  <td data-label="Cliënt">
                    {item.clientRef ?? 'kenmerk verwijderd'}
                    {item.gemeente ? <span class="muted"> · {item.gemeente}</span> : null}
                  </td>
                  <td data-label="Verwezen op" class="nowrap">
                    {formatDate(item.createdAt)}
                  </td>
                  <td data-label="Status">
                    <StatusBadge status={item.status} /> <OverdueBadges limits={item.overdue} />
                  </td>
                  <td data-label="Route">{item.route ? ROUTE_LABELS[item.route] : <span class="muted">nog niet bepaald</span>}</td>
                  <td data-label="Contactpersoon">
                    {item.contactPerson?.name ?? <span class="muted">{item.status === 'crisis-handed-off' ? 'crisisdienst' : 'nog niet toegewezen'}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p class="muted" role="status">
            {items.length} {items.length === 1 ? 'verwijzing' : 'verwijzingen'} getoond{cursor ? '; er zijn er meer.' : '.'}
          </p>
          {moreFailed ? (
            <Notice tone="error" live="assertive">
              <p>{moreFailed}</p>
            </Notice>
          ) : null}
          {cursor ? (
            <Button variant="secondary" busy={loadingMore} busyLabel="Bezig met laden…" onClick={() => void loadMore()}>
              Meer laden
            </Button>
          ) : null}
        </>
      ) : null}
    </Page>
  );
}
