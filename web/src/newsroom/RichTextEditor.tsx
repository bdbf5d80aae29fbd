// A small RTL rich-text editor on contenteditable: paragraphs, two heading
// levels, bold/italic, lists, quotes and links. Paste keeps structure but
// strips every style (sanitize.ts); Shift+Space inserts a ZWNJ.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { cleanHtml, textToHtml } from './sanitize';
import { insertZwnj, isZwnjKey } from './zwnj';

interface Props {
  id: string;
  value: string;
  onChange: (html: string) => void;
  readOnly?: boolean;
  labelledBy?: string;
  invalid?: boolean;
}

const INLINE = new Set(['STRONG', 'B', 'EM', 'I', 'U', 'A', 'BR', 'SPAN', 'FONT']);

/**
 * Keeps the editing surface to plain structure: the browser's own editing
 * commands add inline styles and spans (e.g. when merging a pasted paragraph),
 * and the first line typed into an empty box is a bare text node. Text nodes
 * are moved, never re-created, so the caret survives.
 */
function normalize(root: HTMLElement) {
  const sel = window.getSelection();
  const saved = sel && sel.rangeCount ? { an: sel.anchorNode, ao: sel.anchorOffset, fn: sel.focusNode, fo: sel.focusOffset } : null;
  let changed = false;
  root.querySelectorAll('[style],[class]').forEach((el) => {
    el.removeAttribute('style');
    el.removeAttribute('class');
    changed = true;
  });
  root.querySelectorAll('span,font').forEach((el) => {
    while (el.firstChild) el.parentNode!.insertBefore(el.firstChild, el);
    el.remove();
    changed = true;
  });
  // Wrap runs of top-level text and inline elements into paragraphs.
  let run: Node[] = [];
  const flush = (before: Node | null) => {
    if (run.some((n) => n.nodeType === Node.ELEMENT_NODE || (n.textContent ?? '').trim())) {
      const p = document.createElement('p');
      root.insertBefore(p, before);
      for (const n of run) p.appendChild(n);
      changed = true;
    }
    run = [];
  };
  for (const n of Array.from(root.childNodes)) {
    const inline = n.nodeType === Node.TEXT_NODE || (n.nodeType === Node.ELEMENT_NODE && INLINE.has((n as Element).tagName));
    if (inline) run.push(n);
    else flush(n);
  }
  flush(null);
  if (changed && saved && sel && saved.an && saved.fn && root.contains(saved.an) && root.contains(saved.fn)) {
    try {
      sel.setBaseAndExtent(saved.an, saved.ao, saved.fn, saved.fo);
    } catch {
      /* the caret's node went away; the browser keeps a nearby position */
    }
  }
}

type Cmd = { cmd: string; arg?: string; label: string; title: string; testId: string };
const TOOLS: Cmd[] = [
  { cmd: 'formatBlock', arg: 'h2', label: 'تیتر', title: 'تیتر — میان‌تیتر درشت', testId: 'rte-h2' },
  { cmd: 'formatBlock', arg: 'h3', label: 'میان‌تیتر', title: 'میان‌تیتر', testId: 'rte-h3' },
  { cmd: 'formatBlock', arg: 'p', label: 'متن', title: 'متن — بند ساده', testId: 'rte-p' },
  { cmd: 'bold', label: 'پررنگ', title: 'پررنگ (Ctrl+B)', testId: 'rte-bold' },
  { cmd: 'italic', label: 'کج', title: 'کج (Ctrl+I)', testId: 'rte-italic' },
  { cmd: 'insertUnorderedList', label: '•', title: 'فهرست نشانه‌دار', testId: 'rte-ul' },
  { cmd: 'insertOrderedList', label: '۱.', title: 'فهرست شماره‌دار', testId: 'rte-ol' },
  { cmd: 'formatBlock', arg: 'blockquote', label: '«»', title: 'نقل قول', testId: 'rte-quote' },
];

