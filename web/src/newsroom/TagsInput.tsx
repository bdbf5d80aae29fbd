// Tags as removable chips; Enter, comma or Persian comma adds one. Read-only, there is no text field for
// a <label> to name: the chips are a group named by the element whose id is `labelId`.
import { useState } from 'react';
import { insertZwnj, isZwnjKey } from './zwnj';

export function TagsInput({
  id,
  labelId,
  value,
  onChange,
  readOnly,
}: {
  id: string;
  labelId: string;
  value: string[];
  onChange: (t: string[]) => void;
  readOnly?: boolean;
}) {
  const [text, setText] = useState('');
  const add = (raw: string) => {
    const t = raw.replace(/^#/, '').trim();
    if (!t || value.includes(t)) return setText('');
    onChange([...value, t]);
    setText('');
  };
  return (
    <div
      className={`form-control d-flex flex-wrap gap-1 tags-input ${readOnly ? 'bg-body-tertiary' : ''}`}
      role={readOnly ? 'group' : undefined}
      aria-labelledby={readOnly ? labelId : undefined}
      data-testid="release-tags"
    >
      {value.map((t) => (
        <span key={t} className="badge rounded-pill text-bg-light border d-inline-flex align-items-center gap-1">
          #{t}
          {!readOnly && (
            <button type="button" className="btn-close btn-close-sm" style={{ fontSize: '0.55rem' }} aria-label={`حذف برچسب ${t}`} onClick={() => onChange(value.filter((x) => x !== t))} />
          )}
        </span>
      ))}
      {!readOnly && (
        <input
          id={id}
          className="border-0 flex-grow-1 tags-text"
          value={text}
          placeholder={value.length ? '' : 'برچسب را بنویسید و Enter بزنید'}
          onChange={(e) => {
            const v = e.target.value;
            if (/[,،]$/.test(v)) add(v.slice(0, -1));
            else setText(v);
          }}
          onKeyDown={(e) => {
            if (isZwnjKey(e)) {
              e.preventDefault();
              insertZwnj();
            } else if (e.key === 'Enter') {
              e.preventDefault();
              add(text);
            } else if (e.key === 'Backspace' && !text && value.length) onChange(value.slice(0, -1));
          }}
          onBlur={() => text.trim() && add(text)}
        />
      )}
    </div>
  );
}
