import type { HandOffView } from '#shared/domain/hand-off.ts';
import { CHANNEL_LABELS, HAND_OFF_ENDED_REASONS, HAND_OFF_STATE_LABELS } from '#shared/domain/vocabulary.ts';
import { api } from '../../api.ts';
import { formatDateTime, languageName } from '../../components/format.ts';
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

/** The first characters of the referral id, as the e-mail's subject names the referral. */
const shortId = (referralId: string) => referralId.slice(0, 8);

/**
 * The partner's home: the clients handed to its services for waitlist bridging, newest first, with
 * what each client consents to share with partners. A hand-off that ended shows why, and no details.
 */
export default function HandOffsPage({ user }: PageProps) {
  const handOffs = useResource((signal) => api<HandOffs>('GET', '/hand-offs', { signal }), []);
  const data = handOffs.state === 'ready' ? handOffs.data : undefined;
  const active = data?.items.filter((item) => item.state === 'active') ?? [];
  const ended = data?.items.filter((item) => item.state !== 'active') ?? [];
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
                  <HandOffCard key={`${item.referralId}:${item.serviceId}`} item={item} />
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
                  <HandOffCard key={`${item.referralId}:${item.serviceId}`} item={item} />
                ))}
              </ul>
            </Section>
          ) : null}
        </>
      ) : null}
    </Page>
  );
}

function HandOffCard({ item }: { item: HandOffView }) {
  const titleId = `hand-off-${item.referralId}-${item.serviceId}`;
  const handedOver = item.handedOverAt ? `overgedragen op ${formatDateTime(item.handedOverAt)}` : 'overgedragen';
  return (
    <li class={`hand-off${item.state === 'active' ? '' : ' hand-off-ended'}`} data-referral={item.referralId}>
      <article aria-labelledby={titleId}>
        <h3 id={titleId} class="hand-off-title">
          Verwijzing {shortId(item.referralId)} <Badge tone={item.state === 'active' ? 'done' : 'closed'}>{HAND_OFF_STATE_LABELS[item.state]}</Badge>
        </h3>
        <p class="muted">
          {item.serviceName} · {handedOver}
        </p>
        {item.state === 'active' && item.shared ? (
          <Facts
              items={[
                ['Gemeente', item.shared.gemeente],
                ['Leeftijd', `${item.shared.ageBand} jaar`],
                ['Talen', item.shared.languages.map(languageName).join(', ')],
                ['Bereikbaar via', item.shared.channels.map((channel) => CHANNEL_LABELS[channel] ?? channel).join(', ')],
                ['Hulpvraag op', item.shared.needs.length ? item.shared.needs.join(', ') : 'geen bepaalde levensdomeinen'],
                ['Aandachtspunten', item.shared.attentionPoints.length ? `${item.shared.attentionPoints.join(', ')} (met toestemming gedeeld)` : undefined],
                ['Plaats', item.placeReserved ? 'voor deze cliënt gereserveerd' : 'niet gereserveerd'],
                [
                  'Contactpersoon',
                  item.contactPerson ? `${item.contactPerson.name}, de vaste contactpersoon van de cliënt, neemt contact met u op.` : 'De regio wijst een contactpersoon toe; die neemt contact met u op.',
                ],
                ['Kenmerk', <span class="kaart-id">{item.referralId}</span>],
              ]}
            />
        ) : (
          <>
            <p>{HAND_OFF_ENDED_REASONS[item.state as Exclude<HandOffView['state'], 'active'>]}</p>
            <p class="muted">
              Kenmerk <span class="kaart-id">{item.referralId}</span>
            </p>
          </>
        )}
      </article>
    </li>
  );
}
