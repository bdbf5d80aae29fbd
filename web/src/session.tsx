// The signed-in user, their capabilities, and reference data (councils and
// agencies, for showing names of scopes) shared by every screen.
import { createContext, useContext } from 'react';
import type { Agency, Council, User } from './types';
import type { Caps } from './roles';
import { toPersianDigits } from './fa';

export interface Session {
  user: User;
  caps: Caps;
  councils: Council[];
  agencies: Agency[];
  /** re-read councils/agencies after an edit */
  refreshRefs: () => void;
  /** re-read /auth/me (e.g. after editing one's own account) */
  refreshMe: () => Promise<void>;
  logout: (everywhere: boolean) => Promise<void>;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('no session');
  return s;
}

export function councilName(s: Session, id: number | null | undefined): string {
  if (id == null) return '';
  return s.councils.find((c) => c.id === id)?.name ?? `شورای ${toPersianDigits(id)}`;
}
export function agencyName(s: Session, id: number | null | undefined): string {
  if (id == null) return '';
  const a = s.agencies.find((x) => x.id === id);
  return a ? a.short_name || a.name : `دستگاه ${toPersianDigits(id)}`;
}
