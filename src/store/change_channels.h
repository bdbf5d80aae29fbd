// The NOTIFY channels that tell every `pol serve` node on one PostgreSQL database that something it holds
// in memory changed (migration 73's triggers send them when the change commits; store/notifications.h
// listens). Only ever a wake-up: each consumer keeps its own fallback (a cache TTL, a poll).
#pragma once

namespace pol::store {

// Payload: a user's id. A change to the user (disabled, password, profile), to their roles, or the deletion
// of one of their sessions (signed out, signed out everywhere, expired): drop the user's cached sessions
// (accounts::SessionManager::InvalidateUser; the cache's TTL stays the fallback).
inline constexpr char kSessionsChannel[] = "pol_sessions";

// Payload: a model's name (store/model_version_repo.h). Its version was bumped: reload it now
// (jobs::PeriodicScheduler::Wake on the tasks naming it; the versions' polling stays the fallback).
inline constexpr char kModelsChannel[] = "pol_models";

}  // namespace pol::store
