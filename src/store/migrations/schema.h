// The DDL of each migration, one constant per version, defined in the file of its capability
// (foundation.cc, newsroom.cc, distribution.cc, citizen.cc, monitoring.cc). Only store/migrations.cc,
// which puts them in order, includes this header.
#pragma once

namespace pol::store::schema {

extern const char* const kV1Foundation;
extern const char* const kV2Newsroom;
extern const char* const kV3NewsroomWorkflow;
extern const char* const kV4ReleaseSearchSqlite;
extern const char* const kV5Distribution;
extern const char* const kV6Citizen;
extern const char* const kV7MonitoringTables;
extern const char* const kV9ReindexReleasesSqlite;
extern const char* const kV11MonitoringSearchSqlite;
extern const char* const kV15CitizenSmsLedger;
extern const char* const kV16AgencyCalendarOverrides;  // one agency's closures (calendar.cc)
extern const char* const kV17MonitoringItemProbes;     // items' look-back probe keys (monitoring.cc)
extern const char* const kV20Scorecard;
extern const char* const kV24Emerging;         // emerging issues (insight)
extern const char* const kV25BulletinArchive;  // the bulletin's schedule and archive (insight)
extern const char* const kV30Committee;
extern const char* const kV33CommitteeInvitations;
extern const char* const kV31CommitteeMinutes;
extern const char* const kV32CommitteePublic;
extern const char* const kV34CommitteeEvidence;
extern const char* const kV35CommitteeReminders;
extern const char* const kV36StaffChats;        // staff members' messenger chats (committee notices)
extern const char* const kV37CommitteeSenders;  // a committee's e-mail channel and SMS sender line
extern const char* const kV40Messenger;
extern const char* const kV50SiteCacheIndex;
extern const char* const kV60ReindexFoldingSqlite;
extern const char* const kV61CalendarOverrides;
extern const char* const kV62FailedDeliveries;
extern const char* const kV63BulletinDelivery;      // the bulletin's recipients and deliveries (distribution)
extern const char* const kV64AlertDelivery;         // monitoring alerts' deliveries (distribution)
extern const char* const kV65ReleaseUpdate;         // corrections and withdrawals re-announced (distribution)
extern const char* const kV66InsightRollupsSqlite;  // the dashboard's daily mention roll-ups (insight)
extern const char* const kV67InsightRollupsPostgres;       // … their PostgreSQL triggers
extern const char* const kV74InsightHandlingIndex;         // created_at in the closed requests' index
extern const char* const kV75InsightDeliveryDaysSqlite;    // the deliveries figures' daily roll-up
extern const char* const kV76InsightDeliveryDaysPostgres;  // (insight)
extern const char* const kV77InsightItemsDayTone;          // the effective tone in media_items_day
extern const char* const kV68AlertStaffChatsSqlite;        // alerts to staff members' own chats (SQLite)
extern const char* const kV69AlertStaffChatsPostgres;      // the same on PostgreSQL

}  // namespace pol::store::schema
