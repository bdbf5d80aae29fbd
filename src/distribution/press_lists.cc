// Press lists: lists of journalists' addresses for press e-mail, contacts added one by one or imported
// from CSV, and the public unsubscribe link (Distributor's part declared in distributor.h).
#include <map>
#include <set>

#include "accounts/validate.h"
#include "base/hex.h"
#include "base/strings.h"
#include "distribution/distribution_policy.h"
#include "distribution/distributor.h"
#include "distribution/distributor_internal.h"
#include "distribution/mime.h"
#include "store/council_repo.h"

namespace pol::distribution {

using accounts::Actor;
using nlohmann::json;
using store::Conn;

// ---------------------------------------------------------------------------------------------------------
// Press lists.

StatusOr<std::vector<store::PressList>> Distributor::ListPressLists(const Actor& actor) {
  const ManageScope scope = ManageableScope(actor);
  if (scope.none) return std::vector<store::PressList>();
  std::vector<store::PressList> out;
  POL_RETURN_IF_ERROR(db_->Read([&](Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(out, store::ListPressLists(c, scope.councils, scope.agencies));
    return Status::Ok();
  }));
  return out;
}

StatusOr<store::PressList> Distributor::CreatePressList(const Actor& actor, int64_t council_id,
                                                        std::optional<int64_t> agency_id,
                                                        const std::string& raw_name) {
  POL_ASSIGN_OR_RETURN(std::string name, accounts::NormalizeText(raw_name, 100, "name", true));
  const int64_t now = env_->NowMillis();
  store::PressList l;
  POL_RETURN_IF_ERROR(db_->Write([&](Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(internal::Owner owner, internal::ResolveOwner(c, actor, agency_id, council_id));
    council_id = owner.council_id;
    if (!CanManageChannels(actor, council_id, agency_id)) {
      return PermissionDenied("مدیریت فهرست خبرنگاران این دستگاه در اختیار شما نیست.");
    }
    l = store::PressList{
        .council_id = council_id, .agency_id = agency_id, .name = name, .created_at = now, .updated_at = now};
    POL_ASSIGN_OR_RETURN(l.id, store::InsertPressList(c, l));
    return accounts::Audit(c, actor, now, "press_list.create", "press_list", std::to_string(l.id),
                           {council_id, agency_id}, json{{"name", name}});
  }));
  return l;
}

StatusOr<std::pair<std::vector<store::PressContact>, int64_t>> Distributor::ListContacts(const Actor& actor,
                                                                                         int64_t list_id,
                                                                                         int64_t limit,
                                                                                         int64_t offset) {
  std::pair<std::vector<store::PressContact>, int64_t> out;
  POL_RETURN_IF_ERROR(db_->Read([&](Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(auto l, store::GetPressList(c, list_id));
    if (!CanManageChannels(actor, l.council_id, l.agency_id)) {
      return NotFound("فهرست خبرنگاران پیدا نشد.");
    }
    POL_ASSIGN_OR_RETURN(out, store::ListPressContacts(c, list_id, limit, offset));
    return Status::Ok();
  }));
  return out;
}

namespace {

struct CleanContact {
  int64_t line;
  store::PressContact c;
};

// Validates and normalizes the rows (e-mail trimmed and lower-cased; duplicates and bad rows reported).
std::vector<CleanContact> CleanContacts(int64_t list_id, const std::vector<ContactInput>& contacts,
                                        ImportReport& report) {
  std::vector<CleanContact> clean;
  std::set<std::string> seen;
  for (size_t i = 0; i < contacts.size(); ++i) {
    const ContactInput& in = contacts[i];
    const int64_t line = static_cast<int64_t>(i) + 1;
    const std::string email = AsciiLower(TrimAscii(in.email));
    if (!ValidEmail(email)) {
      report.problems.push_back({line, in.email, "invalid_email", "نشانی رایانامه معتبر نیست."});
      continue;
    }
    if (!seen.insert(email).second) {
      report.problems.push_back({line, in.email, "duplicate", "این نشانی در همین فهرست تکرار شده است."});
      continue;
    }
    auto name = accounts::NormalizeText(in.name, 200, "name", false);
    auto outlet = accounts::NormalizeText(in.outlet, 200, "outlet", false);
    auto beats = accounts::NormalizeText(in.beats, 300, "beats", false);
    if (!name.ok() || !outlet.ok() || !beats.ok()) {
      report.problems.push_back(
          {line, in.email, "invalid_field", "نام، رسانه یا حوزهٔ خبری این ردیف معتبر نیست."});
      continue;
    }
    clean.push_back(
        {line, store::PressContact{
                   .list_id = list_id, .outlet = *outlet, .name = *name, .email = email, .beats = *beats}});
  }
  return clean;
}

}  // namespace

StatusOr<ImportReport> Distributor::ImportContacts(const Actor& actor, int64_t list_id,
                                                   const std::vector<ContactInput>& contacts) {
  if (contacts.size() > 20000)
    return InvalidArgument(
        "too_many", "در هر بار حداکثر ۲۰٬۰۰۰ نشانی می‌توان افزود.",
        "contacts");
  ImportReport report;
  std::vector<CleanContact> clean = CleanContacts(list_id, contacts, report);
  const int64_t now = env_->NowMillis();
  POL_RETURN_IF_ERROR(db_->Write([&](Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(auto l, store::GetPressList(c, list_id));
    if (!CanManageChannels(actor, l.council_id, l.agency_id)) {
      return NotFound("فهرست خبرنگاران پیدا نشد.");
    }
    report.added = report.updated = 0;
    for (auto& x : clean) {
      x.c.unsubscribe_token = HexEncode(env_->RandomBytes(16));
      x.c.created_at = now;
      POL_ASSIGN_OR_RETURN(auto res, store::UpsertPressContact(c, x.c));
      (res.second ? report.added : report.updated) += 1;
    }
    return accounts::Audit(
        c, actor, now, "press_list.import", "press_list", std::to_string(list_id),
        {l.council_id, l.agency_id},
        json{{"added", report.added}, {"updated", report.updated}, {"rejected", report.problems.size()}});
  }));
  return report;
}

namespace {

using CsvRows = std::vector<std::vector<std::string>>;

// RFC 4180-ish: quoted fields with "" escapes; ',', ';' or tab separate fields; CR ignored.
CsvRows SplitCsv(const std::string& csv) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false, any = false;
  for (size_t i = 0; i < csv.size(); ++i) {
    char ch = csv[i];
    if (quoted) {
      if (ch == '"' && i + 1 < csv.size() && csv[i + 1] == '"') {
        field.push_back('"');
        ++i;
      } else if (ch == '"') {
        quoted = false;
      } else {
        field.push_back(ch);
      }
      continue;
    }
    if (ch == '"') {
      quoted = true;
      any = true;
    } else if (ch == ',' || ch == ';' || ch == '\t') {
      row.push_back(field);
      field.clear();
      any = true;
    } else if (ch == '\n') {
      row.push_back(field);
      field.clear();
      rows.push_back(row);
      row.clear();
      any = false;
    } else if (ch != '\r') {
      field.push_back(ch);
      any = true;
    }
  }
  if (any || !field.empty()) {
    row.push_back(field);
    rows.push_back(row);
  }
  return rows;
}

// Column name (lower case, BOM and spaces trimmed) → index, from the header row.
std::map<std::string, size_t> HeaderColumns(const std::vector<std::string>& header) {
  std::map<std::string, size_t> col;
  for (size_t i = 0; i < header.size(); ++i) {
    std::string_view h = header[i];
    if (h.starts_with("\xEF\xBB\xBF")) h.remove_prefix(3);
    const size_t b = h.find_first_not_of(' '), e = h.find_last_not_of(' ');
    col[b == std::string_view::npos ? "" : AsciiLower(h.substr(b, e - b + 1))] = i;
  }
  return col;
}

}  // namespace

