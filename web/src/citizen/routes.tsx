// The citizens' channel: the inbox, a request, routing admin and CSAT (which
// council roles without the inbox also see).
import { lazy } from 'react';
import { ICONS } from '../components/Icon';
import type { Feature } from '../routes';
import { loadInboxPage } from '../firstScreens';
import type { Session } from '../session';
import { canSeeCitizen, isCouncilDesk } from './access';

// Each page is its own chunk, loaded when its route is first opened (Shell wraps routes in Suspense).
const CitizenInboxPage = lazy(() => loadInboxPage().then((m) => ({ default: m.CitizenInboxPage })));
const CitizenRequestPage = lazy(() => import('./RequestPage').then((m) => ({ default: m.CitizenRequestPage })));
const CitizenRoutingPage = lazy(() => import('./RoutingPage').then((m) => ({ default: m.CitizenRoutingPage })));
const CitizenCsatPage = lazy(() => import('./CsatPage').then((m) => ({ default: m.CitizenCsatPage })));
const CitizenSlaPage = lazy(() => import('./SlaPage').then((m) => ({ default: m.CitizenSlaPage })));
const CitizenPrivacyPage = lazy(() => import('./PrivacyPage').then((m) => ({ default: m.CitizenPrivacyPage })));

const desk = (s: Session) => canSeeCitizen(s.user);

export const citizenFeature: Feature = {
  routes: [
    { path: '/citizen', allow: desk, render: () => <CitizenInboxPage key={window.location.search} /> },
    { path: '/citizen/routing', allow: desk, render: () => <CitizenRoutingPage /> },
    { path: '/citizen/sla', allow: (s) => isCouncilDesk(s.user), render: () => <CitizenSlaPage /> },
    { path: '/citizen/privacy', allow: (s) => isCouncilDesk(s.user), render: () => <CitizenPrivacyPage /> },
    { path: '/citizen/csat', allow: (s) => desk(s) || s.caps.canSeeCouncils, render: () => <CitizenCsatPage /> },
    { path: '/citizen/:id', allow: desk, render: ({ id }) => <CitizenRequestPage key={id} id={Number(id)} /> },
  ],
  nav: (s) => {
    if (desk(s)) return [{ to: '/citizen', label: 'درخواست‌های مردمی', icon: ICONS.citizen, testId: 'nav-citizen' }];
    if (s.caps.canSeeCouncils) return [{ to: '/citizen/csat', label: 'رضایت شهروندان', icon: ICONS.citizen, testId: 'nav-csat' }];
    return [];
  },
};
