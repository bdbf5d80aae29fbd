// The work calendar's closures: council admins (and the system admin) close a day or mark one working;
// the SLA deadlines it touches move at once.
import { ICONS } from '../components/Icon';
import type { Feature } from '../routes';
import { ClosuresPage } from './ClosuresPage';

export const closuresFeature: Feature = {
  routes: [{ path: '/closures', allow: (s) => s.caps.isSystemAdmin || s.caps.adminCouncils.length > 0, render: () => <ClosuresPage /> }],
  nav: (s) =>
    s.caps.isSystemAdmin || s.caps.adminCouncils.length > 0
      ? [{ to: '/closures', label: 'تعطیلی‌ها و تقویم کاری', icon: ICONS.calendar, testId: 'nav-closures' }]
      : [],
};
