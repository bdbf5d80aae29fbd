#include "app/modules.h"

namespace pol::app {

// scorecard_module.cc (declared here rather than in modules.h, which every module file includes).
std::unique_ptr<Module> NewScorecardModule();

std::vector<std::unique_ptr<Module>> ServeModules() {
  std::vector<std::unique_ptr<Module>> m;
  m.push_back(NewAccountsModule());
  m.push_back(NewCouncilModule());
  m.push_back(NewOpsModule());
  m.push_back(NewNewsroomModule());
  m.push_back(NewMediaModule());
  m.push_back(NewMonitorModule());
  m.push_back(NewDistributionModule());  // after the newsroom: hooks into publishing
  m.push_back(NewSystemModule());
  m.push_back(NewSiteModule());
  m.push_back(NewCitizenModule());    // after the site: shares its font
  m.push_back(NewMessengerModule());  // after the citizens: files requests through them
  m.push_back(NewCommitteeModule());  // after the newsroom: reads its editorial calendar
  m.push_back(NewInsightModule());    // reads every capability's tables
  m.push_back(NewScorecardModule());  // insight's scorecards: after every capability it reads
  return m;
}

}  // namespace pol::app
