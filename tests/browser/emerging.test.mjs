// Browser test of «موضوعات نوظهور» against a real `pol serve` (demo data plus a burst of items about a
// water cut ingested today): the council admin recounts from the screen, sees the issue in the list,
// opens it (documents per day, the items) and assigns it to an agency; the tamin PR manager has no such
// entry in the sidebar. Screenshots in tests/artifacts/emerging*.png.
//   node --test tests/browser/emerging.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pol } from '../e2e/harness.mjs';
import { burstLines } from '../e2e/lib/emerging_burst.mjs';
import { startBackend, launchBrowser, openPage, loginOk, shot } from './lib.mjs';

let srv, browser;

before(async () => {
  srv = await startBackend();
  browser = await launchBrowser();
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'pol-browser-emerging-')), 'burst.jsonl');
  writeFileSync(file, burstLines('browser-emerging'));
  pol(['ingest', '--data', srv.dataDir, '--council', 'qazvin-tkr', file]);
});

after(async () => {
  await browser?.close();
  await srv?.stop();
});

test('the council admin recounts, opens the issue and assigns it', async () => {
  const page = await openPage(browser, srv);
  await loginOk(page, 'council');
  await page.getByTestId('nav-emerging').click();
  await page.getByTestId('emerging-page').waitFor();
  await page.getByTestId('emerging-refresh').click();
  const list = page.getByTestId('emerging-list');
  await list.waitFor();
  const row = list.locator('tbody tr').filter({ hasText: 'اب' }).first();
  await row.waitFor();
  await shot(page, 'emerging');
  await row.locator('a').first().click();
  await page.getByTestId('emerging-issue').waitFor();
  assert.ok((await page.getByTestId('emerging-documents').locator('tbody tr').count()) >= 4);
  await page.locator('#emerging-owner-select').selectOption({ label: 'بهزیستی' }).catch(async () => {
    // The demo agency's name may be longer; pick the first agency.
    await page.locator('#emerging-owner-select').selectOption({ index: 1 });
  });
  await page.getByTestId('emerging-assign').click();
  await page.getByText('سپرده شد').waitFor();
  // The note shows when the server answered; the card shows the owner when it has reloaded.
  await page.waitForFunction(() => {
    const t = document.querySelector('[data-testid="emerging-owner"]')?.textContent?.trim();
    return t && t !== '—';
  });
  assert.notEqual((await page.getByTestId('emerging-owner').textContent()).trim(), '—');
  await shot(page, 'emerging-issue');
});

test('an agency PR manager has no emerging issues entry', async () => {
  const page = await openPage(browser, srv);
  await loginOk(page, 'tamin-manager');
  assert.equal(await page.getByTestId('nav-emerging').count(), 0);
});
