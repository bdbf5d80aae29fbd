// Internal to the public site (site.cc, pages.cc): the page layout and the HTML building blocks its
// pages share — head/meta tags, article cards, the pager, share and tag links. Every piece of stored
// text goes through text::EscapeHtml; a release's sanitized body_html is the only markup passed through.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "site/site.h"
#include "store/council_repo.h"
#include "store/site_repo.h"

namespace pol::site::internal {

struct Head {
  std::string title, description, canonical;
  std::string og_type = "website", og_image;
  std::string rss, atom;  // absolute feed URLs for <link rel=alternate>
  std::string prev, next;
  std::string json_ld;  // a JSON-LD object (schema.org), already serialized; empty: none
  bool noindex = false;
  bool decisions_link = false;  // the footer links the committee's public page (/decisions) when it is on
};

// The council a site shows: the one with `slug`, or the first council (lowest id) when `slug` is empty.
// NotFound when there is none.
StatusOr<store::Council> SiteCouncil(store::Conn& c, const std::string& slug);
// Whether the council has turned the committee's public page on (decisions_page.h); false on an error.
bool DecisionsPageOn(store::Database* db, int64_t council_id);

// "/news/{id}/{slug}" (the slug URL-encoded; left out when empty).
std::string NewsPath(int64_t id, const std::string& slug);
// A number in Persian digits.
std::string Num(int64_t n);
// The whole document: head (title, description, canonical, Open Graph, feeds, CSS) around `main`.
std::string Layout(const std::string& council_name, const std::string& font_path, const Head& h,
                   const std::string& main);
// <time> with the Persian date (and time).
std::string TimeTag(int64_t ms, bool with_time);
// Release cards: photo, over-title, title, agency and date, the search snippet (with <mark>) or the lead.
std::string Cards(const std::vector<store::SiteRelease>& releases);
// Prev/next links; `path` is the page's path, `extra` more query (already encoded, "&q=…"). Sets
// head->prev/next to absolute URLs under `base`.
std::string Pager(const std::string& path, const std::string& extra, int64_t page, int64_t total,
                  int64_t page_size, Head* head, const std::string& base);
// Share links for Telegram, Bale, Eitaa and WhatsApp.
std::string ShareLinks(const std::string& url, const std::string& title);
// Links to each tag's page.
std::string TagLinks(const std::vector<std::string>& tags);
// The page with its ETag set from its body.
Page Finish(Page p);
// A plain-text answer that is not cached (errors of feeds and the sitemap).
Page Plain(int status, std::string body);

}  // namespace pol::site::internal
