// Media monitoring: the feed, an item, a release's coverage, sources, charts,
// watch terms and alert rules.
import { ICONS } from '../components/Icon';
import type { Feature } from '../routes';
import type { Session } from '../session';
import { MonitorFeedPage } from './FeedPage';
import { MonitorItemPage } from './ItemPage';
import { CoveragePage } from './CoveragePage';
import { SourcesPage } from './SourcesPage';
import { MonitorChartsPage } from './ChartsPage';
import { WatchTermsPage } from './WatchTermsPage';
import { AlertRulesPage } from './AlertRulesPage';

const councilRoles = (s: Session) => s.caps.canSeeCouncils;

export const monitorFeature: Feature = {
  routes: [
    { path: '/monitor', render: () => <MonitorFeedPage key={window.location.search} /> },
    { path: '/monitor/sources', allow: councilRoles, render: () => <SourcesPage /> },
    { path: '/monitor/charts', allow: councilRoles, render: () => <MonitorChartsPage /> },
    { path: '/monitor/watch-terms', render: () => <WatchTermsPage /> },
    { path: '/monitor/alert-rules', allow: councilRoles, render: () => <AlertRulesPage /> },
    { path: '/monitor/items/:id', render: ({ id }) => <MonitorItemPage key={id} id={Number(id)} /> },
    { path: '/monitor/releases/:id', allow: (s) => s.caps.canSeeNewsroom, render: ({ id }) => <CoveragePage key={id} id={Number(id)} /> },
  ],
  nav: () => [{ to: '/monitor', label: 'پایش رسانه', icon: ICONS.monitor, testId: 'nav-monitor' }],
};
