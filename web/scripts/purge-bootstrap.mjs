// A PostCSS plugin for the console's build (vite.config.ts): drops the Bootstrap rules no console file can
// use. Bootstrap's RTL build is 230 KB, of which the console uses about a tenth, and all of it blocks the
// first paint on a phone. Every word of web/src (*.ts, *.tsx, *.css) and index.html counts as a class the
// console may use — as PurgeCSS's default extractor does — so a class written anywhere, even in a string
// built at run time from literal parts, keeps its rules; the few classes composed from a prefix and a
// variable are kept by prefix (SAFE). A selector stays when every class it needs is used (classes inside
// :not() are not needed); a rule with no selector left goes, then any empty @media or @supports.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const web = join(dirname(fileURLToPath(import.meta.url)), '..');
// Classes made as `prefix-${variable}` in web/src (monitor/parts.tsx, monitor/ItemPage.tsx).
const SAFE = [/^text-bg-/, /^btn-outline-/];

function words(into, path) {
  if (statSync(path).isDirectory()) {
    for (const name of readdirSync(path)) words(into, join(path, name));
  } else if (/\.(tsx?|css|html)$/.test(path)) {
    for (const w of readFileSync(path, 'utf8').match(/[A-Za-z0-9_-]+/g) ?? []) into.add(w);
  }
  return into;
}

/** The classes `selector` needs, without the ones under :not(). */
function classesOf(selector) {
  const bare = selector.replace(/:not\([^)]*\)/g, '');
  return [...bare.matchAll(/\.((?:\\.|[A-Za-z0-9_-])+)/g)].map((m) => m[1].replace(/\\/g, ''));
}

export function purgeBootstrap() {
  return {
    postcssPlugin: 'pol-purge-bootstrap',
    Once(root) {
      const file = root.source?.input.file ?? '';
      if (!/[\\/]bootstrap[\\/]dist[\\/]css[\\/][^\\/]+\.css$/.test(file)) return;
      const used = words(words(new Set(), join(web, 'src')), join(web, 'index.html'));
      const needed = (c) => used.has(c) || SAFE.some((re) => re.test(c));
      root.walkRules((rule) => {
        if (rule.parent?.type === 'atrule' && /keyframes$/i.test(rule.parent.name)) return;
        const kept = rule.selectors.filter((s) => classesOf(s).every(needed));
        if (kept.length === 0) rule.remove();
        else if (kept.length < rule.selectors.length) rule.selectors = kept;
      });
      root.walkAtRules((at) => {
        if (/^(media|supports|container|layer)$/i.test(at.name) && at.nodes && at.nodes.length === 0) at.remove();
      });
    },
  };
}
