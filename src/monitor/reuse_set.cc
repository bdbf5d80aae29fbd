#include "monitor/reuse_set.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <random>
#include <set>

#include <nlohmann/json.hpp>

#include "text/search_terms.h"
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

text::ShingleSet SetOf(const std::vector<std::string>& paragraphs) {
  std::vector<uint64_t> all;
  for (const auto& p : paragraphs) {
    auto sh = text::Shingles(text::SearchTerms(p), 4);
    all.insert(all.end(), sh.begin(), sh.end());
  }
  return text::MakeShingleSet(std::move(all));
}

}  // namespace

ReuseSet BuildReuseSet(const std::vector<SampleArticle>& sample, int n_releases, uint64_t seed) {
  std::mt19937_64 rng(seed);
  ReuseSet set;
  // Releases: every other article with at least 3 paragraphs; the rest are the pool for negatives.
  std::vector<size_t> rel, pool;
  for (size_t i = 0; i < sample.size(); ++i) {
    const bool usable = sample[i].paragraphs.size() >= 3;
    if (usable && static_cast<int>(rel.size()) < n_releases && i % 2 == 0) {
      rel.push_back(i);
    } else {
      pool.push_back(i);
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
    const SampleArticle& a = sample[rel[r]];
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
    // Negatives: the two pool articles sharing the most terms with the release (same subject).
    std::vector<std::pair<double, size_t>> scored;
    for (size_t j : pool) {
      size_t common = 0;
      for (const auto& t : terms[rel[r]]) common += terms[j].count(t);
      scored.push_back(
          {static_cast<double>(common) / (1.0 + static_cast<double>(terms[j].size() + terms[rel[r]].size())),
           j});
    }
    std::sort(scored.rbegin(), scored.rend());
    int added = 0;
    for (const auto& [score, j] : scored) {
      if (added == 2) break;
      // A sample article that is itself a copy of the release is not a negative.
      if (text::Containment(shingles[rel[r]], shingles[j]) >= 0.2 ||
          text::Containment(shingles[j], shingles[rel[r]]) >= 0.2) {
        ++set.excluded_negatives;
        continue;
      }
      set.cases.push_back({sample[j].AsParagraphs(), 0, "negative"});
      ++added;
    }
  }
  return set;
}

}  // namespace pol::monitor
