// Pol's schema, as an ordered list of versioned migrations. Append only: a
// released migration is never edited; a change is a new migration.
#pragma once

#include <vector>

#include "store/db.h"

namespace pol::store {

const std::vector<Migration>& AllMigrations();

}  // namespace pol::store
