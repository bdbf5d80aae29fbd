// The console's features, in the order of the sidebar. A new feature adds
// its folder with a routes.tsx (see routes.ts) and one line here.
import type { Feature } from './routes';
import { accountFeature, homeFeature } from './home/routes';
import { councilsFeature } from './councils/routes';
import { agenciesFeature } from './agencies/routes';
import { newsroomFeature } from './newsroom/routes';
import { monitorFeature } from './monitor/routes';
import { citizenFeature } from './citizen/routes';
import { committeeFeature } from './committee/routes';
import { insightFeature } from './insight/routes';
import { distributionFeature } from './distribution/routes';
import { messengerFeature } from './messenger/routes';
import { closuresFeature } from './closures/routes';
import { usersFeature } from './users/routes';
import { auditFeature } from './audit/routes';
import { jobsFeature } from './jobs/routes';

/** The console's features, in the order of the sidebar. */
export const FEATURES: Feature[] = [
  homeFeature,
  councilsFeature,
  agenciesFeature,
  newsroomFeature,
  monitorFeature,
  citizenFeature,
  committeeFeature,
  insightFeature,
  distributionFeature,
  messengerFeature,
  closuresFeature,
  usersFeature,
  auditFeature,
  jobsFeature,
  accountFeature,
];
