// Distribution: channels and press lists (system and council admins, PR managers).
import { ICONS } from '../components/Icon';
import type { Feature } from '../routes';
import { DistributionPage } from './DistributionPage';

export const distributionFeature: Feature = {
  routes: [{ path: '/distribution', allow: (s) => s.caps.canManageChannels, render: () => <DistributionPage /> }],
  nav: (s) => (s.caps.canManageChannels ? [{ to: '/distribution', label: 'انتشار', icon: ICONS.send, testId: 'nav-distribution' }] : []),
};
