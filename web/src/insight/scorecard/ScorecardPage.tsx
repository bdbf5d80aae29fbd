// «ارزیابی روابط عمومی»: the council's scorecard periods (a Jalali season or year), the ranked table with
// the change against the previous period, one agency's card (manual scores and evidence), closing a
// period and its PDF/XLSX. An agency's PR manager sees the periods and its own agency's card only.
import { useState } from 'react';
import { ApiError } from '../../api';
import { faDecimal, faNumber, jToday, toPersianDigits } from '../../fa';
import { ErrorAlert, Loading, PageHeader, useLoad } from '../../components/ui';
import { councilName, useSession } from '../../session';
import { AgencyCard } from './AgencyCard';
import { TemplateEditor } from './TemplateEditor';
import { closePeriod, createPeriod, exportUrl, getCard, getPeriod, listPeriods, type Card, type Period, type PeriodView } from './api';

const SEASONS = ['بهار', 'تابستان', 'پاییز', 'زمستان'];

function CreatePeriod({ councilId, onCreated }: { councilId: number; onCreated: (p: Period) => void }) {
  const today = jToday();
  const [year, setYear] = useState(today.jy);
  const [season, setSeason] = useState(Math.floor((today.jm - 1) / 3) + 1);
  const [error, setError] = useState<unknown>(null);
  const create = async () => {
    setError(null);
    try {
      onCreated(await createPeriod(councilId, season === 0 ? String(year) : `${year}-${season}`));
    } catch (e) {
      setError(e);
    }
  };
  return (
    <div className="d-flex flex-wrap align-items-end gap-2 mb-3">
      <select className="form-select form-select-sm w-auto" value={season} aria-label="فصل" data-testid="new-period-season"
        onChange={(e) => setSeason(Number(e.target.value))}>
        {SEASONS.map((s, i) => <option key={s} value={i + 1}>{s}</option>)}
        <option value={0}>کل سال</option>
      </select>
      <select className="form-select form-select-sm w-auto" value={year} aria-label="سال" onChange={(e) => setYear(Number(e.target.value))}>
        {[today.jy - 1, today.jy, today.jy + 1].map((y) => <option key={y} value={y}>{toPersianDigits(y)}</option>)}
      </select>
      <button type="button" className="btn btn-sm btn-primary" onClick={create} data-testid="new-period">دورهٔ تازه</button>
      {error instanceof ApiError && <span className="text-danger small">{error.message}</span>}
    </div>
  );
}

