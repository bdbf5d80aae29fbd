// Insight's own screens (the dashboard itself is on the home screen): the press bulletin and the
// emerging issues.
import { lazy } from 'react';
import { ICONS } from '../components/Icon';
import type { Feature } from '../routes';
import type { Session } from '../session';

// Each page is its own chunk, loaded when its route is first opened (Shell wraps routes in Suspense).
const BulletinPage = lazy(() => import('./BulletinPage').then((m) => ({ default: m.BulletinPage })));
const ScorecardPage = lazy(() => import('./scorecard/ScorecardPage').then((m) => ({ default: m.ScorecardPage })));
const EmergingPage = lazy(() => import('./emerging/EmergingPage').then((m) => ({ default: m.EmergingPage })));
const EmergingIssuePage = lazy(() => import('./emerging/EmergingPage').then((m) => ({ default: m.EmergingIssuePage })));

// The console only hides; the server decides: council roles see the council's bulletin and issues; an
// issue's page is also open to the PR managers of its owner agency (they get its link in a notification).
const sees = (s: Session) => s.caps.canSeeCouncils;
// Scorecards: council roles, and agencies' PR managers (their own card, evidence uploads).
const seesScorecards = (s: Session) => s.caps.canSeeCouncils || s.caps.managedAgencies.length > 0;

export const insightFeature: Feature = {
  routes: [
    { path: '/insight/bulletin', allow: sees, render: () => <BulletinPage /> },
    { path: '/insight/scorecard', allow: seesScorecards, render: () => <ScorecardPage /> },
    { path: '/insight/emerging', allow: sees, render: () => <EmergingPage /> },
    { path: '/insight/emerging/:id', allow: () => true, render: ({ id }) => <EmergingIssuePage key={id} id={Number(id)} /> },
  ],
  nav: (s) => [
    ...(sees(s)
      ? [
          { to: '/insight/bulletin', label: 'بولتن', icon: ICONS.audit, testId: 'nav-bulletin' },
          { to: '/insight/emerging', label: 'موضوعات نوظهور', icon: ICONS.monitor, testId: 'nav-emerging' },
        ]
      : []),
    ...(seesScorecards(s)
      ? [{ to: '/insight/scorecard', label: 'ارزیابی روابط عمومی', icon: ICONS.audit, testId: 'nav-scorecard' }]
      : []),
  ],
};
