import { api } from '../../api.ts';
import { useApp } from '../../app-context.ts';
import { LoadFailed, Loading, useResource } from '../../components/loading.tsx';
import { Notice } from '../../components/notice.tsx';
import { Page } from '../../components/page.tsx';
import { freshnessExplained, KaartTable, services } from './kaart-parts.tsx';
import type { KaartList } from './kaart-model.ts';

/**
 * The entries nobody confirmed for a while, the longest unverified first: what the beheerder
 * follows up when a partner does not answer the request to confirm.
 */
export default function StaleListPage() {
  const { region } = useApp();
  const stale = useResource((signal) => api<KaartList>('GET', '/kaart/stale', { signal }), []);
  return (
    <Page title="Verouderd aanbod" busy={stale.state === 'loading'}>
      <p class="lead">
        {freshnessExplained(region?.freshness)} Overbrug vraagt de partner dan zelf per e-mail om de dienst met één klik te bevestigen. Blijft dat uit, neem dan
        contact op met de partner: plaatsen of wachttijd bijwerken bevestigt de dienst niet. Het langst niet bevestigde aanbod staat bovenaan.
      </p>
      {stale.state === 'failed' ? <LoadFailed error={stale.error} retry={() => void stale.reload()} /> : null}
      {stale.state === 'loading' ? <Loading /> : null}
      {stale.state === 'ready' ? (
        stale.data.items.length ? (
          <>
            <p class="muted kaart-count" role="status">
              {services(stale.data.items.length)} verouderd.
            </p>
            <KaartTable entries={stale.data.items} caption="Verouderd aanbod, het langst niet bevestigde eerst" />
          </>
        ) : (
          <Notice tone="success">
            <p>Alle actieve diensten zijn recent bevestigd.</p>
          </Notice>
        )
      ) : null}
    </Page>
  );
}
