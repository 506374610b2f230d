import type { ReferralSummary } from '#shared/domain/referral-summary.ts';
import { CASE_STATUS_LABELS, ROUTE_LABELS, URGENCY_LABELS, type Urgency } from '#shared/domain/vocabulary.ts';
import { api } from '../../api.ts';
import { Button } from '../../components/button.tsx';
import { CaseSearch } from '../../components/case-search.tsx';
import { RadioGroup } from '../../components/field.tsx';
import { formatDate } from '../../components/format.ts';
import { LoadFailed, Loading, useResource } from '../../components/loading.tsx';
import { Notice } from '../../components/notice.tsx';
import { Page } from '../../components/page.tsx';
import { Badge, OverdueBadges, StatusBadge } from '../../components/status-badge.tsx';
import { href, navigate, type PageProps } from '../../routing.ts';

type InboxState = 'open' | 'closed' | 'all';

const STATE_OPTIONS = [
  { value: 'open', label: 'Lopend' },
  { value: 'closed', label: 'Afgesloten' },
  { value: 'all', label: 'Alle' },
] as const;

const stateOf = (query: URLSearchParams): InboxState => {
  const state = query.get('state');
  return state === 'closed' || state === 'all' ? state : 'open';
};

/** Urgent cases carry a mark in words; the colour only helps. */
const URGENT: readonly Urgency[] = ['immediate', 'high'];

const EMPTY: Record<InboxState, string> = {
  open: 'U heeft geen lopende zaken. Een nieuwe zaak verschijnt hier, en u krijgt er een e-mail over.',
  closed: 'Nog geen afgesloten zaken.',
  all: 'Nog geen zaken.',
};

/**
 * The contact person's inbox: the cases assigned to them as GET /referrals answers them (what waits
 * for their reaction first, then the most urgent, then the newest), new ones and passed time limits
 * marked. The filter and a search are in the address (`#/zaken?state=closed&zoek=412`), so going back keeps them.
 */
export default function Inbox({ query }: PageProps) {
  const state = stateOf(query);
  const search = query.get('zoek') ?? '';
  const inbox = useResource(
    (signal) => api<{ items: ReferralSummary[]; truncated?: boolean }>('GET', `/referrals?${new URLSearchParams({ state, ...(search ? { q: search } : {}) })}`, { signal }),
    [state, search],
  );
  /** The inbox's address with the filter and the search as they will be. */
  const address = (next: { state?: InboxState; search?: string }) => {
    const params = new URLSearchParams();
    const nextState = next.state ?? state;
    const nextSearch = next.search ?? search;
    if (nextState !== 'open') params.set('state', nextState);
    if (nextSearch) params.set('zoek', nextSearch);
    return params.size ? `/zaken?${params}` : '/zaken';
  };
  const items = inbox.state === 'ready' && !inbox.refreshing ? inbox.data.items : undefined;
  const waiting = items?.filter((item) => item.status === 'notified').length ?? 0;
  const overdue = items?.filter((item) => item.overdue.length > 0).length ?? 0;

  return (
    <Page
      title="Zaken"
      busy={items === undefined && inbox.state !== 'failed'}
      actions={
        <Button variant="secondary" busy={inbox.state === 'ready' && inbox.refreshing} busyLabel="Bezig met laden…" onClick={() => void inbox.reload()}>
          Vernieuwen
        </Button>
      }
    >
      <p class="lead">Uw zaken als contactpersoon: eerst wat op uw reactie wacht, dan de meest urgente, dan de nieuwste.</p>
      <CaseSearch id="inbox-search" query={search} onSearch={(value) => navigate(address({ search: value }), { replace: true })} />
      <RadioGroup
        id="inbox-state"
        name="inbox-state"
        legend="Toon"
        inline
        options={STATE_OPTIONS}
        value={state}
        onChange={(value) => navigate(address({ state: value }), { replace: true })}
      />
      {inbox.state === 'failed' ? <LoadFailed error={inbox.error} retry={() => void inbox.reload()} /> : null}
      {items === undefined && inbox.state !== 'failed' ? <Loading /> : null}
      {items && items.length === 0 ? (
        <Notice>
          <p>{search ? `Geen zaak gevonden voor “${search}”.` : EMPTY[state]}</p>
        </Notice>
      ) : null}
      {items && items.length > 0 ? (
        <>
          <p class="inbox-summary">
            {items.length} {items.length === 1 ? 'zaak' : 'zaken'}
            {waiting ? (
              <>
                {' · '}
                <strong>{waiting} nieuw, wacht op uw reactie</strong>
              </>
            ) : null}
            {overdue ? (
              <>
                {' · '}
                <strong>
                  <span aria-hidden="true">⚠ </span>
                  {overdue} over een termijn heen
                </strong>
              </>
            ) : null}
          </p>
          {inbox.state === 'ready' && inbox.data.truncated ? (
            <Notice tone="warning">
              <p>Dit zijn niet al uw zaken: de lijst toont er {items.length}. Kies “Lopend” om de afgesloten weg te laten.</p>
            </Notice>
          ) : null}
          <table class="table table-cards inbox">
            <caption class="visually-hidden">Uw zaken: eerst wat op uw reactie wacht, dan de meest urgente, dan de nieuwste</caption>
            <thead>
              <tr>
                <th scope="col">Zaak</th>
                <th scope="col">Cliënt</th>
                <th scope="col">Status</th>
                <th scope="col">Urgentie</th>
                <th scope="col">Route</th>
                <th scope="col">Gemeente</th>
                <th scope="col">Verwezen op</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <InboxRow key={item.referralId} item={item} />
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </Page>
  );
}

function InboxRow({ item }: { item: ReferralSummary }) {
  const isNew = item.status === 'notified';
  const rowClass = [isNew ? 'row-new' : '', item.overdue.length ? 'row-attention' : ''].filter(Boolean).join(' ') || undefined;
  return (
    <tr class={rowClass} data-referral={item.referralId}>
      <th scope="row" data-label="Zaak" class="nowrap">
        <a href={href(`/zaken/${item.referralId}`)}>{item.caseNumber ?? item.referralId.slice(0, 8)}</a>
        {isNew ? (
          <>
            {' '}
            <Badge tone="progress">Nieuw</Badge>
          </>
        ) : null}
      </th>
      <td data-label="Cliënt">{item.clientRef ?? 'kenmerk verwijderd'}</td>
      <td data-label="Status">
        <StatusBadge status={item.status} labels={CASE_STATUS_LABELS} /> <span class="muted nowrap">sinds {formatDate(item.statusChangedAt)}</span>
        {item.overdue.length ? (
          <span class="inbox-overdue">
            <OverdueBadges limits={item.overdue} />
          </span>
        ) : null}
      </td>
      <td data-label="Urgentie">
        {item.urgency ? URGENT.includes(item.urgency) ? <Badge tone="attention">{URGENCY_LABELS[item.urgency]}</Badge> : URGENCY_LABELS[item.urgency] : <span class="muted">onbekend</span>}
      </td>
      <td data-label="Route">{item.route ? ROUTE_LABELS[item.route] : <span class="muted">onbekend</span>}</td>
      <td data-label="Gemeente">{item.gemeente ?? <span class="muted">onbekend</span>}</td>
      <td data-label="Verwezen op" class="nowrap">
        {formatDate(item.createdAt)}
      </td>
    </tr>
  );
}
