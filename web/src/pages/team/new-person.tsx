import { api } from '../../api.ts';
import { Page } from '../../components/page.tsx';
import { navigate } from '../../routing.ts';
import { PersonFormView } from './person-form.tsx';
import { emptyForm, type ContactPerson } from './team-model.ts';

/** Adding a cliëntondersteuner to the region's team: from now on they can get clients. */
export default function NewPersonPage() {
  return (
    <Page title="Cliëntondersteuner toevoegen">
      <p class="lead">Vanaf het opslaan kan deze persoon nieuwe cliënten krijgen in de gekozen gemeenten, tot de maximale caseload.</p>
      <PersonFormView
        initial={emptyForm()}
        submitLabel="Toevoegen"
        onSubmit={async (body) => {
          const added = await api<ContactPerson>('POST', '/contact-persons', { body });
          navigate(`/team/${added.contactPersonId}`);
        }}
        onCancel={() => navigate('/team')}
      />
    </Page>
  );
}
