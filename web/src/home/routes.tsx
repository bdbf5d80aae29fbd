// Home (the dashboard) and the account (change one's own password).
import { ICONS } from '../components/Icon';
import type { Feature } from '../routes';
import { Dashboard } from './Dashboard';
import { PasswordPage } from './PasswordPage';

export const homeFeature: Feature = {
  routes: [{ path: '/', render: () => <Dashboard /> }],
  nav: () => [{ to: '/', label: 'خانه', icon: ICONS.home, testId: 'nav-home' }],
};

export const accountFeature: Feature = {
  routes: [{ path: '/password', render: () => <PasswordPage /> }],
  nav: () => [{ to: '/password', label: 'تغییر گذرواژه', icon: ICONS.key, testId: 'nav-password' }],
};
