import { useState } from 'preact/hooks';
import { apiText, describeFailure } from '../api.ts';
import { Button } from './button.tsx';
import { Section } from './page.tsx';

/**
 * "Brief voor de cliënt": the letter (GET /referrals/{id}/client-letter) in a window of its own, to
 * print or to read first. The window opens at the click (a later one would be a blocked pop-up) and
 * gets the letter once it is fetched with the user's token; it is a blob document of this app, so
 * the app's CSP holds there too (it allows the letter's one stylesheet by hash).
 */
export function ClientLetterSection({ referralId, intro }: { referralId: string; intro: string }) {
  const [failure, setFailure] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState<'print' | 'open' | undefined>(undefined);

  const show = async (mode: 'print' | 'open') => {
    setFailure(undefined);
    setBusy(mode);
    const shown = window.open('', '_blank');
    try {
      const { text } = await apiText(`/referrals/${encodeURIComponent(referralId)}/client-letter`, 'text/html');
      const url = URL.createObjectURL(new Blob([text], { type: 'text/html;charset=utf-8' }));
      if (!shown) {
        setFailure('De brief kon niet in een nieuw venster openen. Sta pop-ups toe voor Overbrug en probeer het opnieuw.');
        return;
      }
      if (mode === 'print') shown.addEventListener('load', () => shown.print(), { once: true });
      shown.location.href = url;
      // The window holds the letter now; the address is not needed after it loaded.
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (error) {
      shown?.close();
      setFailure(describeFailure(error));
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <Section title="Brief voor de cliënt" id="client-letter-title">
      <p class="muted">{intro}</p>
      {failure ? (
        <p class="field-error" role="alert">
          {failure}
        </p>
      ) : null}
      <p class="button-row">
        <Button variant="secondary" busy={busy === 'print'} busyLabel="Brief wordt geladen…" onClick={() => void show('print')}>
          Brief afdrukken
        </Button>
        <Button variant="quiet" busy={busy === 'open'} busyLabel="Brief wordt geladen…" onClick={() => void show('open')}>
          Brief openen
        </Button>
      </p>
    </Section>
  );
}
