// Insight's own screens (the dashboard itself is on the home screen): the press bulletin.
import { ICONS } from '../components/Icon';
import type { Feature } from '../routes';
import type { Session } from '../session';
import { BulletinPage } from './BulletinPage';

// The console only hides; the server decides: council roles see the council's bulletin.
const sees = (s: Session) => s.caps.canSeeCouncils;

export const insightFeature: Feature = {
  routes: [{ path: '/insight/bulletin', allow: sees, render: () => <BulletinPage /> }],
  nav: (s) => (sees(s) ? [{ to: '/insight/bulletin', label: 'بولتن', icon: ICONS.audit, testId: 'nav-bulletin' }] : []),
};
