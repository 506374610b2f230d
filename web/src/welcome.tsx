import type { WebConfig } from '../config.ts';
import { regionOf } from './app-context.ts';
import { Button } from './components/button.tsx';
import { Notice } from './components/notice.tsx';
import { Badge } from './components/status-badge.tsx';
import { signIn } from './session.ts';

function PlainHeader() {
  const region = regionOf(undefined);
  return (
    <header class="site-header">
      <div class="site-header-inner">
        <div class="brand">
          <span class="brand-name">Overbrug</span>
          {region ? <span class="brand-region">{region.name}</span> : null}
          {region?.fictional ? <Badge tone="attention">Demo: fictieve gegevens</Badge> : null}
        </div>
      </div>
    </header>
  );
}

/** The start page before sign-in (and after sign-out). */
export function Welcome({ config, signedOut = false, problem }: { config: WebConfig; signedOut?: boolean; problem?: string }) {
  return (
    <>
      <PlainHeader />
      <main id="main" class="main main-narrow" tabIndex={-1}>
        <h1 class="page-title">Inloggen bij Overbrug</h1>
        {signedOut ? (
          <Notice tone="success" live="polite">
            <p>U bent uitgelogd.</p>
          </Notice>
        ) : null}
        {problem ? (
          <Notice tone="error" title="Inloggen is niet gelukt" live="assertive">
            <p>{problem}</p>
          </Notice>
        ) : null}
        <p>Overbrug verbindt verwijzers, cliëntondersteuners en het aanbod in de regio, zodat niemand alleen wacht.</p>
        {config.environment === 'local' ? (
          <Notice tone="warning" title="Lokale ontwikkelomgeving">
            <p>U logt in bij de ontwikkel-inlog met een fictief demo-account, zonder wachtwoord. Gebruik hier nooit echte gegevens.</p>
          </Notice>
        ) : null}
        <Button onClick={() => void signIn(config, '#/')}>Inloggen</Button>
      </main>
    </>
  );
}

export function StartFailed({ message }: { message: string }) {
  return (
    <>
      <PlainHeader />
      <main id="main" class="main main-narrow" tabIndex={-1}>
        <h1 class="page-title">Overbrug is niet beschikbaar</h1>
        <Notice tone="error" live="assertive">
          <p>{message}</p>
        </Notice>
      </main>
    </>
  );
}
