import { useState, type FormEvent } from 'react';
import { get } from '../api';
import { faDateShort, faTime, isoOf, jEndMs, jStartMs, toPersianDigits, type JDate } from '../fa';
import type { AuditEntry, Page, User } from '../types';
import { PageHeader, useLoad } from '../components/ui';
import { ListPage, type Column } from '../components/ListPage';
import { JalaliDatePicker } from '../components/JalaliDatePicker';
import { actionName, detailKeyLabel, detailValue, ENTITY_LABELS, entityLabel } from './labels';

const PER_PAGE = 25;

/** Ids of other rows in the detail are shown as «#۱۲»; everything else through detailValue. */
function DetailLine({ k, v }: { k: string; v: unknown }) {
  const label = detailKeyLabel(k);
  const nested = typeof v === 'object' && v !== null && !Array.isArray(v);
  return (
    <li>
      <span className="text-secondary">{label ?? <bdi dir="ltr">{k}</bdi>}:</span>{' '}
      {nested ? (
        <ul className="list-unstyled ms-3 mb-0">
          {Object.entries(v as Record<string, unknown>).map(([k2, v2]) => (
            <DetailLine key={k2} k={k2} v={v2} />
          ))}
        </ul>
      ) : (
        <bdi>{/_id$/.test(k) && typeof v === 'number' ? `#${toPersianDigits(v)}` : detailValue(k, v)}</bdi>
      )}
    </li>
  );
}

// The detail is a JSON object written by the server; it is shown as "name: value" lines with Persian
// names, and the raw JSON stays one click away for whoever needs it.
function Detail({ detail }: { detail: unknown }) {
  let value = detail;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      /* plain text */
    }
  }
  const isObject = typeof value === 'object' && value !== null && !Array.isArray(value);
  if (value === null || value === undefined || value === '' || (isObject && Object.keys(value as object).length === 0))
    return <span className="text-secondary">—</span>;
  if (!isObject)
    return (
      <bdi dir="auto" className="small">
        {typeof value === 'string' ? value : JSON.stringify(value)}
      </bdi>
    );
  const entries = Object.entries(value as Record<string, unknown>);
  const lines = (
    <ul className="list-unstyled small mb-0 audit-detail-lines">
      {entries.map(([k, v]) => (
        <DetailLine key={k} k={k} v={v} />
      ))}
    </ul>
  );
  if (entries.length <= 2) return lines;
  return (
    <details>
      <summary className="small">{`${toPersianDigits(entries.length)} مورد`}</summary>
      {lines}
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
  { header: 'کنش', cellProps: (a) => ({ title: a.action }), cell: (a) => <span data-testid="audit-action">{actionName(a.action, a.entity) ?? <bdi dir="ltr">{a.action}</bdi>}</span> },
  {
    header: 'مورد',
    cellClassName: 'text-nowrap',
    cell: (a) => (
      <>
        <span data-testid="audit-entity">{entityLabel(a.entity)}</span>
        {a.entity_id != null && a.entity_id !== '' && <span className="text-secondary"> #{toPersianDigits(String(a.entity_id))}</span>}
      </>
    ),
  },
  { header: 'نشانی آی‌پی', cell: (a) => (a.ip === 'demo' ? 'دادهٔ نمونه' : a.ip ? <bdi dir="ltr" className="small">{a.ip}</bdi> : '—') },
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
                    {Object.entries(ENTITY_LABELS).map(([code, label]) => (
                      <option key={code} value={code}>
                        {label}
                      </option>
                    ))}
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
