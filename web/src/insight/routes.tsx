// Insight's own screens (the dashboard itself is on the home screen): the press bulletin.
import { ICONS } from '../components/Icon';
import type { Feature } from '../routes';
import type { Session } from '../session';
import { BulletinPage } from './BulletinPage';
import { ScorecardPage } from './scorecard/ScorecardPage';

// The console only hides; the server decides: council roles see the council's bulletin.
const sees = (s: Session) => s.caps.canSeeCouncils;
// Scorecards: council roles, and agencies' PR managers (their own card, evidence uploads).
const seesScorecards = (s: Session) => s.caps.canSeeCouncils || s.caps.managedAgencies.length > 0;

export const insightFeature: Feature = {
  routes: [
    { path: '/insight/bulletin', allow: sees, render: () => <BulletinPage /> },
    { path: '/insight/scorecard', allow: seesScorecards, render: () => <ScorecardPage /> },
  ],
  nav: (s) => [
    ...(sees(s) ? [{ to: '/insight/bulletin', label: 'بولتن', icon: ICONS.audit, testId: 'nav-bulletin' }] : []),
    ...(seesScorecards(s)
      ? [{ to: '/insight/scorecard', label: 'ارزیابی روابط عمومی', icon: ICONS.audit, testId: 'nav-scorecard' }]
      : []),
  ],
};
