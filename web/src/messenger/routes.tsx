// Messenger bots: citizens' requests through Bale and Telegram (who manages distribution channels).
import { ICONS } from '../components/Icon';
import type { Feature } from '../routes';
import { BotsPage } from './BotsPage';

export const messengerFeature: Feature = {
  routes: [{ path: '/messenger', allow: (s) => s.caps.canManageChannels, render: () => <BotsPage /> }],
  nav: (s) => (s.caps.canManageChannels ? [{ to: '/messenger', label: 'ربات‌های پیام‌رسان', icon: ICONS.citizen, testId: 'nav-messenger' }] : []),
};
