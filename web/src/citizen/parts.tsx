// Small pieces shared by the citizens' channel screens.
import type { CitizenRequest } from './types';

export function StateBadge({ r }: { r: CitizenRequest }) {
  const cls = r.state === 'closed' ? 'text-bg-secondary' : r.state === 'triage' ? 'text-bg-warning' : r.state === 'answered' ? 'text-bg-success' : 'text-bg-primary';
  return (
    <span className={`badge ${cls}`} data-testid="state">
      {r.state_name}
    </span>
  );
}
