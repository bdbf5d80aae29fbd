// bench/insight_bench.sh's seeding (issue 12, "Speed"): on an SQLite copy of bench/store_bench.sh's
// 1,000,000 synthetic media items (council qazvin-tkr, ten agencies, twelve sources), a year of
// dashboard data, deterministic (every value a function of the row's number):
//   - the items spread over the Jalali year 1404 (their day: id × 7919 mod 365; 1 in 20 without a
//     publication time, found by fetched_at), 150 outlets, each of one of the twelve sources (national and
//     provincial tiers), tones 3:4:3 positive/neutral/negative, 1 in 97 with a staff override to negative;
//   - mentions: 7 in 10 items mention one agency, 2 in 10 a second one;
//   - 100,000 releases (1 in 10 a draft, 1 in 50 corrected), up to three pickups each (about 135,000),
//     one Telegram and one e-mail delivery for each published release;
//   - 200,000 citizens' requests in every state (unverified, merged, triage, open, answered, closed; rated
//     and reopened ones among the closed), four types.
// Idempotent: a second run finds the releases and does nothing.
#pragma once

#include <cstdint>

#include "store/db.h"

namespace pol::bench {

// The first day (days since 1970-01-01) of the seeded year and its length.
int64_t SeedFirstDay();
inline constexpr int64_t kSeedDays = 365;

Status SeedInsight(store::Database& db, int64_t council_id);

}  // namespace pol::bench
