// Cleans pasted HTML (Word, web pages) down to the editor's allowlist with the
// browser's HTML parser: no styles, classes, scripts or foreign markup. The
// server sanitizes again; this keeps the editing surface clean.
const ALLOWED = new Set(['P', 'BR', 'STRONG', 'B', 'EM', 'I', 'U', 'H2', 'H3', 'UL', 'OL', 'LI', 'BLOCKQUOTE', 'A']);
const RENAME: Record<string, string> = { B: 'strong', I: 'em', H1: 'h2', H4: 'h3', H5: 'h3', H6: 'h3' };
const BLOCKS = new Set(['DIV', 'SECTION', 'ARTICLE', 'HEADER', 'FOOTER', 'TABLE', 'TR', 'PRE']);
const DROP = new Set(['SCRIPT', 'STYLE', 'META', 'LINK', 'TITLE', 'HEAD', 'IFRAME', 'OBJECT', 'EMBED', 'SVG', 'MATH', 'XML', 'TEMPLATE', 'NOSCRIPT', 'IMG', 'VIDEO', 'AUDIO', 'FORM', 'INPUT', 'BUTTON', 'SELECT', 'TEXTAREA']);

function safeHref(h: string | null): string | null {
  if (!h) return null;
  const t = h.trim();
  return /^(https?:|mailto:|\/)/i.test(t) ? t : null;
}

function clean(src: Node, out: Node, doc: Document) {
  for (const n of Array.from(src.childNodes)) {
    if (n.nodeType === Node.TEXT_NODE) {
      out.appendChild(doc.createTextNode(n.textContent ?? ''));
      continue;
    }
    if (n.nodeType !== Node.ELEMENT_NODE) continue; // comments (Word's <!--[if …]>), PIs
    const el = n as Element;
    const tag = el.tagName.toUpperCase();
    if (DROP.has(tag) || tag.includes(':')) continue; // o:p, v:shape …
    const name = RENAME[tag] ?? (ALLOWED.has(tag) ? tag.toLowerCase() : null);
    if (name) {
      const e = doc.createElement(name);
      if (name === 'a') {
        const h = safeHref(el.getAttribute('href'));
        if (!h) {
          clean(el, out, doc);
          continue;
        }
        e.setAttribute('href', h);
      }
      clean(el, e, doc);
      out.appendChild(e);
    } else if (BLOCKS.has(tag) || tag === 'TD' || tag === 'TH') {
      const p = doc.createElement('p');
      clean(el, p, doc);
      if (p.textContent?.trim()) out.appendChild(p);
    } else {
      clean(el, out, doc); // span, font, …: keep the text only
    }
  }
}

export function cleanHtml(html: string): string {
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  const doc = document.implementation.createHTMLDocument('');
  const root = doc.createElement('div');
  clean(parsed.body, root, doc);
  // Drop empty paragraphs Word leaves behind.
  root.querySelectorAll('p').forEach((p) => {
    if (!p.textContent?.replace(/[\s\u00a0]/g, '') && !p.querySelector('br')) p.remove();
  });
  return root.innerHTML;
}

export function textToHtml(text: string): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return text
    .split(/\r?\n\s*\r?\n/)
    .map((para) => para.trim())
    .filter(Boolean)
    .map((para) => `<p>${esc(para).replace(/\r?\n/g, '<br>')}</p>`)
    .join('');
}

/** Text of an HTML fragment (for word counts and diffs). */
export function htmlToText(html: string): string {
  const d = new DOMParser().parseFromString(`<div>${html}</div>`, 'text/html');
  d.querySelectorAll('p,h2,h3,li,blockquote,br').forEach((e) => e.after(d.createTextNode('\n')));
  return (d.body.textContent ?? '').replace(/\n{3,}/g, '\n\n').trim();
}
