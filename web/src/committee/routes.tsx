// The PR committee: my meetings and decisions, a committee, a meeting, a decision.
import { lazy } from 'react';
import { ICONS } from '../components/Icon';
import type { Feature } from '../routes';
import { useSession, type Session } from '../session';

// Each page is its own chunk, loaded when its route is first opened (Shell wraps routes in Suspense).
const CommitteesPage = lazy(() => import('./CommitteesPage').then((m) => ({ default: m.CommitteesPage })));
const CommitteePage = lazy(() => import('./CommitteePage').then((m) => ({ default: m.CommitteePage })));
const MeetingPage = lazy(() => import('./MeetingPage').then((m) => ({ default: m.MeetingPage })));
const DecisionPage = lazy(() => import('./DecisionPage').then((m) => ({ default: m.DecisionPage })));
const RegisterPage = lazy(() => import('./RegisterPage').then((m) => ({ default: m.RegisterPage })));

// The console only hides; the server decides. Seats are per committee, so anyone in a council's committee
// role and PR managers (decisions of their agency) see the entry.
const sees = (s: Session) => s.caps.isSystemAdmin || s.caps.committeeCouncils.length > 0 || s.caps.managedAgencies.length > 0;
const admin = (s: Session) => s.caps.isSystemAdmin || s.caps.adminCouncils.length > 0;

export const committeeFeature: Feature = {
  routes: [
    { path: '/committee', allow: sees, render: () => <CommitteesPage /> },
    { path: '/committee/meetings/:id', allow: sees, render: ({ id }) => <MeetingPageFor id={Number(id)} /> },
    { path: '/committee/decisions/:id', allow: sees, render: ({ id }) => <DecisionPageFor id={Number(id)} /> },
    { path: '/committee/register', allow: sees, render: () => <RegisterPage /> },
    { path: '/committee/:id', allow: sees, render: ({ id }) => <CommitteePageFor id={Number(id)} /> },
  ],
  nav: (s) => (sees(s) ? [{ to: '/committee', label: 'کمیتهٔ روابط عمومی', icon: ICONS.council, testId: 'nav-committee' }] : []),
};

function MeetingPageFor({ id }: { id: number }) {
  const s = useSession();
  return <MeetingPage key={id} id={id} canAdmin={admin(s)} userId={s.user.id} />;
}

function CommitteePageFor({ id }: { id: number }) {
  const s = useSession();
  return <CommitteePage key={id} id={id} canAdmin={admin(s)} />;
}

function DecisionPageFor({ id }: { id: number }) {
  const s = useSession();
  return <DecisionPage key={id} id={id} canAdmin={admin(s)} userId={s.user.id} managedAgencies={s.caps.managedAgencies} />;
}
