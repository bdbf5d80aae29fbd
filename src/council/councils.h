// Councils and their member agencies: reading within one's scope, managing as
// a council admin (agencies) or system admin (councils). Every write is
// audited in its own transaction and checked against the stored version.
//
// Thread-safety: thread-safe; blocks: worker threads only.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "accounts/actor.h"
#include "base/env.h"
#include "store/council_repo.h"

namespace pol::council {

struct CouncilInput {
  std::optional<int64_t> version;  // required for updates
  std::optional<std::string> slug, name, province, description;
};

struct AgencyInput {
  std::optional<int64_t> version;  // required for updates
  std::optional<int64_t> council_id;
  std::optional<std::string> slug, name, short_name, website, pr_email, pr_phone;
  std::optional<bool> disabled;
};

struct AgencyQuery {
  std::optional<int64_t> council_id;
  std::string q;
  int64_t limit = 50, offset = 0;
};

class CouncilService {
 public:
  CouncilService(store::Database* db, Env* env) : db_(db), env_(env) {}

  StatusOr<std::vector<store::Council>> ListCouncils(const accounts::Actor& actor);
  StatusOr<store::Council> GetCouncil(const accounts::Actor& actor, int64_t id);
  StatusOr<store::Council> CreateCouncil(const accounts::Actor& actor, const CouncilInput& in);
  StatusOr<store::Council> UpdateCouncil(const accounts::Actor& actor, int64_t id, const CouncilInput& in);

  StatusOr<std::pair<std::vector<store::Agency>, int64_t>> ListAgencies(const accounts::Actor& actor,
                                                                        const AgencyQuery& q);
  StatusOr<store::Agency> GetAgency(const accounts::Actor& actor, int64_t id);
  StatusOr<store::Agency> CreateAgency(const accounts::Actor& actor, const AgencyInput& in);
  StatusOr<store::Agency> UpdateAgency(const accounts::Actor& actor, int64_t id, const AgencyInput& in);

 private:
  store::Database* const db_;
  Env* const env_;
};

}  // namespace pol::council
