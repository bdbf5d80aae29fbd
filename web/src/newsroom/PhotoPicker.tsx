// Photos of a release: upload into the agency's media library or pick from it,
// each with its own caption, in order.
import { useRef, useState } from 'react';
import { ApiError } from '../api';
import { Empty, Loading, useLoad } from '../components/ui';
import { faNumber } from '../fa';
import { listMedia, mediaSrc, uploadMedia } from './api';
import type { Media, ReleasePhoto } from './types';
import { zwnjKeyDown } from './zwnj';

const MAX_BYTES = 10 * 1024 * 1024;
const TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif'];

export function PhotoPicker({
  agencyId,
  photos,
  onChange,
  readOnly,
}: {
  agencyId: number;
  photos: ReleasePhoto[];
  onChange: (p: ReleasePhoto[]) => void;
  readOnly?: boolean;
}) {
  const [open, setOpen] = useState(false);
  const setCaption = (i: number, caption: string) => onChange(photos.map((p, j) => (j === i ? { ...p, caption } : p)));
  const remove = (i: number) => onChange(photos.filter((_, j) => j !== i));
  const move = (i: number, d: number) => {
    const j = i + d;
    if (j < 0 || j >= photos.length) return;
    const next = photos.slice();
    [next[i], next[j]] = [next[j], next[i]];
    onChange(next);
  };
  const add = (m: Media) => {
    if (photos.some((p) => p.media_id === m.id)) return;
    onChange([...photos, { media_id: m.id, caption: m.caption, thumb_url: m.urls.thumb }]);
  };

  return (
    <section aria-labelledby="photos-h" className="mb-3" data-testid="photos">
      <div className="d-flex align-items-center justify-content-between mb-2">
        <h2 id="photos-h" className="h6 mb-0">
          عکس‌ها {photos.length > 0 && <span className="text-secondary">({faNumber(photos.length)})</span>}
        </h2>
        {!readOnly && (
          <button type="button" className="btn btn-sm btn-outline-primary" onClick={() => setOpen((o) => !o)} aria-expanded={open} data-testid="photo-add">
            {open ? 'بستن کتابخانهٔ رسانه' : '+ افزودن عکس'}
          </button>
        )}
      </div>
      {photos.length === 0 && !open && <div className="text-secondary small border rounded p-3 text-center">عکسی برای این خبر انتخاب نشده است.</div>}
      <ol className="list-unstyled d-grid gap-2 mb-2">
        {photos.map((p, i) => (
          <li key={p.media_id} className="d-flex gap-2 align-items-start border rounded p-2 bg-white" data-testid="photo-item">
            <img src={mediaSrc(p)} alt={p.caption || 'عکس خبر'} className="photo-thumb rounded" loading="lazy" />
            <div className="flex-grow-1">
              <label className="form-label small mb-1" htmlFor={`cap-${p.media_id}`}>
                زیرنویس عکس {faNumber(i + 1)}
              </label>
              <input
                id={`cap-${p.media_id}`}
                className="form-control form-control-sm"
                value={p.caption}
                readOnly={readOnly}
                onChange={(e) => setCaption(i, e.target.value)}
                onKeyDown={zwnjKeyDown}
                data-testid="photo-caption"
              />
            </div>
            {!readOnly && (
              <div className="btn-group-vertical btn-group-sm">
                <button type="button" className="btn btn-light" onClick={() => move(i, -1)} disabled={i === 0} aria-label="جابه‌جایی به بالا">
                  ▲
                </button>
                <button type="button" className="btn btn-light" onClick={() => move(i, 1)} disabled={i === photos.length - 1} aria-label="جابه‌جایی به پایین">
                  ▼
                </button>
                <button type="button" className="btn btn-light text-danger" onClick={() => remove(i)} aria-label="حذف عکس از خبر">
                  ✕
                </button>
              </div>
            )}
          </li>
        ))}
      </ol>
      {open && <MediaLibrary agencyId={agencyId} onPick={add} picked={photos.map((p) => p.media_id)} />}
    </section>
  );
}

