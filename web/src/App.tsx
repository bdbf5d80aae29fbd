import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { ApiError, fetchMe, get, post, setCsrf, setUnauthorizedHandler } from './api';
import { capsOf, roleLabel } from './roles';
import { match, navigate, usePath } from './router';
import { SessionContext, agencyName, type Session } from './session';
import type { Agency, Council, Page, User } from './types';
import { Forbidden, Link, Loading, NotFound } from './components/ui';
import { LoginPage } from './pages/Login';
import { Dashboard } from './pages/Dashboard';
import { CouncilsPage, CouncilPage } from './pages/Councils';
import { AgenciesPage, AgencyPage, AgencyNewPage } from './pages/Agencies';
import { UsersPage, UserNewPage, UserPage } from './pages/Users';
import { AuditPage } from './pages/Audit';
import { PasswordPage } from './pages/Password';
import { ReleasesPage } from './pages/Releases';
import { ReleaseNewPage, ReleasePage } from './newsroom/editor/ReleaseEditor';
import { QueuePage } from './pages/Queue';
import { CalendarPage } from './pages/Calendar';
import { DistributionPage } from './pages/Distribution';
import { NotificationBell } from './newsroom/NotificationBell';
import { MonitorFeedPage } from './monitor/FeedPage';
import { MonitorItemPage } from './monitor/ItemPage';
import { CoveragePage } from './monitor/CoveragePage';
import { SourcesPage } from './monitor/SourcesPage';
import { MonitorChartsPage } from './monitor/ChartsPage';
import { WatchTermsPage } from './monitor/WatchTermsPage';
import { AlertRulesPage } from './monitor/AlertRulesPage';
import { canSeeCitizen } from './citizen/access';
import { CitizenInboxPage } from './citizen/InboxPage';
import { CitizenRequestPage } from './citizen/RequestPage';
import { CitizenRoutingPage } from './citizen/RoutingPage';
import { CitizenCsatPage } from './citizen/CsatPage';

async function loadRefs(user: User): Promise<{ councils: Council[]; agencies: Agency[] }> {
  const councils = await get<{ items: Council[] }>('/councils')
    .then((r) => r.items)
    .catch(() => [] as Council[]);
  let agencies: Agency[] = [];
  try {
    for (let page = 1; page <= 20; page++) {
      const r = await get<Page<Agency>>('/agencies', { page, per_page: 100 });
      agencies = agencies.concat(r.items);
      if (agencies.length >= r.total || r.items.length === 0) break;
    }
  } catch {
    agencies = [];
  }
  // Agency staff may not be allowed to list agencies; fetch their own.
  const own = [...new Set(user.roles.map((g) => g.agency_id).filter((x): x is number => x != null))];
  for (const id of own) {
    if (agencies.some((a) => a.id === id)) continue;
    try {
      agencies.push(await get<Agency>(`/agencies/${id}`));
    } catch {
      /* not visible */
    }
  }
  return { councils, agencies };
}

type Boot = { state: 'loading' } | { state: 'anon'; notice?: string } | { state: 'error'; message: string } | { state: 'in'; user: User };

export function App() {
  const [boot, setBoot] = useState<Boot>({ state: 'loading' });
  const [refs, setRefs] = useState<{ councils: Council[]; agencies: Agency[] }>({ councils: [], agencies: [] });

  const start = useCallback(async () => {
    try {
      const me = await fetchMe();
      if (!me) setBoot({ state: 'anon' });
      else {
        setRefs(await loadRefs(me.user));
        setBoot({ state: 'in', user: me.user });
      }
    } catch (e) {
      setBoot({ state: 'error', message: e instanceof ApiError ? e.message : 'خطای ناشناخته رخ داد.' });
    }
  }, []);

  useEffect(() => {
    setUnauthorizedHandler(() => {
      setCsrf('');
      setBoot({ state: 'anon', notice: 'نشست شما به پایان رسیده است. لطفاً دوباره وارد شوید.' });
    });
    void start();
  }, [start]);

  if (boot.state === 'loading')
    return (
      <div className="min-vh-100 d-flex align-items-center justify-content-center">
        <Loading />
      </div>
    );
  if (boot.state === 'error')
    return (
      <div className="container py-5" style={{ maxWidth: 560 }}>
        <div className="alert alert-danger" role="alert">
          {boot.message}
        </div>
        <button className="btn btn-primary" onClick={() => void start()}>
          تلاش دوباره
        </button>
      </div>
    );
  if (boot.state === 'anon')
    return (
      <LoginPage
        notice={boot.notice}
        onLogin={async (user) => {
          setRefs(await loadRefs(user));
          setBoot({ state: 'in', user });
        }}
      />
    );
  return (
    <Authed
      user={boot.user}
      refs={refs}
      setUser={(user) => setBoot({ state: 'in', user })}
      refreshRefs={async () => setRefs(await loadRefs(boot.user))}
      onLoggedOut={(notice) => {
        setCsrf('');
        navigate('/', { replace: true });
        setBoot({ state: 'anon', notice });
      }}
    />
  );
}

