// The capability modules of `pol serve` (module.h), one file each, and the list that composes them.
//
//   accounts      sessions, login, users                       accounts_module.cc
//   council       councils and agencies                        council_module.cc
//   ops           housekeeping, the job queue admin, audit     ops_module.cc
//   newsroom      releases, calendar, scheduled publishing     newsroom_module.cc
//   media         the media library (libvips)                  media_module.cc
//   monitor       media monitoring                             monitor_module.cc
//   distribution  channels, press lists, deliveries            distribution_module.cc
//   system        health, metrics, the staff console           system_module.cc
//   site          the public news site                         site_module.cc
//   citizen       requests from citizens, SMS, the portal      citizen_module.cc
//
// Thread-safety: factories are pure; see module.h for the modules.
#pragma once

#include <memory>
#include <vector>

#include "app/module.h"

namespace pol::app {

std::unique_ptr<Module> NewAccountsModule();
std::unique_ptr<Module> NewCouncilModule();
std::unique_ptr<Module> NewOpsModule();
std::unique_ptr<Module> NewNewsroomModule();
std::unique_ptr<Module> NewMediaModule();
std::unique_ptr<Module> NewMonitorModule();
std::unique_ptr<Module> NewDistributionModule();
std::unique_ptr<Module> NewSystemModule();
std::unique_ptr<Module> NewSiteModule();
std::unique_ptr<Module> NewCitizenModule();
std::unique_ptr<Module> NewCommitteeModule();
std::unique_ptr<Module> NewInsightModule();
std::unique_ptr<Module> NewMessengerModule();

// Every module of `pol serve`, in dependency order (a module may use the services of the ones before
// it). The order is also the order of the routes (the router takes the first match) and of the first
// run of the periodic tasks.
std::vector<std::unique_ptr<Module>> ServeModules();

}  // namespace pol::app
