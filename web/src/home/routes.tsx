// Home (the dashboard) and the account (change one's own password).
import { lazy } from 'react';
import { ICONS } from '../components/Icon';
import type { Feature } from '../routes';
import { loadDashboard } from '../firstScreens';

// Each page is its own chunk (Shell wraps routes in Suspense); the dashboard's starts with the shell's.
const Dashboard = lazy(() => loadDashboard().then((m) => ({ default: m.Dashboard })));
const PasswordPage = lazy(() => import('./PasswordPage').then((m) => ({ default: m.PasswordPage })));

export const homeFeature: Feature = {
  routes: [{ path: '/', render: () => <Dashboard /> }],
  nav: () => [{ to: '/', label: 'خانه', icon: ICONS.home, testId: 'nav-home' }],
};

export const accountFeature: Feature = {
  routes: [{ path: '/password', render: () => <PasswordPage /> }],
  nav: () => [{ to: '/password', label: 'تغییر گذرواژه', icon: ICONS.key, testId: 'nav-password' }],
};
