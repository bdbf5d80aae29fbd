// «بولتن»: the council's press bulletin (daily, weekly or monthly) for a chosen Jalali day, downloaded as
// PDF or XLSX or opened as the HTML e-mail it is sent as. The server builds it (docs/insight.md).
import { useState } from 'react';
import { jFormat, jToday, toLatinDigits, type JDate } from '../fa';
import { PageHeader } from '../components/ui';
import { JalaliDatePicker } from '../components/JalaliDatePicker';
import { councilName, useSession } from '../session';
import { bulletinUrl, type BulletinQuery } from './api';
import { BulletinSchedulePanel } from './BulletinSchedulePanel';

const KINDS: [BulletinQuery['period'], string][] = [
  ['day', 'روزانه'],
  ['week', 'هفتگی'],
  ['month', 'ماهانه'],
];

export function BulletinPage() {
  const s = useSession();
  const [councilId, setCouncilId] = useState<number | undefined>(s.councils[0]?.id);
  const [period, setPeriod] = useState<BulletinQuery['period']>('week');
  const [date, setDate] = useState<JDate | null>(jToday());
  const q: BulletinQuery | null = councilId
    ? { council_id: councilId, period, date: date ? toLatinDigits(jFormat(date)) : undefined }
    : null;
  return (
    <div>
      <PageHeader title="بولتن خبری" sub="اعداد اصلی با تغییر نسبت به دورهٔ پیش، خواندنی‌ها، دستگاه‌ها، هشدارها، میز مردمی و پیوست اشاره‌ها" />
      <section className="card shadow-sm border-0" data-testid="bulletin">
        <div className="card-body">
          <div className="d-flex flex-wrap align-items-end gap-3 mb-3">
            {s.councils.length > 1 && (
              <div>
                <label className="form-label small mb-1" htmlFor="bulletin-council">شورا</label>
                <select id="bulletin-council" className="form-select form-select-sm" value={councilId}
                  onChange={(e) => setCouncilId(Number(e.target.value))}>
                  {s.councils.map((c) => <option key={c.id} value={c.id}>{councilName(s, c.id)}</option>)}
                </select>
              </div>
            )}
            <div>
              <label className="form-label small mb-1" htmlFor="bulletin-period">دوره</label>
              <select id="bulletin-period" className="form-select form-select-sm" value={period} data-testid="bulletin-period"
                onChange={(e) => setPeriod(e.target.value as BulletinQuery['period'])}>
                {KINDS.map(([k, l]) => <option key={k} value={k}>{l}</option>)}
              </select>
            </div>
            <JalaliDatePicker label="روزی در دوره" value={date} onChange={setDate} testId="bulletin-date" />
          </div>
          {q ? (
            <div className="d-flex flex-wrap gap-2">
              <a className="btn btn-primary" href={bulletinUrl(q, 'pdf')} download data-testid="bulletin-pdf">دریافت PDF</a>
              <a className="btn btn-outline-primary" href={bulletinUrl(q, 'xlsx')} download data-testid="bulletin-xlsx">دریافت اکسل</a>
              <a className="btn btn-outline-secondary" href={bulletinUrl(q, 'html')} target="_blank" rel="noopener" data-testid="bulletin-html">
                نسخهٔ رایانامه
              </a>
            </div>
          ) : <p className="text-muted mb-0">شورایی برای شما نیست.</p>}
        </div>
      </section>
      {councilId ? <BulletinSchedulePanel key={councilId} councilId={councilId} /> : null}
    </div>
  );
}
