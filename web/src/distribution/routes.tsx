// Distribution: channels and press lists (system and council admins, PR managers).
import { lazy } from 'react';
import { ICONS } from '../components/Icon';
import type { Feature } from '../routes';

// Each page is its own chunk, loaded when its route is first opened (Shell wraps routes in Suspense).
const DistributionPage = lazy(() => import('./DistributionPage').then((m) => ({ default: m.DistributionPage })));

export const distributionFeature: Feature = {
  routes: [{ path: '/distribution', allow: (s) => s.caps.canManageChannels, render: () => <DistributionPage /> }],
  nav: (s) => (s.caps.canManageChannels ? [{ to: '/distribution', label: 'انتشار', icon: ICONS.send, testId: 'nav-distribution' }] : []),
};
