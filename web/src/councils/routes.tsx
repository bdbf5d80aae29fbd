// Councils: the list and one council (council roles and the system admin).
import { ICONS } from '../components/Icon';
import type { Feature } from '../routes';
import { CouncilPage, CouncilsPage } from './CouncilsPage';

export const councilsFeature: Feature = {
  routes: [
    { path: '/councils', allow: (s) => s.caps.canSeeCouncils, render: () => <CouncilsPage /> },
    { path: '/councils/:id', allow: (s) => s.caps.canSeeCouncils, render: ({ id }) => <CouncilPage key={id} id={Number(id)} /> },
  ],
  nav: (s) => (s.caps.canSeeCouncils ? [{ to: '/councils', label: 'شورا', icon: ICONS.council, testId: 'nav-councils' }] : []),
};
