// The newsroom: releases (list, new, one release and its history), the
// approval queue and the editorial calendar.
import { lazy } from 'react';
import { ICONS } from '../components/Icon';
import type { Feature, NavEntry } from '../routes';
import { loadReleasesPage } from '../firstScreens';

// Each page is its own chunk, loaded when its route is first opened (Shell wraps routes in Suspense).
const ReleasesPage = lazy(() => loadReleasesPage().then((m) => ({ default: m.ReleasesPage })));
const QueuePage = lazy(() => import('./QueuePage').then((m) => ({ default: m.QueuePage })));
const CalendarPage = lazy(() => import('./CalendarPage').then((m) => ({ default: m.CalendarPage })));
const ReleaseNewPage = lazy(() => import('./editor/ReleaseEditor').then((m) => ({ default: m.ReleaseNewPage })));
const ReleasePage = lazy(() => import('./editor/ReleaseEditor').then((m) => ({ default: m.ReleasePage })));

const canSee = (s: { caps: { canSeeNewsroom: boolean } }) => s.caps.canSeeNewsroom;

export const newsroomFeature: Feature = {
  routes: [
    { path: '/newsroom', allow: canSee, render: () => <ReleasesPage key={window.location.search} /> },
    { path: '/newsroom/new', allow: (s) => s.caps.writeAgencies.length > 0, render: () => <ReleaseNewPage key={window.location.search} /> },
    { path: '/newsroom/queue', allow: (s) => s.caps.canSeeQueue, render: () => <QueuePage /> },
    { path: '/newsroom/calendar', allow: (s) => s.caps.canSeeCalendar, render: () => <CalendarPage /> },
    // Links in notifications may use /releases/:id.
    { path: '/releases/:id', allow: canSee, render: ({ id }) => <ReleasePage key={id} id={Number(id)} tab="edit" /> },
    { path: '/newsroom/:id', allow: canSee, render: ({ id }) => <ReleasePage key={id} id={Number(id)} tab="edit" /> },
    { path: '/newsroom/:id/history', allow: canSee, render: ({ id }) => <ReleasePage key={id} id={Number(id)} tab="history" /> },
  ],
  nav: (s) => {
    const c = s.caps;
    const out: NavEntry[] = [];
    if (c.canSeeNewsroom) {
      const own = c.canSeeAllReleases ? null : c.writeAgencies.length === 1 ? c.writeAgencies[0] : null;
      out.push({
        to: own ? `/newsroom?agency=${own}` : '/newsroom',
        label: c.canSeeAllReleases ? 'خبرهای دستگاه‌ها' : 'تحریریه',
        icon: ICONS.news,
        testId: 'nav-newsroom',
        // The newsroom's own sub-pages (queue, calendar) have their own entries.
        activeExcept: ['/newsroom/queue', '/newsroom/calendar'],
      });
    }
    if (c.canSeeQueue) out.push({ to: '/newsroom/queue', label: 'صف تأیید', icon: ICONS.queue, testId: 'nav-queue' });
    if (c.canSeeCalendar) out.push({ to: '/newsroom/calendar', label: 'تقویم انتشار', icon: ICONS.calendar, testId: 'nav-calendar' });
    return out;
  },
};
