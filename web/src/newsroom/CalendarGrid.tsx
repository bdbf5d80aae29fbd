// The calendar's month grid and week view, with the release and occasion chips.
import { Link } from '../components/ui';
import { WEEKDAYS_LONG, WEEKDAYS_SHORT, faNumber, jAddDays, jEquals, jFormatLong, jMonthCells, jToday, toPersianDigits, type JDate } from '../fa';
import { agencyName, useSession } from '../session';
import { ReleaseStatusBadge } from './parts';
import type { Occasion, Release } from './types';

/** The key of a day in the byDay map. */
export const dayKey = (d: JDate) => `${d.jy}-${d.jm}-${d.jd}`;

export interface GridProps {
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

export function MonthGrid({ focus, byDay, occasionsOn, conflicts, onDay, onOccasion }: GridProps & { focus: JDate; onDay: (d: JDate) => void }) {
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
            const rels = byDay.get(dayKey(d)) ?? [];
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

export function WeekView({ first, byDay, occasionsOn, conflicts, onOccasion }: GridProps & { first: JDate }) {
  const today = jToday();
  return (
    <div className="cal-week" data-testid="calendar-week">
      {Array.from({ length: 7 }, (_, i) => {
        const d = jAddDays(first, i);
        const rels = byDay.get(dayKey(d)) ?? [];
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
