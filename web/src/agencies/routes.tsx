// Agencies: the list (council roles), a new agency (council admins), one
// agency (also its own staff, who get a «my agency» entry instead of the list).
import { ICONS } from '../components/Icon';
import type { Feature } from '../routes';
import { agencyName } from '../session';
import { AgenciesPage } from './AgenciesPage';
import { AgencyNewPage } from './AgencyNewPage';
import { AgencyPage } from './AgencyPage';

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
