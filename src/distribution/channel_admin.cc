// Channels: create, edit, list, read and test the channels of a council or an agency (Distributor's
// part declared in distributor.h).
#include "accounts/validate.h"
#include "distribution/distribution_policy.h"
#include "distribution/distributor.h"
#include "distribution/distributor_internal.h"
#include "store/council_repo.h"

namespace pol::distribution {

using accounts::Actor;
using namespace internal;  // NOLINT: the states and helpers of this folder
using nlohmann::json;
using store::Conn;

// ---------------------------------------------------------------------------------------------------------
// Channels.

Status Distributor::CheckManage(const Actor& actor, int64_t council_id,
                                std::optional<int64_t> agency_id) const {
  if (CanManageChannels(actor, council_id, agency_id)) return Status::Ok();
  return NotFound("کانال پیدا نشد.");
}

StatusOr<ChannelView> Distributor::View(const store::Channel& ch) const {
  auto config = ChannelConfig::FromJson(ch.kind, ParseConfigJson(ch));
  if (!config.ok()) return Internal("stored channel config is invalid: " + config.status().ToString());
  return ChannelView{ch, *config};
}

StatusOr<std::vector<ChannelView>> Distributor::ListChannels(const Actor& actor,
                                                             std::optional<int64_t> council_id,
                                                             std::optional<int64_t> agency_id) {
  const ManageScope scope = ManageableScope(actor);
  if (scope.none) return std::vector<ChannelView>();
  std::vector<ChannelView> out;
  POL_RETURN_IF_ERROR(db_->Read([&](Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(auto list,
                         store::ListChannels(c, scope.councils, scope.agencies, council_id, agency_id));
    for (const auto& ch : list) {
      POL_ASSIGN_OR_RETURN(auto v, View(ch));
      out.push_back(std::move(v));
    }
    return Status::Ok();
  }));
  return out;
}

StatusOr<Owner> internal::ResolveOwner(Conn& c, const Actor& actor, std::optional<int64_t> agency_id,
                                       int64_t council_id) {
  if (agency_id) {
    auto a = store::GetAgency(c, *agency_id);
    if (!a.ok() && a.status().code() != StatusCode::kNotFound) return a.status();
    if (!a.ok() || !CanChooseOwner(actor, a->council_id)) {
      return InvalidArgument("unknown_agency", "دستگاه انتخاب‌شده وجود ندارد.",
                             "agency_id");
    }
    return Owner{a->council_id, a->id};
  }
  auto co = store::GetCouncil(c, council_id);
  if (!co.ok() && co.status().code() != StatusCode::kNotFound) return co.status();
  if (!co.ok() || !CanChooseOwner(actor, co->id)) {
    return InvalidArgument("unknown_council", "شورای انتخاب‌شده وجود ندارد.",
                           "council_id");
  }
  return Owner{co->id, std::nullopt};
}

namespace {

// The press list must exist and belong to the channel's scope (the same agency, or the council's own).
Status CheckPressList(Conn& c, const ChannelConfig& config, int64_t council_id,
                      std::optional<int64_t> agency_id) {
  if (config.kind != "email") return Status::Ok();
  auto l = store::GetPressList(c, config.press_list_id);
  if (!l.ok() && l.status().code() != StatusCode::kNotFound) return l.status();
  if (!l.ok() || l->council_id != council_id || (l->agency_id && l->agency_id != agency_id)) {
    return InvalidArgument("unknown_press_list",
                           "فهرست خبرنگاران انتخاب‌شده پیدا نشد.",
                           "press_list_id");
  }
  return Status::Ok();
}

// Messengers stay on their official host unless a system admin chose another.
Status CheckOfficialHost(const Actor& actor, const ChannelConfig& config) {
  if (!OnOfficialHost(config) && !CanUseUnofficialMessengerHost(actor)) {
    return Status(
        StatusCode::kPermissionDenied, "official_host_only",
        "این کانال فقط به نشانی رسمی " + KindPersianName(config.kind) + " (" + DefaultBaseUrl(config.kind) +
            ") وصل می‌شود؛ نشانی دیگر را مدیر سامانه تعیین می‌کند.",
        "base_url");
  }
  return Status::Ok();
}

}  // namespace

StatusOr<ChannelView> Distributor::CreateChannel(const Actor& actor, const ChannelInput& in) {
  if (!in.kind || !KnownKind(*in.kind)) {
    return InvalidArgument(
        "invalid_kind",
        "نوع کانال باید یکی از تلگرام، بله، ایتا، رایانامه یا وب‌هوک باشد.",
        "kind");
  }
  if (!in.name) return InvalidArgument("required", "نام کانال لازم است.", "name");
  POL_ASSIGN_OR_RETURN(std::string name, accounts::NormalizeText(*in.name, 100, "name", true));
  POL_ASSIGN_OR_RETURN(ChannelConfig config,
                       ChannelConfig::FromJson(*in.kind, in.config.value_or(json::object())));
  POL_RETURN_IF_ERROR(CheckTransport(config));
  std::string secret = in.secret.value_or("");
  if (secret.empty() && *in.kind != "email")
    return InvalidArgument("required", "توکن یا کلید کانال لازم است.", "secret");
  if (!secret.empty()) POL_RETURN_IF_ERROR(ValidateSecret(*in.kind, secret));
  const int64_t now = env_->NowMillis();
  store::Channel ch;
  POL_RETURN_IF_ERROR(db_->Write([&](Conn& c) -> Status {
    if (!in.agency_id && !in.council_id) {
      return InvalidArgument("required", "دستگاه یا شورای صاحب کانال را انتخاب کنید.", "agency_id");
    }
    POL_ASSIGN_OR_RETURN(Owner owner, ResolveOwner(c, actor, in.agency_id, in.council_id.value_or(0)));
    ch.council_id = owner.council_id;
    ch.agency_id = owner.agency_id;
    if (!CanManageChannels(actor, ch.council_id, ch.agency_id)) {
      return PermissionDenied(
          "مدیریت کانال‌های انتشار این دستگاه در اختیار شما نیست.");
    }
    POL_RETURN_IF_ERROR(CheckOfficialHost(actor, config));
    POL_RETURN_IF_ERROR(CheckPressList(c, config, ch.council_id, ch.agency_id));
    ch.kind = *in.kind;
    ch.name = name;
    ch.config = config.ToJson().dump();
    ch.secret = secret.empty() ? "" : secrets_.Seal(secret);
    ch.secret_hint = Hint(secret);
    ch.enabled = in.enabled.value_or(true);
    ch.created_at = ch.updated_at = now;
    POL_ASSIGN_OR_RETURN(ch.id, store::InsertChannel(c, ch));
    return accounts::Audit(c, actor, now, "channel.create", "channel", std::to_string(ch.id),
                           {ch.council_id, ch.agency_id}, json{{"kind", ch.kind}, {"name", ch.name}});
  }));
  return View(ch);
}

StatusOr<ChannelView> Distributor::GetChannel(const Actor& actor, int64_t id) {
  store::Channel ch;
  POL_RETURN_IF_ERROR(db_->Read([&](Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(ch, store::GetChannel(c, id));
    return Status::Ok();
  }));
  POL_RETURN_IF_ERROR(CheckManage(actor, ch.council_id, ch.agency_id));
  return View(ch);
}

StatusOr<ChannelView> Distributor::UpdateChannel(const Actor& actor, int64_t id, const ChannelInput& in) {
  if (!in.version)
    return InvalidArgument("version_required", "نسخهٔ مورد ویرایش (version) لازم است.", "version");
  if (in.kind || in.agency_id || in.council_id) {
    return InvalidArgument("immutable", "نوع و صاحب کانال تغییرپذیر نیست؛ کانال تازه بسازید.",
                           in.kind ? "kind" : "agency_id");
  }
  const int64_t now = env_->NowMillis();
  store::Channel ch;
  POL_RETURN_IF_ERROR(db_->Write([&](Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(ch, store::GetChannel(c, id));
    POL_RETURN_IF_ERROR(CheckManage(actor, ch.council_id, ch.agency_id));
    json detail = json::object();
    if (in.name) {
      POL_ASSIGN_OR_RETURN(ch.name, accounts::NormalizeText(*in.name, 100, "name", true));
      detail["name"] = ch.name;
    }
    if (in.config) {
      POL_ASSIGN_OR_RETURN(ChannelConfig config, ChannelConfig::FromJson(ch.kind, *in.config));
      POL_RETURN_IF_ERROR(CheckTransport(config));
      POL_RETURN_IF_ERROR(CheckPressList(c, config, ch.council_id, ch.agency_id));
      POL_ASSIGN_OR_RETURN(ChannelView before, View(ch));
      if (Endpoint(config) != Endpoint(before.config)) {
        // A new endpoint never receives the old secret: it is cleared and must come with the change.
        POL_RETURN_IF_ERROR(CheckOfficialHost(actor, config));
        if (!ch.secret.empty() && !in.secret) {
          return InvalidArgument("secret_required",
                                 "با تغییر نشانی کانال، توکن یا رمز آن را هم دوباره وارد کنید؛ رمز پیشین به "
                                 "نشانی تازه فرستاده نمی‌شود.",
                                 "secret");
        }
        ch.secret.clear();
        ch.secret_hint.clear();
        detail["endpoint"] = "changed";
      }
      ch.config = config.ToJson().dump();
      detail["config"] = true;
    }
    if (in.secret) {
      if (!in.secret->empty()) POL_RETURN_IF_ERROR(ValidateSecret(ch.kind, *in.secret));
      if (in.secret->empty() && ch.kind != "email") {
        return InvalidArgument("required", "توکن یا کلید کانال لازم است.", "secret");
      }
      ch.secret = in.secret->empty() ? "" : secrets_.Seal(*in.secret);
      ch.secret_hint = Hint(*in.secret);
      detail["secret"] = "replaced";
    }
    if (in.enabled) {
      ch.enabled = *in.enabled;
      detail["enabled"] = ch.enabled;
    }
    if (ch.version != *in.version) return store::VersionConflict();
    POL_RETURN_IF_ERROR(store::UpdateChannel(c, ch, now));
    ch.version += 1;
    ch.updated_at = now;
    return accounts::Audit(c, actor, now, "channel.update", "channel", std::to_string(ch.id),
                           {ch.council_id, ch.agency_id}, detail);
  }));
  return View(ch);
}

StatusOr<TestResult> Distributor::TestChannel(const Actor& actor, int64_t id) {
  POL_ASSIGN_OR_RETURN(ChannelView v, GetChannel(actor, id));
  auto secret = secrets_.Open(v.channel.secret);
  TestResult out;
  if (!secret.ok()) {
    out.error_code = "secret_unreadable";
    out.error_fa =
        "رمز کانال با کلید این سامانه باز نمی‌شود؛ توکن را دوباره وارد کنید.";
    return out;
  }
  auto adapter = NewAdapter(v.config, *secret);
  OutMessage m;
  m.test = true;
  m.now_ms = env_->NowMillis();
  m.delivery_id = 0;
  m.message_id =
      "pol.test." + std::to_string(id) + "." + std::to_string(m.now_ms) + "@" + Domain(v.config.from_address);
  SendResult r = adapter->Send(m);
  out.ok = r.ok;
  out.message_id = r.message_id;
  out.url = r.url;
  out.error_code = r.error_code;
  out.error_fa = r.error_fa;
  out.detail = r.detail;
  return out;
}

}  // namespace pol::distribution
