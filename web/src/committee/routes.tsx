// The PR committee: my meetings and decisions, a committee, a meeting, a decision.
import { ICONS } from '../components/Icon';
import type { Feature } from '../routes';
import { useSession, type Session } from '../session';
import { CommitteesPage } from './CommitteesPage';
import { CommitteePage } from './CommitteePage';
import { MeetingPage } from './MeetingPage';
import { DecisionPage } from './DecisionPage';
import { RegisterPage } from './RegisterPage';

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
