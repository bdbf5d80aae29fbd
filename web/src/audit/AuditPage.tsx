import { useState, type FormEvent } from 'react';
import { get } from '../api';
import { faDateShort, faTime, isoOf, jEndMs, jStartMs, toPersianDigits, type JDate } from '../fa';
import type { AuditEntry, Page, User } from '../types';
import { PageHeader, useLoad } from '../components/ui';
import { ListPage, type Column } from '../components/ListPage';
import { JalaliDatePicker } from '../components/JalaliDatePicker';

const PER_PAGE = 25;

const ENTITY_LABELS: Record<string, string> = {
  user: 'کاربر',
  users: 'کاربر',
  agency: 'دستگاه',
  agencies: 'دستگاه',
  council: 'شورا',
  councils: 'شورا',
  session: 'نشست',
  auth: 'ورود و خروج',
  role: 'نقش',
  password: 'گذرواژه',
};

// The server records a verb (action) and the kind of thing it touched (entity).
const ACTIONS: Record<string, string> = {
  create: 'ایجاد',
  update: 'ویرایش',
  delete: 'حذف',
  disable: 'غیرفعال کردن',
  enable: 'فعال کردن',
  login: 'ورود به سامانه',
  login_failed: 'ورود ناموفق',
  login_locked: 'قفل شدن حساب پس از تلاش‌های ناموفق',
  logout: 'خروج از سامانه',
  logout_all: 'خروج از همهٔ دستگاه‌ها',
  change_password: 'تغییر گذرواژه',
  reset_password: 'بازنشانی گذرواژه',
  load_demo: 'بارگذاری دادهٔ نمونه',
};

/** "update" → "ویرایش"; "agency.update" → "ویرایش"; unknown codes are shown as they are. */
export function actionLabel(action: string): string {
  if (ACTIONS[action]) return ACTIONS[action];
  const verb = action.split('.').pop() ?? action;
  return ACTIONS[verb] ?? action;
}
function entityLabel(e: string): string {
  return ENTITY_LABELS[e] ?? e;
}

function Detail({ detail }: { detail: unknown }) {
  const isEmptyObject = typeof detail === 'object' && detail !== null && !Array.isArray(detail) && Object.keys(detail).length === 0;
  if (detail === null || detail === undefined || detail === '' || isEmptyObject) return <span className="text-secondary">—</span>;
  let text: string;
  if (typeof detail === 'string') {
    try {
      text = JSON.stringify(JSON.parse(detail), null, 2);
    } catch {
      text = detail;
    }
  } else text = JSON.stringify(detail, null, 2);
  if (text.length <= 60 && !text.includes('\n'))
    return (
      <bdi dir="auto" className="small">
        {text}
      </bdi>
    );
  return (
    <details>
      <summary className="small">نمایش</summary>
      <pre dir="ltr" className="small bg-light p-2 rounded mb-0 audit-detail">
        {text}
      </pre>
    </details>
  );
}

