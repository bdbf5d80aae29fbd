// The council's editorial calendar: Jalali month and week views with the
// releases planned or published each day, the occasions, and a flag where two
// agencies plan releases on the same subject the same day.
import { useMemo, useState } from 'react';
import { ApiError } from '../api';
import { ErrorAlert, Loading, PageHeader, useLoad } from '../components/ui';
import { MONTHS, dateToJ, faNumber, jAddDays, jAddMonths, jFormatLong, jMonthLength, jStartMs, jToday, jWeekColumn, toPersianDigits, type JDate } from '../fa';
import { councilName, useSession } from '../session';
import { calendar, listOccasions, listReleases, type CalendarResponse } from './api';
import { findConflicts } from './conflicts';
import { releaseDay } from './parts';
import type { Occasion, Release } from './types';
import { MonthGrid, WeekView, dayKey } from './CalendarGrid';
import { OccasionDialog } from './OccasionDialog';

type View = 'month' | 'week';

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
  // A PR manager sees the calendar of the council their agency belongs to.
  const councils = s.caps.isSystemAdmin
    ? s.councils.map((c) => c.id)
    : [...new Set([...s.caps.readCouncils, ...s.agencies.filter((a) => s.caps.managedAgencies.includes(a.id)).map((a) => a.council_id)])];
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
      const k = dayKey(dateToJ(new Date(t)));
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
