import { useState } from 'preact/hooks';
import type { HandOffView } from '#shared/domain/hand-off.ts';
import { CHANNEL_LABELS, HAND_OFF_ENDED_REASONS, HAND_OFF_STATE_LABELS, PREFERRED_CHANNEL_LABELS } from '#shared/domain/vocabulary.ts';
import { api, ApiProblem, describeFailure } from '../../api.ts';
import { Button } from '../../components/button.tsx';
import { EmailLink, PersonContact, PhoneLink } from '../../components/contact.tsx';
import { TextField } from '../../components/field.tsx';
import { formatDate, formatDateTime, languageName, todayInNL } from '../../components/format.ts';
import { LoadFailed, Loading, useResource } from '../../components/loading.tsx';
import { Notice } from '../../components/notice.tsx';
import { Facts, Page, Section } from '../../components/page.tsx';
import { Badge } from '../../components/status-badge.tsx';
import { href, type PageProps } from '../../routing.ts';
import { entryHref } from '../beheerder/kaart-parts.tsx';

interface HandOffs {
  services: { serviceId: string; name: string }[];
  items: HandOffView[];
}

/** How a hand-off is named: its case number, as the e-mails name it (the id's start for older ones). */
const caseOf = (item: HandOffView) => item.caseNumber ?? item.referralId.slice(0, 8);

/**
 * The partner's home: the clients handed to its services for waitlist bridging, newest first, with
 * what each client consents to share with partners and how to reach them; the partner accepts a
 * hand-off and records its first contact here. A hand-off that ended shows why, and no details.
 */
export default function HandOffsPage({ user }: PageProps) {
  const handOffs = useResource((signal) => api<HandOffs>('GET', '/hand-offs', { signal }), []);
  const data = handOffs.state === 'ready' ? handOffs.data : undefined;
  const active = data?.items.filter((item) => item.state === 'active') ?? [];
  const ended = data?.items.filter((item) => item.state !== 'active') ?? [];
  /** A hand-off as an action answered it: the list shows it at once. */
  const replace = (updated: HandOffView) =>
    data && handOffs.set({ ...data, items: data.items.map((item) => (item.referralId === updated.referralId && item.serviceId === updated.serviceId ? updated : item)) });
  return (
    <Page title="Overdrachten" busy={handOffs.state === 'loading'}>
      <p class="lead">
        Cliënten die op ggz wachten en met hun toestemming aan {user.organisationName ?? 'uw organisatie'} zijn overgedragen voor steun tijdens het wachten, de
        nieuwste eerst. U ziet alleen wat de cliënt met partners wil delen.
      </p>
      {handOffs.state === 'failed' ? <LoadFailed error={handOffs.error} retry={() => void handOffs.reload()} /> : null}
      {handOffs.state === 'loading' ? <Loading /> : null}
      {data ? (
        <>
          {data.services.length ? (
            <p class="muted">
              Voor uw aanbod:{' '}
              {data.services.map((service, index) => (
                <span key={service.serviceId}>
                  {index ? ', ' : ''}
                  <a href={entryHref(service.serviceId)}>{service.name}</a>
                </span>
              ))}
              . <a href={href('/aanbod')}>Plaatsen en wachttijd bijwerken</a>
            </p>
          ) : null}
          <Section title={`Actief (${active.length})`} id="hand-offs-active-title">
            {active.length ? (
              <ul class="hand-offs">
                {active.map((item) => (
                  <HandOffCard key={`${item.referralId}:${item.serviceId}`} item={item} onChange={replace} reload={() => void handOffs.reload()} />
                ))}
              </ul>
            ) : (
              <p class="muted">Er zijn nu geen cliënten aan u overgedragen.</p>
            )}
          </Section>
          {ended.length ? (
            <Section title={`Afgelopen (${ended.length})`} id="hand-offs-ended-title">
              <ul class="hand-offs">
                {ended.map((item) => (
                  <HandOffCard key={`${item.referralId}:${item.serviceId}`} item={item} onChange={replace} reload={() => void handOffs.reload()} />
                ))}
              </ul>
            </Section>
          ) : null}
        </>
      ) : null}
    </Page>
  );
}

