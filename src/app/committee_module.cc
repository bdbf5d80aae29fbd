// committee: the council's PR committee (committees, meetings, agenda, attendance, decisions, votes);
// its routes. It reads the newsroom's editorial calendar for the scheduling warnings.
#include <memory>

#include "api/routes.h"
#include "app/modules.h"
#include "base/file.h"
#include "committee/committees.h"
#include "committee/evidence.h"
#include "committee/invitations.h"
#include "committee/minutes.h"
#include "report/fonts.h"

namespace pol::app {
namespace {

class CommitteeModule final : public Module {
 public:
  std::string_view Name() const override { return "committee"; }

  Status Init(Context& ctx) override {
    committees_ = std::make_unique<committee::CommitteeService>(ctx.db, ctx.env, ctx.services->calendar);
    ctx.services->committees = committees_.get();
    POL_RETURN_IF_ERROR(InitInvitations(ctx));
    // The minutes' PDF uses the report font (report.font_dir), loaded on the first PDF.
    minutes_ = std::make_unique<committee::MinutesService>(
        ctx.db, ctx.env, report::DefaultFontDir(ctx.settings->report_font_dir, ctx.settings->console_dir));
    ctx.services->minutes = minutes_.get();
    ctx.services->site_council_slug = ctx.settings->site.council_slug;  // the public page's council
    evidence_ = std::make_unique<committee::EvidenceService>(ctx.db, ctx.env, ctx.settings->data_dir);
    ctx.services->committee_evidence = evidence_.get();
    return Status::Ok();
  }

  // Invitations, reminders and escalation (committee/invitations.h): e-mail through the council's e-mail
  // channel (its password sealed under DATA/distribution.key, which also keys the RSVP links), SMS through
  // the citizens' gateway settings.
  Status InitInvitations(Context& ctx) {
    const std::string key_file = ctx.settings->data_dir + "/distribution.key";
    POL_ASSIGN_OR_RETURN(auto secrets, distribution::SecretBox::FromFile(key_file));
    POL_ASSIGN_OR_RETURN(std::string master, ReadFile(key_file));
    POL_ASSIGN_OR_RETURN(sms_, citizen::NewSmsProvider(ctx.settings->citizen.sms));
    invitations_ =
        std::make_unique<committee::Invitations>(ctx.db, ctx.env, ctx.queue, sms_.get(), std::move(secrets),
                                                 committee::RsvpSigner(committee::DeriveRsvpKey(master)),
                                                 ctx.settings->distribution.distributor.public_url);
    ctx.services->committee_invitations = invitations_.get();
    invitations_->SetMessenger(ctx.services->messenger);  // staff members' linked chats (null: none)
    committees_->SetMeetingHook(
        [inv = invitations_.get()](store::Conn& c, const store::Meeting& m, int64_t now) {
          return inv->OnMeetingChanged(c, m, now);
        });
    return Status::Ok();
  }

  Status RegisterJobs(jobs::WorkerPool& shared) override {
    return committee::RegisterInvitationJobs(shared, invitations_.get());
  }

  // Reminders before meetings and decision deadlines, escalation of overdue decisions. Once per cluster:
  // the notices' dedup keys keep a second node from sending twice, but one node should run it.
  std::vector<jobs::PeriodicTask> PeriodicTasks() override {
    return {{.name = "committee reminders", .every_ms = 60 * 1000, .fn = [inv = invitations_.get()] {
               return inv->Sweep().status();
             }}};
  }

  void RegisterRoutes(http::Router& r, const api::Services& s) override {
    api::RegisterCommitteeRoutes(r, s);
    api::RegisterCommitteeInvitationRoutes(r, s);
    api::RegisterCommitteePublicRoutes(r, s);
    api::RegisterCommitteeEvidenceRoutes(r, s);
  }

 private:
  std::unique_ptr<committee::CommitteeService> committees_;
  std::unique_ptr<citizen::SmsProvider> sms_;
  std::unique_ptr<committee::Invitations> invitations_;
  std::unique_ptr<committee::MinutesService> minutes_;
  std::unique_ptr<committee::EvidenceService> evidence_;
};

}  // namespace

std::unique_ptr<Module> NewCommitteeModule() { return std::make_unique<CommitteeModule>(); }

}  // namespace pol::app
