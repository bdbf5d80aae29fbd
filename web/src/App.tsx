// The console's root: boot (who is signed in), the login page, and the session
// (user, capabilities, councils and agencies) for the signed-in Shell.
import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { ApiError, fetchMe, get, post, setCsrf, setUnauthorizedHandler } from './api';
import { capsOf } from './roles';
import { currentPath, navigate } from './router';
import { SessionContext, type Session } from './session';
import type { Agency, Council, Page, User } from './types';
import { Loading } from './components/ui';
import { LoginPage } from './home/LoginPage';
import { preloadFirstScreen } from './firstScreens';

// The signed-in console (the sidebar and every feature's route table) is a chunk of its own, so the login
// page on a phone waits only for what it shows. Its download starts as soon as a user is known, beside the
// start-up reference calls.
const loadShell = () => import('./Shell');
const Shell = lazy(() => loadShell().then((m) => ({ default: m.Shell })));

// The start-up reference data, fetched in parallel: councils and the first page of agencies
// together, then the other pages and the user's own agencies (if not listed) together.
async function loadRefs(user: User): Promise<{ councils: Council[]; agencies: Agency[] }> {
  const perPage = 100;
  const [councils, first] = await Promise.all([
    get<{ items: Council[] }>('/councils')
      .then((r) => r.items)
      .catch(() => [] as Council[]),
    get<Page<Agency>>('/agencies', { page: 1, per_page: perPage }).catch(() => null),
  ]);
  let agencies: Agency[] = first?.items ?? [];
  if (first && first.total > agencies.length && agencies.length > 0) {
    const pages = Math.min(20, Math.ceil(first.total / perPage));
    const rest = await Promise.all(
      Array.from({ length: pages - 1 }, (_, i) =>
        get<Page<Agency>>('/agencies', { page: i + 2, per_page: perPage })
          .then((r) => r.items)
          .catch(() => [] as Agency[]),
      ),
    );
    agencies = agencies.concat(...rest);
  }
  // Agency staff may not be allowed to list agencies; fetch their own.
  const own = [...new Set(user.roles.map((g) => g.agency_id).filter((x): x is number => x != null))];
  const missing = own.filter((id) => !agencies.some((a) => a.id === id));
  const fetched = await Promise.all(missing.map((id) => get<Agency>(`/agencies/${id}`).catch(() => null)));
  agencies = agencies.concat(fetched.filter((a): a is Agency => a !== null));
  return { councils, agencies };
}

type Boot = { state: 'loading' } | { state: 'anon'; notice?: string } | { state: 'error'; message: string } | { state: 'in'; user: User };

export function App() {
  const [boot, setBoot] = useState<Boot>({ state: 'loading' });
  const [refs, setRefs] = useState<{ councils: Council[]; agencies: Agency[] }>({ councils: [], agencies: [] });

  // Who is signed in (and the reference data for them); the state is set once the answer is in.
  const start = useCallback(() => {
    fetchMe()
      .then(async (me) => {
        if (!me) return null;
        // The shell and the first screen's chunk download beside the reference data.
        void loadShell();
        preloadFirstScreen(currentPath());
        return { me, refs: await loadRefs(me.user) };
      })
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
          void loadShell();
          preloadFirstScreen(currentPath());
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
      <Suspense
        fallback={
          <div className="min-vh-100 d-flex align-items-center justify-content-center">
            <Loading />
          </div>
        }
      >
        <Shell session={session} />
      </Suspense>
    </SessionContext.Provider>
  );
}