function MediaLibrary({ agencyId, onPick, picked }: { agencyId: number; onPick: (m: Media) => void; picked: number[] }) {
  const { data, error, loading, reload } = useLoad((signal) => listMedia(agencyId, signal), [agencyId]);
  const [file, setFile] = useState<File | null>(null);
  const [caption, setCaption] = useState('');
  const [busy, setBusy] = useState(false);
  const [err, setErr] = useState<string | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);

  const upload = async () => {
    if (!file) return;
    setErr(null);
    if (!TYPES.includes(file.type)) return setErr('فقط عکس‌های JPEG، PNG، WebP یا GIF پذیرفته می‌شوند.');
    if (file.size > MAX_BYTES) return setErr(`حجم عکس بیش از ${faNumber(10)} مگابایت است.`);
    setBusy(true);
    try {
      const m = await uploadMedia(agencyId, file, caption.trim());
      onPick({ ...m, caption: m.caption || caption.trim() });
      setFile(null);
      setCaption('');
      if (fileRef.current) fileRef.current.value = '';
      reload();
    } catch (e) {
      setErr(e instanceof ApiError ? e.message : 'بارگذاری عکس انجام نشد.');
    } finally {
      setBusy(false);
    }
  };
  const items: Media[] = data ? data.items : [];

  return (
    <div className="card bg-light border-0 p-3" data-testid="media-library">
      <div className="row g-2 align-items-end mb-3">
        <div className="col-md-5">
          <label className="form-label small" htmlFor="media-file">
            بارگذاری عکس تازه
          </label>
          <input
            id="media-file"
            ref={fileRef}
            type="file"
            accept={TYPES.join(',')}
            className="form-control form-control-sm"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            data-testid="media-file"
          />
        </div>
        <div className="col-md-5">
          <label className="form-label small" htmlFor="media-caption">
            زیرنویس
          </label>
          <input id="media-caption" className="form-control form-control-sm" value={caption} onChange={(e) => setCaption(e.target.value)} onKeyDown={zwnjKeyDown} data-testid="media-caption" />
        </div>
        <div className="col-md-2 d-grid">
          <button type="button" className="btn btn-sm btn-primary" disabled={!file || busy} onClick={() => void upload()} data-testid="media-upload">
            {busy ? 'در حال بارگذاری…' : 'بارگذاری'}
          </button>
        </div>
        {err && (
          <div className="col-12">
            <div className="alert alert-danger py-1 px-2 small mb-0" role="alert">
              {err}
            </div>
          </div>
        )}
      </div>
      <div className="small fw-semibold mb-2">کتابخانهٔ رسانهٔ دستگاه</div>
      {error ? (
        <div className="alert alert-warning small mb-0" role="alert">
          {error instanceof ApiError && error.status === 404 ? 'کتابخانهٔ رسانه هنوز در دسترس نیست.' : error instanceof ApiError ? error.message : 'کتابخانهٔ رسانه خوانده نشد.'}
        </div>
      ) : loading ? (
        <Loading />
      ) : items.length === 0 ? (
        <Empty>هنوز عکسی بارگذاری نشده است.</Empty>
      ) : (
        <div className="media-grid">
          {items.map((m) => (
            <button
              key={m.id}
              type="button"
              className={`media-tile btn p-0 border ${picked.includes(m.id) ? 'border-primary border-2' : ''}`}
              onClick={() => onPick(m)}
              disabled={picked.includes(m.id)}
              aria-label={`انتخاب عکس: ${m.caption || 'بدون زیرنویس'}`}
              data-testid="media-tile"
            >
              <img src={mediaSrc(m)} alt="" loading="lazy" />
              <span className="small d-block text-truncate px-1">{m.caption || '—'}</span>
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
