// The citizens' channel: the inbox, a request, routing admin and CSAT (which
// council roles without the inbox also see).
import { ICONS } from '../components/Icon';
import type { Feature } from '../routes';
import type { Session } from '../session';
import { canSeeCitizen } from './access';
import { CitizenInboxPage } from './InboxPage';
import { CitizenRequestPage } from './RequestPage';
import { CitizenRoutingPage } from './RoutingPage';
import { CitizenCsatPage } from './CsatPage';

const desk = (s: Session) => canSeeCitizen(s.user);

export const citizenFeature: Feature = {
  routes: [
    { path: '/citizen', allow: desk, render: () => <CitizenInboxPage key={window.location.search} /> },
    { path: '/citizen/routing', allow: desk, render: () => <CitizenRoutingPage /> },
    { path: '/citizen/csat', allow: (s) => desk(s) || s.caps.canSeeCouncils, render: () => <CitizenCsatPage /> },
    { path: '/citizen/:id', allow: desk, render: ({ id }) => <CitizenRequestPage key={id} id={Number(id)} /> },
  ],
  nav: (s) => {
    if (desk(s)) return [{ to: '/citizen', label: 'درخواست‌های مردمی', icon: ICONS.citizen, testId: 'nav-citizen' }];
    if (s.caps.canSeeCouncils) return [{ to: '/citizen/csat', label: 'رضایت شهروندان', icon: ICONS.citizen, testId: 'nav-csat' }];
    return [];
  },
};
