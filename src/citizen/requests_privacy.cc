// RequestService: a citizen's rights over their data, carried out by the council desk: the export
// of every request filed with a mobile, and its erasure (personal fields, the subject and the client
// address blanked, the citizen's own words in the history redacted, attachments and the mobile's SMS
// ledger deleted; open requests are closed as "erased").
#include "citizen/citizen_policy.h"
#include "citizen/requests.h"
#include "citizen/requests_internal.h"
#include "store/release_repo.h"  // notifications
#include "text/identifiers.h"

namespace pol::citizen {

using accounts::Actor;
using store::CitizenRequest;
using store::Conn;
using namespace internal;

namespace {

Status PrivacyDenied() {
  return PermissionDenied(
      "برون‌بری و حذف داده‌های شهروندان با دبیرخانهٔ شوراست.");
}

StatusOr<std::string> ValidMobile(const std::string& in) {
  auto mobile = text::NormalizeIranianMobile(in);
  if (!mobile) return Bad("invalid_mobile", "شمارهٔ همراه معتبر نیست.", "mobile");
  return *mobile;
}

// Blanks the personal fields of a request; closes it (outcome "erased") unless it is done already.
void Blank(CitizenRequest& r, int64_t now) {
  r.name = "";
  r.mobile = "";
  r.national_code = "";
  r.subject = "[حذف شد]";
  r.text = "[به درخواست شهروند حذف شد]";
  r.ip = "";
  r.csat_comment = "";
  r.signature = "";
  r.erased = true;
  if (r.state != "closed" && r.state != "merged") {
    r.state = "closed";
    r.closed_at = now;
    r.outcome = "erased";
  }
}

}  // namespace

StatusOr<PersonalData> RequestService::Export(const Actor& actor, const std::string& mobile_in) {
  POL_ASSIGN_OR_RETURN(int64_t council, ServedCouncil());
  if (!CanHandlePersonalData(actor, council)) return PrivacyDenied();
  PersonalData out;
  POL_ASSIGN_OR_RETURN(out.mobile, ValidMobile(mobile_in));
  const int64_t now = env_->NowMillis();
  POL_RETURN_IF_ERROR(db_->Write([&](Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(auto rows, store::CitizenRequestsByMobile(c, out.mobile));
    for (auto& r : rows) {
      if (r.council_id != council) continue;
      POL_ASSIGN_OR_RETURN(auto events, store::ListRequestEvents(c, r.id, true));
      out.requests.push_back({std::move(r), std::move(events)});
    }
    if (export_hook_) {
      PersonalScope scope{.council_id = council, .mobile = out.mobile};
      for (const auto& x : out.requests) scope.request_ids.push_back(x.request.id);
      POL_ASSIGN_OR_RETURN(out.chats, export_hook_(c, scope));
    }
    return accounts::Audit(c, actor, now, "export_personal", "citizen", MaskMobile(out.mobile), {council, {}},
                           {{"requests", out.requests.size()}});
  }));
  return out;
}

StatusOr<int64_t> RequestService::Erase(const Actor& actor, const std::string& mobile_in) {
  POL_ASSIGN_OR_RETURN(int64_t council, ServedCouncil());
  if (!CanHandlePersonalData(actor, council)) return PrivacyDenied();
  POL_ASSIGN_OR_RETURN(const std::string mobile, ValidMobile(mobile_in));
  const int64_t now = env_->NowMillis();
  int64_t n = 0;
  std::vector<std::string> files;
  POL_RETURN_IF_ERROR(db_->Write([&](Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(auto rows, store::CitizenRequestsByMobile(c, mobile));
    std::vector<int64_t> erased;
    for (auto& r : rows) {
      if (r.council_id != council) continue;
      erased.push_back(r.id);
      POL_ASSIGN_OR_RETURN(auto atts, store::ListCitizenAttachments(c, r.id));
      for (const auto& a : atts) files.push_back(a.sha256);
      POL_RETURN_IF_ERROR(store::DeleteCitizenAttachments(c, r.id));
      Blank(r, now);
      POL_RETURN_IF_ERROR(store::RedactCitizenWords(c, r.id));
      POL_RETURN_IF_ERROR(store::UpdateCitizenRequest(c, r, now));
      POL_RETURN_IF_ERROR(store::BlankCitizenRequestAddress(c, r.id));
      // Staff notifications about the request quoted its subject (SLA warnings and escalations).
      POL_RETURN_IF_ERROR(store::RewriteNotificationsLinkingTo(c, "/console/citizen/" + std::to_string(r.id),
                                                               "درخواست شهروند (اطلاعات شخصی آن پاک شد)"));
      ++n;
    }
    if (erased_hook_)
      POL_RETURN_IF_ERROR(erased_hook_(c, {.council_id = council, .mobile = mobile, .request_ids = erased}));
    // The ledger of codes sent to the number (SMS limits) goes too.
    POL_RETURN_IF_ERROR(store::DeleteSmsSendsOf(c, mobile));
    return accounts::Audit(c, actor, now, "erase_personal", "citizen", MaskMobile(mobile), {council, {}},
                           {{"requests", n}});
  }));
  // Attachment files: removed once no remaining row names them.
  for (const auto& sha : files) {
    int64_t used = 1;
    Status s = db_->Read([&](Conn& c) -> Status {
      POL_ASSIGN_OR_RETURN(used, store::CountAttachmentsWithSha(c, sha));
      return Status::Ok();
    });
    if (s.ok() && used == 0) attachments_.Remove(sha);
  }
  return n;
}

}  // namespace pol::citizen
