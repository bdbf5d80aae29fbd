import { agencyName, councilName, useSession } from '../session';
import { roleLabel, roleScope } from '../roles';
import { faDateTime, faNumber, isoOf, toPersianDigits } from '../fa';
import { Link, PageHeader } from '../components/ui';
import { InsightDashboard } from '../insight/DashboardPanel';
import { canSeeCitizen } from '../citizen/access';
import { DeskCounts } from '../citizen/DeskCounts';

export function Dashboard() {
  const s = useSession();
  const u = s.user;
  const c = s.caps;
  const links: { to: string; title: string; text: string }[] = [];
  if (c.canSeeNewsroom) {
    const own = !c.canSeeAllReleases && c.writeAgencies.length === 1 ? c.writeAgencies[0] : null;
    links.push({
      to: own ? `/newsroom?agency=${own}` : '/newsroom',
      title: c.canSeeAllReleases ? 'خبرهای دستگاه‌ها' : 'تحریریه',
      text: c.canSeeAllReleases ? 'روند خبرهای همهٔ دستگاه‌های شورا' : 'نوشتن، فرستادن و پیگیری خبرها',
    });
  }
  if (c.canSeeQueue) links.push({ to: '/newsroom/queue', title: 'صف تأیید', text: 'خبرهایی که منتظر تصمیم شما هستند' });
  if (c.canSeeCalendar) links.push({ to: '/newsroom/calendar', title: 'تقویم انتشار', text: 'برنامهٔ انتشار دستگاه‌ها و مناسبت‌ها' });
  if (c.canSeeAgencies)
    links.push({
      to: '/agencies',
      title: c.canManageAgencies ? 'مدیریت دستگاه‌ها' : 'دستگاه‌های عضو',
      text: `${faNumber(s.agencies.length)} دستگاه عضو شورا`,
    });
  if (c.canSeeUsers) links.push({ to: '/users', title: 'کاربران', text: 'افزودن کارکنان، تعیین نقش و بازنشانی گذرواژه' });
  if (c.canSeeAudit) links.push({ to: '/audit', title: 'گزارش رویدادها', text: 'چه کسی، چه زمانی، چه کاری انجام داد' });
  if (!c.canSeeAgencies)
    for (const id of c.memberAgencies)
      links.push({ to: `/agencies/${id}`, title: agencyName(s, id), text: 'مشخصات دستگاه و روابط عمومی' });
  links.push({ to: '/password', title: 'تغییر گذرواژه', text: 'گذرواژهٔ حساب خود را تغییر دهید' });

  return (
    <div>
      <PageHeader title={`خوش آمدید، ${u.name}`} sub="میز کار روابط عمومی شورا" />
      {canSeeCitizen(u) && <DeskCounts />}
      {c.canSeeCouncils && s.councils[0] ? (
        <InsightDashboard councilId={s.councils[0].id} title={`وضعیت ${councilName(s, s.councils[0].id)} در یک نگاه`} />
      ) : c.memberAgencies.length === 1 ? (
        <InsightDashboard agencyId={c.memberAgencies[0]} title={`وضعیت ${agencyName(s, c.memberAgencies[0])} در یک نگاه`} />
      ) : null}
      <div className="row g-3">
        <div className="col-lg-5">
          <section className="card h-100 shadow-sm border-0" aria-labelledby="me-h">
            <div className="card-body">
              <h2 id="me-h" className="h6 text-secondary mb-3">
                حساب کاربری
              </h2>
              <dl className="row mb-0 small dl-compact" data-testid="me">
                <dt className="col-5">نام</dt>
                <dd className="col-7">{u.name}</dd>
                <dt className="col-5">نام کاربری</dt>
                <dd className="col-7">
                  <bdi>{u.username}</bdi>
                </dd>
                <dt className="col-5">شمارهٔ همراه</dt>
                <dd className="col-7">{u.mobile ? <bdi>{toPersianDigits(u.mobile)}</bdi> : '—'}</dd>
                <dt className="col-5">رایانامه</dt>
                <dd className="col-7">{u.email ? <bdi>{u.email}</bdi> : '—'}</dd>
                <dt className="col-5">آخرین ورود</dt>
                <dd className="col-7">
                  <time dateTime={isoOf(u.last_login_at)} data-testid="last-login">
                    {faDateTime(u.last_login_at)}
                  </time>
                </dd>
                <dt className="col-5">عضویت از</dt>
                <dd className="col-7">
                  <time dateTime={isoOf(u.created_at)}>{faDateTime(u.created_at)}</time>
                </dd>
              </dl>
            </div>
          </section>
        </div>
        <div className="col-lg-7">
          <section className="card h-100 shadow-sm border-0" aria-labelledby="roles-h">
            <div className="card-body">
              <h2 id="roles-h" className="h6 text-secondary mb-3">
                نقش‌ها و دامنهٔ دسترسی
              </h2>
              {u.roles.length === 0 ? (
                <p className="text-secondary mb-0">برای این حساب نقشی تعیین نشده است.</p>
              ) : (
                <ul className="list-group list-group-flush" data-testid="my-roles">
                  {u.roles.map((g, i) => (
                    <li key={i} className="list-group-item px-0 d-flex flex-column flex-sm-row justify-content-between align-items-sm-center gap-1 gap-sm-3">
                      <span className="fw-semibold text-nowrap">{roleLabel(g.role)}</span>
                      <span className="text-secondary small text-start">
                        {roleScope(g.role) === 'global'
                          ? 'همهٔ شوراها و دستگاه‌ها'
                          : roleScope(g.role) === 'agency'
                            ? `${agencyName(s, g.agency_id)} — ${councilName(s, g.council_id)}`
                            : councilName(s, g.council_id)}
                      </span>
                    </li>
                  ))}
                </ul>
              )}
            </div>
          </section>
        </div>
      </div>
      <h2 className="h6 text-secondary mt-4 mb-3">دسترسی سریع</h2>
      <div className="row g-3">
        {links.map((l) => (
          <div className="col-sm-6 col-xl-3" key={l.to}>
            <Link to={l.to} className="card quick-link h-100 shadow-sm border-0 text-decoration-none">
              <div className="card-body">
                <div className="fw-semibold mb-1">{l.title}</div>
                <div className="small text-secondary">{l.text}</div>
              </div>
            </Link>
          </div>
        ))}
      </div>
    </div>
  );
}
