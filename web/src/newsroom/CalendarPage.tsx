// The council's editorial calendar: Jalali month and week views with the
// releases planned or published each day, the occasions, and a flag where two
// agencies plan releases on the same subject the same day.
import { useMemo, useState } from 'react';
import { ApiError } from '../api';
import { ErrorAlert, Link, Loading, PageHeader, useLoad } from '../components/ui';
import {
  MONTHS,
  WEEKDAYS_LONG,
  WEEKDAYS_SHORT,
  dateToJ,
  faNumber,
  jAddDays,
  jAddMonths,
  jEquals,
  jFormatLong,
  jMonthCells,
  jMonthLength,
  jStartMs,
  jToday,
  jWeekColumn,
  toPersianDigits,
  type JDate,
} from '../fa';
import { agencyName, councilName, useSession } from '../session';
import { calendar, createOccasion, listOccasions, listReleases, updateOccasion, type CalendarResponse } from './api';
import { findConflicts } from './conflicts';
import { ReleaseStatusBadge, releaseDay } from './parts';
import type { Occasion, Release } from './types';
import { Dialog } from './Dialog';
import { zwnjKeyDown } from './zwnj';

type View = 'month' | 'week';
const key = (d: JDate) => `${d.jy}-${d.jm}-${d.jd}`;

async function loadCalendar(councilId: number, from: number, to: number, signal: AbortSignal): Promise<CalendarResponse> {
  try {
    return await calendar({ council_id: councilId, from, to }, signal);
  } catch (e) {
    if (!(e instanceof ApiError && e.status === 404 && e.code === 'not_found')) throw e;
    // No calendar route: build it from the release list and the occasions.
    const [rel, occ] = await Promise.all([
      listReleases({ council_id: councilId, from, to, per_page: 200 }, signal),
      listOccasions({ council_id: councilId }, signal).catch(() => ({ items: [] as Occasion[] })),
    ]);
    return { releases: rel.items.filter((r) => r.status !== 'withdrawn' && releaseDay(r)), occasions: occ.items };
  }
}

