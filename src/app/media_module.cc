// media: the media library — files under DATA/media/, images through libvips (started here once, shut
// down when the module is destroyed, after every pool has stopped); the media routes.
#include <filesystem>
#include <memory>

#include "api/routes.h"
#include "app/modules.h"
#include "media/images.h"
#include "media/media.h"
#include "media/storage.h"

namespace pol::app {
namespace {

class MediaModule final : public Module {
 public:
  ~MediaModule() override {
    library_.reset();
    files_.reset();
    if (images_started_) media::ShutdownImages();
  }

  std::string_view Name() const override { return "media"; }

  Status Init(Context& ctx) override {
    POL_RETURN_IF_ERROR(media::InitImages());
    images_started_ = true;
    files_ = media::NewDiskFileStore((std::filesystem::path(ctx.settings->data_dir) / "media").string());
    library_ = std::make_unique<media::MediaLibrary>(ctx.db, ctx.env, files_.get());
    ctx.services->media = library_.get();
    return Status::Ok();
  }

  void RegisterRoutes(http::Router& r, const api::Services& s) override { api::RegisterMediaRoutes(r, s); }

 private:
  bool images_started_ = false;
  std::unique_ptr<media::FileStore> files_;
  std::unique_ptr<media::MediaLibrary> library_;
};

}  // namespace

std::unique_ptr<Module> NewMediaModule() { return std::make_unique<MediaModule>(); }

}  // namespace pol::app