function Authed({
  user,
  refs,
  setUser,
  refreshRefs,
  onLoggedOut,
}: {
  user: User;
  refs: { councils: Council[]; agencies: Agency[] };
  setUser: (u: User) => void;
  refreshRefs: () => Promise<void>;
  onLoggedOut: (notice?: string) => void;
}) {
  const session: Session = useMemo(
    () => ({
      user,
      caps: capsOf(user),
      councils: refs.councils,
      agencies: refs.agencies,
      refreshRefs: () => void refreshRefs(),
      refreshMe: async () => {
        const me = await fetchMe();
        if (me) setUser(me.user);
        else onLoggedOut('نشست شما به پایان رسیده است. لطفاً دوباره وارد شوید.');
      },
      logout: async (everywhere) => {
        try {
          await post(everywhere ? '/auth/logout-all' : '/auth/logout');
        } catch (e) {
          if (!(e instanceof ApiError && e.status === 401)) throw e;
        }
        onLoggedOut(everywhere ? 'از همهٔ نشست‌های خود در همهٔ دستگاه‌ها خارج شدید.' : 'از سامانه خارج شدید.');
      },
    }),
    [user, refs, setUser, refreshRefs, onLoggedOut],
  );
  return (
    <SessionContext.Provider value={session}>
      <Shell session={session} />
    </SessionContext.Provider>
  );
}

interface NavItem {
  to: string;
  label: string;
  icon: ReactNode;
  testId: string;
}

function navItems(s: Session): NavItem[] {
  const c = s.caps;
  const items: NavItem[] = [{ to: '/', label: 'خانه', icon: <Icon d={ICONS.home} />, testId: 'nav-home' }];
  if (c.canSeeCouncils) items.push({ to: '/councils', label: 'شورا', icon: <Icon d={ICONS.council} />, testId: 'nav-councils' });
  if (c.canSeeAgencies)
    items.push({
      to: '/agencies',
      label: c.canManageAgencies ? 'مدیریت دستگاه‌ها' : 'دستگاه‌ها',
      icon: <Icon d={ICONS.agency} />,
      testId: 'nav-agencies',
    });
  else
    for (const id of c.memberAgencies)
      items.push({
        to: `/agencies/${id}`,
        label: c.memberAgencies.length > 1 ? agencyName(s, id) : 'دستگاه من',
        icon: <Icon d={ICONS.agency} />,
        testId: 'nav-my-agency',
      });
  if (c.canSeeNewsroom) {
    const own = c.canSeeAllReleases ? null : c.writeAgencies.length === 1 ? c.writeAgencies[0] : null;
    items.push({
      to: own ? `/newsroom?agency=${own}` : '/newsroom',
      label: c.canSeeAllReleases ? 'خبرهای دستگاه‌ها' : 'تحریریه',
      icon: <Icon d={ICONS.news} />,
      testId: 'nav-newsroom',
    });
  }
  if (c.canSeeQueue) items.push({ to: '/newsroom/queue', label: 'صف تأیید', icon: <Icon d={ICONS.queue} />, testId: 'nav-queue' });
  if (c.canSeeCalendar) items.push({ to: '/newsroom/calendar', label: 'تقویم انتشار', icon: <Icon d={ICONS.calendar} />, testId: 'nav-calendar' });
  items.push({ to: '/monitor', label: 'پایش رسانه', icon: <Icon d={ICONS.monitor} />, testId: 'nav-monitor' });
  if (canSeeCitizen(s.user)) items.push({ to: '/citizen', label: 'درخواست‌های مردمی', icon: <Icon d={ICONS.citizen} />, testId: 'nav-citizen' });
  else if (c.canSeeCouncils) items.push({ to: '/citizen/csat', label: 'رضایت شهروندان', icon: <Icon d={ICONS.citizen} />, testId: 'nav-csat' });
  if (c.canManageChannels) items.push({ to: '/distribution', label: 'انتشار', icon: <Icon d={ICONS.send} />, testId: 'nav-distribution' });
  if (c.canSeeUsers) items.push({ to: '/users', label: 'کاربران', icon: <Icon d={ICONS.users} />, testId: 'nav-users' });
  if (c.canSeeAudit) items.push({ to: '/audit', label: 'گزارش رویدادها', icon: <Icon d={ICONS.audit} />, testId: 'nav-audit' });
  items.push({ to: '/password', label: 'تغییر گذرواژه', icon: <Icon d={ICONS.key} />, testId: 'nav-password' });
  return items;
}

