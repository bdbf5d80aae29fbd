import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ApiError, fetchMe, get, post, setCsrf, setUnauthorizedHandler } from './api';
import { capsOf, roleLabel } from './roles';
import { navigate, usePath } from './router';
import { SessionContext, type Session } from './session';
import type { Agency, Council, Page, User } from './types';
import { Forbidden, Link, Loading, NotFound } from './components/ui';
import { LoginPage } from './home/LoginPage';
import { NotificationBell } from './newsroom/NotificationBell';
import { Icon } from './components/Icon';
import { findRoute, navEntries, type Feature, type NavEntry } from './routes';
import { accountFeature, homeFeature } from './home/routes';
import { councilsFeature } from './councils/routes';
import { agenciesFeature } from './agencies/routes';
import { newsroomFeature } from './newsroom/routes';
import { monitorFeature } from './monitor/routes';
import { citizenFeature } from './citizen/routes';
import { distributionFeature } from './distribution/routes';
import { usersFeature } from './users/routes';
import { auditFeature } from './audit/routes';

/** The console's features, in the order of the sidebar. */
const FEATURES: Feature[] = [
  homeFeature,
  councilsFeature,
  agenciesFeature,
  newsroomFeature,
  monitorFeature,
  citizenFeature,
  distributionFeature,
  usersFeature,
  auditFeature,
  accountFeature,
];

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

  // Who is signed in (and the reference data for them); the state is set once the answer is in.
  const start = useCallback(() => {
    fetchMe()
      .then(async (me) => (me ? { me, refs: await loadRefs(me.user) } : null))
      .then(
        (r) => {
          if (!r) return setBoot({ state: 'anon' });
          setRefs(r.refs);
          setBoot({ state: 'in', user: r.me.user });
        },
        (e) => setBoot({ state: 'error', message: e instanceof ApiError ? e.message : 'خطای ناشناخته رخ داد.' }),
      );
  }, []);

  useEffect(() => {
    setUnauthorizedHandler(() => {
      setCsrf('');
      setBoot({ state: 'anon', notice: 'نشست شما به پایان رسیده است. لطفاً دوباره وارد شوید.' });
    });
    start();
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
        <button className="btn btn-primary" onClick={start}>
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

function Shell({ session }: { session: Session }) {
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
  return <>{route.render(params)}</>;
}
