// Add or edit an occasion of the council's calendar (a Jalali month and day).
import { useState } from 'react';
import { ApiError } from '../api';
import { MONTHS, toPersianDigits } from '../fa';
import { createOccasion, updateOccasion } from './api';
import type { Occasion } from './types';
import { Dialog } from './Dialog';
import { zwnjKeyDown } from './zwnj';

export function OccasionDialog({ councilId, occasion, onClose, onSaved }: { councilId: number; occasion: Occasion | null; onClose: () => void; onSaved: () => void }) {
  const [name, setName] = useState(occasion?.name ?? '');
  const [month, setMonth] = useState(occasion?.month ?? 1);
  const [day, setDay] = useState(occasion?.day ?? 1);
  const [description, setDescription] = useState(occasion?.description ?? '');
  const [err, setErr] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const shared = occasion && occasion.council_id == null;
  const save = async () => {
    if (!name.trim()) return setErr('نام مناسبت را بنویسید.');
    setBusy(true);
    setErr(null);
    try {
      const body = { name: name.trim(), month, day, description: description.trim() };
      if (occasion) await updateOccasion(occasion.id, { version: occasion.version, ...body });
      else await createOccasion({ council_id: councilId, ...body });
      onSaved();
    } catch (e) {
      setErr(e instanceof ApiError ? e.message : 'ذخیره انجام نشد.');
      setBusy(false);
    }
  };
  return (
    <Dialog
      title={occasion ? 'ویرایش مناسبت' : 'مناسبت تازه'}
      onClose={onClose}
      testId="occasion-dialog"
      footer={
        <>
          <button type="button" className="btn btn-primary" onClick={() => void save()} disabled={busy}>
            ذخیره
          </button>
          <button type="button" className="btn btn-outline-secondary" onClick={onClose}>
            انصراف
          </button>
        </>
      }
    >
      {shared && <div className="alert alert-info small py-2">این مناسبت برای همهٔ شوراها از پیش بارگذاری شده است؛ تغییر آن برای همهٔ شوراها اعمال می‌شود.</div>}
      <div className="mb-3">
        <label htmlFor="occ-name" className="form-label">
          نام مناسبت
        </label>
        <input id="occ-name" className="form-control" value={name} onChange={(e) => setName(e.target.value)} onKeyDown={zwnjKeyDown} />
      </div>
      <div className="row g-2 mb-3">
        <div className="col-4">
          <label htmlFor="occ-day" className="form-label">
            روز
          </label>
          <select id="occ-day" className="form-select" value={day} onChange={(e) => setDay(Number(e.target.value))}>
            {Array.from({ length: month <= 6 ? 31 : 30 }, (_, i) => (
              <option key={i} value={i + 1}>
                {toPersianDigits(i + 1)}
              </option>
            ))}
          </select>
        </div>
        <div className="col-8">
          <label htmlFor="occ-month" className="form-label">
            ماه
          </label>
          <select id="occ-month" className="form-select" value={month} onChange={(e) => setMonth(Number(e.target.value))}>
            {MONTHS.map((m, i) => (
              <option key={m} value={i + 1}>
                {m}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="mb-2">
        <label htmlFor="occ-desc" className="form-label">
          توضیح
        </label>
        <textarea id="occ-desc" className="form-control" rows={2} value={description} onChange={(e) => setDescription(e.target.value)} onKeyDown={zwnjKeyDown} />
      </div>
      {err && (
        <div className="alert alert-danger py-2 mb-0" role="alert">
          {err}
        </div>
      )}
    </Dialog>
  );
}
