#include "store/migrations.h"

#include "store/migrations/cluster.h"
#include "store/migrations/postgresql.h"
#include "store/migrations/schema.h"

namespace pol::store {

const std::vector<Migration>& AllMigrations() {
  using namespace schema;
  static const std::vector<Migration> kMigrations = {
      {1, "foundation: councils, agencies, users, sessions, audit, jobs", kV1Foundation},
      {2, "newsroom: releases, revisions, tags, co-signers, media, occasions, notifications", kV2Newsroom},
      {3, "newsroom: approval columns, calendar indexes, the ministry's occasions", kV3NewsroomWorkflow},
      {4, "newsroom: release search (FTS5 with the text core's tokenizer)", kV4ReleaseSearchSqlite, "sqlite"},
      {5, "distribution: channels, press lists and contacts, deliveries", kV5Distribution},
      {6, "citizens: requests, history, attachments, one-time codes, SLA targets, templates, routing",
       kV6Citizen},
      // Until issue 11, version 7 was SQLite's only and also created the media items' FTS5 index; now it
      // holds the portable tables and runs on every backend, and the index is version 11 (SQLite only,
      // a no-op where version 7 already made it). The name stays as recorded in existing databases.
      {7, "monitoring: sources, media items, search, mentions, pickups, alerts, saved searches, tone labels",
       kV7MonitoringTables},
      {9, "search: index the parts of ZWNJ compounds too", kV9ReindexReleasesSqlite, "sqlite"},
      {11, "monitoring: media item search (FTS5 with the text core's tokenizer)", kV11MonitoringSearchSqlite,
       "sqlite"},
      {12, "search: release search on PostgreSQL (tsvector of the text core's terms, GIN)",
       kV12ReleaseSearchPostgres, "postgresql"},
      {13, "search: media item search on PostgreSQL (tsvector of the text core's terms, GIN)",
       kV13MonitoringSearchPostgres, "postgresql"},
      {15, "citizens: the ledger of one-time codes sent per mobile (daily cap, back-off, hourly budget)",
       kV15CitizenSmsLedger},
      {16, "calendar: one agency's closures and corrections of the work calendar (SLA clocks)",
       kV16AgencyCalendarOverrides},
      {17, "monitoring: each item's probe keys (LSH bands, sampled bigrams) for late releases' look-back",
       kV17MonitoringItemProbes},
      {20, "insight: scorecard templates, periods, manual scores, evidence, closed snapshots", kV20Scorecard},
      {24, "insight: emerging issues — daily term counts, issues, their documents and owners", kV24Emerging},
      {25, "insight: the press bulletin's schedule and archive", kV25BulletinArchive},
      {30, "committee: committees, members, meetings, agenda, attendance, decisions, follow-up, votes",
       kV30Committee},
      {31, "committee: minutes, their revisions and comments", kV31CommitteeMinutes},
      {32, "committee: the opt-in public page (council setting) and published decisions",
       kV32CommitteePublic},
      {33, "committee: notices (invitations, reminders, escalations), each sent once",
       kV33CommitteeInvitations},
      {34, "committee: evidence attachments on decisions' follow-up entries", kV34CommitteeEvidence},
      {35, "committee: a committee's reminder lead time before decisions' deadlines", kV35CommitteeReminders},
      {36, "messenger: staff members' linked chats and their one-time link codes", kV36StaffChats},
      {37, "committee: a committee's own e-mail channel and SMS sender line for its notices",
       kV37CommitteeSenders},
      {40, "messenger: bots, chats, handled updates, request links, the request's channel", kV40Messenger},
      {50, "site: an index on releases.updated_at for the page cache's change check", kV50SiteCacheIndex},
      {60, "search: hamza forms and compounds fold alike (indexes rebuilt)", kV60ReindexFoldingSqlite,
       "sqlite"},
      {61, "calendar: council closures and corrections of the work calendar (SLA clocks)",
       kV61CalendarOverrides},
      {62, "distribution: an index for the list of failed deliveries", kV62FailedDeliveries},
      {63, "distribution: the press bulletin's recipients and deliveries", kV63BulletinDelivery},
      {64, "distribution: monitoring alerts' deliveries (e-mail, the agency's alert chat)",
       kV64AlertDelivery},
      {65, "distribution: corrections and withdrawals re-announced on the channels", kV65ReleaseUpdate},
      {66,
       "insight: daily mention roll-ups, dirty days marked by triggers; covering indexes for deliveries and requests",
       kV66InsightRollupsSqlite, "sqlite"},
      {67,
       "insight: daily mention roll-ups, dirty days marked by triggers; covering indexes for deliveries and requests",
       kV67InsightRollupsPostgres, "postgresql"},
      {68, "distribution: alerts also to PR managers' own linked chats (alert_deliveries rebuilt)",
       kV68AlertStaffChatsSqlite, "sqlite"},
      {69, "distribution: alerts also to PR managers' own linked chats", kV69AlertStaffChatsPostgres,
       "postgresql"},
      {70, "cluster: named leases (the leader lease), shared secrets, the job reaper's index", kV70Leases},
      {71, "cluster: the citizens' throttles and spent challenge tokens in the database (every node counts)",
       kV71SharedThrottles},
      {72, "cluster: model versions (a node reloads a model retrained on another)", kV72ModelVersions},
      {73, "cluster: NOTIFY when a user's sessions or a model change (other nodes drop or reload at once)",
       kV73ClusterNotifyPostgres, "postgresql"},
      {74, "insight: the closed requests' index holds their creation time (the median handling time)",
       kV74InsightHandlingIndex},
      {75, "insight: the deliveries figures' daily roll-up, kept exact by triggers",
       kV75InsightDeliveryDaysSqlite, "sqlite"},
      {76, "insight: the deliveries figures' daily roll-up, kept exact by triggers",
       kV76InsightDeliveryDaysPostgres, "postgresql"},
      {77, "insight: the monitored items' day index holds their effective tone (top negative items)",
       kV77InsightItemsDayTone},
  };
  return kMigrations;
}

}  // namespace pol::store