function Shell({ session }: { session: Session }) {
  const path = usePath();
  const [menuOpen, setMenuOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const items = navItems(session);
  const first = useRef(true);
  useEffect(() => {
    setMenuOpen(false);
    // After client-side navigation, move focus to the new page for keyboard and screen-reader users.
    if (first.current) first.current = false;
    else document.getElementById('main')?.focus({ preventScroll: true });
  }, [path]);

  const isActive = (to: string) => {
    to = to.split('?')[0];
    if (to === '/') return path === '/';
    // The newsroom's own sub-pages (queue, calendar) have their own entries.
    if (to === '/newsroom' && (path.startsWith('/newsroom/queue') || path.startsWith('/newsroom/calendar'))) return false;
    return path === to || path.startsWith(to + '/');
  };
  const logout = async (everywhere: boolean) => {
    setBusy(true);
    try {
      await session.logout(everywhere);
    } catch (e) {
      setBusy(false);
      window.alert(e instanceof ApiError ? e.message : 'خروج انجام نشد.');
    }
  };
  const primaryRole = session.user.roles[0]?.role;

  return (
    <div className="app-shell">
      <a href="#main" className="visually-hidden-focusable skip-link">
        پرش به محتوای اصلی
      </a>
      <header className="app-topbar navbar navbar-dark px-3">
        <div className="d-flex align-items-center gap-2">
          <button
            type="button"
            className="btn btn-sm btn-outline-light d-lg-none"
            aria-controls="sidebar"
            aria-expanded={menuOpen}
            onClick={() => setMenuOpen((o) => !o)}
            aria-label="فهرست"
          >
            ☰
          </button>
          <Link to="/" className="navbar-brand d-flex align-items-center gap-2 m-0">
            <img src={`${import.meta.env.BASE_URL}favicon.svg`} width={28} height={28} alt="" />
            <span className="fw-bold">پل</span>
            <span className="brand-sub d-none d-md-inline">میز کار روابط عمومی</span>
          </Link>
        </div>
        <div className="d-flex align-items-center gap-3 text-white">
          {session.caps.canSeeNewsroom && <NotificationBell />}
          <div className="text-end lh-sm d-none d-sm-block" data-testid="whoami">
            <div className="fw-semibold">{session.user.name}</div>
            {primaryRole && <div className="small opacity-75">{roleLabel(primaryRole)}</div>}
          </div>
          <button type="button" className="btn btn-sm btn-light" onClick={() => void logout(false)} disabled={busy} data-testid="logout">
            خروج
          </button>
        </div>
      </header>
      <div className="app-body">
        <nav id="sidebar" className={`app-sidebar ${menuOpen ? 'open' : ''}`} aria-label="فهرست اصلی">
          <ul className="nav flex-column gap-1" data-testid="nav">
            {items.map((it) => (
              <li className="nav-item" key={it.to}>
                <Link
                  to={it.to}
                  className={`nav-link d-flex align-items-center gap-2 ${isActive(it.to) ? 'active' : ''}`}
                  aria-current={isActive(it.to) ? 'page' : undefined}
                  data-testid={it.testId}
                >
                  {it.icon}
                  <span>{it.label}</span>
                </Link>
              </li>
            ))}
          </ul>
          <hr />
          <div className="d-grid gap-2 px-2">
            <button type="button" className="btn btn-sm btn-outline-secondary" onClick={() => void logout(false)} disabled={busy}>
              خروج
            </button>
            <button
              type="button"
              className="btn btn-sm btn-outline-danger"
              onClick={() => void logout(true)}
              disabled={busy}
              data-testid="logout-all"
            >
              خروج از همهٔ دستگاه‌ها
            </button>
          </div>
        </nav>
        <main id="main" className="app-main" tabIndex={-1}>
          <Routes path={path} session={session} />
        </main>
      </div>
    </div>
  );
}

function Routes({ path, session }: { path: string; session: Session }) {
  const c = session.caps;
  let m: Record<string, string> | null;
  const guard = (ok: boolean, el: ReactNode) => (ok ? el : <Forbidden />);
  if (path === '/') return <Dashboard />;
  if (path === '/password') return <PasswordPage />;
  if (path === '/councils') return guard(c.canSeeCouncils, <CouncilsPage />);
  if ((m = match('/councils/:id', path))) return guard(c.canSeeCouncils, <CouncilPage key={m.id} id={Number(m.id)} />);
  if (path === '/agencies') return guard(c.canSeeAgencies, <AgenciesPage />);
  if (path === '/agencies/new') return guard(c.canManageAgencies, <AgencyNewPage />);
  if ((m = match('/agencies/:id', path))) {
    const id = Number(m.id);
    return guard(c.canSeeAgencies || c.memberAgencies.includes(id), <AgencyPage key={id} id={id} />);
  }
  if (path === '/users') return guard(c.canSeeUsers, <UsersPage />);
  if (path === '/users/new') return guard(c.canSeeUsers, <UserNewPage />);
  if ((m = match('/users/:id', path))) return guard(c.canSeeUsers, <UserPage key={m.id} id={Number(m.id)} />);
  if (path === '/audit') return guard(c.canSeeAudit, <AuditPage />);
  if (path === '/citizen') return guard(canSeeCitizen(session.user), <CitizenInboxPage key={window.location.search} />);
  if (path === '/citizen/routing') return guard(canSeeCitizen(session.user), <CitizenRoutingPage />);
  if (path === '/citizen/csat') return guard(canSeeCitizen(session.user) || c.canSeeCouncils, <CitizenCsatPage />);
  if ((m = match('/citizen/:id', path))) return guard(canSeeCitizen(session.user), <CitizenRequestPage key={m.id} id={Number(m.id)} />);
  if (path === '/distribution') return guard(c.canManageChannels, <DistributionPage />);
  if (path === '/newsroom') return guard(c.canSeeNewsroom, <ReleasesPage key={window.location.search} />);
  if (path === '/newsroom/new') return guard(c.writeAgencies.length > 0, <ReleaseNewPage key={window.location.search} />);
  if (path === '/newsroom/queue') return guard(c.canSeeQueue, <QueuePage />);
  if (path === '/newsroom/calendar') return guard(c.canSeeCalendar, <CalendarPage />);
  // Links in notifications may use /releases/:id.
  if ((m = match('/releases/:id', path))) return guard(c.canSeeNewsroom, <ReleasePage key={m.id} id={Number(m.id)} tab="edit" />);
  if ((m = match('/newsroom/:id', path))) return guard(c.canSeeNewsroom, <ReleasePage key={m.id} id={Number(m.id)} tab="edit" />);
  if ((m = match('/newsroom/:id/history', path))) return guard(c.canSeeNewsroom, <ReleasePage key={m.id} id={Number(m.id)} tab="history" />);
  if (path === '/monitor') return <MonitorFeedPage key={window.location.search} />;
  if (path === '/monitor/sources') return guard(c.canSeeCouncils, <SourcesPage />);
  if (path === '/monitor/charts') return guard(c.canSeeCouncils, <MonitorChartsPage />);
  if (path === '/monitor/watch-terms') return <WatchTermsPage />;
  if (path === '/monitor/alert-rules') return guard(c.canSeeCouncils, <AlertRulesPage />);
  if ((m = match('/monitor/items/:id', path))) return <MonitorItemPage key={m.id} id={Number(m.id)} />;
  if ((m = match('/monitor/releases/:id', path))) return guard(c.canSeeNewsroom, <CoveragePage key={m.id} id={Number(m.id)} />);
  return <NotFound />;
}

const ICONS = {
  monitor: 'M1 3h14v9H1zm1 1v7h12V4zM5 14h6v1H5zm2-2h2v2H7zM3 9l3-3 2 2 3-3 2 2v1l-2-2-3 3-2-2-3 3z',
  news: 'M1 2.5h11V13a1.5 1.5 0 0 0 1.5 1.5H2.5A1.5 1.5 0 0 1 1 13zM13 5h2v8a1 1 0 0 1-2 0zM3 4.5v3h4v-3zm5 0V5.5h2.5v-1zm0 2V7.5h2.5v-1zM3 9h7.5v1H3zm0 2h7.5v1H3z',
  queue: 'M2 2h12v2H2zm0 4h12v2H2zm0 4h8v2H2zm10 .5 3 1.5-3 1.5z',
  calendar: 'M4 .5a.5.5 0 0 1 1 0V1h6V.5a.5.5 0 0 1 1 0V1h1a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H3a2 2 0 0 1-2-2V3a2 2 0 0 1 2-2h1zM2 5v9a1 1 0 0 0 1 1h10a1 1 0 0 0 1-1V5zm2 2h2v2H4zm3 0h2v2H7zm3 0h2v2h-2zM4 10h2v2H4zm3 0h2v2H7z',
  send: 'M15.5.5 0 7l5 2 1.5 5.5 2.5-3.5 4 3zM5.5 8.5l8-6-6.5 7.5-.5 3z',
  home: 'M8 1.5 1 7.5V15h5v-4h4v4h5V7.5z',
  council: 'M8 1 1 4.5V6h14V4.5zM2 7h2v6H2zm4 0h2v6H6zm4 0h2v6h-2zm3 0h1v6h-1zM1 14h14v1.5H1z',
  agency: 'M2 15V2.5L9 1v14zm8 0V5l4 1.5V15zM4 4h1.5v1.5H4zm2.5 0H8v1.5H6.5zM4 7h1.5v1.5H4zm2.5 0H8v1.5H6.5zM4 10h1.5v1.5H4zm2.5 0H8v1.5H6.5z',
  users: 'M5.5 7.5a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM0 14c0-3 2.5-5 5.5-5s5.5 2 5.5 5v1H0zm11.5-6.5a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5zM12 9c2.3.2 4 1.9 4 4.5V15h-4v-1.5c0-1.7-.6-3.2-1.6-4.2.5-.2 1-.3 1.6-.3z',
  audit: 'M3 1h7l3 3v11H3zm6 .5V5h3.5M5 7h6v1H5zm0 2.5h6v1H5zM5 12h4v1H5z',
  citizen: 'M2 2h12a1 1 0 0 1 1 1v8a1 1 0 0 1-1 1H6l-3.5 3V12H2a1 1 0 0 1-1-1V3a1 1 0 0 1 1-1zm2 3v1h8V5zm0 3v1h5V8z',
  key: 'M10.5 1a4.5 4.5 0 0 0-4.3 5.8L1 12v3h3v-1.5h1.5V12H7l1.2-1.2A4.5 4.5 0 1 0 10.5 1zm1 2.5a1.5 1.5 0 1 1 0 3 1.5 1.5 0 0 1 0-3z',
};

function Icon({ d }: { d: string }) {
  return (
    <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" fill="currentColor" className="flex-shrink-0">
      <path d={d} fillRule="evenodd" />
    </svg>
  );
}
