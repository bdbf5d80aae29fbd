#include "monitor/reuse_set.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <random>
#include <set>

#include <nlohmann/json.hpp>

#include "text/search_terms.h"
#include "text/sentences.h"
#include "text/shingles.h"

namespace pol::monitor {

std::vector<std::string> SampleArticle::AsParagraphs() const {
  std::vector<std::string> out{title, lead};
  out.insert(out.end(), paragraphs.begin(), paragraphs.end());
  return out;
}

std::vector<SampleArticle> LoadSample(const std::string& path) {
  std::vector<SampleArticle> out;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    if (!j.is_object()) continue;
    SampleArticle a;
    a.title = j.value("title", "");
    a.lead = j.value("abstract", "");
    a.link = j.value("link", "");
    if (j.contains("paragraphs") && j["paragraphs"].is_array()) {
      for (const auto& p : j["paragraphs"]) {
        if (p.is_string()) a.paragraphs.push_back(p.get<std::string>());
      }
    }
    out.push_back(std::move(a));
  }
  return out;
}

std::string Retype(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size();) {
    auto starts = [&](const char* x) { return s.compare(i, std::char_traits<char>::length(x), x) == 0; };
    if (starts("ی")) {
      out += "ي";
      i += 2;
    } else if (starts("ک")) {
      out += "ك";
      i += 2;
    } else if (starts("ي")) {
      out += "ی";
      i += 2;
    } else if (starts("ك")) {
      out += "ک";
      i += 2;
    } else if (starts("\u200c")) {
      out += " ";
      i += 3;
    } else if (s[i] >= '0' && s[i] <= '9') {
      // Arabic-Indic digits U+0660..U+0669.
      out += "\xd9";
      out += static_cast<char>(0xa0 + (s[i] - '0'));
      ++i;
    } else if (starts("\u06f0") || starts("\u06f1") || starts("\u06f2") || starts("\u06f3") ||
               starts("\u06f4") || starts("\u06f5") || starts("\u06f6") || starts("\u06f7") ||
               starts("\u06f8") || starts("\u06f9")) {
      out += "\xd9";
      out += static_cast<char>(0xa0 + (static_cast<unsigned char>(s[i + 1]) - 0xb0));
      i += 2;
    } else {
      out += s[i];
      ++i;
    }
  }
  return out;
}

namespace {

const std::vector<std::pair<std::string, std::string>> kOutlets = {
    {"به گزارش خبرنگار پایگاه خبری قزوین امروز،",
     "انتهای پیام/ خبرهای مرتبط: قیمت طلا امروز؛ آب و هوای قزوین"},
    {"به گزارش ایسنا منطقه قزوین،", "کد خبر ۱۲۳۴۵ — اخبار بیشتر را در کانال ما دنبال کنید"},
    {"سرویس اجتماعی - ",
     "این خبر را با دوستان خود به اشتراک بگذارید. برچسب‌ها: جامعه، استان"},
    {"به گزارش خبرگزاری مهر،", "انتهای پیام"},
};

std::vector<std::string> Words(const std::string& s) {
  std::vector<std::string> w;
  size_t i = 0;
  while (i < s.size()) {
    size_t j = s.find(' ', i);
    if (j == std::string::npos) j = s.size();
    if (j > i) w.push_back(s.substr(i, j - i));
    i = j + 1;
  }
  return w;
}

std::string Join(const std::vector<std::string>& w) {
  std::string s;
  for (const auto& x : w) s += (s.empty() ? "" : " ") + x;
  return s;
}

// Common news words and what another newsroom writes instead.
const std::map<std::string, std::string> kSynonyms = {
    {"گفت", "عنوان کرد"},
    {"گفت:", "اظهار داشت:"},
    {"افزود", "بیان کرد"},
    {"افزود:", "اضافه کرد:"},
    {"کرد", "نمود"},
    {"کرد.", "نمود."},
    {"شد", "گردید"},
    {"شد.", "گردید."},
    {"است", "می‌باشد"},
    {"است.", "می‌باشد."},
    {"اما", "ولی"},
    {"همچنین", "علاوه بر این"},
    {"برای", "جهت"},
    {"درباره", "در خصوص"},
    {"زیرا", "چرا که"},
    {"بسیار", "خیلی"},
    {"باید", "می‌بایست"},
    {"اکنون", "هم‌اکنون"},
    {"نیز", "هم"},
    {"تاکنون", "تا به حال"},
    {"بیش", "افزون"},
    {"اعلام", "اعلان"},
    {"ادامه", "تداوم"},
    {"مردم", "شهروندان"},
    {"کشور", "مملکت"},
    {"مسئولان", "متولیان"},
    {"بررسی", "واکاوی"},
    {"سال", "سال‌"},
    {"ایجاد", "احداث"},
    {"افزایش", "رشد"},
    {"کاهش", "افت"},
    {"مهم", "حائز اهمیت"},
    {"اجرای", "پیاده‌سازی"},
    {"طرح", "پروژه"},
    {"شده", "گردیده"},
    {"می‌شود", "می‌گردد"},
    {"می‌شود.", "می‌گردد."},
    {"خواهد", "می‌خواهد"},
    {"همه", "تمامی"},
    {"یکی", "یک"},
};

uint64_t Next(uint64_t* state) {
  *state = *state * 6364136223846793005ULL + 1442695040888963407ULL;
  return *state >> 33;
}

text::ShingleSet SetOf(const std::vector<std::string>& paragraphs) {
  std::vector<uint64_t> all;
  for (const auto& p : paragraphs) {
    auto sh = text::Shingles(text::SearchTerms(p), 4);
    all.insert(all.end(), sh.begin(), sh.end());
  }
  return text::MakeShingleSet(std::move(all));
}

}  // namespace

