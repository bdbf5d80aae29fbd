// Alert rules of the council: when the agencies' PR managers are alerted.
import { useState } from 'react';
import { faNumber, toLatinDigits } from '../fa';
import { agencyName, useSession } from '../session';
import { Link, PageHeader, useLoad } from '../components/ui';
import { createAlertRule, deleteAlertRule, listAlertRules } from './api';
import { EditableList } from './EditableList';
import { RULE_KINDS } from './labels';
import type { AlertRule } from './types';

export function AlertRulesPage() {
  const s = useSession();
  const council = s.councils[0]?.id;
  const list = useLoad((signal) => (council ? listAlertRules(council, signal) : Promise.resolve({ items: [] as AlertRule[] })), [council]);
  const [form, setForm] = useState({ kind: 'negative_national', agency_id: '', threshold: '5', window_minutes: '60' });
  const create = async () => {
    const body: Record<string, unknown> = { council_id: council, kind: form.kind };
    if (form.agency_id) body.agency_id = Number(form.agency_id);
    if (form.kind === 'mention_burst') {
      body.threshold = Number(toLatinDigits(form.threshold));
      body.window_minutes = Number(toLatinDigits(form.window_minutes));
    }
    await createAlertRule(body);
  };
  return (
    <div>
      <PageHeader title="قاعده‌های هشدار" sub="چه وقت به مدیران روابط عمومی دستگاه‌ها هشدار داده شود">
        <Link to="/monitor/watch-terms" className="btn btn-outline-secondary btn-sm">واژه‌های پایش</Link>
      </PageHeader>
      <EditableList
        list={list}
        testId="alert-rules"
        rowTestId="alert-rule-row"
        formTestId="alert-rule-form"
        columns={['قاعده', 'دستگاه', 'آستانه']}
        cells={(r) => [
          RULE_KINDS[r.kind] ?? r.kind,
          r.agency_id ? agencyName(s, r.agency_id) : 'همهٔ دستگاه‌ها',
          r.kind === 'mention_burst' ? `${faNumber(r.threshold)} خبر در ${faNumber(r.window_minutes)} دقیقه` : '—',
        ]}
        remove={(r) => deleteAlertRule(r.id)}
        newTitle="قاعدهٔ تازه"
        create={create}
        submitClass="col-md-2"
        fields={
          <>
            <div className="col-md-3"><select className="form-select" name="kind" value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value })}>{Object.entries(RULE_KINDS).map(([k, v]) => <option key={k} value={k}>{v}</option>)}</select></div>
            <div className="col-md-3"><select className="form-select" name="agency_id" value={form.agency_id} onChange={(e) => setForm({ ...form, agency_id: e.target.value })}>
              <option value="">همهٔ دستگاه‌ها</option>
              {s.agencies.filter((a) => a.council_id === council).map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
            </select></div>
            {form.kind === 'mention_burst' && (
              <>
                <div className="col-md-2"><input className="form-control" name="threshold" aria-label="آستانه (تعداد خبر)" placeholder="تعداد خبر" value={form.threshold} onChange={(e) => setForm({ ...form, threshold: e.target.value })} /></div>
                <div className="col-md-2"><input className="form-control" name="window_minutes" aria-label="بازه (دقیقه)" placeholder="دقیقه" value={form.window_minutes} onChange={(e) => setForm({ ...form, window_minutes: e.target.value })} /></div>
              </>
            )}
          </>
        }
      />
    </div>
  );
}
