import { DESK_FILTER_LABELS, type DeskFilter, type DeskLine } from '#shared/domain/desk.ts';
import { ROUTE_LABELS, URGENCY_LABELS } from '#shared/domain/vocabulary.ts';
import { api } from '../../api.ts';
import { useApp } from '../../app-context.ts';
import { formatDateTime } from '../../components/format.ts';
import { LoadFailed, Loading, useResource } from '../../components/loading.tsx';
import { Notice } from '../../components/notice.tsx';
import { Page } from '../../components/page.tsx';
import { Badge } from '../../components/status-badge.tsx';
import { href, type PageProps } from '../../routing.ts';

/** GET /referrals for the coordinator (docs/api.md): the desk, read whole. */
interface Desk {
  items: DeskLine[];
  truncated?: boolean;
}

const FILTERS: { value: DeskFilter | 'all'; label: string }[] = [
  { value: 'all', label: 'Alles op het bureau' },
  { value: 'flagged-for-region', label: DESK_FILTER_LABELS['flagged-for-region'] },
  { value: 'escalated', label: DESK_FILTER_LABELS.escalated },
];

/**
 * The coordinator's desk: the region's cases that wait for a decision, those the manager already
 * heard of first, then who waits longest. A line shows the case number, the gemeente and why it is
 * here: nothing of the client. Opening a case is logged.
 */
export default function DeskPage({ query }: PageProps) {
  const { region } = useApp();
  const wanted = query.get('status');
  const filter: DeskFilter | 'all' = wanted === 'flagged-for-region' || wanted === 'escalated' ? wanted : 'all';
  const desk = useResource((signal) => api<Desk>('GET', `/referrals${filter === 'all' ? '' : `?status=${filter}`}`, { signal }), [filter]);
  return (
    <Page title="Bureau van de coördinator" busy={desk.state === 'loading' || (desk.state === 'ready' && desk.refreshing)}>
      <p class="lead">
        Zaken in {region?.name ?? 'uw regio'} die op u wachten. Kies voor elke zaak een cliëntondersteuner, of zoek ook in een gemeente ernaast.
      </p>
      <nav class="desk-filters" aria-label="Welke zaken">
        {FILTERS.map((option) => (
          <a key={option.value} class="button button-secondary" href={option.value === 'all' ? href('/bureau') : href('/bureau', { status: option.value })} aria-current={filter === option.value ? 'page' : undefined}>
            {option.label}
          </a>
        ))}
      </nav>
      {desk.state === 'failed' ? <LoadFailed error={desk.error} retry={() => void desk.reload()} /> : null}
      {desk.state === 'loading' ? <Loading /> : null}
      {desk.state === 'ready' && desk.data.items.length === 0 ? (
        <Notice tone="success">
          <p>Er wacht nu geen zaak op u.</p>
        </Notice>
      ) : null}
      {desk.state === 'ready' && desk.data.truncated ? (
        <Notice tone="warning">
          <p>Het bureau is erg vol: niet alle zaken staan in deze lijst.</p>
        </Notice>
      ) : null}
      {desk.state === 'ready' && desk.data.items.length > 0 ? (
        <table class="table table-cards desk-table">
          <caption class="table-title">Zaken op het bureau, wie het langst wacht eerst</caption>
          <thead>
            <tr>
              <th scope="col">Zaak</th>
              <th scope="col">Gemeente</th>
              <th scope="col">Waarom hier</th>
              <th scope="col">Wacht sinds</th>
              <th scope="col">Route</th>
              <th scope="col">Termijn</th>
            </tr>
          </thead>
          <tbody>
            {desk.data.items.map((line) => (
              <tr key={line.referralId} data-referral-id={line.referralId}>
                <th scope="row" data-label="Zaak">
                  <a href={href(`/bureau/${line.referralId}`)}>
                    <code class="case-number">{line.caseLabel}</code>
                  </a>
                </th>
                <td data-label="Gemeente">{line.gemeente}</td>
                <td data-label="Waarom hier">
                  {DESK_FILTER_LABELS[line.desk]}
                  {line.contactPerson ? <span class="muted"> ({line.contactPerson.name})</span> : null}
                </td>
                <td class="nowrap" data-label="Wacht sinds">
                  {formatDateTime(line.since)}
                </td>
                <td data-label="Route">{line.route ? `${ROUTE_LABELS[line.route]}${line.urgency ? `, ${URGENCY_LABELS[line.urgency]}` : ''}` : '—'}</td>
                <td data-label="Termijn">
                  {line.escalatedToManagerAt ? (
                    <Badge tone="attention">manager ingelicht</Badge>
                  ) : line.deskDeadline ? (
                    <span>kiezen vóór {formatDateTime(line.deskDeadline)}</span>
                  ) : (
                    <span class="muted">—</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </Page>
  );
}
