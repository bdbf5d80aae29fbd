// The console's own Persian number and date formatting (web/src/fa.ts, written by hand so that a page does
// not pay for Intl's start-up and every phone prints the same) against what Chromium's Intl prints for fa-IR
// and the persian calendar: the same text for edge cases and thousands of random values, in Tehran's time
// zone (with its former daylight saving) and in UTC.
//   node --test tests/browser/fa.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { repoRoot } from '../e2e/harness.mjs';
import { launchBrowser } from './lib.mjs';

const web = path.join(repoRoot, 'web');
let browser, bundle;
before(async () => {
  const { build } = await import(path.join(web, 'node_modules/esbuild/lib/main.js'));
  const out = await build({
    entryPoints: [path.join(web, 'src/fa.ts')],
    bundle: true,
    format: 'iife',
    globalName: 'fa',
    write: false,
    logLevel: 'silent',
  });
  bundle = out.outputFiles[0].text;
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/** Runs the comparison in a page of the given time zone; returns the values whose texts differ. */
async function compare(timezoneId) {
  const ctx = await browser.newContext({ timezoneId });
  const page = await ctx.newPage();
  await page.addScriptTag({ content: bundle });
  const result = await page.evaluate(() => {
    /* global fa */
    const nf = new Intl.NumberFormat('fa-IR');
    const persian = (o) => new Intl.DateTimeFormat('fa-IR-u-ca-persian', o);
    const dtf = persian({ year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit' });
    const df = persian({ year: 'numeric', month: 'long', day: 'numeric' });
    const sf = persian({ year: 'numeric', month: '2-digit', day: '2-digit' });
    const tf = new Intl.DateTimeFormat('fa-IR', { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
    // A seeded generator: the same values on every run.
    let seed = 0x2545f491;
    const rand = () => {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return (seed >>> 0) / 2 ** 32;
    };
    const numbers = [0, -0, 1, -1, 7, 12, 999, 1000, 1234, 12345, 123456, 1234567, 9999999.9996, 1e15, 1e21, 1e22,
      0.5, 0.0005, 0.00049, 0.0001, 1e-7, 2.0005, 1.0005, 99.9999, 3.14159, 1234.5, -0.25, -1234.5678, 0.1 + 0.2,
      2 ** 53, Number.MAX_SAFE_INTEGER, NaN, Infinity, -Infinity];
    for (let i = 0; i < 4000; i++) {
      const magnitude = 10 ** Math.floor(rand() * 10);
      const decimals = Math.floor(rand() * 6);
      const n = Math.round(rand() * magnitude * 10 ** decimals) / 10 ** decimals;
      numbers.push(rand() < 0.2 ? -n : n);
    }
    const numberDiffs = numbers
      .map((n) => ({ n: String(n), want: nf.format(n), got: fa.faNumber(n) }))
      .filter((r) => r.want !== r.got);
    const instants = [Date.UTC(2026, 2, 20, 20, 30), Date.UTC(2026, 2, 20, 20, 29, 59), Date.UTC(2021, 2, 21, 20, 30),
      Date.UTC(2022, 8, 21, 19, 30), Date.UTC(2025, 0, 1), Date.UTC(2000, 0, 1, 12)];
    for (let i = 0; i < 4000; i++) instants.push(Date.UTC(2000, 0, 1) + Math.floor(rand() * 40 * 365.25 * 86400e3));
    const dateDiffs = [];
    for (const ms of instants) {
      const d = new Date(ms);
      const pairs = [
        [dtf.format(d), fa.faDateTime(ms)],
        [df.format(d), fa.faDate(ms)],
        [sf.format(d), fa.faDateShort(ms)],
        [tf.format(d), fa.faTime(ms)],
      ];
      for (const [want, got] of pairs) if (want !== got) dateDiffs.push({ ms, want, got });
    }
    return { numbers: numbers.length, instants: instants.length, numberDiffs: numberDiffs.slice(0, 10), dateDiffs: dateDiffs.slice(0, 10) };
  });
  await ctx.close();
  return result;
}

for (const zone of ['Asia/Tehran', 'UTC']) {
  test(`numbers and Jalali dates read as Chromium's Intl writes them (${zone})`, async () => {
    const r = await compare(zone);
    assert.ok(r.numbers > 4000 && r.instants > 4000, 'the values were compared');
    assert.deepEqual(r.numberDiffs, [], 'faNumber');
    assert.deepEqual(r.dateDiffs, [], 'faDateTime, faDate, faDateShort, faTime');
  });
}

test('absent dates read as a dash, and an absent time as nothing', async () => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.addScriptTag({ content: bundle });
  const r = await page.evaluate(() => [fa.faDateTime(null), fa.faDate(undefined), fa.faDateShort(0), fa.faTime(NaN)]);
  assert.deepEqual(r, ['—', '—', '—', '']);
  await ctx.close();
});
