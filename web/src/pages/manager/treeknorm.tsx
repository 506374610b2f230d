import type { beyondTreeknorm } from '#shared/domain/statistics.ts';
import { weeks } from '#shared/domain/vocabulary.ts';
import { api } from '../../api.ts';
import { useApp } from '../../app-context.ts';
import { formatDate } from '../../components/format.ts';
import { LoadFailed, Loading, useResource } from '../../components/loading.tsx';
import { Notice } from '../../components/notice.tsx';
import { Page } from '../../components/page.tsx';
import { Badge, StatusBadge } from '../../components/status-badge.tsx';
import { href } from '../../routing.ts';

/** GET /statistics/beyond-treeknorm (docs/api.md): case numbers only, never a client. */
interface BeyondTreeknorm {
  treeknormWeeks: number;
  items: ReturnType<typeof beyondTreeknorm>;
}

/**
 * The open cases waiting for ggz beyond the treeknorm, longest first (the API's order): for the
 * manager to ask each contact person how the client is doing. A manager cannot open a case, so
 * nothing here links to one.
 */
export default function Treeknorm() {
  const { region } = useApp();
  const list = useResource((signal) => api<BeyondTreeknorm>('GET', '/statistics/beyond-treeknorm', { signal }), []);
  const norm = list.state === 'ready' ? list.data.treeknormWeeks : undefined;
  return (
    <Page title="Wachten boven de treeknorm" busy={list.state === 'loading' || (list.state === 'ready' && list.refreshing)}>
      <p class="lead">
        De open zaken in {region?.name ?? 'uw regio'} van cliënten die {norm ? weeks(norm) : 'de treeknorm'} of langer op ggz wachten, wie het langst wacht bovenaan.
      </p>
      <Notice title="Waarvoor deze lijst is">
        <p>
          Vraag bij de contactpersoon van elke zaak na hoe het met de cliënt gaat, of er overbrugging is en wat er nodig is om de wachttijd te bekorten. Noem daarbij
          het zaaknummer: daaraan herkent de contactpersoon de zaak.
        </p>
        <p>
          De lijst bevat geen cliëntgegevens: alleen het zaaknummer, hoe lang er al gewacht wordt, of er een overbruggingspartner is en wie de contactpersoon is. De
          zaak zelf kunt u als manager niet openen.
        </p>
      </Notice>
      {list.state === 'failed' ? <LoadFailed error={list.error} retry={() => void list.reload()} /> : null}
      {list.state === 'loading' ? <Loading /> : null}
      {list.state === 'ready' && list.data.items.length === 0 ? (
        <Notice tone="success">
          <p>Er wacht nu geen cliënt met een open zaak {weeks(list.data.treeknormWeeks)} of langer op ggz.</p>
        </Notice>
      ) : null}
      {list.state === 'ready' && list.data.items.length > 0 ? (
        <table class="table table-cards treeknorm-table">
          <caption class="table-title">Open zaken boven de treeknorm, wie het langst wacht eerst</caption>
          <thead>
            <tr>
              <th scope="col">Zaaknummer</th>
              <th scope="col" class="num">
                Wacht (weken)
              </th>
              <th scope="col">Wacht sinds</th>
              <th scope="col">Overbrugging</th>
              <th scope="col">Contactpersoon</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {list.data.items.map((item) => (
              <tr key={item.referralId}>
                <th scope="row" data-label="Zaaknummer">
                  <code class="case-number">{item.caseNumber ?? item.referralId}</code>
                </th>
                <td class="num" data-label="Wacht (weken)">
                  {item.weeksWaiting}
                </td>
                <td class="nowrap" data-label="Wacht sinds">
                  {formatDate(item.waitingSince)}
                </td>
                <td data-label="Overbrugging">{item.bridging ? <Badge tone="done">ja</Badge> : <Badge tone="attention">nee</Badge>}</td>
                <td data-label="Contactpersoon">{item.contactPerson ?? <span class="muted">nog niet toegewezen</span>}</td>
                <td data-label="Status">
                  <StatusBadge status={item.status} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <p>
        <a href={href('/dashboard')}>Terug naar het dashboard</a>
      </p>
    </Page>
  );
}