std::string HeavyEdit(const std::string& paragraph, uint64_t* state) {
  std::vector<std::string> kept;
  for (const std::string& w : Words(paragraph)) {
    if (Next(state) % 6 == 0) continue;  // about one word in six dropped
    auto it = kSynonyms.find(w);
    kept.push_back(it == kSynonyms.end() ? w : it->second);
  }
  return Join(kept);
}

ReuseSet BuildReuseSet(const std::vector<SampleArticle>& sample, int n_releases, uint64_t seed,
                       ReusePart part) {
  std::mt19937_64 rng(seed);
  uint64_t edit_state = seed * 0x9E3779B97F4A7C15ULL + 1;
  ReuseSet set;
  // Releases: articles 0, 4, 8, … (tuning) or 2, 6, 10, … (held out) with at least 3 paragraphs; the odd
  // articles are the pool for negatives and host stories, shared by both parts.
  const size_t offset = part == ReusePart::kTuning ? 0 : 2;
  std::vector<size_t> rel, pool;
  for (size_t i = 0; i < sample.size(); ++i) {
    const bool usable = sample[i].paragraphs.size() >= 3;
    if (i % 2 == 1) {
      pool.push_back(i);
    } else if (usable && static_cast<int>(rel.size()) < n_releases && i % 4 == offset) {
      rel.push_back(i);
    }
  }
  // Term sets for "same subject" negatives.
  std::vector<std::set<std::string>> terms(sample.size());
  for (size_t i = 0; i < sample.size(); ++i) {
    for (const auto& p : sample[i].AsParagraphs()) {
      for (auto& t : text::SearchTerms(p)) terms[i].insert(std::move(t));
    }
  }
  std::vector<text::ShingleSet> shingles(sample.size());
  for (size_t i = 0; i < sample.size(); ++i) shingles[i] = SetOf(sample[i].AsParagraphs());

  for (size_t r = 0; r < rel.size(); ++r) {
    // Every third release is a short one: title, lead and two body paragraphs.
    const bool short_release = r % 3 == 2;
    SampleArticle a = sample[rel[r]];
    if (short_release) a.paragraphs.resize(2);
    const int64_t id = static_cast<int64_t>(r + 1);
    set.releases.push_back({id, a.AsParagraphs()});
    const auto& [prefix, suffix] = kOutlets[r % kOutlets.size()];
    auto body = a.paragraphs;
    const std::string new_title = "گزارش: " + Words(a.title).front() + " در قزوین";
    switch (r % 7) {
      case 0: {  // verbatim, with the outlet's boilerplate around it
        std::vector<std::string> p{a.title, prefix + " " + a.lead};
        p.insert(p.end(), body.begin(), body.end());
        p.push_back(suffix);
        set.cases.push_back({p, id, "verbatim"});
        break;
      }
      case 1: {  // cut: the lead and the first half of the body, re-titled
        std::vector<std::string> p{new_title, a.lead};
        p.insert(p.end(), body.begin(), body.begin() + static_cast<long>((body.size() + 1) / 2));
        p.push_back(suffix);
        set.cases.push_back({p, id, "cut"});
        break;
      }
      case 2: {  // reordered paragraphs, re-titled, no lead
        std::vector<std::string> b = body;
        std::shuffle(b.begin(), b.end(), rng);
        std::vector<std::string> p{new_title, ""};
        p.insert(p.end(), b.begin(), b.end());
        set.cases.push_back({p, id, "reordered"});
        break;
      }
      case 3: {  // re-typed: other letters, digits and ZWNJ habits
        std::vector<std::string> p;
        for (const auto& x : a.AsParagraphs()) p.push_back(Retype(x));
        p.push_back(suffix);
        set.cases.push_back({p, id, "retyped"});
        break;
      }
      case 4: {  // edited: one word in twelve dropped, sentences merged into fewer paragraphs
        std::vector<std::string> p{a.title, a.lead};
        std::string merged;
        for (const auto& para : body) {
          auto w = Words(para);
          std::vector<std::string> kept;
          for (size_t k = 0; k < w.size(); ++k) {
            if (rng() % 12 != 0) kept.push_back(w[k]);
          }
          merged += (merged.empty() ? "" : " ") + Join(kept);
          if (merged.size() > 1200) {
            p.push_back(merged);
            merged.clear();
          }
        }
        if (!merged.empty()) p.push_back(merged);
        set.cases.push_back({p, id, "edited"});
        break;
      }
      case 5: {  // partial: the two longest paragraphs quoted inside another story
        std::vector<std::string> sorted = body;
        std::sort(sorted.begin(), sorted.end(),
                  [](const auto& x, const auto& y) { return x.size() > y.size(); });
        const SampleArticle& other = sample[pool[r % pool.size()]];
        std::vector<std::string> p{other.title, other.lead};
        p.insert(p.end(), other.paragraphs.begin(), other.paragraphs.end());
        p.insert(p.begin() + 3 < p.end() ? p.begin() + 3 : p.end(), sorted.begin(), sorted.begin() + 2);
        set.cases.push_back({p, id, "partial"});
        break;
      }
      default: {  // verbatim body, re-titled and re-typed lead
        std::vector<std::string> p{new_title, Retype(a.lead)};
        p.insert(p.end(), body.begin(), body.end());
        set.cases.push_back({p, id, "retitled"});
        break;
      }
    }
    // The hard kinds (issue 18), one per release in turn.
    switch (r % 3) {
      case 0: {  // heavily edited: synonyms and a sixth of the words dropped, everywhere
        std::vector<std::string> p{HeavyEdit(a.title, &edit_state),
                                   prefix + " " + HeavyEdit(a.lead, &edit_state)};
        for (const auto& para : body) p.push_back(HeavyEdit(para, &edit_state));
        p.push_back(suffix);
        set.cases.push_back({p, id, "heavy"});
        break;
      }
      case 1: {  // summary: the lead and a sentence or two of the body behind the outlet's boilerplate
        std::vector<std::string> p{new_title, prefix + " " + a.lead};
        const auto first = text::SplitSentences(body[0]);
        std::string take;
        for (size_t k = 0; k < first.size() && k < 1 + r % 2; ++k)
          take += (take.empty() ? "" : " ") + std::string(first[k]);
        if (take.empty()) take = body[0];
        p.push_back(take);
        p.push_back(suffix);
        set.cases.push_back({p, id, "summary"});
        break;
      }
      default: {  // a partial-paragraph take of a short release: the first ~60% of a body paragraph
        const std::string& src = body[r % body.size()];
        auto w = Words(src);
        w.resize(std::max<size_t>(std::min<size_t>(w.size(), 12), w.size() * 3 / 5));
        std::vector<std::string> p{new_title, prefix + " " + Join(w), suffix};
        set.cases.push_back({p, id, "short-partial"});
        break;
      }
    }
    // Negatives: the two pool articles sharing the most terms with the release (same subject), and any
    // of the 30 closest that shares 0.2–0.3 of the release's shingles (just under the detector's line).
    // An article sharing 0.3 or more reuses the release (by the detector's own line): not a negative.
    std::vector<std::pair<double, size_t>> scored;
    for (size_t j : pool) {
      size_t common = 0;
      for (const auto& t : terms[rel[r]]) common += terms[j].count(t);
      scored.push_back(
          {static_cast<double>(common) / (1.0 + static_cast<double>(terms[j].size() + terms[rel[r]].size())),
           j});
    }
    std::sort(scored.rbegin(), scored.rend());
    int added = 0, seen = 0;
    const text::ShingleSet release_set = SetOf(a.AsParagraphs());
    for (const auto& [score, j] : scored) {
      if (++seen > 30) break;
      const double c =
          std::max(text::Containment(release_set, shingles[j]), text::Containment(shingles[j], release_set));
      if (c >= 0.3) {
        ++set.excluded_negatives;
        continue;
      }
      if (added < 2) {
        set.cases.push_back({sample[j].AsParagraphs(), 0, "negative"});
        ++added;
      }
    }
    // Every pool article sharing 0.2–0.3 of the release's shingles (either way) is a negative too.
    for (size_t j : pool) {
      const double c =
          std::max(text::Containment(release_set, shingles[j]), text::Containment(shingles[j], release_set));
      if (c >= 0.2 && c < 0.3) set.cases.push_back({sample[j].AsParagraphs(), 0, "negative 0.2-0.3"});
    }
  }
  return set;
}

}  // namespace pol::monitor
