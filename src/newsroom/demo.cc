#include "newsroom/demo.h"

#include <string>
#include <vector>

#include "store/council_repo.h"
#include "text/html_escape.h"
#include "text/normalize.h"
#include "text/sentences.h"

namespace pol::newsroom {

StatusOr<store::Release> LoadFoundingArticle(store::Database* db, ReleaseService* releases,
                                             int64_t council_id, std::string_view article) {
  std::vector<std::string> paragraphs;
  const std::string norm = text::NormalizeDisplay(article);
  size_t start = 0;
  while (start <= norm.size()) {
    size_t end = norm.find('\n', start);
    if (end == std::string::npos) end = norm.size();
    std::string line = norm.substr(start, end - start);
    if (!line.empty()) paragraphs.push_back(std::move(line));
    start = end + 1;
  }
  if (paragraphs.empty())
    return InvalidArgument("empty_article",
                           "متن خبر بنیان‌گذاری شورا خالی است.");
  auto sentences = text::SplitSentences(paragraphs[0]);
  std::string title(sentences.empty() ? std::string_view(paragraphs[0]) : sentences[0]);
  while (!title.empty() && (title.back() == '.' || title.back() == ' ')) title.pop_back();

  int64_t agency_id = 0;
  bool exists = false;
  POL_RETURN_IF_ERROR(db->Read([&](store::Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(auto agency, store::FindAgencyBySlug(c, council_id, "tkr"));
    if (!agency) return NotFound("دستگاه «tkr» در شورای نمونه نیست.");
    agency_id = agency->id;
    POL_ASSIGN_OR_RETURN(auto page,
                         store::ListReleases(c, store::ReleaseFilter{.agency_id = agency_id, .limit = 1000}));
    for (const auto& r : page.items) exists = exists || r.title == text::NormalizeDisplay(title);
    return Status::Ok();
  }));
  if (exists) return store::Release{};

  ReleaseInput in;
  in.title = title;
  in.lead = paragraphs[0];
  std::string body;
  for (size_t i = 1; i < paragraphs.size(); ++i) body += "<p>" + text::EscapeHtml(paragraphs[i]) + "</p>";
  in.body_html = body;
  in.source_line = "بین نیوز";
  in.category = "شورای هماهنگی";
  in.tags = std::vector<std::string>{"شورای هماهنگی", "روابط عمومی"};
  return releases->CreatePublished(agency_id, in);
}

}  // namespace pol::newsroom
