// The signed-in layout: the top bar (brand, notifications, who am I, log out),
// the sidebar built from the features' entries, and the page of the path.
import { Suspense, useEffect, useRef, useState } from 'react';
import { ApiError } from './api';
import { roleLabel } from './roles';
import { usePath } from './router';
import type { Session } from './session';
import { Forbidden, Link, Loading, NotFound } from './components/ui';
import { Icon } from './components/Icon';
import { NotificationBell } from './newsroom/NotificationBell';
import { findRoute, navEntries, type NavEntry } from './routes';
import { FEATURES } from './features';

export function Shell({ session }: { session: Session }) {
  const path = usePath();
  // The small-screen menu is open on the page where it was opened; navigating closes it.
  const [menuOpenOn, setMenuOpenOn] = useState<string | null>(null);
  if (menuOpenOn !== null && menuOpenOn !== path) setMenuOpenOn(null);
  const menuOpen = menuOpenOn === path;
  const [busy, setBusy] = useState(false);
  const items = navEntries(FEATURES, session);
  const first = useRef(true);
  useEffect(() => {
    // After client-side navigation, move focus to the new page for keyboard and screen-reader users.
    if (first.current) first.current = false;
    else document.getElementById('main')?.focus({ preventScroll: true });
  }, [path]);

  const isActive = (it: NavEntry) => {
    const to = it.to.split('?')[0];
    if (to === '/') return path === '/';
    if (it.activeExcept?.some((p) => path.startsWith(p))) return false;
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
            onClick={() => setMenuOpenOn((o) => (o === path ? null : path))}
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
          <NotificationBell />
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
                  className={`nav-link d-flex align-items-center gap-2 ${isActive(it) ? 'active' : ''}`}
                  aria-current={isActive(it) ? 'page' : undefined}
                  data-testid={it.testId}
                >
                  <Icon d={it.icon} />
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

/** The page of the path: the first route of the features that matches, if the user may open it. */
function Routes({ path, session }: { path: string; session: Session }) {
  const found = findRoute(FEATURES, path);
  if (!found) return <NotFound />;
  const { route, params } = found;
  if (route.allow && !route.allow(session, params)) return <Forbidden />;
  // Pages are loaded per route (lazy chunks): a short «در حال بارگذاری» while one arrives.
  return (
    <Suspense fallback={<Loading />}>
      {route.render(params)}
    </Suspense>
  );
}
