#include "media/media.h"

#include "accounts/validate.h"
#include "base/hex.h"
#include "media/images.h"
#include "store/council_repo.h"
#include "store/site_repo.h"

namespace pol::media {
namespace {

std::string OriginalExt(const std::string& content_type) {
  if (content_type == "image/jpeg") return "jpg";
  if (content_type == "image/webp") return "webp";
  return "png";  // PNG, and GIF's first frame
}

Status NotInLibrary() { return NotFound("عکس پیدا نشد."); }

}  // namespace

std::optional<Variant> ParseVariant(std::string_view name) {
  for (Variant v :
       {Variant::kLarge, Variant::kThumb, Variant::kMedium, Variant::kLargeWebp, Variant::kMediumWebp}) {
    if (name == VariantName(v)) return v;
  }
  return std::nullopt;
}

std::string_view VariantName(Variant v) {
  switch (v) {
    case Variant::kLarge:
      return "large";
    case Variant::kThumb:
      return "thumb";
    case Variant::kMedium:
      return "medium";
    case Variant::kLargeWebp:
      return "large.webp";
    case Variant::kMediumWebp:
      return "medium.webp";
  }
  return "large";
}

namespace {

bool IsWebp(Variant v) { return v == Variant::kLargeWebp || v == Variant::kMediumWebp; }

// The variants added after the first uploads: made from large.jpg when missing.
bool MadeFromLarge(Variant v) { return v == Variant::kMedium || IsWebp(v); }

}  // namespace

std::string MediaLibrary::VariantKey(const MediaItem& m, Variant v) {
  return m.storage_key + "/" + std::string(VariantName(v)) + (IsWebp(v) ? "" : ".jpg");
}

StatusOr<std::string> MediaLibrary::ReadVariantFile(const MediaItem& m, Variant v) {
  auto body = files_->Get(VariantKey(m, v));
  if (body.ok() || body.status().code() != StatusCode::kNotFound || !MadeFromLarge(v)) return body;
  // Uploaded before the phone and WebP variants: make them once from the large JPEG and keep them.
  POL_ASSIGN_OR_RETURN(std::string large, files_->Get(VariantKey(m, Variant::kLarge)));
  POL_ASSIGN_OR_RETURN(ProcessedImage img, VariantsFromLarge(large));
  const std::pair<Variant, std::string*> made[] = {{Variant::kMedium, &img.medium},
                                                   {Variant::kLargeWebp, &img.large_webp},
                                                   {Variant::kMediumWebp, &img.medium_webp}};
  std::string wanted;
  for (const auto& [variant, data] : made) {
    const std::string key = VariantKey(m, variant);
    if (!files_->Exists(key)) POL_RETURN_IF_ERROR(files_->Put(key, *data));
    if (variant == v) wanted = std::move(*data);
  }
  return wanted;
}

StatusOr<int64_t> MediaLibrary::CheckView(store::Conn& c, const accounts::Actor& actor, int64_t agency_id) {
  auto agency = store::GetAgency(c, agency_id);
  if (!agency.ok()) {
    if (agency.status().code() == StatusCode::kNotFound) return NotFound("دستگاه پیدا نشد.");
    return agency.status();
  }
  if (!actor.IsSystem() && !actor.principal->CanViewMedia(agency->council_id, agency_id)) {
    return NotFound("دستگاه پیدا نشد.");
  }
  return agency->council_id;
}

StatusOr<UploadResult> MediaLibrary::Upload(const accounts::Actor& actor, int64_t agency_id,
                                            std::string_view caption_in, std::string_view bytes) {
  // Permission and input first: a refused upload does no image work and writes nothing.
  int64_t council_id = 0;
  POL_RETURN_IF_ERROR(db_->Read([&](store::Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(council_id, CheckView(c, actor, agency_id));
    return Status::Ok();
  }));
  if (!actor.IsSystem() && !actor.principal->CanUploadMedia(agency_id)) {
    return PermissionDenied(
        "فقط دبیران و مدیر روابط عمومی این دستگاه می‌توانند عکس بارگذاری کنند.");
  }
  POL_ASSIGN_OR_RETURN(std::string caption, accounts::NormalizeText(caption_in, 500, "caption", false));
  POL_ASSIGN_OR_RETURN(ProcessedImage img, ProcessImage(bytes));

  MediaItem m;
  m.agency_id = agency_id;
  if (!actor.IsSystem()) m.uploaded_by = actor.principal->user_id;
  m.content_type = img.content_type;
  m.width = img.width;
  m.height = img.height;
  m.bytes = static_cast<int64_t>(bytes.size());
  m.sha256 = Sha256Hex(bytes);
  m.storage_key = m.sha256.substr(0, 2) + "/" + m.sha256;
  m.caption = caption;

  // Files before the row. Content-addressed: the same bytes give the same files, so existing ones stay.
  const std::pair<std::string, const std::string*> files[] = {
      {m.storage_key + "/original." + OriginalExt(m.content_type), &img.original},
      {VariantKey(m, Variant::kLarge), &img.large},
      {VariantKey(m, Variant::kThumb), &img.thumb},
      {VariantKey(m, Variant::kMedium), &img.medium},
      {VariantKey(m, Variant::kLargeWebp), &img.large_webp},
      {VariantKey(m, Variant::kMediumWebp), &img.medium_webp},
  };
  for (const auto& [key, data] : files) {
    if (!files_->Exists(key)) POL_RETURN_IF_ERROR(files_->Put(key, *data));
  }

  UploadResult result;
  POL_RETURN_IF_ERROR(db_->Write([&](store::Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(auto existing, store::FindMediaBySha(c, agency_id, m.sha256));
    if (existing) {
      result = {*existing, false};
      return Status::Ok();
    }
    m.created_at = env_->NowMillis();
    POL_ASSIGN_OR_RETURN(m.id, store::InsertMedia(c, m));
    result = {m, true};
    return accounts::Audit(c, actor, m.created_at, "upload", "media", std::to_string(m.id),
                           {council_id, agency_id},
                           {{"sha256", m.sha256},
                            {"bytes", m.bytes},
                            {"content_type", m.content_type},
                            {"width", m.width},
                            {"height", m.height}});
  }));
  return result;
}

StatusOr<std::pair<std::vector<MediaItem>, int64_t>> MediaLibrary::List(const accounts::Actor& actor,
                                                                        int64_t agency_id, int64_t limit,
                                                                        int64_t offset) {
  std::pair<std::vector<MediaItem>, int64_t> out;
  POL_RETURN_IF_ERROR(db_->Read([&](store::Conn& c) -> Status {
    POL_RETURN_IF_ERROR(CheckView(c, actor, agency_id).status());
    POL_ASSIGN_OR_RETURN(out, store::ListMedia(c, agency_id, limit, offset));
    return Status::Ok();
  }));
  return out;
}

StatusOr<MediaItem> MediaLibrary::Get(const accounts::Actor& actor, int64_t id) {
  MediaItem out;
  POL_RETURN_IF_ERROR(db_->Read([&](store::Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(auto m, store::GetMedia(c, id));
    if (!m) return NotInLibrary();
    auto council = CheckView(c, actor, m->agency_id);
    if (!council.ok())
      return council.status().code() == StatusCode::kNotFound ? NotInLibrary() : council.status();
    out = std::move(*m);
    return Status::Ok();
  }));
  return out;
}

StatusOr<VariantFile> MediaLibrary::Read(const accounts::Principal* viewer, int64_t id, Variant v) {
  MediaItem m;
  bool is_public = false;
  POL_RETURN_IF_ERROR(db_->Read([&](store::Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(auto row, store::GetMedia(c, id));
    if (!row) return NotInLibrary();
    m = std::move(*row);
    POL_ASSIGN_OR_RETURN(is_public, store::MediaIsPublic(c, id, env_->NowMillis()));
    if (is_public) return Status::Ok();
    if (!viewer) return NotInLibrary();
    POL_ASSIGN_OR_RETURN(store::Agency agency, store::GetAgency(c, m.agency_id));
    if (!viewer->CanViewMedia(agency.council_id, m.agency_id)) return NotInLibrary();
    return Status::Ok();
  }));
  auto body = ReadVariantFile(m, v);
  if (!body.ok()) {
    if (body.status().code() == StatusCode::kNotFound)
      return Internal("media " + std::to_string(id) + ": file missing");
    return body.status();
  }
  VariantFile f;
  f.body = std::move(body).value();
  f.content_type = IsWebp(v) ? "image/webp" : "image/jpeg";
  f.etag = "\"" + m.sha256.substr(0, 32) + "-" + std::string(VariantName(v)) + "\"";
  f.is_public = is_public;
  return f;
}

}  // namespace pol::media
