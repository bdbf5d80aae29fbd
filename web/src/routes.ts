// The console's route tables: each feature (home, councils, agencies,
// newsroom, monitor, citizen, distribution, users, audit, account) exports a
// Feature with its routes (path pattern, what to show, who may open it) and
// its sidebar entries; features.ts lists them and this file resolves a path.
import type { ReactNode } from 'react';
import { match } from './router';
import type { Session } from './session';

export type Params = Record<string, string>;

export interface RouteDef {
  /** the path pattern, e.g. "/councils/:id" (":name" matches one segment) */
  path: string;
  render: (params: Params) => ReactNode;
  /** who may open it (the console only hides; the server decides); absent: every signed-in user */
  allow?: (s: Session, params: Params) => boolean;
}

export interface NavEntry {
  to: string;
  label: string;
  /** the SVG path of the icon (components/Icon.tsx) */
  icon: string;
  testId: string;
  /** sub-paths that have entries of their own, so this one is not active there */
  activeExcept?: string[];
}

export interface Feature {
  routes: RouteDef[];
  /** the sidebar entries this feature shows the user (none where they may not go) */
  nav?: (s: Session) => NavEntry[];
}

/** The first route of the features that matches the path, with its parameters; null when none does. */
export function findRoute(features: Feature[], path: string): { route: RouteDef; params: Params } | null {
  for (const f of features)
    for (const route of f.routes) {
      const params = match(route.path, path);
      if (params) return { route, params };
    }
  return null;
}

/** The sidebar, in the order of the features. */
export function navEntries(features: Feature[], s: Session): NavEntry[] {
  return features.flatMap((f) => f.nav?.(s) ?? []);
}