export function CalendarPage() {
  const s = useSession();
  const councils = s.caps.isSystemAdmin ? s.councils.map((c) => c.id) : s.caps.readCouncils;
  const [councilId, setCouncilId] = useState(councils[0] ?? 0);
  const [view, setView] = useState<View>('month');
  const [focus, setFocus] = useState<JDate>(jToday());
  const [editing, setEditing] = useState<Occasion | 'new' | null>(null);

  // The visible range: the month, or the Saturday-first week around the focused day.
  const range = useMemo(() => {
    if (view === 'month') {
      const first = { jy: focus.jy, jm: focus.jm, jd: 1 };
      return { first, days: jMonthLength(focus.jy, focus.jm) };
    }
    return { first: jAddDays(focus, -jWeekColumn(focus)), days: 7 };
  }, [view, focus]);
  const from = jStartMs(range.first);
  const to = jStartMs(jAddDays(range.first, range.days));
  const { data, error, loading, reload } = useLoad((signal) => loadCalendar(councilId, from, to, signal), [councilId, from, to]);

  const byDay = useMemo(() => {
    const m = new Map<string, Release[]>();
    for (const r of data?.releases ?? []) {
      const t = releaseDay(r);
      if (!t) continue;
      const k = key(dateToJ(new Date(t)));
      m.set(k, [...(m.get(k) ?? []), r]);
    }
    return m;
  }, [data]);
  const conflicts = useMemo(() => {
    const m = new Map<number, string[]>();
    for (const list of byDay.values()) for (const [id, why] of findConflicts(list)) m.set(id, why);
    for (const c of data?.conflicts ?? [])
      for (const id of c.release_ids) {
        const why = c.shared_terms?.length ? `واژه‌های مشترک: ${c.shared_terms.join('، ')}` : 'تیترهای هم‌موضوع';
        const cur = m.get(id) ?? [];
        if (!cur.includes(why)) m.set(id, [...cur, why]);
      }
    return m;
  }, [byDay, data]);
  const occasionsOn = (d: JDate) => (data?.occasions ?? []).filter((o) => (o.calendar || 'solar') === 'solar' && o.month === d.jm && o.day === d.jd);

  const step = (n: number) => setFocus(view === 'month' ? jAddMonths(focus, n) : jAddDays(focus, 7 * n));
  const title =
    view === 'month'
      ? `${MONTHS[focus.jm - 1]} ${toPersianDigits(focus.jy)}`
      : `هفتهٔ ${jFormatLong(range.first)} تا ${jFormatLong(jAddDays(range.first, 6))}`;
  const canEditOcc = s.caps.canEditOccasions(councilId);
  const conflictCount = conflicts.size;

  return (
    <div data-testid="calendar-page">
      <PageHeader title="تقویم انتشار شورا" sub={councilName(s, councilId)}>
        {canEditOcc && (
          <button type="button" className="btn btn-outline-primary btn-sm" onClick={() => setEditing('new')} data-testid="occasion-new">
            + مناسبت
          </button>
        )}
      </PageHeader>
      <div className="d-flex flex-wrap gap-2 align-items-center mb-3">
        {councils.length > 1 && (
          <select className="form-select form-select-sm w-auto" value={councilId} onChange={(e) => setCouncilId(Number(e.target.value))} aria-label="شورا">
            {councils.map((id) => (
              <option key={id} value={id}>
                {councilName(s, id)}
              </option>
            ))}
          </select>
        )}
        <div className="btn-group btn-group-sm" role="group" aria-label="نما">
          <button type="button" className={`btn ${view === 'month' ? 'btn-primary' : 'btn-outline-primary'}`} onClick={() => setView('month')} aria-pressed={view === 'month'} data-testid="view-month">
            ماه
          </button>
          <button type="button" className={`btn ${view === 'week' ? 'btn-primary' : 'btn-outline-primary'}`} onClick={() => setView('week')} aria-pressed={view === 'week'} data-testid="view-week">
            هفته
          </button>
        </div>
        <div className="btn-group btn-group-sm">
          <button type="button" className="btn btn-light border" onClick={() => step(-1)} aria-label={view === 'month' ? 'ماه قبل' : 'هفتهٔ قبل'}>
            ›
          </button>
          <button type="button" className="btn btn-light border" onClick={() => setFocus(jToday())}>
            امروز
          </button>
          <button type="button" className="btn btn-light border" onClick={() => step(1)} aria-label={view === 'month' ? 'ماه بعد' : 'هفتهٔ بعد'}>
            ‹
          </button>
        </div>
        <h2 className="h5 mb-0 ms-2" aria-live="polite" data-testid="calendar-title">
          {title}
        </h2>
        {conflictCount > 0 && (
          <span className="badge text-bg-danger ms-auto" data-testid="conflict-count">
            ⚠ {faNumber(conflictCount)} خبر هم‌موضوع در یک روز
          </span>
        )}
      </div>
      {error ? (
        <ErrorAlert error={error} onRetry={reload} />
      ) : loading && !data ? (
        <Loading />
      ) : view === 'month' ? (
        <MonthGrid focus={focus} byDay={byDay} occasionsOn={occasionsOn} conflicts={conflicts} onDay={(d) => { setFocus(d); setView('week'); }} onOccasion={canEditOcc ? setEditing : undefined} />
      ) : (
        <WeekView first={range.first} byDay={byDay} occasionsOn={occasionsOn} conflicts={conflicts} onOccasion={canEditOcc ? setEditing : undefined} />
      )}
      <div className="small text-secondary mt-2 d-flex flex-wrap gap-3">
        <span>
          <span className="cal-legend cal-occ" /> مناسبت
        </span>
        <span>
          <span className="cal-legend cal-conflict" /> دو دستگاه، یک موضوع، یک روز
        </span>
        <span className="text-danger">جمعه: تعطیل</span>
      </div>
      {editing && <OccasionDialog councilId={councilId} occasion={editing === 'new' ? null : editing} onClose={() => setEditing(null)} onSaved={() => { setEditing(null); reload(); }} />}
    </div>
  );
}

interface GridProps {
  byDay: Map<string, Release[]>;
  occasionsOn: (d: JDate) => Occasion[];
  conflicts: Map<number, string[]>;
  onOccasion?: (o: Occasion) => void;
}

function ReleaseChip({ r, conflict, full }: { r: Release; conflict?: string[]; full?: boolean }) {
  const s = useSession();
  return (
    <Link
      to={`/newsroom/${r.id}`}
      className={`cal-rel d-block text-decoration-none ${conflict ? 'cal-rel-conflict' : ''} cal-st-${r.status}`}
      title={`${agencyName(s, r.agency_id)}: ${r.title}${conflict ? ` — ${conflict.join('، ')}` : ''}`}
      data-testid="cal-release"
      data-conflict={conflict ? 'true' : undefined}
    >
      <span className="cal-rel-title">
        {conflict && <span aria-label="هم‌موضوع با خبر دستگاه دیگر">⚠ </span>}
        {r.title}
      </span>
      <span className="cal-rel-agency">{agencyName(s, r.agency_id)}</span>
      {full && (
        <div className="mt-1 d-flex flex-wrap gap-1 align-items-center">
          <ReleaseStatusBadge status={r.status} />
          {conflict && <span className="small text-danger">{conflict.join('، ')}</span>}
        </div>
      )}
    </Link>
  );
}

