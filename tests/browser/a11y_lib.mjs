// What the accessibility files (a11y_public, a11y_console, a11y_release: one CTest entry each, so no entry
// runs for minutes) share: a real `pol serve` with the demo council and its week (releases with photos),
// Debian's chromium, axe-core's serious and critical violations, and the public article with a photo.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { launchBrowser } from './lib.mjs';
import { startServer, pol, attachTestDatabase, dropTestDatabase } from '../e2e/harness.mjs';

const require = createRequire(new URL('../e2e/package.json', import.meta.url));
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** A server over the demo week and a browser; `stop()` ends both and removes the data. */
export async function startDemoWeek(name) {
  const dir = mkdtempSync(path.join(tmpdir(), `pol-${name}-`));
  attachTestDatabase(dir);
  pol(['init', '--data', dir]);
  pol(['demo', '--data', dir]);
  pol(['demo', '--data', dir, '--week']); // releases with photos
  const srv = await startServer({ dataDir: dir });
  const browser = await launchBrowser();
  return {
    srv,
    browser,
    stop: async () => {
      await browser?.close();
      await srv?.stop();
      dropTestDatabase(dir);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Serious and critical axe violations on the page as it is now. */
export async function violations(page) {
  await page.evaluate(AXE);
  const result = await page.evaluate(async () =>
    // eslint-disable-next-line no-undef
    axe.run(document, { resultTypes: ['violations'], runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } }));
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

/** The path of the first article on the portal that has a photo. */
export async function articleWithPhoto(srv) {
  for (const m of (await (await fetch(srv.url('/'))).text()).matchAll(/href="(\/news\/\d+[^"]*)"/g)) {
    if ((await (await fetch(srv.url(m[1]))).text()).includes('<figure>')) return m[1];
  }
  return null;
}
