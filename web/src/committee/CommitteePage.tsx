// One committee: its members and meetings; the secretary schedules the next meeting here.
import { useState } from 'react';
import { faDateTime, faNumber, jStartMs, type JDate } from '../fa';
import { JalaliDatePicker } from '../components/JalaliDatePicker';
import { ErrorAlert, Field, Link, Loading, PageHeader, useFormError, useLoad } from '../components/ui';
import { FormErrors } from '../components/parts';
import { navigate } from '../router';
import { createMeeting, getCommittee, listMeetings } from './api';
import { MEETING_STATUS, SEAT_ROLE } from './labels';
import { AbsenceTable } from './AbsenceTable';
import { PublicPageSwitch, ReminderSettingsForm } from './PublicPagePanels';
import { SenderSettingsPanel } from './SenderSettingsPanel';

export function CommitteePage({ id, canAdmin }: { id: number; canAdmin: boolean }) {
  const { data, error, loading, reload } = useLoad(async (signal) => {
    const [c, m] = await Promise.all([getCommittee(id, signal), listMeetings(id, signal)]);
    return { c, meetings: m.items };
  }, [id]);
  const [day, setDay] = useState<JDate | null>(null);
  const [time, setTime] = useState('10:00');
  const [place, setPlace] = useState('');
  const fe = useFormError(['starts_at', 'place']);
  if (error) return <ErrorAlert error={error} onRetry={reload} />;
  if (loading || !data) return <Loading />;
  const runs = canAdmin || data.c.my_role === 'secretary';
  const schedule = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!day) return;
    const [h, mi] = time.split(':').map(Number);
    try {
      const m = await createMeeting(id, { starts_at: jStartMs(day) + ((h || 0) * 60 + (mi || 0)) * 60000, place });
      navigate(`/committee/meetings/${m.id}`);
    } catch (err) {
      fe.capture(err);
    }
  };
  return (
    <>
      <PageHeader title={data.c.name} sub={data.c.my_role ? `نقش شما: ${SEAT_ROLE[data.c.my_role]}` : undefined} />
      <div className="row g-4">
        <div className="col-lg-7">
          <h2 className="h6">جلسه‌ها</h2>
          <table className="table bg-white" data-testid="meetings">
            <thead><tr><th>شماره</th><th>زمان</th><th>وضعیت</th></tr></thead>
            <tbody>
              {data.meetings.map((m) => (
                <tr key={m.id}>
                  <td><Link to={`/committee/meetings/${m.id}`}>{faNumber(m.number)}</Link></td>
                  <td>{faDateTime(m.starts_at)}</td>
                  <td>{MEETING_STATUS[m.status]}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {runs && (
            <form onSubmit={schedule} className="card card-body" data-testid="new-meeting">
              <h3 className="h6">جلسهٔ تازه</h3>
              <FormErrors fe={fe} />
              <JalaliDatePicker label="تاریخ" value={day} onChange={setDay} testId="meeting-date" />
              <Field label="ساعت" error={fe.fieldError('starts_at')}>
                {(p) => <input {...p} className="form-control" value={time} onChange={(e) => setTime(e.target.value)} data-testid="meeting-time" />}
              </Field>
              <Field label="مکان" error={fe.fieldError('place')}>
                {(p) => <input {...p} className="form-control" value={place} onChange={(e) => setPlace(e.target.value)} />}
              </Field>
              <button className="btn btn-primary" disabled={!day} data-testid="create-meeting">ساخت جلسه</button>
            </form>
          )}
        </div>
        <div className="col-lg-5">
          <h2 className="h6">اعضا</h2>
          <ul className="list-group" data-testid="members">
            {data.c.members.filter((m) => !m.left_at).map((m) => (
              <li key={m.id} className="list-group-item d-flex justify-content-between">
                <span>{m.user_name}</span>
                <span className="text-secondary small">{SEAT_ROLE[m.role]}{m.voting ? '' : ' (بدون رأی)'}</span>
              </li>
            ))}
          </ul>
        </div>
      </div>
      <AbsenceTable committeeId={id} />
      <ReminderSettingsForm committeeId={id} canEdit={runs} />
      <SenderSettingsPanel committeeId={id} councilId={data.c.council_id} canEdit={runs} />
      {canAdmin && <PublicPageSwitch councilId={data.c.council_id} />}
    </>
  );
}