function HandOffCard({ item, onChange, reload }: { item: HandOffView; onChange: (item: HandOffView) => void; reload: () => void }) {
  const titleId = `hand-off-${item.referralId}-${item.serviceId}`;
  const handedOver = item.handedOverAt ? `overgedragen op ${formatDateTime(item.handedOverAt)}` : 'overgedragen';
  const contact = item.client?.contact;
  return (
    <li class={`hand-off${item.state === 'active' ? '' : ' hand-off-ended'}`} data-referral={item.referralId}>
      <article aria-labelledby={titleId}>
        <h3 id={titleId} class="hand-off-title">
          Zaak {caseOf(item)} <Badge tone={item.state === 'active' ? 'done' : 'closed'}>{HAND_OFF_STATE_LABELS[item.state]}</Badge>
        </h3>
        <p class="muted">
          {item.serviceName} · {handedOver}
        </p>
        {item.state === 'active' && item.shared ? (
          <>
            <Facts
              items={[
                ['Aangenomen', item.accepted ? formatDateTime(item.accepted.at) : 'nog niet'],
                ['Eerste contact', item.firstContact ? formatDate(item.firstContact.date) : 'nog niet'],
                ['Plaats', item.placeReserved ? 'voor deze cliënt gereserveerd' : 'niet gereserveerd'],
              ]}
            />
            <HandOffActions item={item} onChange={onChange} reload={reload} />
            <h4>De cliënt bereiken</h4>
            {contact ? (
              <Facts
                items={[
                  ['Telefoon', contact.phone ? <PhoneLink phone={contact.phone} /> : undefined],
                  ['E-mail', contact.email ? <EmailLink email={contact.email} /> : undefined],
                  ['Liefst', contact.preferredChannel ? PREFERRED_CHANNEL_LABELS[contact.preferredChannel] : undefined],
                  ['Best bereikbaar', contact.bestTimes],
                ]}
              />
            ) : (
              <p class="muted">De cliënt gaf geen telefoon of e-mail. Neem contact op via de contactpersoon hieronder.</p>
            )}
            <h4>De contactpersoon van de cliënt</h4>
            {item.contactPerson ? (
              <PersonContact name={item.contactPerson.name} phone={item.contactPerson.phone} email={item.contactPerson.email} />
            ) : (
              <p class="muted">De regio wijst een contactpersoon toe; die neemt contact met u op.</p>
            )}
            <Facts
              items={[
                ['Gemeente', item.shared.gemeente],
                ['Leeftijd', `${item.shared.ageBand} jaar`],
                ['Talen', item.shared.languages.map(languageName).join(', ')],
                ['Bereikbaar via', item.shared.channels.map((channel) => CHANNEL_LABELS[channel] ?? channel).join(', ')],
                ['Hulpvraag op', item.shared.needs.length ? item.shared.needs.join(', ') : 'geen bepaalde levensdomeinen'],
                ['Aandachtspunten', item.shared.attentionPoints.length ? `${item.shared.attentionPoints.join(', ')} (met toestemming gedeeld)` : undefined],
              ]}
            />
          </>
        ) : (
          <p>{HAND_OFF_ENDED_REASONS[item.state as Exclude<HandOffView['state'], 'active'>]}</p>
        )}
      </article>
    </li>
  );
}

/** Accept the hand-off, and record the first contact with the client (a date, today by default). */
function HandOffActions({ item, onChange, reload }: { item: HandOffView; onChange: (item: HandOffView) => void; reload: () => void }) {
  const [busy, setBusy] = useState<'accept' | 'record-first-contact' | undefined>(undefined);
  const [date, setDate] = useState(todayInNL());
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: string; key: number } | undefined>(undefined);
  const idBase = `hand-off-${item.referralId}`;
  const act = async (body: { action: 'accept' } | { action: 'record-first-contact'; at: string }) => {
    setBusy(body.action);
    try {
      onChange(await api<HandOffView>('POST', `/hand-offs/${encodeURIComponent(item.referralId)}/actions`, { body }));
      setMessage({ tone: 'success', text: body.action === 'accept' ? 'U nam de overdracht aan. De contactpersoon en de verwijzer zien het.' : 'Het eerste contact is vastgelegd.', key: Date.now() });
    } catch (error) {
      setMessage({ tone: 'error', text: describeFailure(error), key: Date.now() });
      // The hand-off ended meanwhile (consent withdrawn, case closed): show it as it is now.
      if (error instanceof ApiProblem && error.type === '/problems/hand-off-ended') reload();
    } finally {
      setBusy(undefined);
    }
  };
  if (!item.allowedActions.length && !message) return null;
  return (
    <div class="hand-off-actions">
      {message ? (
        <Notice key={message.key} tone={message.tone} takeFocus>
          <p>{message.text}</p>
        </Notice>
      ) : null}
      {item.allowedActions.includes('accept') ? (
        <p>
          <Button busy={busy === 'accept'} busyLabel="Bezig…" onClick={() => void act({ action: 'accept' })}>
            Overdracht aannemen<span class="visually-hidden"> (zaak {caseOf(item)})</span>
          </Button>
        </p>
      ) : null}
      {item.allowedActions.includes('record-first-contact') ? (
        <form
          class="form form-compact form-inline"
          noValidate
          aria-label={`Eerste contact vastleggen, zaak ${caseOf(item)}`}
          onSubmit={(event) => {
            event.preventDefault();
            void act({ action: 'record-first-contact', at: date });
          }}
        >
          <TextField id={`${idBase}-first-contact`} label="Eerste contact met de cliënt op" type="date" max={todayInNL()} width="s" value={date} onInput={(event) => setDate(event.currentTarget.value)} />
          <Button type="submit" variant="secondary" busy={busy === 'record-first-contact'} busyLabel="Bezig…">
            Eerste contact vastleggen
          </Button>
        </form>
      ) : null}
    </div>
  );
}
