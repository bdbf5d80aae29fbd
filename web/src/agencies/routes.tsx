// Agencies: the list (council roles), a new agency (council admins), one
// agency (also its own staff, who get a «my agency» entry instead of the list).
import { lazy } from 'react';
import { ICONS } from '../components/Icon';
import type { Feature } from '../routes';
import { agencyName } from '../session';

// Each page is its own chunk, loaded when its route is first opened (Shell wraps routes in Suspense).
const AgenciesPage = lazy(() => import('./AgenciesPage').then((m) => ({ default: m.AgenciesPage })));
const AgencyNewPage = lazy(() => import('./AgencyNewPage').then((m) => ({ default: m.AgencyNewPage })));
const AgencyPage = lazy(() => import('./AgencyPage').then((m) => ({ default: m.AgencyPage })));

export const agenciesFeature: Feature = {
  routes: [
    { path: '/agencies', allow: (s) => s.caps.canSeeAgencies, render: () => <AgenciesPage /> },
    { path: '/agencies/new', allow: (s) => s.caps.canManageAgencies, render: () => <AgencyNewPage /> },
    {
      path: '/agencies/:id',
      allow: (s, { id }) => s.caps.canSeeAgencies || s.caps.memberAgencies.includes(Number(id)),
      render: ({ id }) => <AgencyPage key={Number(id)} id={Number(id)} />,
    },
  ],
  nav: (s) => {
    const c = s.caps;
    if (c.canSeeAgencies) return [{ to: '/agencies', label: c.canManageAgencies ? 'مدیریت دستگاه‌ها' : 'دستگاه‌ها', icon: ICONS.agency, testId: 'nav-agencies' }];
    return c.memberAgencies.map((id) => ({
      to: `/agencies/${id}`,
      label: c.memberAgencies.length > 1 ? agencyName(s, id) : 'دستگاه من',
      icon: ICONS.agency,
      testId: 'nav-my-agency',
    }));
  },
};
