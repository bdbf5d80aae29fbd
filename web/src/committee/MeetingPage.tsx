// A meeting: agenda (opening with the review of open decisions), RSVP, attendance and quorum, state
// changes, and its decisions. The secretary edits; members answer the invitation.
import { useState } from 'react';
import { get } from '../api';
import { faNumber, jFormat, type JDate } from '../fa';
import { JalaliDatePicker } from '../components/JalaliDatePicker';
import { ErrorAlert, Field, Link, Loading, PageHeader, useFormError, useLoad } from '../components/ui';
import { FormErrors } from '../components/parts';
import type { Page } from '../types';
import { addAgendaItem, createDecision, getCommittee, getMeeting, listDecisions, rsvp, setAttendance, transition } from './api';
import { ATTENDANCE, DECISION_STATUS, MEETING_STATUS, RSVP } from './labels';
import { InvitationsPanel } from './InvitationsPanel';
import { MinutesPanel } from './MinutesPanel';

export function MeetingPage({ id, canAdmin, userId }: { id: number; canAdmin: boolean; userId: number }) {
  const { data, error, loading, reload } = useLoad(async (signal) => {
    const m = await getMeeting(id, signal);
    const [c, decisions, agencies] = await Promise.all([
      getCommittee(m.committee_id, signal),
      listDecisions({ meeting_id: id, per_page: 200 }, signal),
      get<Page<{ id: number; name: string; council_id: number }>>('/agencies', { per_page: 200 }, signal),
    ]);
    return { m, c, decisions: decisions.items, agencies: agencies.items };
  }, [id]);
  const fe = useFormError(['text', 'deadline', 'owner_agency_id', 'title']);
  const [marks, setMarks] = useState<Record<number, string>>({});
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');
  const [owner, setOwner] = useState('');
  const [deadline, setDeadline] = useState<JDate | null>(null);
  const [majority, setMajority] = useState('');
  if (error) return <ErrorAlert error={error} onRetry={reload} />;
  if (loading || !data) return <Loading />;
  const { m, c } = data;
  const runs = canAdmin || c.my_role === 'secretary';
  const act = async (f: () => Promise<unknown>) => {
    try {
      fe.setError(null);
      await f();
      reload();
    } catch (err) {
      fe.capture(err);
    }
  };
  const current = c.members.filter((x) => !x.left_at);
  const statusOf = (mid: number) => marks[mid] ?? m.attendance.find((a) => a.member_id === mid)?.status ?? '';
  return (
    <>
      <PageHeader title={`جلسهٔ شمارهٔ ${faNumber(m.number)} — ${c.name}`} sub={`${m.starts_jalali} · ${MEETING_STATUS[m.status]}${m.place ? ` · ${m.place}` : ''}`}>
        {runs && m.status === 'draft' && <button className="btn btn-primary" data-testid="schedule" onClick={() => act(() => transition(id, 'schedule', m.version))}>قطعی کردن و دعوت</button>}
        {runs && m.status === 'scheduled' && <button className="btn btn-primary" data-testid="hold" onClick={() => act(() => transition(id, 'hold', m.version))}>ثبت برگزاری</button>}
        {runs && (m.status === 'draft' || m.status === 'scheduled') && <button className="btn btn-outline-danger" onClick={() => act(() => transition(id, 'cancel', m.version))}>لغو</button>}
      </PageHeader>
      <FormErrors fe={fe} />
      {m.warnings.length > 0 && <div className="alert alert-warning" data-testid="warnings">{m.warnings.map((w) => <div key={w}>{w}</div>)}</div>}
      {c.my_role && m.status === 'scheduled' && (
        <div className="card card-body mb-3" data-testid="rsvp">
          <div className="mb-2" data-testid="my-rsvp">پاسخ شما به دعوت: {RSVP[m.attendance.find((a) => a.member_id === current.find((x) => x.user_id === userId)?.id)?.rsvp ?? '']}</div>
          <div className="d-flex gap-2">
            <button className="btn btn-success btn-sm" data-testid="rsvp-yes" onClick={() => act(() => rsvp(id, 'yes'))}>می‌آیم</button>
            <button className="btn btn-outline-secondary btn-sm" data-testid="rsvp-no" onClick={() => act(() => rsvp(id, 'no'))}>نمی‌آیم</button>
          </div>
        </div>
      )}
      <div className="row g-4">
        <div className="col-lg-6">
          <h2 className="h6">دستور جلسه</h2>
          <ol className="list-group list-group-numbered mb-3" data-testid="agenda">
            {m.agenda.map((a) => (
              <li key={a.id} className="list-group-item">
                {a.title}{a.duration_min ? ` (${faNumber(a.duration_min)} دقیقه)` : ''}
                {a.is_review && (
                  <ul className="small mt-2 mb-0" data-testid="review">
                    {m.review.length === 0 && <li>مصوبهٔ باز سررسیده‌ای نیست.</li>}
                    {m.review.map((d) => (
                      <li key={d.id}><Link to={`/committee/decisions/${d.id}`}>{d.text}</Link> — مهلت {d.deadline_jalali}{d.overdue ? ' (دیرکرد)' : ''}</li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ol>
          {runs && (m.status === 'draft' || m.status === 'scheduled') && (
            <form className="d-flex gap-2 mb-3" onSubmit={(e) => { e.preventDefault(); act(() => addAgendaItem(id, { title })).then(() => setTitle('')); }}>
              <input className="form-control" placeholder="بند تازه" value={title} onChange={(e) => setTitle(e.target.value)} data-testid="agenda-title" />
              <button className="btn btn-outline-primary" disabled={!title.trim()}>افزودن</button>
            </form>
          )}
        </div>
        <div className="col-lg-6">
          <h2 className="h6">حضور و غیاب</h2>
          <div className={`alert ${m.quorum.reached ? 'alert-success' : 'alert-secondary'} py-2`} data-testid="quorum">
            حد نصاب: {faNumber(m.quorum.voting_present)} از {faNumber(m.quorum.voting_members)} عضو دارای رأی حاضرند (لازم: {faNumber(m.quorum.needed)}) — {m.quorum.reached ? 'رسمی است' : 'به حد نصاب نرسیده'}
          </div>
          <table className="table bg-white" data-testid="attendance">
            <thead><tr><th>عضو</th><th>پاسخ دعوت</th><th>حضور</th></tr></thead>
            <tbody>
              {current.map((x) => (
                <tr key={x.id}>
                  <td>{x.user_name}</td>
                  <td>{RSVP[m.attendance.find((a) => a.member_id === x.id)?.rsvp ?? '']}</td>
                  <td>
                    {runs && (m.status === 'scheduled' || m.status === 'held') ? (
                      <select className="form-select form-select-sm" value={statusOf(x.id)} data-testid={`att-${x.id}`} onChange={(e) => setMarks({ ...marks, [x.id]: e.target.value })}>
                        <option value="">—</option>
                        {Object.entries(ATTENDANCE).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
                      </select>
                    ) : (ATTENDANCE[statusOf(x.id)] ?? '—')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {runs && Object.keys(marks).length > 0 && (
            <button className="btn btn-primary btn-sm" data-testid="save-attendance"
              onClick={() => act(() => setAttendance(id, Object.entries(marks).filter(([, s]) => s).map(([mid, s]) => ({ member_id: Number(mid), status: s, ...(s === 'delegated' ? { delegate_name: 'نماینده' } : {}) })))).then(() => setMarks({}))}>
              ثبت حضور و غیاب
            </button>
          )}
        </div>
      </div>
      {runs && m.status !== 'draft' && <InvitationsPanel meetingId={id} members={c.members} />}
      <h2 className="h6 mt-4">مصوبه‌ها</h2>
      <table className="table bg-white" data-testid="decisions">
        <thead><tr><th>متن</th><th>مسئول</th><th>مهلت</th><th>وضعیت</th><th>رأی</th></tr></thead>
        <tbody>
          {data.decisions.map((d) => (
            <tr key={d.id}>
              <td><Link to={`/committee/decisions/${d.id}`}>{d.text}</Link></td>
              <td>{data.agencies.find((a) => a.id === d.owner_agency_id)?.name}</td>
              <td>{d.deadline_jalali} ({faNumber(d.working_days_left)} روز کاری)</td>
              <td>{d.overdue ? 'دیرکرد' : DECISION_STATUS[d.status]}</td>
              <td className="small">{d.vote_result || '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {runs && m.status === 'held' && (
        <form className="card card-body" data-testid="new-decision" onSubmit={(e) => {
          e.preventDefault();
          act(() => createDecision(id, { text, deadline: deadline ? jFormat(deadline) : '', ...(owner ? { owner_agency_id: Number(owner) } : {}), ...(majority ? { majority } : {}) })).then(() => setText(''));
        }}>
          <h3 className="h6">مصوبهٔ تازه</h3>
          <Field label="متن مصوبه" error={fe.fieldError('text')}>
            {(p) => <textarea {...p} className="form-control" value={text} onChange={(e) => setText(e.target.value)} data-testid="decision-text" />}
          </Field>
          <Field label="دستگاه مسئول" error={fe.fieldError('owner_agency_id')}>
            {(p) => (
              <select {...p} className="form-select" value={owner} onChange={(e) => setOwner(e.target.value)} data-testid="decision-owner">
                <option value="">انتخاب کنید</option>
                {data.agencies.filter((a) => a.council_id === c.council_id).map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
              </select>
            )}
          </Field>
          <JalaliDatePicker label="مهلت" value={deadline} onChange={setDeadline} testId="decision-deadline" />
          {fe.fieldError('deadline') && <div className="invalid-feedback d-block">{fe.fieldError('deadline')}</div>}
          <Field label="رأی‌گیری">
            {(p) => (
              <select {...p} className="form-select" value={majority} onChange={(e) => setMajority(e.target.value)} data-testid="decision-majority">
                <option value="">بدون رأی‌گیری</option>
                <option value="simple">اکثریت ساده</option>
                <option value="two_thirds">اکثریت دوسوم</option>
                <option value="unanimous">اتفاق آرا</option>
              </select>
            )}
          </Field>
          <button className="btn btn-primary" data-testid="create-decision">ثبت مصوبه</button>
        </form>
      )}
      {(m.status === 'held' || m.status === 'minutes_review' || m.status === 'minutes_approved') && <MinutesPanel meetingId={id} onChange={reload} />}
    </>
  );
}