function OccasionChip({ o, onEdit: edit }: { o: Occasion; onEdit?: (o: Occasion) => void }) {
  const s = useSession();
  // Shared occasions (preloaded for every council) are the system admin's to change.
  const onEdit = edit && (o.council_id != null || s.caps.isSystemAdmin) ? edit : undefined;
  const body = (
    <>
      ★ {o.name}
    </>
  );
  return onEdit ? (
    <button type="button" className="cal-occ-chip btn btn-link p-0 text-start" title={o.description || o.name} onClick={() => onEdit(o)} data-testid="cal-occasion">
      {body}
    </button>
  ) : (
    <div className="cal-occ-chip" title={o.description || o.name} data-testid="cal-occasion">
      {body}
    </div>
  );
}

function MonthGrid({ focus, byDay, occasionsOn, conflicts, onDay, onOccasion }: GridProps & { focus: JDate; onDay: (d: JDate) => void }) {
  const cells = jMonthCells(focus.jy, focus.jm);
  const today = jToday();
  return (
    <div className="cal-month card border-0 shadow-sm" role="grid" aria-label="تقویم ماه" data-testid="calendar-month">
      <div className="cal-row cal-head" role="row">
        {WEEKDAYS_LONG.map((w, i) => (
          <div key={w} role="columnheader" aria-label={w} className={`cal-wd ${i === 6 ? 'text-danger' : ''}`}>
            <span className="d-none d-md-inline" aria-hidden="true">
              {w}
            </span>
            <span className="d-md-none" aria-hidden="true">
              {WEEKDAYS_SHORT[i]}
            </span>
          </div>
        ))}
      </div>
      {Array.from({ length: cells.length / 7 }, (_, wi) => (
        <div className="cal-row" role="row" key={wi}>
          {cells.slice(wi * 7, wi * 7 + 7).map((d, i) => {
            if (!d) return <div key={i} role="gridcell" className="cal-cell cal-blank" />;
            const rels = byDay.get(key(d)) ?? [];
            const occ = occasionsOn(d);
            const hasConflict = rels.some((r) => conflicts.has(r.id));
            return (
              <div key={i} role="gridcell" className={`cal-cell ${i === 6 ? 'cal-fri' : ''} ${jEquals(d, today) ? 'cal-today' : ''} ${hasConflict ? 'cal-day-conflict' : ''}`} data-testid="cal-day" data-day={d.jd}>
                <button type="button" className="cal-daynum btn btn-link p-0" onClick={() => onDay(d)} aria-label={`${jFormatLong(d)}، نمای هفته`}>
                  {toPersianDigits(d.jd)}
                </button>
                {occ.map((o) => (
                  <OccasionChip key={o.id} o={o} onEdit={onOccasion} />
                ))}
                {rels.slice(0, 3).map((r) => (
                  <ReleaseChip key={r.id} r={r} conflict={conflicts.get(r.id)} />
                ))}
                {rels.length > 3 && (
                  <button type="button" className="btn btn-link btn-sm p-0 small" onClick={() => onDay(d)}>
                    و {faNumber(rels.length - 3)} خبر دیگر
                  </button>
                )}
              </div>
            );
          })}
        </div>
      ))}
    </div>
  );
}

function WeekView({ first, byDay, occasionsOn, conflicts, onOccasion }: GridProps & { first: JDate }) {
  const today = jToday();
  return (
    <div className="cal-week" data-testid="calendar-week">
      {Array.from({ length: 7 }, (_, i) => {
        const d = jAddDays(first, i);
        const rels = byDay.get(key(d)) ?? [];
        return (
          <section key={i} className={`card border-0 shadow-sm cal-week-day ${jEquals(d, today) ? 'cal-today' : ''}`} data-testid="cal-day" data-day={d.jd}>
            <div className={`card-header py-2 small fw-semibold ${i === 6 ? 'text-danger' : ''}`}>
              {WEEKDAYS_LONG[i]} {jFormatLong(d)}
            </div>
            <div className="card-body p-2 d-grid gap-1 align-content-start">
              {occasionsOn(d).map((o) => (
                <OccasionChip key={o.id} o={o} onEdit={onOccasion} />
              ))}
              {rels.map((r) => (
                <ReleaseChip key={r.id} r={r} conflict={conflicts.get(r.id)} full />
              ))}
              {rels.length === 0 && occasionsOn(d).length === 0 && <div className="small text-secondary">—</div>}
            </div>
          </section>
        );
      })}
    </div>
  );
}

function OccasionDialog({ councilId, occasion, onClose, onSaved }: { councilId: number; occasion: Occasion | null; onClose: () => void; onSaved: () => void }) {
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