export function RichTextEditor({ id, value, onChange, readOnly, labelledBy, invalid }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const last = useRef<string>('');
  const [linkOpen, setLinkOpen] = useState(false);
  const [linkUrl, setLinkUrl] = useState('https://');
  const savedRange = useRef<Range | null>(null);

  // Only push outside values into the DOM when they differ from what we emitted (keeps the caret).
  useEffect(() => {
    const el = ref.current;
    if (el && value !== last.current) {
      el.innerHTML = value || '';
      last.current = value;
    }
  }, [value]);

  const emit = () => {
    const el = ref.current;
    if (!el) return;
    normalize(el);
    let html = el.innerHTML;
    if (html === '<br>' || html === '<p><br></p>') html = '';
    last.current = html;
    onChange(html);
  };

  const exec = (t: Cmd) => {
    ref.current?.focus();
    document.execCommand(t.cmd, false, t.arg ? `<${t.arg}>` : undefined);
    emit();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (isZwnjKey(e)) {
      e.preventDefault();
      insertZwnj();
      emit();
    }
  };

  const onPaste = (e: React.ClipboardEvent<HTMLDivElement>) => {
    e.preventDefault();
    const html = e.clipboardData.getData('text/html');
    const text = e.clipboardData.getData('text/plain');
    const clean = html ? cleanHtml(html) : textToHtml(text);
    if (clean) document.execCommand('insertHTML', false, clean);
    emit();
  };

  const openLink = () => {
    const sel = window.getSelection();
    savedRange.current = sel && sel.rangeCount ? sel.getRangeAt(0).cloneRange() : null;
    setLinkUrl('https://');
    setLinkOpen(true);
  };
  const applyLink = () => {
    const url = linkUrl.trim();
    setLinkOpen(false);
    if (!/^(https?:\/\/|mailto:)/i.test(url)) return;
    ref.current?.focus();
    const sel = window.getSelection();
    if (savedRange.current && sel) {
      sel.removeAllRanges();
      sel.addRange(savedRange.current);
    }
    document.execCommand('createLink', false, url);
    emit();
  };

  useEffect(() => {
    document.execCommand('defaultParagraphSeparator', false, 'p');
  }, []);

  return (
    <div className={`rte card ${invalid ? 'border-danger' : ''}`}>
      {!readOnly && (
        <div className="rte-toolbar card-header d-flex flex-wrap gap-1 py-1 px-2" role="toolbar" aria-label="قالب‌بندی متن">
          {TOOLS.map((t) => (
            <button
              key={t.testId}
              type="button"
              className={`btn btn-sm btn-light rte-btn ${t.cmd === 'bold' ? 'fw-bold' : ''} ${t.cmd === 'italic' ? 'fst-italic' : ''}`}
              title={t.title}
              aria-label={t.title}
              data-testid={t.testId}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => exec(t)}
            >
              {t.label}
            </button>
          ))}
          <button type="button" className="btn btn-sm btn-light rte-btn" title="پیوند" aria-label="پیوند" onMouseDown={(e) => e.preventDefault()} onClick={openLink}>
            پیوند
          </button>
          <span className="ms-auto small text-secondary align-self-center d-none d-md-inline">
            نیم‌فاصله:{' '}
            <bdi dir="ltr">
              <kbd>Shift</kbd>+<kbd>Space</kbd>
            </bdi>
          </span>
        </div>
      )}
      {linkOpen && (
        <div className="d-flex gap-2 p-2 border-bottom bg-light">
          <input
            type="url"
            dir="ltr"
            className="form-control form-control-sm"
            value={linkUrl}
            aria-label="نشانی پیوند"
            onChange={(e) => setLinkUrl(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                applyLink();
              } else if (e.key === 'Escape') setLinkOpen(false);
            }}
            autoFocus
          />
          <button type="button" className="btn btn-sm btn-primary" onClick={applyLink}>
            افزودن
          </button>
          <button type="button" className="btn btn-sm btn-outline-secondary" onClick={() => setLinkOpen(false)}>
            انصراف
          </button>
        </div>
      )}
      <div
        id={id}
        ref={ref}
        className="rte-body card-body"
        contentEditable={!readOnly}
        suppressContentEditableWarning
        role="textbox"
        aria-multiline="true"
        aria-labelledby={labelledBy}
        aria-invalid={invalid || undefined}
        aria-readonly={readOnly || undefined}
        dir="rtl"
        lang="fa"
        spellCheck
        data-testid="release-body"
        onInput={emit}
        onBlur={emit}
        onKeyDown={onKeyDown}
        onPaste={onPaste}
      />
    </div>
  );
}
