// The agencies list: search, filter by council.
import { useState } from 'react';
import { get } from '../api';
import { toPersianDigits } from '../fa';
import { councilName, useSession } from '../session';
import type { Agency, Page } from '../types';
import { Link, PageHeader, StatusBadge, useLoad } from '../components/ui';
import { FilterSelect, ListPage, useListQuery, type Column } from '../components/ListPage';

const PER_PAGE = 20;

export function AgenciesPage() {
  const s = useSession();
  const lq = useListQuery();
  const [councilId, setCouncilId] = useState<number | ''>('');
  const list = useLoad(
    (signal) => get<Page<Agency>>('/agencies', { q: lq.query, page: lq.page, per_page: PER_PAGE, council_id: councilId }, signal),
    [lq.query, lq.page, councilId],
  );
  const multiCouncil = s.councils.length > 1;
  const action = (a: Agency) => (s.caps.canManageAgency(a) ? 'ویرایش' : 'مشاهده');
  const columns: Column<Agency>[] = [
    {
      header: 'نام دستگاه',
      cell: (a) => (
        <Link to={`/agencies/${a.id}`} className="fw-semibold text-decoration-none">
          {a.name}
        </Link>
      ),
    },
    { header: 'نام کوتاه', cell: (a) => a.short_name },
    ...(multiCouncil ? [{ header: 'شورا', cell: (a: Agency) => councilName(s, a.council_id) }] : []),
    { header: 'رایانامهٔ روابط عمومی', cell: (a) => (a.pr_email ? <bdi dir="ltr">{a.pr_email}</bdi> : '—') },
    { header: 'تلفن', cell: (a) => (a.pr_phone ? <bdi dir="ltr">{toPersianDigits(a.pr_phone)}</bdi> : '—') },
    { header: 'وضعیت', cell: (a) => <StatusBadge disabled={a.disabled} /> },
    {
      header: <span className="visually-hidden">عملیات</span>,
      cellClassName: 'text-start',
      cell: (a) => (
        <Link to={`/agencies/${a.id}`} className="btn btn-sm btn-outline-primary" aria-label={`${action(a)} ${a.name}`}>
          {action(a)}
        </Link>
      ),
    },
  ];

  return (
    <div>
      <PageHeader title={s.caps.canManageAgencies ? 'مدیریت دستگاه‌ها' : 'دستگاه‌ها'} sub="دستگاه‌های عضو شورا و واحدهای روابط عمومی آن‌ها">
        {s.caps.canManageAgencies && (
          <Link to="/agencies/new" className="btn btn-primary" data-testid="agency-new">
            + دستگاه تازه
          </Link>
        )}
      </PageHeader>
      <ListPage
        search={{ id: 'agency-q', placeholder: 'نام یا شناسهٔ دستگاه', value: lq.q, onChange: lq.setQ, onSubmit: lq.submit }}
        filters={
          multiCouncil && (
            <FilterSelect id="agency-council" label="شورا" allLabel="همهٔ شوراها" value={councilId} options={s.councils} onChange={(v) => lq.filter(() => setCouncilId(v))} />
          )
        }
        list={list}
        page={lq.page}
        perPage={PER_PAGE}
        onPage={lq.setPage}
        empty={lq.query ? 'دستگاهی با این مشخصات پیدا نشد.' : 'هنوز دستگاهی ثبت نشده است.'}
        columns={columns}
        rowKey={(a) => a.id}
        testId="agencies-table"
      />
    </div>
  );
}
