// Users: the list, a new user, one user (system and council admins, PR managers).
import { lazy } from 'react';
import { ICONS } from '../components/Icon';
import type { Feature } from '../routes';

// Each page is its own chunk, loaded when its route is first opened (Shell wraps routes in Suspense).
const UsersPage = lazy(() => import('./UsersPage').then((m) => ({ default: m.UsersPage })));
const UserNewPage = lazy(() => import('./UserNewPage').then((m) => ({ default: m.UserNewPage })));
const UserPage = lazy(() => import('./UserPage').then((m) => ({ default: m.UserPage })));

export const usersFeature: Feature = {
  routes: [
    { path: '/users', allow: (s) => s.caps.canSeeUsers, render: () => <UsersPage /> },
    { path: '/users/new', allow: (s) => s.caps.canSeeUsers, render: () => <UserNewPage /> },
    { path: '/users/:id', allow: (s) => s.caps.canSeeUsers, render: ({ id }) => <UserPage key={id} id={Number(id)} /> },
  ],
  nav: (s) => (s.caps.canSeeUsers ? [{ to: '/users', label: 'کاربران', icon: ICONS.users, testId: 'nav-users' }] : []),
};
