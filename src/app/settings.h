// Settings: everything the capability modules (app/module.h) read, in the capabilities' own option
// structs. cli/config fills it from defaults, the TOML file, POL_* environment variables and flags (in
// that order, later wins) — see docs/configuration.md for every setting. Capabilities never read the
// environment themselves.
//
// Thread-safety: a plain value; filled once at start, then read-only.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "citizen/portal.h"
#include "citizen/requests.h"
#include "citizen/sms.h"
#include "distribution/distributor.h"
#include "messenger/bots.h"
#include "monitor/fetcher.h"
#include "net/outbound_guard.h"
#include "site/site.h"

namespace pol::app {

struct MonitorSettings {
  bool schedule = true;             // enqueue fetches of due sources every 30 s; off: on demand only
  monitor::FetcherOptions fetcher;  // timeout_ms, stall_timeout_ms, max_bytes, per_host_interval_ms
  int64_t lease_ms = 60000;         // how long a crashed process keeps a fetch/ingest job
};

struct DistributionSettings {
  distribution::DistributorOptions distributor;  // public_url: the public base URL, else this server's
  int workers = 4;                               // the distribution queue's own worker pool
  int64_t lease_ms = 30000;                      // how long a crashed process keeps a delivery job
};

struct CitizenSettings {
  bool rate_limits = true;           // off: cli/config zeroes the per-address and per-mobile limits
  citizen::RequestOptions requests;  // data_dir, council_slug, rate limits, working week
  citizen::PortalOptions portal;     // challenge, secure_cookies (font_path comes from the site)
  citizen::SmsSettings sms;          // the SMS gateway
};

struct MessengerSettings {
  bool poll = true;                     // run the long-polling thread (off: webhook bots only)
  messenger::MessengerOptions options;  // poll_timeout_s, poll_idle_ms, per_chat_per_minute, caps
};

struct Settings {
  // Copied from the server settings by cli/config.
  std::string data_dir;     // the data folder (database, media, keys, attachments)
  std::string console_dir;  // the staff console's build (web/dist)
  bool secure_cookies = false;
  std::string public_url;  // as configured (may be empty); distribution gets a completed copy
  std::string shared_dir;  // test and demo data (`pol demo`)
  // Non-public addresses outgoing requests may reach (net/outbound_guard.h); App::Init installs it.
  std::vector<net::Cidr> outbound_allow;
  // How long a resolved session is cached (accounts/sessions.h); 0: the backend's default — 5 s on SQLite,
  // 0.5 s on PostgreSQL, where other nodes' changes to a user also arrive at once by NOTIFY.
  int64_t session_cache_ms = 0;

  MonitorSettings monitor;
  DistributionSettings distribution;
  site::SiteOptions site;  // council_slug, public_url, font_file (empty: found in console_dir)
  // report.font_dir: the folder of Vazirmatn-{Regular,Bold}.ttf for PDF reports and charts; empty: the
  // console build's npm package (report::DefaultFontDir(report_font_dir, console_dir)).
  std::string report_font_dir;
  CitizenSettings citizen;
  MessengerSettings messenger;
};

}  // namespace pol::app
