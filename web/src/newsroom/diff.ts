// Word-level diff (LCS) for the revision history's "what changed" view.
export type DiffPart = { op: 'same' | 'add' | 'del'; text: string };

function tokens(s: string): string[] {
  return s.match(/\s+|[^\s]+/g) ?? [];
}

export function diffWords(a: string, b: string): DiffPart[] {
  const x = tokens(a);
  const y = tokens(b);
  // Trim the common head and tail so long unchanged bodies stay cheap.
  let head = 0;
  while (head < x.length && head < y.length && x[head] === y[head]) head++;
  let tail = 0;
  while (tail < x.length - head && tail < y.length - head && x[x.length - 1 - tail] === y[y.length - 1 - tail]) tail++;
  const xs = x.slice(head, x.length - tail);
  const ys = y.slice(head, y.length - tail);
  const out: DiffPart[] = [];
  const push = (op: DiffPart['op'], text: string) => {
    if (!text) return;
    const last = out[out.length - 1];
    if (last && last.op === op) last.text += text;
    else out.push({ op, text });
  };
  push('same', x.slice(0, head).join(''));
  if (xs.length * ys.length > 4_000_000) {
    push('del', xs.join(''));
    push('add', ys.join(''));
  } else {
    const n = xs.length;
    const m = ys.length;
    const L: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
    for (let i = n - 1; i >= 0; i--)
      for (let j = m - 1; j >= 0; j--) L[i][j] = xs[i] === ys[j] ? L[i + 1][j + 1] + 1 : Math.max(L[i + 1][j], L[i][j + 1]);
    let i = 0;
    let j = 0;
    while (i < n && j < m) {
      if (xs[i] === ys[j]) {
        push('same', xs[i]);
        i++;
        j++;
      } else if (L[i + 1][j] >= L[i][j + 1]) push('del', xs[i++]);
      else push('add', ys[j++]);
    }
    while (i < n) push('del', xs[i++]);
    while (j < m) push('add', ys[j++]);
  }
  push('same', x.slice(x.length - tail).join(''));
  return out;
}
