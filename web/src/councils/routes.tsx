// Councils: the list and one council (council roles and the system admin).
import { lazy } from 'react';
import { ICONS } from '../components/Icon';
import type { Feature } from '../routes';

// Each page is its own chunk, loaded when its route is first opened (Shell wraps routes in Suspense).
const CouncilPage = lazy(() => import('./CouncilsPage').then((m) => ({ default: m.CouncilPage })));
const CouncilsPage = lazy(() => import('./CouncilsPage').then((m) => ({ default: m.CouncilsPage })));

export const councilsFeature: Feature = {
  routes: [
    { path: '/councils', allow: (s) => s.caps.canSeeCouncils, render: () => <CouncilsPage /> },
    { path: '/councils/:id', allow: (s) => s.caps.canSeeCouncils, render: ({ id }) => <CouncilPage key={id} id={Number(id)} /> },
  ],
  nav: (s) => (s.caps.canSeeCouncils ? [{ to: '/councils', label: 'شورا', icon: ICONS.council, testId: 'nav-councils' }] : []),
};
