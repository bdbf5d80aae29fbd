#include "store/release_repo.h"

#include <algorithm>

#include "store/council_repo.h"
#include "store/search_sql.h"

namespace pol::store {
namespace {

// Column order of ReleaseFromRow. `body` false selects '' for body_html (lists).
std::string ReleaseCols(bool body) {
  return std::string(
             "r.id, r.agency_id, r.council_id, r.status, r.council_level, r.council_approved_by, "
             "r.council_approved_at, r.approved_by, r.approved_at, r.submitted_at, r.over_title, r.title, "
             "r.lead, ") +
         (body ? "r.body_html" : "''") +
         ", r.body_text, r.category, r.occasion_id, r.urgency, r.source_line, r.slug, r.embargo_until, "
         "r.publish_at, r.published_at, r.withdrawn_at, r.corrected_at, r.withdrawn_reason, "
         "r.correction_note, "
         "r.return_comment, r.author_id, r.version, r.created_at, r.updated_at";
}
constexpr size_t kReleaseColCount = 32;

Release ReleaseFromRow(const Row& w) {
  Release r;
  r.id = w.Int(0);
  r.agency_id = w.Int(1);
  r.council_id = w.Int(2);
  r.status = w.Text(3);
  r.council_level = w.Int(4) != 0;
  r.council_approved_by = w.OptInt(5);
  r.council_approved_at = w.OptInt(6);
  r.approved_by = w.OptInt(7);
  r.approved_at = w.OptInt(8);
  r.submitted_at = w.OptInt(9);
  r.over_title = w.Text(10);
  r.title = w.Text(11);
  r.lead = w.Text(12);
  r.body_html = w.Text(13);
  r.body_text = w.Text(14);
  r.category = w.Text(15);
  r.occasion_id = w.OptInt(16);
  r.urgency = w.Text(17);
  r.source_line = w.Text(18);
  r.slug = w.Text(19);
  r.embargo_until = w.OptInt(20);
  r.publish_at = w.OptInt(21);
  r.published_at = w.OptInt(22);
  r.withdrawn_at = w.OptInt(23);
  r.corrected_at = w.OptInt(24);
  r.withdrawn_reason = w.Text(25);
  r.correction_note = w.Text(26);
  r.return_comment = w.Text(27);
  r.author_id = w.OptInt(28);
  r.version = w.Int(29);
  r.created_at = w.Int(30);
  r.updated_at = w.Int(31);
  return r;
}

// "(r.agency_id IN … OR co-signed by … OR r.council_id IN …)" for the authorization scope, or "".
std::string ScopeClause(const ReleaseFilter& f, Params& params) {
  if (!f.only_agencies && !f.only_councils) return "";
  std::string s;
  if (f.only_agencies) {
    s += "r.agency_id IN " + InList(*f.only_agencies, params);
    s += " OR r.id IN (SELECT release_id FROM release_agencies WHERE agency_id IN " +
         InList(*f.only_agencies, params) + ")";
  }
  if (f.only_councils)
    s += (s.empty() ? "" : " OR ") + std::string("r.council_id IN ") + InList(*f.only_councils, params);
  return " AND (" + s + ")";
}

Occasion OccasionFromRow(const Row& w) {
  Occasion o;
  o.id = w.Int(0);
  o.council_id = w.OptInt(1);
  o.name = w.Text(2);
  o.calendar = w.Text(3);
  o.month = w.Int(4);
  o.day = w.Int(5);
  o.description = w.Text(6);
  o.version = w.Int(7);
  o.created_at = w.Int(8);
  o.updated_at = w.Int(9);
  return o;
}
constexpr const char* kOccasionCols =
    "id, council_id, name, calendar, month, day, description, version, created_at, updated_at";

}  // namespace

StatusOr<int64_t> InsertRelease(Conn& c, const Release& r) {
  POL_ASSIGN_OR_RETURN(
      Row row,
      c.QueryOne(
          "INSERT INTO releases(agency_id, council_id, status, council_level, over_title, title, lead, "
          "body_html, body_text, category, occasion_id, urgency, source_line, slug, embargo_until, "
          "publish_at, published_at, author_id, version, created_at, updated_at) "
          "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,1,?,?) RETURNING id",
          {r.agency_id,
           r.council_id,
           r.status,
           int64_t{r.council_level},
           r.over_title,
           r.title,
           r.lead,
           r.body_html,
           r.body_text,
           r.category,
           Opt(r.occasion_id),
           r.urgency,
           r.source_line,
           r.slug,
           Opt(r.embargo_until),
           Opt(r.publish_at),
           Opt(r.published_at),
           Opt(r.author_id),
           r.created_at,
           r.created_at}));
  return row.Int(0);
}

StatusOr<Release> GetRelease(Conn& c, int64_t id) {
  POL_ASSIGN_OR_RETURN(auto row,
                       c.QueryOpt("SELECT " + ReleaseCols(true) + " FROM releases r WHERE r.id = ?", {id}));
  if (!row) return NotFound("خبر پیدا نشد.");
  Release r = ReleaseFromRow(*row);
  POL_RETURN_IF_ERROR(LoadReleaseParts(c, r));
  return r;
}

Status UpdateRelease(Conn& c, const Release& r, int64_t now) {
  POL_ASSIGN_OR_RETURN(
      int64_t n,
      c.Exec("UPDATE releases SET status = ?, council_level = ?, council_approved_by = ?, "
             "council_approved_at = ?, "
             "approved_by = ?, approved_at = ?, submitted_at = ?, over_title = ?, title = ?, lead = ?, "
             "body_html = ?, body_text = ?, category = ?, occasion_id = ?, urgency = ?, source_line = ?, "
             "slug = ?, "
             "embargo_until = ?, publish_at = ?, published_at = ?, withdrawn_at = ?, corrected_at = ?, "
             "withdrawn_reason = ?, correction_note = ?, return_comment = ?, version = version + 1, "
             "updated_at = ? "
             "WHERE id = ? AND version = ?",
             {r.status,
              int64_t{r.council_level},
              Opt(r.council_approved_by),
              Opt(r.council_approved_at),
              Opt(r.approved_by),
              Opt(r.approved_at),
              Opt(r.submitted_at),
              r.over_title,
              r.title,
              r.lead,
              r.body_html,
              r.body_text,
              r.category,
              Opt(r.occasion_id),
              r.urgency,
              r.source_line,
              r.slug,
              Opt(r.embargo_until),
              Opt(r.publish_at),
              Opt(r.published_at),
              Opt(r.withdrawn_at),
              Opt(r.corrected_at),
              r.withdrawn_reason,
              r.correction_note,
              r.return_comment,
              now,
              r.id,
              r.version}));
  if (n == 0) return VersionConflict();
  return Status::Ok();
}

Status SaveReleaseTags(Conn& c, int64_t release_id, const std::vector<std::string>& tags) {
  POL_RETURN_IF_ERROR(c.Exec("DELETE FROM release_tags WHERE release_id = ?", {release_id}).status());
  for (const std::string& t : tags) {
    POL_RETURN_IF_ERROR(
        c.Exec("INSERT INTO release_tags(release_id, tag) VALUES (?, ?) ON CONFLICT DO NOTHING",
               {release_id, t})
            .status());
  }
  return Status::Ok();
}

Status SaveReleaseCoSigners(Conn& c, int64_t release_id, const std::vector<ReleaseCoSigner>& co) {
  POL_RETURN_IF_ERROR(c.Exec("DELETE FROM release_agencies WHERE release_id = ?", {release_id}).status());
  for (const ReleaseCoSigner& s : co) {
    POL_RETURN_IF_ERROR(c.Exec("INSERT INTO release_agencies(release_id, agency_id, signed_by, signed_at) "
                               "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                               {release_id, s.agency_id, Opt(s.signed_by), Opt(s.signed_at)})
                            .status());
  }
  return Status::Ok();
}

Status SaveReleasePhotos(Conn& c, int64_t release_id, const std::vector<ReleasePhoto>& photos) {
  POL_RETURN_IF_ERROR(c.Exec("DELETE FROM release_media WHERE release_id = ?", {release_id}).status());
  for (const ReleasePhoto& p : photos) {
    POL_RETURN_IF_ERROR(c.Exec("INSERT INTO release_media(release_id, media_id, position, caption) "
                               "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                               {release_id, p.media_id, p.position, p.caption})
                            .status());
  }
  return Status::Ok();
}

Status LoadReleaseParts(Conn& c, Release& r) {
  POL_ASSIGN_OR_RETURN(Rows tags,
                       c.Query("SELECT tag FROM release_tags WHERE release_id = ? ORDER BY tag", {r.id}));
  r.tags.clear();
  for (const Row& t : tags) r.tags.push_back(t.Text(0));
  POL_ASSIGN_OR_RETURN(Rows co, c.Query("SELECT agency_id, signed_by, signed_at FROM release_agencies "
                                        "WHERE release_id = ? ORDER BY agency_id",
                                        {r.id}));
  r.co_signers.clear();
  for (const Row& s : co) r.co_signers.push_back({s.Int(0), s.OptInt(1), s.OptInt(2)});
  POL_ASSIGN_OR_RETURN(Rows ph, c.Query("SELECT media_id, position, caption FROM release_media "
                                        "WHERE release_id = ? ORDER BY position, media_id",
                                        {r.id}));
  r.photos.clear();
  for (const Row& p : ph) r.photos.push_back({p.Int(0), p.Int(1), p.Text(2)});
  return Status::Ok();
}

StatusOr<ReleasePage> ListReleases(Conn& c, const ReleaseFilter& f) {
  Params params;
  const bool fts = !f.words.empty();
  const SearchSql search = fts ? ReleaseWordsSearch(c, f.words) : SearchSql{};
  std::string from = fts ? search.from : " FROM releases r";
  // The full-text condition comes first (its parameter is the first); the rest is `where`.
  std::string where;
  if (fts) params.push_back(search.param);
  where += ScopeClause(f, params);
  if (f.agency_id) {
    where +=
        " AND (r.agency_id = ? OR r.id IN (SELECT release_id FROM release_agencies WHERE agency_id = ?))";
    params.insert(params.end(), {*f.agency_id, *f.agency_id});
  }
  if (f.council_id) {
    where += " AND r.council_id = ?";
    params.emplace_back(*f.council_id);
  }
  if (f.status) {
    where += " AND r.status = ?";
    params.emplace_back(*f.status);
  }
  if (f.tag) {
    where += " AND r.id IN (SELECT release_id FROM release_tags WHERE tag = ?)";
    params.emplace_back(*f.tag);
  }
  if (f.from) {
    where += " AND COALESCE(r.published_at, r.publish_at, r.updated_at) >= ?";
    params.emplace_back(*f.from);
  }
  if (f.to) {
    where += " AND COALESCE(r.published_at, r.publish_at, r.updated_at) < ?";
    params.emplace_back(*f.to);
  }
  const std::string match = fts ? " WHERE " + search.condition : " WHERE 1=1";
  ReleasePage out;
  POL_ASSIGN_OR_RETURN(MatchCount count,
                       CountMatches(c, from + match + where, params,
                                    fts ? std::optional<int64_t>(kReleaseSearchCountCap) : std::nullopt));
  out.total = count.total;
  out.total_capped = count.capped;
  Params page = params;
  page.emplace_back(f.limit);
  page.emplace_back(f.offset);
  const std::string select = "SELECT " + ReleaseCols(false) + (fts ? ", " + search.snippet : "") + from;
  auto list = [&](const std::string& match_sql, const std::string& order) {
    return c.Query(select + match_sql + where + " ORDER BY " + order + " LIMIT ? OFFSET ?", page);
  };
  Rows rows;
  if (!fts) {
    POL_ASSIGN_OR_RETURN(rows, list(match, "r.updated_at DESC, r.id DESC"));
  } else if (!out.total_capped) {
    POL_ASSIGN_OR_RETURN(rows, list(match, search.rank + ", r.id DESC"));  // bm25 over at most the cap
  } else {
    POL_ASSIGN_OR_RETURN(rows,
                         NewestPage(search, f.limit, [&](const std::string& cond, const std::string& order) {
                           return list(" WHERE " + cond, order);
                         }));
  }
  for (const Row& w : rows) {
    Release r = ReleaseFromRow(w);
    if (fts && w.size() > kReleaseColCount) r.snippet = w.Text(kReleaseColCount);
    POL_RETURN_IF_ERROR(LoadReleaseParts(c, r));
    out.items.push_back(std::move(r));
  }
  return out;
}

StatusOr<std::vector<Release>> ListReleasesPlanned(Conn& c, int64_t council_id, int64_t from, int64_t to) {
  POL_ASSIGN_OR_RETURN(Rows rows,
                       c.Query("SELECT " + ReleaseCols(false) +
                                   " FROM releases r WHERE r.council_id = ? AND r.status <> 'withdrawn' "
                                   "AND COALESCE(r.published_at, r.publish_at) >= ? "
                                   "AND COALESCE(r.published_at, r.publish_at) < ? "
                                   "ORDER BY COALESCE(r.published_at, r.publish_at), r.id",
                               {council_id, from, to}));
  std::vector<Release> out;
  for (const Row& w : rows) out.push_back(ReleaseFromRow(w));
  return out;
}

StatusOr<std::vector<Release>> ListAwaitingApproval(Conn& c,
                                                    const std::optional<std::vector<int64_t>>& agencies,
                                                    const std::optional<std::vector<int64_t>>& councils) {
  Params params;
  std::string where;
  if (!agencies) {
    where =
        "r.status = 'submitted' OR (r.status = 'approved' AND (r.council_approved_at IS NULL AND "
        "r.council_level = 1 OR r.id IN (SELECT release_id FROM release_agencies WHERE signed_at IS NULL)))";
  } else {
    where = "(r.status = 'submitted' AND r.agency_id IN " + InList(*agencies, params) + ")";
    where +=
        " OR (r.status = 'approved' AND r.id IN (SELECT release_id FROM release_agencies "
        "WHERE signed_at IS NULL AND agency_id IN " +
        InList(*agencies, params) + "))";
    if (councils) {
      where +=
          " OR (r.status = 'approved' AND r.council_level = 1 AND r.council_approved_at IS NULL AND "
          "r.council_id IN " +
          InList(*councils, params) + ")";
    }
  }
  POL_ASSIGN_OR_RETURN(Rows rows,
                       c.Query("SELECT " + ReleaseCols(false) + " FROM releases r WHERE " + where +
                                   " ORDER BY COALESCE(r.submitted_at, r.updated_at), r.id LIMIT 500",
                               params));
  std::vector<Release> out;
  for (const Row& w : rows) {
    Release r = ReleaseFromRow(w);
    POL_RETURN_IF_ERROR(LoadReleaseParts(c, r));
    out.push_back(std::move(r));
  }
  return out;
}

StatusOr<std::optional<int64_t>> MediaAgency(Conn& c, int64_t media_id) {
  POL_ASSIGN_OR_RETURN(auto row, c.QueryOpt("SELECT agency_id FROM media WHERE id = ?", {media_id}));
  if (!row) return std::optional<int64_t>();
  return std::optional<int64_t>(row->Int(0));
}

Status InsertReleaseRevision(Conn& c, const ReleaseRevision& r) {
  return c
      .Exec(
          "INSERT INTO release_revisions(release_id, rev, action, author_id, author_name, at, comment, "
          "snapshot) "
          "VALUES (?,?,?,?,?,?,?,?)",
          {r.release_id, r.rev, r.action, Opt(r.author_id), r.author_name, r.at, r.comment, r.snapshot})
      .status();
}

StatusOr<std::vector<ReleaseRevision>> ListReleaseRevisions(Conn& c, int64_t release_id,
                                                            bool with_snapshots) {
  POL_ASSIGN_OR_RETURN(Rows rows,
                       c.Query(std::string("SELECT id, release_id, rev, action, author_id, author_name, "
                                           "at, comment, ") +
                                   (with_snapshots ? "snapshot" : "''") +
                                   " FROM release_revisions WHERE release_id = ? ORDER BY rev",
                               {release_id}));
  std::vector<ReleaseRevision> out;
  for (const Row& w : rows) {
    out.push_back(
        {w.Int(0), w.Int(1), w.Int(2), w.Text(3), w.OptInt(4), w.Text(5), w.Int(6), w.Text(7), w.Text(8)});
  }
  return out;
}

StatusOr<ReleaseRevision> GetReleaseRevision(Conn& c, int64_t release_id, int64_t rev) {
  POL_ASSIGN_OR_RETURN(auto w,
                       c.QueryOpt("SELECT id, release_id, rev, action, author_id, author_name, at, comment, "
                                  "snapshot FROM release_revisions WHERE release_id = ? AND rev = ?",
                                  {release_id, rev}));
  if (!w) return NotFound("نسخهٔ خواسته‌شده از این خبر وجود ندارد.");
  return ReleaseRevision{w->Int(0),  w->Int(1), w->Int(2),  w->Text(3), w->OptInt(4),
                         w->Text(5), w->Int(6), w->Text(7), w->Text(8)};
}

StatusOr<std::vector<int64_t>> UsersWithAgencyRole(Conn& c, int64_t agency_id, const std::string& role) {
  POL_ASSIGN_OR_RETURN(Rows rows,
                       c.Query("SELECT DISTINCT ur.user_id FROM user_roles ur JOIN users u ON u.id = "
                               "ur.user_id WHERE ur.agency_id = ? AND ur.role = ? AND u.disabled = 0 "
                               "ORDER BY ur.user_id",
                               {agency_id, role}));
  std::vector<int64_t> out;
  for (const Row& w : rows) out.push_back(w.Int(0));
  return out;
}

StatusOr<std::vector<int64_t>> UsersWithCouncilRoles(Conn& c, int64_t council_id,
                                                     const std::vector<std::string>& roles) {
  std::vector<int64_t> out;
  for (const std::string& role : roles) {
    POL_ASSIGN_OR_RETURN(Rows rows,
                         c.Query("SELECT DISTINCT ur.user_id FROM user_roles ur JOIN users u ON u.id = "
                                 "ur.user_id WHERE ur.council_id = ? AND ur.agency_id IS NULL AND "
                                 "ur.role = ? AND u.disabled = 0 ORDER BY ur.user_id",
                                 {council_id, role}));
    for (const Row& w : rows) {
      if (std::find(out.begin(), out.end(), w.Int(0)) == out.end()) out.push_back(w.Int(0));
    }
  }
  return out;
}

StatusOr<int64_t> InsertOccasion(Conn& c, const Occasion& o) {
  POL_ASSIGN_OR_RETURN(Row row, c.QueryOne("INSERT INTO occasions(council_id, name, calendar, month, day, "
                                           "description, version, created_at, updated_at) "
                                           "VALUES (?,?,?,?,?,?,1,?,?) RETURNING id",
                                           {Opt(o.council_id), o.name, o.calendar, o.month, o.day,
                                            o.description, o.created_at, o.created_at}));
  return row.Int(0);
}

StatusOr<Occasion> GetOccasion(Conn& c, int64_t id) {
  POL_ASSIGN_OR_RETURN(
      auto row, c.QueryOpt(std::string("SELECT ") + kOccasionCols + " FROM occasions WHERE id = ?", {id}));
  if (!row) return NotFound("مناسبت پیدا نشد.");
  return OccasionFromRow(*row);
}

StatusOr<std::vector<Occasion>> ListOccasions(Conn& c, int64_t council_id) {
  POL_ASSIGN_OR_RETURN(Rows rows, c.Query(std::string("SELECT ") + kOccasionCols +
                                              " FROM occasions WHERE council_id IS NULL OR council_id = ? "
                                              "ORDER BY month, day, id",
                                          {council_id}));
  std::vector<Occasion> out;
  for (const Row& w : rows) out.push_back(OccasionFromRow(w));
  return out;
}

Status UpdateOccasion(Conn& c, const Occasion& o, int64_t now) {
  POL_ASSIGN_OR_RETURN(int64_t n,
                       c.Exec("UPDATE occasions SET name = ?, calendar = ?, month = ?, day = ?, "
                              "description = ?, version = version + 1, updated_at = ? "
                              "WHERE id = ? AND version = ?",
                              {o.name, o.calendar, o.month, o.day, o.description, now, o.id, o.version}));
  if (n == 0) return VersionConflict();
  return Status::Ok();
}

Status DeleteOccasion(Conn& c, int64_t id, int64_t version) {
  POL_ASSIGN_OR_RETURN(int64_t n,
                       c.Exec("DELETE FROM occasions WHERE id = ? AND version = ?", {id, version}));
  if (n == 0) return VersionConflict();
  return Status::Ok();
}

StatusOr<int64_t> InsertNotification(Conn& c, const Notification& n) {
  POL_ASSIGN_OR_RETURN(Row row,
                       c.QueryOne("INSERT INTO notifications(user_id, kind, title, body, link, created_at) "
                                  "VALUES (?,?,?,?,?,?) RETURNING id",
                                  {n.user_id, n.kind, n.title, n.body, n.link, n.created_at}));
  return row.Int(0);
}

StatusOr<std::pair<std::vector<Notification>, int64_t>> ListNotifications(Conn& c, int64_t user_id,
                                                                          bool unread_only, int64_t limit,
                                                                          int64_t offset) {
  POL_ASSIGN_OR_RETURN(Row unread, c.QueryOne("SELECT COUNT(*) FROM notifications WHERE user_id = ? AND "
                                              "read_at IS NULL",
                                              {user_id}));
  POL_ASSIGN_OR_RETURN(
      Rows rows, c.Query(std::string("SELECT id, user_id, kind, title, body, link, created_at, read_at FROM "
                                     "notifications WHERE user_id = ?") +
                             (unread_only ? " AND read_at IS NULL" : "") +
                             " ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?",
                         {user_id, limit, offset}));
  std::vector<Notification> out;
  for (const Row& w : rows) {
    out.push_back({w.Int(0), w.Int(1), w.Text(2), w.Text(3), w.Text(4), w.Text(5), w.Int(6), w.OptInt(7)});
  }
  return std::make_pair(std::move(out), unread.Int(0));
}

Status MarkNotificationRead(Conn& c, int64_t user_id, int64_t id, int64_t now) {
  POL_ASSIGN_OR_RETURN(
      auto row, c.QueryOpt("SELECT read_at FROM notifications WHERE id = ? AND user_id = ?", {id, user_id}));
  if (!row) return NotFound("اعلان پیدا نشد.");
  if (row->IsNull(0)) {
    POL_RETURN_IF_ERROR(c.Exec("UPDATE notifications SET read_at = ? WHERE id = ?", {now, id}).status());
  }
  return Status::Ok();
}

Status RewriteNotificationsLinkingTo(Conn& c, const std::string& link, const std::string& title) {
  return c.Exec("UPDATE notifications SET title = ?, body = '' WHERE link = ?", {title, link}).status();
}

}  // namespace pol::store
