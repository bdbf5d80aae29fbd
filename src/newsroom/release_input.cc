#include "newsroom/releases.h"

#include <algorithm>
#include <string>
#include <vector>

#include "accounts/validate.h"
#include "newsroom/release_internal.h"
#include "newsroom/sanitize.h"
#include "store/council_repo.h"

// Validation and normalization of a release's editable fields, and its revision snapshot.
namespace pol::newsroom {
namespace internal {
namespace {

using accounts::NormalizeText;
using nlohmann::json;
using store::Conn;
using store::Release;

constexpr int64_t kMinTime = 1577836800000;  // 2020-01-01: earlier times are typing mistakes
constexpr int64_t kMaxTime = 4102444800000;  // 2100-01-01
constexpr size_t kMaxBodyHtmlBytes = 512 * 1024;

// Titles, lead, body (sanitized), category, urgency, source line, council level.
Status ApplyTexts(const ReleaseInput& in, const PreparedInput& prepared, Release& r, json& changes) {
  if (in.over_title) {
    POL_ASSIGN_OR_RETURN(r.over_title, NormalizeText(*in.over_title, 200, "over_title", false));
    changes["over_title"] = r.over_title;
  }
  if (in.title) {
    POL_ASSIGN_OR_RETURN(r.title, NormalizeText(*in.title, 300, "title", true));
    if (r.title.find('\n') != std::string::npos) {
      return InvalidArgument("invalid_field", "تیتر باید یک خط باشد.", "title");
    }
    changes["title"] = r.title;
  }
  if (in.lead) {
    POL_ASSIGN_OR_RETURN(r.lead, NormalizeText(*in.lead, 1500, "lead", false));
    changes["lead"] = r.lead;
  }
  if (in.body_html) {
    if (!prepared.body) return Internal("release body not prepared");
    r.body_html = prepared.body->html;
    r.body_text = prepared.body->text;
    changes["body"] = true;
  }
  if (in.category) {
    POL_ASSIGN_OR_RETURN(r.category, NormalizeText(*in.category, 100, "category", false));
    changes["category"] = r.category;
  }
  if (in.urgency) {
    if (*in.urgency != "normal" && *in.urgency != "urgent" && *in.urgency != "flash") {
      return InvalidArgument("invalid_urgency", "فوریت باید یکی از «عادی»، «فوری» یا «خیلی فوری» باشد.",
                             "urgency");
    }
    r.urgency = *in.urgency;
    changes["urgency"] = r.urgency;
  }
  if (in.source_line) {
    POL_ASSIGN_OR_RETURN(r.source_line, NormalizeText(*in.source_line, 200, "source_line", false));
    changes["source_line"] = r.source_line;
  }
  if (in.council_level) {
    r.council_level = *in.council_level;
    changes["council_level"] = r.council_level;
  }
  return Status::Ok();
}

// The occasion (of this council or shared), embargo and publication time; 0 clears.
Status ApplyTimes(Conn& c, const ReleaseInput& in, Release& r, json& changes) {
  if (in.occasion_id) {
    if (*in.occasion_id == 0) {
      r.occasion_id.reset();
    } else {
      auto o = store::GetOccasion(c, *in.occasion_id);
      if (!o.ok() && o.status().code() == StatusCode::kNotFound) {
        return InvalidArgument("unknown_occasion", "مناسبت انتخاب‌شده وجود ندارد.",
                               "occasion_id");
      }
      if (!o.ok()) return o.status();
      if (o->council_id && *o->council_id != r.council_id) {
        return InvalidArgument("unknown_occasion", "مناسبت انتخاب‌شده وجود ندارد.",
                               "occasion_id");
      }
      r.occasion_id = *in.occasion_id;
    }
    changes["occasion_id"] = r.occasion_id ? json(*r.occasion_id) : json();
  }
  if (in.embargo_until) {
    if (*in.embargo_until == 0) {
      r.embargo_until.reset();
    } else {
      POL_RETURN_IF_ERROR(CheckTime(*in.embargo_until, "embargo_until"));
      r.embargo_until = *in.embargo_until;
    }
    changes["embargo_until"] = r.embargo_until ? json(*r.embargo_until) : json();
  }
  if (in.publish_at) {
    if (*in.publish_at == 0) {
      r.publish_at.reset();
    } else {
      POL_RETURN_IF_ERROR(CheckTime(*in.publish_at, "publish_at"));
      r.publish_at = *in.publish_at;
    }
    changes["publish_at"] = r.publish_at ? json(*r.publish_at) : json();
  }
  return Status::Ok();
}

// Up to 20 one-line tags, without leading '#', each once.
Status ApplyTags(const ReleaseInput& in, Release& r, json& changes) {
  if (in.tags) {
    if (in.tags->size() > 20)
      return InvalidArgument("too_many", "حداکثر ۲۰ برچسب می‌توان گذاشت.", "tags");
    std::vector<std::string> tags;
    for (const std::string& raw : *in.tags) {
      std::string t = raw;
      while (!t.empty() && t.front() == '#') t.erase(0, 1);
      POL_ASSIGN_OR_RETURN(t, NormalizeText(t, 50, "tags", true));
      if (t.find('\n') != std::string::npos)
        return InvalidArgument("invalid_field", "برچسب باید یک خط باشد.", "tags");
      if (std::find(tags.begin(), tags.end(), t) == tags.end()) tags.push_back(t);
    }
    r.tags = std::move(tags);
    changes["tags"] = r.tags;
  }
  return Status::Ok();
}

// Up to 20 co-signing agencies: active ones of the same council, not the author's.
Status ApplyCoSigners(Conn& c, const ReleaseInput& in, Release& r, json& changes) {
  if (in.co_agency_ids) {
    if (in.co_agency_ids->size() > 20) {
      return InvalidArgument("too_many",
                             "حداکثر ۲۰ دستگاه همکار می‌توان افزود.",
                             "co_agency_ids");
    }
    std::vector<store::ReleaseCoSigner> co;
    for (int64_t aid : *in.co_agency_ids) {
      if (aid == r.agency_id) {
        return InvalidArgument(
            "invalid_co_agency",
            "دستگاه نویسندهٔ خبر نمی‌تواند هم‌امضاکننده هم "
            "باشد.",
            "co_agency_ids");
      }
      auto a = store::GetAgency(c, aid);
      if (!a.ok() && a.status().code() != StatusCode::kNotFound) return a.status();
      if (!a.ok() || a->council_id != r.council_id || a->disabled) {
        return InvalidArgument(
            "invalid_co_agency",
            "دستگاه همکار باید از دستگاه‌های فعال همین شورا "
            "باشد.",
            "co_agency_ids");
      }
      if (std::none_of(co.begin(), co.end(), [&](const auto& s) { return s.agency_id == aid; })) {
        co.push_back({aid, std::nullopt, std::nullopt});
      }
    }
    r.co_signers = std::move(co);
    changes["co_agency_ids"] = *in.co_agency_ids;
  }
  return Status::Ok();
}

// Up to 30 photos from the agency's own media library, each once, with captions.
Status ApplyPhotos(Conn& c, const ReleaseInput& in, Release& r, json& changes) {
  if (in.photos) {
    if (in.photos->size() > 30)
      return InvalidArgument("too_many", "حداکثر ۳۰ عکس می‌توان افزود.", "photos");
    std::vector<store::ReleasePhoto> photos;
    for (const PhotoInput& p : *in.photos) {
      POL_ASSIGN_OR_RETURN(auto owner, store::MediaAgency(c, p.media_id));
      if (!owner || *owner != r.agency_id) {
        return InvalidArgument(
            "unknown_media",
            "عکس انتخاب‌شده در کتابخانهٔ رسانهٔ این دستگاه نیست.",
            "photos");
      }
      if (std::any_of(photos.begin(), photos.end(),
                      [&](const auto& x) { return x.media_id == p.media_id; })) {
        continue;
      }
      POL_ASSIGN_OR_RETURN(std::string caption, NormalizeText(p.caption, 500, "photos", false));
      photos.push_back({p.media_id, static_cast<int64_t>(photos.size()), caption});
    }
    r.photos = std::move(photos);
    changes["photos"] = r.photos.size();
  }
  return Status::Ok();
}

}  // namespace

Status CheckTime(int64_t t, const char* field) {
  if (t < kMinTime || t > kMaxTime) {
    return InvalidArgument("invalid_date", "تاریخ و زمان واردشده معتبر نیست.", field);
  }
  return Status::Ok();
}

StatusOr<PreparedInput> PrepareInput(const ReleaseInput& in) {
  PreparedInput p;
  if (in.body_html) {
    if (in.body_html->size() > kMaxBodyHtmlBytes) {
      return InvalidArgument("too_long", "متن خبر بیش از اندازهٔ مجاز است.", "body_html");
    }
    POL_RETURN_IF_ERROR(CheckBodyBudget(*in.body_html));
    p.body = SanitizeHtml(*in.body_html);
  }
  return p;
}

Status ApplyInput(Conn& c, const ReleaseInput& in, const PreparedInput& prepared, Release& r, json& changes) {
  POL_RETURN_IF_ERROR(ApplyTexts(in, prepared, r, changes));
  POL_RETURN_IF_ERROR(ApplyTimes(c, in, r, changes));
  POL_RETURN_IF_ERROR(ApplyTags(in, r, changes));
  POL_RETURN_IF_ERROR(ApplyCoSigners(c, in, r, changes));
  return ApplyPhotos(c, in, r, changes);
}

}  // namespace internal

nlohmann::json Snapshot(const store::Release& r) {
  using nlohmann::json;
  json co = json::array();
  for (const auto& s : r.co_signers) co.push_back(s.agency_id);
  json photos = json::array();
  for (const auto& p : r.photos) photos.push_back({{"media_id", p.media_id}, {"caption", p.caption}});
  auto opt = [](const std::optional<int64_t>& v) { return v ? json(*v) : json(); };
  return json{{"status", r.status},
              {"over_title", r.over_title},
              {"title", r.title},
              {"lead", r.lead},
              {"body_html", r.body_html},
              {"body_text", r.body_text},
              {"category", r.category},
              {"occasion_id", opt(r.occasion_id)},
              {"urgency", r.urgency},
              {"source_line", r.source_line},
              {"council_level", r.council_level},
              {"embargo_until", opt(r.embargo_until)},
              {"publish_at", opt(r.publish_at)},
              {"tags", r.tags},
              {"co_agency_ids", co},
              {"photos", photos},
              {"return_comment", r.return_comment},
              {"correction_note", r.correction_note},
              {"withdrawn_reason", r.withdrawn_reason}};
}

}  // namespace pol::newsroom