StatusOr<std::vector<ContactInput>> Distributor::ParseContactsCsv(const std::string& csv,
                                                                  ImportReport& report) {
  const CsvRows rows = SplitCsv(csv);
  if (rows.empty()) return InvalidArgument("invalid_csv", "پرونده خالی است.", "csv");
  const std::map<std::string, size_t> col = HeaderColumns(rows[0]);
  if (!col.count("email")) {
    return InvalidArgument(
        "invalid_csv",
        "سطر اول باید نام ستون‌ها باشد و ستون email داشته باشد.",
        "csv");
  }
  auto get = [&](const std::vector<std::string>& r, const char* name) -> std::string {
    auto it = col.find(name);
    return it == col.end() || it->second >= r.size() ? "" : r[it->second];
  };
  std::vector<ContactInput> out;
  for (size_t i = 1; i < rows.size(); ++i) {
    const auto& r = rows[i];
    if (r.size() == 1 && r[0].empty()) continue;
    out.push_back({get(r, "outlet"), get(r, "name"), get(r, "email"), get(r, "beats")});
  }
  (void)report;
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Unsubscribe.

StatusOr<std::pair<store::PressContact, std::string>> Distributor::UnsubscribeInfo(const std::string& token) {
  std::pair<store::PressContact, std::string> out;
  if (token.size() != 32) return NotFound("این پیوند لغو اشتراک معتبر نیست.");
  POL_RETURN_IF_ERROR(db_->Read([&](Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(auto contact, store::FindContactByToken(c, token));
    if (!contact) return NotFound("این پیوند لغو اشتراک معتبر نیست.");
    POL_ASSIGN_OR_RETURN(auto list, store::GetPressList(c, contact->list_id));
    out = {*contact, list.name};
    return Status::Ok();
  }));
  return out;
}

Status Distributor::Unsubscribe(const std::string& token) {
  if (token.size() != 32) return NotFound("این پیوند لغو اشتراک معتبر نیست.");
  const int64_t now = env_->NowMillis();
  return db_->Write([&](Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(auto contact, store::FindContactByToken(c, token));
    if (!contact) return NotFound("این پیوند لغو اشتراک معتبر نیست.");
    if (contact->unsubscribed_at) return Status::Ok();
    POL_ASSIGN_OR_RETURN(auto list, store::GetPressList(c, contact->list_id));
    POL_RETURN_IF_ERROR(store::SetUnsubscribed(c, contact->id, now));
    accounts::Actor system;
    return accounts::Audit(c, system, now, "press_contact.unsubscribe", "press_contact",
                           std::to_string(contact->id), {list.council_id, list.agency_id},
                           json{{"list_id", list.id}});
  });
}

}  // namespace pol::distribution
