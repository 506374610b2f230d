import { useState } from 'preact/hooks';
import type { CaseView } from '#shared/domain/referral-view.ts';
import { NAASTE_BURDEN_LABELS, ROUTE_LABELS, WISH_LABELS } from '#shared/domain/vocabulary.ts';
import { Button } from '../../components/button.tsx';
import { formatDate } from '../../components/format.ts';
import { Notice } from '../../components/notice.tsx';
import type { Act, Outcome } from './case-actions.tsx';

// Social problems first (`001:1966-1987`): the case went to the social domain with its ggz question
// left for later. The contact person is asked, when the time comes, whether ggz is still needed, and
// answers here: yes triages the case again in one click, no records that the social route goes on.

export function Reassessment({ view, act }: { view: CaseView; act: Act }) {
  const [busy, setBusy] = useState<'yes' | 'no' | undefined>(undefined);
  const [outcome, setOutcome] = useState<Outcome | undefined>(undefined);
  const { reassessment } = view;
  if (!reassessment) return null;

  const answer = async (ggzStillNeeded: boolean) => {
    setBusy(ggzStillNeeded ? 'yes' : 'no');
    const result = await act({ action: 'reassess', ggzStillNeeded });
    setBusy(undefined);
    const message =
      result.state === 'done'
        ? ggzStillNeeded
          ? `De zaak is opnieuw beoordeeld: ${result.view.triage ? ROUTE_LABELS[result.view.triage.route] : 'zie de beoordeling'}. Het nieuwe aanbod staat hieronder bovenaan.`
          : 'Vastgelegd: ggz is niet nodig. De hulp in het sociaal domein gaat door.'
        : result.message;
    setOutcome({ tone: result.state === 'done' ? 'success' : result.state === 'reloaded' ? 'warning' : 'error', message, key: Date.now() });
  };

  const open = view.allowedActions.includes('reassess');
  return (
    <section class="section reassessment" aria-labelledby="reassessment-title">
      <h2 id="reassessment-title">Herbeoordeling: is ggz nog nodig?</h2>
      {outcome ? (
        <Notice key={outcome.key} tone={outcome.tone} takeFocus>
          <p>{outcome.message}</p>
        </Notice>
      ) : null}
      {reassessment.answer ? (
        <p>
          Op {formatDate(reassessment.answer.at)} vastgelegd: {reassessment.answer.ggzStillNeeded ? 'ggz is nog nodig; de zaak is opnieuw beoordeeld.' : 'ggz is niet nodig.'}
        </p>
      ) : (
        <>
          <p>
            De hulp bij geld, wonen of het dagelijks leven ging voor; de psychische klachten waren licht.
            {reassessment.dueAt ? ` Rond ${formatDate(reassessment.dueAt)} vraagt Overbrug u hoe het nu gaat.` : ''}{' '}
            {reassessment.askedAt ? 'Die vraag staat nu open.' : 'U kunt het ook eerder vastleggen.'}
          </p>
          {open ? (
            <div class="form-actions">
              <Button busy={busy === 'yes'} busyLabel="Bezig…" onClick={() => void answer(true)}>
                Ggz is nog nodig: opnieuw beoordelen
              </Button>
              <Button variant="secondary" busy={busy === 'no'} busyLabel="Bezig…" onClick={() => void answer(false)}>
                Ggz is niet nodig
              </Button>
            </div>
          ) : null}
        </>
      )}
    </section>
  );
}

/** What the client wants and does not want, and how a naaste is doing: as far as the client shares it. */
export function WishesAndNaaste({ intake }: { intake: CaseView['intake'] }) {
  const { wishes, naaste } = intake;
  if (!wishes && !naaste) return null;
  return (
    <>
      {wishes ? (
        <>
          <h3>Wensen van de cliënt</h3>
          {wishes.choices.length ? (
            <ul class="reasons">
              {wishes.choices.map((wish) => (
                <li key={wish}>{WISH_LABELS[wish]}</li>
              ))}
            </ul>
          ) : null}
          {wishes.ownWords ? <p class="own-words">“{wishes.ownWords}”</p> : null}
        </>
      ) : null}
      {naaste ? (
        <>
          <h3>De naaste</h3>
          <p>
            De naaste is {NAASTE_BURDEN_LABELS[naaste.burden]}.{naaste.needs ? '' : ' De naaste gaf geen eigen woorden op, of de cliënt deelt die niet.'}
          </p>
          {naaste.needs ? <p class="own-words">“{naaste.needs}”</p> : null}
        </>
      ) : null}
    </>
  );
}
