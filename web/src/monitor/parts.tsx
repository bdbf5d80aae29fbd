// Small pieces shared by the monitoring screens.
import { useMemo, type ReactNode } from 'react';
import { TONES, TONE_CLASS, outletName } from './labels';

export function ToneBadge({ tone }: { tone: string }) {
  return <span className={`badge text-bg-${TONE_CLASS[tone] ?? 'secondary'}`} data-testid="tone">{TONES[tone] ?? tone}</span>;
}

/** An outlet by its Persian name where one is known, isolated so a Latin host cannot reorder the text around it. */
export function OutletName({ source, outlet }: { source: string; outlet: string }) {
  return <bdi data-testid="outlet">{outletName(source, outlet) || '—'}</bdi>;
}

export function Snippet({ html }: { html: string }) {
  // The server escapes the text and adds only <mark>.
  return <div className="small text-secondary" dangerouslySetInnerHTML={{ __html: html }} />;
}

/** An item's text with the mentions marked; spans are UTF-8 byte ranges. */
export function Highlighted({ text, spans }: { text: string; spans: [number, number][] }) {
  // Cut the bytes, decode each piece.
  const parts = useMemo(() => {
    const bytes = new TextEncoder().encode(text);
    const dec = new TextDecoder();
    const sorted = [...spans].sort((a, b) => a[0] - b[0]);
    const out: ReactNode[] = [];
    let at = 0;
    sorted.forEach(([b, e], i) => {
      if (b < at) return;
      out.push(dec.decode(bytes.slice(at, b)));
      out.push(<mark key={i} data-testid="mention">{dec.decode(bytes.slice(b, e))}</mark>);
      at = e;
    });
    out.push(dec.decode(bytes.slice(at)));
    return out;
  }, [text, spans]);
  return <div style={{ whiteSpace: 'pre-line' }} data-testid="item-text">{parts}</div>;
}
