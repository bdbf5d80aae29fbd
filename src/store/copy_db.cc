#include "store/copy_db.h"

#include <algorithm>
#include <cstdio>
#include <functional>
#include <map>
#include <set>

#include "base/hex.h"

namespace pol::store {
namespace {

// The insight roll-ups are derived: the target's triggers mark every day of the copied mentions dirty and
// its insight.rollups task recounts them (migrations 66/67), and count every copied sent delivery
// (75/76; a row an earlier run copied is skipped by ON CONFLICT and not counted twice), so they are
// neither copied nor compared.
bool Recounted(const std::string& table) {
  return table == "insight_mention_days" || table == "insight_mention_outlet_days" ||
         table == "insight_dirty_days" || table == "insight_delivery_days";
}

// Tables of the source in creation order (each after the tables it references), less SQLite's own and the FTS5 index tables (the target
// builds its own search index) and the recounted roll-ups; schema_migrations is the target's own.
StatusOr<std::vector<std::string>> SourceTables(Database& from) {
  return from.ReadValue([](Conn& c) -> StatusOr<std::vector<std::string>> {
    POL_ASSIGN_OR_RETURN(Rows rows, c.Query("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND "
                                            "name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations' "
                                            "ORDER BY rowid"));
    std::vector<std::string> tables;
    for (const Row& r : rows) {
      if (r.Text(1).find("VIRTUAL TABLE") != std::string::npos || Recounted(r.Text(0))) continue;
      tables.push_back(r.Text(0));
    }
    // A table after every table its foreign keys name (a table rebuilt by a later migration has a later
    // rowid than the tables that reference it).
    std::map<std::string, std::vector<std::string>> deps;
    for (const std::string& t : tables) {
      POL_ASSIGN_OR_RETURN(Rows fks, c.Query("SELECT \"table\" FROM pragma_foreign_key_list(?)", {t}));
      for (const Row& f : fks) {
        if (f.Text(0) != t) deps[t].push_back(f.Text(0));
      }
    }
    std::vector<std::string> out;
    std::set<std::string> placed, visiting;
    std::function<void(const std::string&)> place = [&](const std::string& t) {
      if (placed.contains(t) || visiting.contains(t)) return;  // a cycle keeps creation order
      visiting.insert(t);
      for (const std::string& d : deps[t]) {
        if (std::find(tables.begin(), tables.end(), d) != tables.end()) place(d);
      }
      visiting.erase(t);
      placed.insert(t);
      out.push_back(t);
    };
    for (const std::string& t : tables) place(t);
    return out;
  });
}

StatusOr<std::set<std::string>> TargetTables(Database& to) {
  return to.ReadValue([](Conn& c) -> StatusOr<std::set<std::string>> {
    POL_ASSIGN_OR_RETURN(Rows rows, c.Query("SELECT table_name FROM information_schema.tables WHERE "
                                            "table_schema = current_schema()"));
    std::set<std::string> out;
    for (const Row& r : rows) out.insert(r.Text(0));
    return out;
  });
}

// The columns of `table` on the SQLite source, in order.
StatusOr<std::vector<std::string>> Columns(Database& from, const std::string& table) {
  return from.ReadValue([&](Conn& c) -> StatusOr<std::vector<std::string>> {
    POL_ASSIGN_OR_RETURN(Rows rows, c.Query("SELECT name FROM pragma_table_info(?) ORDER BY cid", {table}));
    std::vector<std::string> out;
    for (const Row& r : rows) out.push_back(r.Text(0));
    return out;
  });
}

std::string Quoted(const std::string& ident) { return "\"" + ident + "\""; }

std::string ColumnList(const std::vector<std::string>& cols) {
  std::string s;
  for (const auto& c : cols) s += (s.empty() ? "" : ", ") + Quoted(c);
  return s;
}

// One value in a backend-neutral form: the checksum must agree between SQLite's and PostgreSQL's rows.
void Canonical(const Value& v, std::string* out) {
  if (std::holds_alternative<Null>(v)) {
    *out += "n;";
  } else if (const auto* i = std::get_if<int64_t>(&v)) {
    *out += "i" + std::to_string(*i) + ";";
  } else if (const auto* d = std::get_if<double>(&v)) {
    char buf[40];
    std::snprintf(buf, sizeof(buf), "d%.17g;", *d);
    *out += buf;
  } else {
    const std::string& s =
        std::holds_alternative<Blob>(v) ? std::get<Blob>(v).bytes : std::get<std::string>(v);
    *out += "s" + std::to_string(s.size()) + ":" + s + ";";
  }
}

// Rows of `cols` of `table`, a page at a time in a stable order; fn gets each page.
Status ForEachPage(Database& db, const std::string& table, const std::vector<std::string>& cols, int64_t page,
                   const std::function<Status(const Rows&)>& fn) {
  const bool sqlite = db.BackendName() == "sqlite";
  // SQLite pages by rowid; PostgreSQL by ctid, its physical row order, stable while nobody writes.
  const std::string sql = "SELECT " + ColumnList(cols) + " FROM " + Quoted(table) +
                          (sqlite ? " ORDER BY rowid" : " ORDER BY ctid") + " LIMIT ? OFFSET ?";
  for (int64_t offset = 0;; offset += page) {
    POL_ASSIGN_OR_RETURN(Rows rows, db.ReadValue([&](Conn& c) { return c.Query(sql, {page, offset}); }));
    POL_RETURN_IF_ERROR(fn(rows));
    if (static_cast<int64_t>(rows.size()) < page) return Status::Ok();
  }
}

Status Checksum(Database& db, const std::string& table, const std::vector<std::string>& cols, int64_t* rows,
                std::string* checksum) {
  // Order-independent: the sum of each row's first 8 hash bytes, and the count.
  uint64_t sum = 0;
  int64_t n = 0;
  POL_RETURN_IF_ERROR(ForEachPage(db, table, cols, 2000, [&](const Rows& page) -> Status {
    for (const Row& r : page) {
      std::string s;
      for (size_t i = 0; i < r.size(); ++i) Canonical(r.at(i), &s);
      const std::string h = Sha256(s);
      uint64_t x = 0;
      for (int k = 0; k < 8; ++k) x = (x << 8) | static_cast<unsigned char>(h[k]);
      sum += x;
      ++n;
    }
    return Status::Ok();
  }));
  *rows = n;
  *checksum = HexEncode(std::string(reinterpret_cast<const char*>(&sum), sizeof(sum)));
  return Status::Ok();
}

// Moves an identity column's sequence past the copied ids (PostgreSQL; nothing to do elsewhere).
Status ResetIdentity(Database& to, const std::string& table) {
  if (to.BackendName() != "postgresql") return Status::Ok();
  return to.Write([&](Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(Rows rows, c.Query("SELECT column_name FROM information_schema.columns WHERE "
                                            "table_schema = current_schema() AND table_name = ? AND "
                                            "is_identity = 'YES'",
                                            {table}));
    for (const Row& r : rows) {
      const std::string col = Quoted(r.Text(0));
      POL_RETURN_IF_ERROR(c.Query("SELECT setval(pg_get_serial_sequence(?, ?), (SELECT COALESCE(MAX(" + col +
                                      "), 0) + 1 FROM " + Quoted(table) + "), false)",
                                  {table, r.Text(0)})
                              .status());
    }
    return Status::Ok();
  });
}

}  // namespace

StatusOr<std::vector<TableCopy>> CopyDatabase(Database& from, Database& to, const CopyOptions& options) {
  if (from.BackendName() != "sqlite")
    return InvalidArgument("copy_source", "the source of a copy is an SQLite database");
  POL_ASSIGN_OR_RETURN(auto tables, SourceTables(from));
  POL_ASSIGN_OR_RETURN(auto target, TargetTables(to));
  std::vector<TableCopy> out;
  bool mismatch = false;
  for (const std::string& table : tables) {
    if (!target.contains(table)) continue;  // SQLite-only (FTS5 shadow tables)
    POL_ASSIGN_OR_RETURN(auto cols, Columns(from, table));
    TableCopy t{.table = table};
    POL_RETURN_IF_ERROR(Checksum(from, table, cols, &t.source_rows, &t.source_checksum));
    POL_RETURN_IF_ERROR(Checksum(to, table, cols, &t.target_rows, &t.target_checksum));
    if (t.Matches()) {
      t.skipped = true;
    } else {
      std::string marks;
      for (size_t i = 0; i < cols.size(); ++i) marks += i ? ", ?" : "?";
      const std::string insert = "INSERT INTO " + Quoted(table) + " (" + ColumnList(cols) + ") VALUES (" +
                                 marks + ") ON CONFLICT DO NOTHING";
      POL_RETURN_IF_ERROR(ForEachPage(from, table, cols, options.batch_rows, [&](const Rows& page) -> Status {
        return to.Write([&](Conn& c) -> Status {
          for (const Row& r : page) {
            Params p;
            for (size_t i = 0; i < r.size(); ++i) p.push_back(r.at(i));
            POL_ASSIGN_OR_RETURN(int64_t n, c.Exec(insert, p));
            t.copied += n;
          }
          return Status::Ok();
        });
      }));
      POL_RETURN_IF_ERROR(ResetIdentity(to, table));
      POL_RETURN_IF_ERROR(Checksum(to, table, cols, &t.target_rows, &t.target_checksum));
    }
    if (!t.Matches()) mismatch = true;
    if (options.on_table) options.on_table(t);
    out.push_back(std::move(t));
  }
  POL_RETURN_IF_ERROR(to.RebuildSearchIndexes());
  if (mismatch) {
    std::string names;
    for (const auto& t : out) {
      if (!t.Matches()) names += (names.empty() ? "" : ", ") + t.table;
    }
    return FailedPrecondition(
        "copy_mismatch",
        "رونوشت این جدول‌ها با مبدأ یکی نیست (tables differ after the copy): " +
            names);
  }
  return out;
}

}  // namespace pol::store
