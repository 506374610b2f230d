import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DESKTOP, pageProblems, pageReady, PHONE, signIn, textOf } from '../support/browser.ts';
import { browserJourney } from '../support/browser-journey.ts';

// Issue 16, users, in Chromium on the local stack: the beheerder invites a verwijzer on the
// Gebruikers page, the verwijzer signs in at the development sign-in with their e-mail address,
// the beheerder deactivates them, and they are refused: their open session within the API's
// cache time, and a new sign-in at once.

// timeScale 0.1: the functions trust an account's status for 3 s instead of 30.
const journey = browserJourney({ timeScale: 0.1 });
const POLL = { timeout: 10_000 };

/** Signs in at the dev IdP by e-mail, as an invited user does: "Inloggen" in the app, then the address. */
async function signInByEmail(page: Page, email: string): Promise<void> {
  await page.goto(journey.web);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.getByLabel('Uw e-mailadres').fill(email);
  await page.getByRole('button', { name: 'Inloggen met e-mailadres' }).click();
}

describe('the region\'s users in the browser', () => {
  it('invites a verwijzer who signs in by e-mail, then deactivates them, and they are refused', { timeout: 120_000 }, async () => {
    const email = `r.kok.${randomUUID().slice(0, 8)}@praktijk-delinde.example`;
    const beheerder = await journey.open();
    await signIn(beheerder, journey.web, 'beheerder-kaart');
    await pageReady(beheerder);
    await beheerder.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Gebruikers' }).click();
    await pageReady(beheerder);
    expect(await textOf(beheerder.getByRole('heading', { level: 1 }))).toBe('Gebruikers');

    // What a role needs is asked for: a verwijzer's organisation name, in Dutch, at the field.
    await beheerder.getByLabel('E-mailadres').fill(email);
    await beheerder.getByLabel('Naam', { exact: true }).fill('R. Kok (POH-ggz)');
    await beheerder.getByLabel('Rol').selectOption('verwijzer');
    await beheerder.getByLabel('Code van de organisatie').fill('hap-de-linde');
    await beheerder.getByRole('button', { name: 'Uitnodigen' }).click();
    await expect.poll(() => textOf(beheerder.locator('#user-organisationName-error')), POLL).toContain('naam van de organisatie');
    await beheerder.getByLabel('Naam van de organisatie').fill('Huisartsenpraktijk De Linde (fictief)');
    await beheerder.getByLabel('Soort verwijzer').selectOption('poh-ggz');
    await beheerder.getByRole('button', { name: 'Uitnodigen' }).click();
    await expect.poll(() => textOf(beheerder.locator('.notice-success')), POLL).toContain('R. Kok (POH-ggz) is uitgenodigd');
    const row = beheerder.locator('main table tbody tr', { hasText: email });
    await expect.poll(() => textOf(row), POLL).toContain('kan inloggen');
    expect(await textOf(row)).toContain('Verwijzer');
    expect(await pageProblems(beheerder, 'Gebruikers')).toEqual([]);

    // The same address again: refused at the field.
    await beheerder.getByLabel('E-mailadres').fill(email.toUpperCase());
    await beheerder.getByLabel('Naam', { exact: true }).fill('R. Kok');
    await beheerder.getByLabel('Rol').selectOption('verwijzer');
    await beheerder.getByLabel('Code van de organisatie').fill('hap-de-linde');
    await beheerder.getByLabel('Naam van de organisatie').fill('Huisartsenpraktijk De Linde (fictief)');
    await beheerder.getByRole('button', { name: 'Uitnodigen' }).click();
    await expect.poll(() => textOf(beheerder.locator('#user-email-error')), POLL).toContain('heeft al een account');

    // The invited verwijzer signs in with their address and sees their organisation's referrals.
    const verwijzer = await journey.open();
    await signInByEmail(verwijzer, email);
    await verwijzer.locator('.site-header .user-name').waitFor();
    expect(await textOf(verwijzer.locator('.site-header .user-name'))).toContain('R. Kok');
    await pageReady(verwijzer);

    // Deactivated by the beheerder: the row says so, and the history who did it.
    await row.getByRole('button', { name: /^Uitzetten/ }).click();
    await expect.poll(() => textOf(row), POLL).toContain('uitgezet');
    await row.getByText('Geschiedenis').click();
    expect(await textOf(row)).toMatch(/uitgezet door B\. Hoekstra/);

    // Their open session is refused once the API's short cache of the account's status runs out.
    await expect
      .poll(
        async () => {
          await verwijzer.reload();
          await verwijzer.waitForLoadState();
          return textOf(verwijzer.locator('body'));
        },
        { timeout: 30_000, interval: 1_000 },
      )
      .toMatch(/accepteert uw account niet|Kies als wie u wilt inloggen/);

    // A new sign-in is refused at once, in plain Dutch.
    const again = await journey.open();
    await signInByEmail(again, email);
    await expect.poll(() => textOf(again.locator('main')), POLL).toContain('Uw account is uitgezet');

    // Let in again: they can sign in.
    await row.getByRole('button', { name: /^Weer toelaten/ }).click();
    await expect.poll(() => textOf(row), POLL).toContain('kan inloggen');
    const back = await journey.open({ viewport: PHONE });
    await signInByEmail(back, email);
    await back.locator('.site-header .user-name').waitFor();
  });

  it('has no serious or critical accessibility violation on the Gebruikers page, with a list and with errors, and works at phone width', async () => {
    for (const viewport of [PHONE, DESKTOP]) {
      const page = await journey.open({ viewport });
      await signIn(page, journey.web, 'beheerder-kaart', { hash: '#/gebruikers' });
      await pageReady(page);
      await page.getByLabel('E-mailadres').fill(`a.${randomUUID().slice(0, 8)}@regio-voorbeeld.example`);
      await page.getByLabel('Naam', { exact: true }).fill('A. de Vries');
      await page.getByLabel('Rol').selectOption('manager');
      await page.getByLabel('Code van de organisatie').fill('regio-voorbeeld');
      await page.getByRole('button', { name: 'Uitnodigen' }).click();
      await expect.poll(() => textOf(page.locator('.notice-success')), POLL).toContain('is uitgenodigd');
      const found = await pageProblems(page, 'Gebruikers, with a list');
      await page.getByRole('button', { name: 'Uitnodigen' }).click();
      await page.locator('#user-email-error').waitFor();
      expect([...found, ...(await pageProblems(page, 'Gebruikers, with errors at the fields'))]).toEqual([]);
    }
  });
});
