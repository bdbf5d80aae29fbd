// The work calendar's closures: council admins (and the system admin) close a day or mark one working;
// the SLA deadlines it touches move at once.
import { lazy } from 'react';
import { ICONS } from '../components/Icon';
import type { Feature } from '../routes';

// Each page is its own chunk, loaded when its route is first opened (Shell wraps routes in Suspense).
const ClosuresPage = lazy(() => import('./ClosuresPage').then((m) => ({ default: m.ClosuresPage })));

export const closuresFeature: Feature = {
  routes: [{ path: '/closures', allow: (s) => s.caps.isSystemAdmin || s.caps.adminCouncils.length > 0, render: () => <ClosuresPage /> }],
  nav: (s) =>
    s.caps.isSystemAdmin || s.caps.adminCouncils.length > 0
      ? [{ to: '/closures', label: 'تعطیلی‌ها و تقویم کاری', icon: ICONS.calendar, testId: 'nav-closures' }]
      : [],
};
