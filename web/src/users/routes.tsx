// Users: the list, a new user, one user (system and council admins, PR managers).
import { ICONS } from '../components/Icon';
import type { Feature } from '../routes';
import { UsersPage } from './UsersPage';
import { UserNewPage } from './UserNewPage';
import { UserPage } from './UserPage';

export const usersFeature: Feature = {
  routes: [
    { path: '/users', allow: (s) => s.caps.canSeeUsers, render: () => <UsersPage /> },
    { path: '/users/new', allow: (s) => s.caps.canSeeUsers, render: () => <UserNewPage /> },
    { path: '/users/:id', allow: (s) => s.caps.canSeeUsers, render: ({ id }) => <UserPage key={id} id={Number(id)} /> },
  ],
  nav: (s) => (s.caps.canSeeUsers ? [{ to: '/users', label: 'کاربران', icon: ICONS.users, testId: 'nav-users' }] : []),
};
