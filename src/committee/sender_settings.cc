#include "committee/sender_settings.h"

#include "base/strings.h"
#include "committee/committee_internal.h"
#include "store/distribution_repo.h"
#include "text/number_words.h"

namespace pol::committee {

using accounts::Actor;

std::optional<std::string> NormalizeSmsSender(const std::string& line) {
  const std::string s = text::ToLatinDigits(TrimAscii(line));
  if (s.empty()) return s;
  if (s.size() < 3 || s.size() > 20) return std::nullopt;
  for (char ch : s) {
    if (ch < '0' || ch > '9') return std::nullopt;
  }
  return s;
}

StatusOr<store::CommitteeSenders> SenderSettingsService::Get(const Actor& actor, int64_t committee_id) {
  return db_->ReadValue([&](store::Conn& c) -> StatusOr<store::CommitteeSenders> {
    POL_RETURN_IF_ERROR(internal::LoadScope(c, actor, committee_id).status());
    return store::GetCommitteeSenders(c, committee_id);
  });
}

StatusOr<store::CommitteeSenders> SenderSettingsService::Set(const Actor& actor, int64_t committee_id,
                                                             std::optional<int64_t> mail_channel_id,
                                                             const std::string& sms_sender, int64_t version) {
  const int64_t now = env_->NowMillis();
  return db_->WriteValue([&](store::Conn& c) -> StatusOr<store::CommitteeSenders> {
    POL_ASSIGN_OR_RETURN(internal::Scope s, internal::LoadScope(c, actor, committee_id));
    if (!CanRunMeetings(actor, s.committee.council_id, s.seat)) return PermissionDenied();
    if (mail_channel_id) {
      auto ch = store::GetChannel(c, *mail_channel_id);
      if (!ch.ok() && ch.status().code() != StatusCode::kNotFound) return ch.status();
      if (!ch.ok() || ch->kind != "email" || ch->council_id != s.committee.council_id) {
        return InvalidArgument(
            "invalid_mail_channel",
            "کانال رایانامهٔ انتخاب‌شده از کانال‌های رایانامهٔ شورای این کمیته نیست.",
            "mail_channel_id");
      }
    }
    const std::optional<std::string> line = NormalizeSmsSender(sms_sender);
    if (!line) {
      return InvalidArgument(
          "invalid_sms_sender",
          "شمارهٔ فرستندهٔ پیامک باید از ۳ تا ۲۰ رقم باشد (خالی: شمارهٔ پیش‌فرض).",
          "sms_sender");
    }
    POL_ASSIGN_OR_RETURN(store::CommitteeSenders senders, store::GetCommitteeSenders(c, committee_id));
    if (senders.version != version) return VersionConflict();
    senders.mail_channel_id = mail_channel_id;
    senders.sms_sender = *line;
    POL_RETURN_IF_ERROR(store::SaveCommitteeSenders(c, senders, now));
    nlohmann::json detail{
        {"mail_channel_id", mail_channel_id ? nlohmann::json(*mail_channel_id) : nlohmann::json()},
        {"sms_sender", *line}};
    POL_RETURN_IF_ERROR(accounts::Audit(c, actor, now, "set_senders", "committee",
                                        std::to_string(committee_id), {s.committee.council_id, std::nullopt},
                                        detail));
    return store::GetCommitteeSenders(c, committee_id);
  });
}

}  // namespace pol::committee