const COLUMNS: Column<AuditEntry>[] = [
  {
    header: 'زمان',
    cellClassName: 'text-nowrap',
    cell: (a) => (
      <time dateTime={isoOf(a.at)} data-testid="audit-at">
        {faDateShort(a.at)} <span className="text-secondary small ms-1">{faTime(a.at)}</span>
      </time>
    ),
  },
  { header: 'کاربر', cell: (a) => a.actor_name || (a.actor_id ? `کاربر ${toPersianDigits(a.actor_id)}` : 'سامانه') },
  { header: 'کنش', cellProps: (a) => ({ title: a.action }), cell: (a) => (actionLabel(a.action) === a.action ? <bdi dir="ltr">{a.action}</bdi> : actionLabel(a.action)) },
  {
    header: 'مورد',
    cellClassName: 'text-nowrap',
    cell: (a) => (
      <>
        {entityLabel(a.entity)}
        {a.entity_id != null && a.entity_id !== '' && <span className="text-secondary"> #{toPersianDigits(String(a.entity_id))}</span>}
      </>
    ),
  },
  { header: 'نشانی آی‌پی', cell: (a) => (a.ip ? <bdi dir="ltr" className="small">{a.ip}</bdi> : '—') },
  { header: 'جزئیات', cell: (a) => <Detail detail={a.detail} /> },
];

interface Filters {
  actor_id: string;
  entity: string;
  from: JDate | null;
  to: JDate | null;
}

export function AuditPage() {
  const empty: Filters = { actor_id: '', entity: '', from: null, to: null };
  const [draft, setDraft] = useState<Filters>(empty);
  const [applied, setApplied] = useState<Filters>(empty);
  const [page, setPage] = useState(1);
  const users = useLoad((signal) => get<Page<User>>('/users', { per_page: 100 }, signal).catch(() => null), []);
  const list = useLoad(
    (signal) =>
      get<Page<AuditEntry>>(
        '/audit',
        {
          page,
          per_page: PER_PAGE,
          actor_id: applied.actor_id,
          entity: applied.entity,
          from: applied.from ? jStartMs(applied.from) : undefined,
          to: applied.to ? jEndMs(applied.to) : undefined,
        },
        signal,
      ),
    [applied, page],
  );

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setPage(1);
    setApplied({ ...draft });
  };
  const filtered = !!(applied.actor_id || applied.entity || applied.from || applied.to);

  return (
    <div>
      <PageHeader title="گزارش رویدادها" sub="همهٔ تغییرات ثبت‌شده در سامانه: چه کسی، چه زمانی، از کجا، چه کاری کرد" />
      <ListPage
        filterForm={
          <form className="card shadow-sm border-0 mb-3" onSubmit={submit} aria-label="پالایش رویدادها" data-testid="audit-filters">
            <div className="card-body">
              <div className="row g-3 align-items-end">
                <div className="col-md-6 col-xl-3">
                  <label htmlFor="audit-actor" className="form-label">
                    کاربر
                  </label>
                  <select id="audit-actor" className="form-select" value={draft.actor_id} onChange={(e) => setDraft({ ...draft, actor_id: e.target.value })}>
                    <option value="">همهٔ کاربران</option>
                    {(users.data?.items ?? []).map((u) => (
                      <option key={u.id} value={u.id}>
                        {u.name} ({u.username})
                      </option>
                    ))}
                  </select>
                </div>
                <div className="col-md-6 col-xl-2">
                  <label htmlFor="audit-entity" className="form-label">
                    نوع مورد
                  </label>
                  <select id="audit-entity" className="form-select" value={draft.entity} onChange={(e) => setDraft({ ...draft, entity: e.target.value })}>
                    <option value="">همه</option>
                    <option value="user">کاربر</option>
                    <option value="agency">دستگاه</option>
                    <option value="council">شورا</option>
                  </select>
                </div>
                <div className="col-md-6 col-xl-2 jdp-col">
                  <JalaliDatePicker label="از تاریخ" value={draft.from} max={draft.to} onChange={(d) => setDraft({ ...draft, from: d })} testId="audit-from" />
                </div>
                <div className="col-md-6 col-xl-2 jdp-col">
                  <JalaliDatePicker label="تا تاریخ" value={draft.to} min={draft.from} onChange={(d) => setDraft({ ...draft, to: d })} testId="audit-to" />
                </div>
                <div className="col-xl-3 d-flex gap-2 text-nowrap">
                  <button type="submit" className="btn btn-primary flex-grow-1" data-testid="audit-apply">
                    اعمال
                  </button>
                  {filtered && (
                    <button
                      type="button"
                      className="btn btn-outline-secondary"
                      onClick={() => {
                        setDraft(empty);
                        setApplied(empty);
                        setPage(1);
                      }}
                    >
                      حذف پالایه
                    </button>
                  )}
                </div>
              </div>
            </div>
          </form>
        }
        list={list}
        page={page}
        perPage={PER_PAGE}
        onPage={setPage}
        empty={filtered ? 'در این بازه یا با این پالایه رویدادی ثبت نشده است.' : 'هنوز رویدادی ثبت نشده است.'}
        columns={COLUMNS}
        rowKey={(a) => a.id}
        className="table table-sm table-hover align-middle mb-0 audit-table"
        testId="audit-table"
      />
    </div>
  );
}