function RankedTable({ agencies, onOpen }: { agencies: Card[]; onOpen: (id: number) => void }) {
  return (
    <table className="table table-sm table-hover" data-testid="scorecard-ranking">
      <thead>
        <tr><th>رتبه</th><th>دستگاه</th><th>امتیاز</th><th>از</th><th>دورهٔ پیش</th><th>تغییر</th></tr>
      </thead>
      <tbody>
        {agencies.map((a) => (
          <tr key={a.agency_id}>
            <td>{faNumber(a.rank)}</td>
            <td><button type="button" className="btn btn-link btn-sm p-0" onClick={() => onOpen(a.agency_id)}>{a.agency_name}</button></td>
            <td>{faDecimal(a.total)}</td>
            <td>{faDecimal(a.max_total)}</td>
            <td>{a.previous_total === null ? '—' : faDecimal(a.previous_total)}</td>
            <td>{a.delta === null ? '—' : faDecimal(a.delta)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function PeriodPanel({ period, councilReader, canScore, ownAgency, managed, onClosed }: {
  period: Period; councilReader: boolean; canScore: boolean; ownAgency?: number; managed: number[]; onClosed: () => void;
}) {
  const [agencyId, setAgencyId] = useState<number | undefined>(councilReader ? undefined : ownAgency);
  const view = useLoad<PeriodView | null>(() => (councilReader ? getPeriod(period.id) : Promise.resolve(null)), [period.id, councilReader]);
  const card = useLoad<Card | null>(() => (agencyId ? getCard(period.id, agencyId) : Promise.resolve(null)), [period.id, agencyId]);
  const [error, setError] = useState<unknown>(null);
  const close = async () => {
    if (!window.confirm('دوره بسته شود؟ پس از بستن، امتیازها ثابت می‌مانند و تغییر نمی‌پذیرند.')) return;
    try {
      await closePeriod(period.id);
      onClosed();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <div>
      <div className="d-flex flex-wrap gap-2 align-items-center mb-2">
        <strong>{period.label}</strong>
        <span className={`badge ${period.status === 'closed' ? 'bg-secondary' : 'bg-success'}`} data-testid="period-status">
          {period.status === 'closed' ? 'بسته' : 'باز'}
        </span>
        {period.status === 'open' && canScore && (
          <button type="button" className="btn btn-sm btn-outline-danger" onClick={close} data-testid="close-period">بستن دوره</button>
        )}
        {period.status === 'closed' && councilReader && (
          <>
            <a className="btn btn-sm btn-primary" href={exportUrl(period.id, 'pdf')} download data-testid="scorecard-pdf">دریافت PDF</a>
            <a className="btn btn-sm btn-outline-primary" href={exportUrl(period.id, 'xlsx')} download data-testid="scorecard-xlsx">دریافت اکسل</a>
          </>
        )}
      </div>
      {error ? <ErrorAlert error={error} /> : null}
      {view.error ? <ErrorAlert error={view.error} /> : null}
      {view.loading && councilReader ? <Loading /> : null}
      {view.data && <RankedTable agencies={view.data.agencies} onOpen={setAgencyId} />}
      {card.error ? <ErrorAlert error={card.error} /> : null}
      {card.data && (
        <AgencyCard period={period} card={card.data} canScore={canScore}
          canUpload={canScore || managed.includes(card.data.agency_id)} onChange={(c) => { card.setData(c); view.reload(); }} />
      )}
    </div>
  );
}

export function ScorecardPage() {
  const s = useSession();
  // Agency staff may not list councils: their agency's council.
  const [councilId, setCouncilId] = useState<number | undefined>(
    s.councils[0]?.id ?? s.agencies.find((a) => s.caps.managedAgencies.includes(a.id))?.council_id,
  );
  const [tab, setTab] = useState<'periods' | 'template'>('periods');
  const [selected, setSelected] = useState<number | undefined>();
  const councilReader = !!councilId && (s.caps.isSystemAdmin || s.caps.readCouncils.includes(councilId));
  const canScore = !!councilId && (s.caps.isSystemAdmin || s.caps.committeeCouncils.includes(councilId));
  const periods = useLoad<{ items: Period[] }>(() => (councilId ? listPeriods(councilId) : Promise.resolve({ items: [] })), [councilId]);
  const period = periods.data?.items.find((p) => p.id === selected) ?? periods.data?.items[0];
  const ownAgency = s.caps.managedAgencies.find((id) => s.agencies.some((a) => a.id === id && a.council_id === councilId));
  return (
    <div>
      <PageHeader title="ارزیابی عملکرد روابط عمومی" sub="امتیاز دستگاه‌ها در هر فصل یا سال از داده‌های پل و مستندهای دستگاه‌ها" />
      {s.councils.length > 1 && (
        <select className="form-select form-select-sm w-auto mb-2" value={councilId} aria-label="شورا"
          onChange={(e) => { setCouncilId(Number(e.target.value)); setSelected(undefined); }}>
          {s.councils.map((c) => <option key={c.id} value={c.id}>{councilName(s, c.id)}</option>)}
        </select>
      )}
      {councilReader && (
        <ul className="nav nav-tabs mb-3">
          <li className="nav-item"><button type="button" className={`nav-link ${tab === 'periods' ? 'active' : ''}`} onClick={() => setTab('periods')}>دوره‌ها</button></li>
          <li className="nav-item"><button type="button" className={`nav-link ${tab === 'template' ? 'active' : ''}`} onClick={() => setTab('template')} data-testid="tab-template">الگوی ارزیابی</button></li>
        </ul>
      )}
      {tab === 'template' && councilId ? <TemplateEditor councilId={councilId} canEdit={canScore} /> : (
        <section className="card shadow-sm border-0" data-testid="scorecard">
          <div className="card-body">
            {canScore && councilId && <CreatePeriod councilId={councilId} onCreated={(p) => { setSelected(p.id); periods.reload(); }} />}
            {periods.error ? <ErrorAlert error={periods.error} /> : null}
            {periods.data && periods.data.items.length === 0 && <p className="text-muted">هنوز دوره‌ای ساخته نشده است.</p>}
            {periods.data && periods.data.items.length > 0 && (
              <div className="d-flex flex-wrap gap-1 mb-3" data-testid="scorecard-periods">
                {periods.data.items.map((p) => (
                  <button key={p.id} type="button" onClick={() => setSelected(p.id)}
                    className={`btn btn-sm ${p.id === period?.id ? 'btn-secondary' : 'btn-outline-secondary'}`}>
                    {p.label}{p.status === 'closed' ? ' (بسته)' : ''}
                  </button>
                ))}
              </div>
            )}
            {period && (
              <PeriodPanel key={`${period.id}-${period.status}`} period={period} councilReader={councilReader} canScore={canScore}
                ownAgency={ownAgency} managed={s.caps.managedAgencies} onClosed={periods.reload} />
            )}
          </div>
        </section>
      )}
    </div>
  );
}
