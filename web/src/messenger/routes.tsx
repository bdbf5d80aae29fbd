// Messenger bots: citizens' requests through Bale and Telegram (who manages distribution channels).
import { lazy } from 'react';
import { ICONS } from '../components/Icon';
import type { Feature } from '../routes';

// Each page is its own chunk, loaded when its route is first opened (Shell wraps routes in Suspense).
const BotsPage = lazy(() => import('./BotsPage').then((m) => ({ default: m.BotsPage })));

export const messengerFeature: Feature = {
  routes: [{ path: '/messenger', allow: (s) => s.caps.canManageChannels, render: () => <BotsPage /> }],
  nav: (s) => (s.caps.canManageChannels ? [{ to: '/messenger', label: 'ربات‌های پیام‌رسان', icon: ICONS.citizen, testId: 'nav-messenger' }] : []),
};
