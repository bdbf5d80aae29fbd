// A decision: deadline with working days left, follow-up log and a new entry (owner person, owner
// agency's PR manager, secretary), and the vote of the members present.
import { useState } from 'react';
import { faDateTime, faNumber } from '../fa';
import { ErrorAlert, Field, Link, Loading, PageHeader, useFormError, useLoad } from '../components/ui';
import { FormErrors } from '../components/parts';
import { addFollowUp, getCommittee, getDecision, listEvidence, vote } from './api';
import { EvidenceList } from './EvidenceList';
import { DECISION_STATUS } from './labels';
import { PublicationPanel } from './PublicPagePanels';

export function DecisionPage({ id, canAdmin = false, userId = 0, managedAgencies = [] }: {
  id: number; canAdmin?: boolean; userId?: number; managedAgencies?: number[];
}) {
  const { data, error, loading, reload } = useLoad(async (signal) => {
    const decision = await getDecision(id, signal);
    // The actor's seat (a PR manager without one reads the decision, not the committee).
    const [committee, evidence] = await Promise.all([
      getCommittee(decision.committee_id, signal).catch(() => null),
      listEvidence(id, signal),
    ]);
    return { decision, role: committee?.my_role ?? null, evidence: evidence.items };
  }, [id]);
  const d = data?.decision;
  const fe = useFormError(['note', 'progress']);
  const [note, setNote] = useState('');
  const [progress, setProgress] = useState('');
  if (error) return <ErrorAlert error={error} onRetry={reload} />;
  if (loading || !d || !data) return <Loading />;
  const managesOwner = managedAgencies.includes(d.owner_agency_id);
  // Runs a write, then reloads; true when it was accepted.
  const act = async (f: () => Promise<unknown>) => {
    try {
      fe.setError(null);
      await f();
      reload();
      return true;
    } catch (err) {
      fe.capture(err);
      return false;
    }
  };
  // A follow-up written: its text leaves the box only when the server accepted it, and only if the
  // user has not started the next one meanwhile.
  const submitFollowUp = async (status?: 'done') => {
    const sent = note;
    const ok = await act(() => addFollowUp(id, { note: sent, ...(status ? { status } : progress ? { progress: Number(progress) } : {}) }));
    if (ok) setNote((cur) => (cur === sent ? '' : cur));
  };
  const active = d.status === 'open' || d.status === 'in_progress';
  // Who writes the follow-up (and its evidence): the secretary, admins, the owner person, the owner
  // agency's PR manager. The console guesses; the server decides.
  const canFollowUp = canAdmin || data.role === 'secretary' || d.owner_user_id === userId || managesOwner;
  return (
    <>
      <PageHeader title="مصوبه" sub={<Link to={`/committee/meetings/${d.meeting_id}`}>جلسهٔ شمارهٔ {faNumber(d.meeting_number)}</Link>} />
      <FormErrors fe={fe} />
      <PublicationPanel decisionId={id} canPublish={canAdmin || data?.role === 'secretary' || data?.role === 'chair'} onChanged={reload} />
      <div className="card card-body mb-3" data-testid="decision">
        <p className="mb-2">{d.text}</p>
        <div className="small text-secondary">
          مهلت: {d.deadline_jalali} ({d.working_days_left >= 0 ? `${faNumber(d.working_days_left)} روز کاری مانده` : `${faNumber(-d.working_days_left)} روز کاری گذشته`}) ·
          وضعیت: <span data-testid="decision-status">{d.overdue ? 'دیرکرد' : DECISION_STATUS[d.status]}</span> · پیشرفت: {faNumber(d.progress)}٪
        </div>
        {d.vote_result && <div className="mt-2" data-testid="vote-result">{d.vote_result}</div>}
      </div>
      {d.majority && active && (
        <div className="d-flex gap-2 mb-3" data-testid="vote">
          <span className="align-self-center">رأی شما:</span>
          <button className="btn btn-sm btn-success" data-testid="vote-yes" onClick={() => act(() => vote(id, 'yes'))}>موافق</button>
          <button className="btn btn-sm btn-danger" onClick={() => act(() => vote(id, 'no'))}>مخالف</button>
          <button className="btn btn-sm btn-secondary" onClick={() => act(() => vote(id, 'abstain'))}>ممتنع</button>
        </div>
      )}
      <h2 className="h6">گزارش‌های پیگیری</h2>
      <ul className="list-group mb-3" data-testid="followups">
        {d.followups.length === 0 && <li className="list-group-item text-secondary">هنوز گزارشی نیست.</li>}
        {d.followups.map((f) => (
          <li key={f.id} className="list-group-item">
            <div>{f.note}</div>
            <div className="small text-secondary">{faDateTime(f.at)} · {DECISION_STATUS[f.status]} · {faNumber(f.progress)}٪</div>
            <EvidenceList decisionId={id} followupId={f.id} items={data.evidence.filter((e) => e.followup_id === f.id)}
              canUpload={canFollowUp} onUploaded={reload} />
          </li>
        ))}
      </ul>
      {active && (
        <form className="card card-body" data-testid="new-followup" onSubmit={(e) => {
          e.preventDefault();
          void submitFollowUp();
        }}>
          <Field label="گزارش" error={fe.fieldError('note')}>
            {(p) => <textarea {...p} className="form-control" value={note} onChange={(e) => setNote(e.target.value)} data-testid="followup-note" />}
          </Field>
          <Field label="پیشرفت (درصد)" error={fe.fieldError('progress')}>
            {(p) => <input {...p} type="number" min={0} max={100} className="form-control" value={progress} onChange={(e) => setProgress(e.target.value)} data-testid="followup-progress" />}
          </Field>
          <div className="d-flex gap-2">
            <button className="btn btn-primary" disabled={!note.trim()} data-testid="add-followup">ثبت گزارش</button>
            <button type="button" className="btn btn-success" disabled={!note.trim()} data-testid="mark-done"
              onClick={() => void submitFollowUp('done')}>ثبت و انجام‌شده</button>
          </div>
        </form>
      )}
    </>
  );
}
