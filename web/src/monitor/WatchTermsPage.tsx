// Watch terms of one agency: what the mention matcher looks for.
import { useState } from 'react';
import { faDateTime } from '../fa';
import { useSession } from '../session';
import { Link, PageHeader, useLoad } from '../components/ui';
import { createWatchTerm, deleteWatchTerm, listWatchTerms } from './api';
import { EditableList } from './EditableList';
import { TERM_KINDS } from './labels';
import type { WatchTerm } from './types';

export function WatchTermsPage() {
  const s = useSession();
  const [agency, setAgency] = useState<number | undefined>(s.agencies[0]?.id);
  const list = useLoad((signal) => (agency ? listWatchTerms(agency, signal) : Promise.resolve({ items: [] as WatchTerm[] })), [agency]);
  const [form, setForm] = useState({ kind: 'name', term: '' });
  return (
    <div>
      <PageHeader title="واژه‌های پایش" sub="نام‌ها، مقام‌ها و برنامه‌هایی که در خبرها برای هر دستگاه جست‌وجو می‌شوند">
        <Link to="/monitor/alert-rules" className="btn btn-outline-secondary btn-sm">قاعده‌های هشدار</Link>
      </PageHeader>
      <div className="mb-3" style={{ maxWidth: 360 }}>
        <label className="form-label" htmlFor="wt-agency">دستگاه</label>
        <select id="wt-agency" className="form-select" data-testid="watch-agency" value={agency ?? ''} onChange={(e) => setAgency(Number(e.target.value))}>
          {s.agencies.map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
        </select>
      </div>
      <EditableList
        list={list}
        testId="watch-terms"
        rowTestId="watch-term-row"
        formTestId="watch-term-form"
        columns={['واژه', 'گونه', 'افزوده در']}
        cells={(w) => [w.term, TERM_KINDS[w.kind] ?? w.kind, faDateTime(w.created_at)]}
        remove={(w) => deleteWatchTerm(w.id)}
        newTitle="واژهٔ تازه"
        create={async () => {
          await createWatchTerm(agency, form);
          setForm({ kind: form.kind, term: '' });
        }}
        submitClass="col-md-3"
        fields={
          <>
            <div className="col-md-6"><input className="form-control" name="term" placeholder="مثلاً «تأمین اجتماعی»" value={form.term} onChange={(e) => setForm({ ...form, term: e.target.value })} /></div>
            <div className="col-md-3"><select className="form-select" name="kind" value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value })}>{Object.entries(TERM_KINDS).map(([k, v]) => <option key={k} value={k}>{v}</option>)}</select></div>
          </>
        }
      />
    </div>
  );
}
