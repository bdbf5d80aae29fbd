// "Two agencies on the same subject the same day": releases of different
// agencies on one day that share a tag or an occasion, or whose titles share
// most of their words (after folding Arabic letters, ZWNJ and diacritics).
import type { Release } from './types';

const STOP = new Set(['از', 'به', 'با', 'در', 'و', 'که', 'را', 'این', 'آن', 'برای', 'تا', 'های', 'ها', 'می', 'شد', 'است', 'بر', 'یک']);

export function words(s: string): Set<string> {
  const t = s
    .replace(/[يى]/g, 'ی')
    .replace(/ك/g, 'ک')
    .replace(/[ۀة]/g, 'ه')
    .replace(/[أإٱ]/g, 'ا')
    .replace(/[\u064B-\u065F\u0670]/g, '')
    .replace(/\u200c/g, ' ')
    .replace(/[^\p{L}\p{N}\s]/gu, ' ');
  return new Set(t.split(/\s+/).filter((w) => w.length > 1 && !STOP.has(w)));
}

function similar(a: Release, b: Release): string | null {
  const ta = new Set(a.tags ?? []);
  const shared = (b.tags ?? []).filter((t) => ta.has(t));
  if (shared.length) return `برچسب مشترک: ${shared.join('، ')}`;
  if (a.occasion_id && a.occasion_id === b.occasion_id) return 'مناسبت مشترک';
  const wa = words(`${a.over_title ?? ''} ${a.title ?? ''}`);
  const wb = words(`${b.over_title ?? ''} ${b.title ?? ''}`);
  let inter = 0;
  for (const w of wa) if (wb.has(w)) inter++;
  const union = wa.size + wb.size - inter;
  if (union && inter >= 2 && inter / union >= 0.4) return 'تیترهای هم‌موضوع';
  return null;
}

/** Release id → the reasons it clashes with another agency's release that day. */
export function findConflicts(dayReleases: Release[]): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (let i = 0; i < dayReleases.length; i++)
    for (let j = i + 1; j < dayReleases.length; j++) {
      const a = dayReleases[i];
      const b = dayReleases[j];
      if (a.agency_id === b.agency_id) continue;
      const why = similar(a, b);
      if (!why) continue;
      for (const r of [a, b]) out.set(r.id, [...(out.get(r.id) ?? []), why]);
    }
  return out;
}
