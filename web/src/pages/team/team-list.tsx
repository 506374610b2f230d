import { api } from '../../api.ts';
import { useApp } from '../../app-context.ts';
import { ButtonLink } from '../../components/button.tsx';
import { formatDate, languageName, todayInNL } from '../../components/format.ts';
import { LoadFailed, Loading, useResource } from '../../components/loading.tsx';
import { Notice } from '../../components/notice.tsx';
import { Page } from '../../components/page.tsx';
import { Badge } from '../../components/status-badge.tsx';
import { href } from '../../routing.ts';
import { absenceState, loadOf, type ContactPerson } from './team-model.ts';

/** The region's cliëntondersteuners with their load, who is away and who is not active. */
export default function TeamListPage() {
  const { region } = useApp();
  const team = useResource((signal) => api<{ items: ContactPerson[] }>('GET', '/contact-persons', { signal }), []);
  const today = todayInNL();
  const items = team.state === 'ready' ? team.data.items : [];
  const full = items.filter((person) => person.active && loadOf(person).full).length;
  const away = items.filter((person) => absenceState(person.absence, today) === 'now').length;
  return (
    <Page
      title="Team cliëntondersteuners"
      busy={team.state === 'loading'}
      actions={
        <ButtonLink href={href('/team/nieuw')} variant="primary">
          Cliëntondersteuner toevoegen
        </ButtonLink>
      }
    >
      <p class="lead">
        De cliëntondersteuners van {region?.name ?? 'uw regio'}. Overbrug geeft een nieuwe cliënt aan iemand die in de gemeente van de cliënt werkt, actief is, niet
        afwezig is en nog ruimte heeft: wie het minst vol zit, eerst.
      </p>
      {team.state === 'failed' ? <LoadFailed error={team.error} retry={() => void team.reload()} /> : null}
      {team.state === 'loading' ? <Loading /> : null}
      {team.state === 'ready' && (full || away) ? (
        <Notice tone="warning" title="Let op">
          <p>
            {full ? `${full} ${full === 1 ? 'persoon zit' : 'personen zitten'} vol. ` : ''}
            {away ? `${away} ${away === 1 ? 'persoon is' : 'personen zijn'} vandaag afwezig.` : ''}
          </p>
        </Notice>
      ) : null}
      {team.state === 'ready' ? (
        <table class="table table-cards team-table">
          <caption class="visually-hidden">Cliëntondersteuners van de regio</caption>
          <thead>
            <tr>
              <th scope="col">Naam</th>
              <th scope="col">Gemeenten</th>
              <th scope="col">Caseload</th>
              <th scope="col">Talen</th>
              <th scope="col">Stand</th>
            </tr>
          </thead>
          <tbody>
            {items.map((person) => {
              const load = loadOf(person);
              const state = absenceState(person.absence, today);
              return (
                <tr key={person.contactPersonId} class={person.active ? undefined : 'row-muted'} data-contact-person={person.contactPersonId}>
                  <th scope="row" data-label="Naam">
                    <a href={href(`/team/${person.contactPersonId}`)}>{person.name}</a>
                    <span class="muted team-organisation">{person.organisation}</span>
                  </th>
                  <td data-label="Gemeenten">{person.gemeenten.join(', ')}</td>
                  <td data-label="Caseload" data-caseload={person.caseload}>
                    <span class="nowrap">{load.text}</span> {load.full ? <Badge tone="attention">vol</Badge> : null}
                  </td>
                  <td data-label="Talen">{person.languages.map(languageName).join(', ')}</td>
                  <td data-label="Stand">
                    {!person.active ? <Badge tone="closed">niet actief</Badge> : null}
                    {state === 'now' ? <Badge tone="attention">afwezig t/m {formatDate(person.absence!.to)}</Badge> : null}
                    {state === 'planned' ? <Badge tone="neutral">afwezig vanaf {formatDate(person.absence!.from)}</Badge> : null}
                    {person.active && (state === 'none' || state === 'over') ? <Badge tone="done">beschikbaar</Badge> : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
    </Page>
  );
}
