// The users list: search, filter by agency.
import { useState } from 'react';
import { get } from '../api';
import { faDateTime, isoOf, toPersianDigits } from '../fa';
import { useSession } from '../session';
import type { Page, User } from '../types';
import { Link, PageHeader, StatusBadge, useLoad } from '../components/ui';
import { FilterSelect, ListPage, useListQuery, type Column } from '../components/ListPage';
import { grantText, manageableAgencies } from './grants';

const PER_PAGE = 20;

export function UsersPage() {
  const s = useSession();
  const initialAgency = Number(new URLSearchParams(window.location.search).get('agency')) || '';
  const agencies = manageableAgencies(s);
  const onlyAgencyManager = !s.caps.isSystemAdmin && s.caps.adminCouncils.length === 0;
  const [agencyId, setAgencyId] = useState<number | ''>(initialAgency || (onlyAgencyManager && agencies.length === 1 ? agencies[0].id : ''));
  const lq = useListQuery();
  const list = useLoad(
    (signal) => get<Page<User>>('/users', { q: lq.query, agency_id: agencyId, page: lq.page, per_page: PER_PAGE }, signal),
    [lq.query, agencyId, lq.page],
  );
  const columns: Column<User>[] = [
    {
      header: 'نام',
      cellClassName: 'cell-name',
      cell: (u) => (
        <Link to={`/users/${u.id}`} className="fw-semibold text-decoration-none">
          {u.name}
        </Link>
      ),
    },
    { header: 'نام کاربری', className: 'd-none d-sm-table-cell', cellClassName: 'text-nowrap d-none d-sm-table-cell', cell: (u) => <bdi dir="ltr">{u.username}</bdi> },
    { header: 'شمارهٔ همراه', className: 'd-none d-md-table-cell', cell: (u) => (u.mobile ? <bdi dir="ltr">{toPersianDigits(u.mobile)}</bdi> : '—') },
    { header: 'نقش‌ها', cellClassName: 'small', cell: (u) => u.roles.map((g, i) => <div key={i}>{grantText(s, g)}</div>) },
    { header: 'وضعیت', cell: (u) => <StatusBadge disabled={u.disabled} /> },
    {
      header: 'آخرین ورود',
      className: 'd-none d-lg-table-cell',
      cellClassName: 'small text-nowrap d-none d-lg-table-cell',
      cell: (u) => <time dateTime={isoOf(u.last_login_at)}>{u.last_login_at ? faDateTime(u.last_login_at) : 'هرگز'}</time>,
    },
  ];
  return (
    <div>
      <PageHeader title="کاربران" sub="کارکنان شورا و واحدهای روابط عمومی دستگاه‌ها">
        <Link to="/users/new" className="btn btn-primary" data-testid="user-new">
          + کاربر تازه
        </Link>
      </PageHeader>
      <ListPage
        search={{ id: 'user-q', placeholder: 'نام، نام کاربری، همراه یا رایانامه', value: lq.q, onChange: lq.setQ, onSubmit: lq.submit }}
        filters={
          <FilterSelect
            id="user-agency"
            label="دستگاه"
            allLabel={onlyAgencyManager ? undefined : 'همهٔ دستگاه‌ها'}
            value={agencyId}
            options={agencies}
            onChange={(v) => lq.filter(() => setAgencyId(v))}
          />
        }
        list={list}
        page={lq.page}
        perPage={PER_PAGE}
        onPage={lq.setPage}
        empty={lq.query || agencyId ? 'کاربری با این مشخصات پیدا نشد.' : 'هنوز کاربری ثبت نشده است.'}
        columns={columns}
        rowKey={(u) => u.id}
        testId="users-table"
      />
    </div>
  );
}
