import { api } from '../../api.ts';
import { useApp } from '../../app-context.ts';
import { LoadFailed, Loading, useResource } from '../../components/loading.tsx';
import { Notice } from '../../components/notice.tsx';
import { Page } from '../../components/page.tsx';
import { freshnessExplained, KaartTable, services } from '../beheerder/kaart-parts.tsx';
import type { KaartList } from '../beheerder/kaart-model.ts';
import type { PageProps } from '../../routing.ts';

/** The partner's own entries on the sociale kaart; each opens the entry page to update places and waiting time. */
export default function OwnEntriesPage({ user }: PageProps) {
  const { region } = useApp();
  const entries = useResource((signal) => api<KaartList>('GET', '/kaart', { signal }), []);
  const stale = entries.state === 'ready' ? entries.data.items.filter((entry) => entry.freshness.state !== 'fresh') : [];
  return (
    <Page title="Ons aanbod" busy={entries.state === 'loading'}>
      <p class="lead">
        De diensten van {user.organisationName ?? 'uw organisatie'} op de sociale kaart. Houd plaatsen en wachttijd actueel: Overbrug koppelt cliënten aan aanbod
        met plaats en een passende wachttijd.
      </p>
      {entries.state === 'failed' ? <LoadFailed error={entries.error} retry={() => void entries.reload()} /> : null}
      {entries.state === 'loading' ? <Loading /> : null}
      {stale.length ? (
        <Notice tone="warning" title={`${services(stale.length)} lang niet bevestigd`}>
          <p>
            {freshnessExplained(region?.freshness)} Bevestig met de link in de e-mail van Overbrug, of vraag de beheerder van de sociale kaart.
          </p>
        </Notice>
      ) : null}
      {entries.state === 'ready' ? (
        entries.data.items.length ? (
          <KaartTable entries={entries.data.items} caption="Diensten van uw organisatie" showOrganisation={false} />
        ) : (
          <Notice>
            <p>Er staan nog geen diensten van uw organisatie op de sociale kaart. De beheerder van de sociale kaart zet ze erop.</p>
          </Notice>
        )
      ) : null}
    </Page>
  );
}
