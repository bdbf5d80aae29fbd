#include "monitor/reuse_set.h"

#include <algorithm>
#include <cstdio>
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

std::vector<std::string> SampleTitleWords(const std::vector<SampleArticle>& sample) {
  std::vector<std::string> words;
  for (const auto& a : sample) {
    std::string w;
    for (size_t i = 0; i <= a.title.size(); ++i) {
      if (i == a.title.size() || a.title[i] == ' ') {
        if (w.size() >= 6 && !text::SearchTerm(w).empty()) words.push_back(w);
        w.clear();
      } else {
        w += a.title[i];
      }
    }
  }
  return words;
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

// The Fars news id in an article's link (…/news/13911222000865/…); `fallback` when there is none.
uint64_t NewsId(const std::string& link, size_t fallback) {
  const size_t at = link.find("/news/");
  if (at == std::string::npos) return fallback;
  uint64_t id = 0;
  size_t k = at + 6;
  for (; k < link.size() && link[k] >= '0' && link[k] <= '9'; ++k) id = id * 10 + (link[k] - '0');
  return k == at + 6 ? fallback : id;
}

// Runs of this many consecutive search terms (about 30 words) shared with a release make an article a
// copy of it, whatever the detector says.
constexpr int kSampleReuseRun = 20;

// The search terms of paragraphs in order, hashed (a paragraph break is a term of its own).
std::vector<uint64_t> TermSequence(const std::vector<std::string>& paragraphs) {
  std::vector<uint64_t> out;
  for (const auto& p : paragraphs) {
    for (const auto& t : text::SearchTerms(p)) out.push_back(text::TermHash(t));
    out.push_back(0);
  }
  return out;
}

// The longest run of consecutive terms of `a` found, consecutive too, in `b`.
int LongestCommonRun(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b) {
  std::vector<int> prev(b.size() + 1, 0), cur(b.size() + 1, 0);
  int best = 0;
  for (size_t i = 1; i <= a.size(); ++i) {
    for (size_t j = 1; j <= b.size(); ++j) {
      cur[j] = a[i - 1] != 0 && a[i - 1] == b[j - 1] ? prev[j - 1] + 1 : 0;
      best = std::max(best, cur[j]);
    }
    std::swap(prev, cur);
  }
  return best;
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
  // The part's articles: Fars news ids (from the link) even for the test part, odd for the held-out part,
  // so the two parts share no article. Within a part, every other article (with at least 3 paragraphs)
  // is a release and the rest are the pool for negatives and host stories.
  const uint64_t parity = part == ReusePart::kTuning ? 0 : 1;
  std::vector<size_t> rel, pool;
  size_t n = 0;
  for (size_t i = 0; i < sample.size(); ++i) {
    if (NewsId(sample[i].link, i) % 2 != parity) continue;
    const bool usable = sample[i].paragraphs.size() >= 3;
    if (n++ % 2 == 1) {
      pool.push_back(i);
    } else if (usable && static_cast<int>(rel.size()) < n_releases) {
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
    // Negatives: the two pool articles sharing the most terms with the release (same subject), and every
    // pool article sharing 0.2 or more of the release's shingles (either way), however much: the
    // detector's own line (0.3) is no reason to leave one out. The label does not come from the
    // detector: an article repeating a run of kSampleReuseRun or more consecutive search terms of the
    // release did copy it (Fars reprints its own background paragraphs) and is a positive of its own kind,
    // "sample-reuse"; every other article is a negative.
    std::vector<std::pair<double, size_t>> scored;
    for (size_t j : pool) {
      size_t common = 0;
      for (const auto& t : terms[rel[r]]) common += terms[j].count(t);
      scored.push_back(
          {static_cast<double>(common) / (1.0 + static_cast<double>(terms[j].size() + terms[rel[r]].size())),
           j});
    }
    std::sort(scored.rbegin(), scored.rend());
    const text::ShingleSet release_set = SetOf(a.AsParagraphs());
    const std::vector<uint64_t> release_terms = TermSequence(a.AsParagraphs());
    std::set<size_t> chosen;
    for (size_t k = 0; k < scored.size() && k < 2; ++k) chosen.insert(scored[k].second);
    std::map<size_t, double> overlap;
    for (size_t j : pool) {
      const double c =
          std::max(text::Containment(release_set, shingles[j]), text::Containment(shingles[j], release_set));
      if (c >= 0.2) {
        chosen.insert(j);
        overlap[j] = c;
      }
    }
    for (size_t j : chosen) {
      const int run = LongestCommonRun(release_terms, TermSequence(sample[j].AsParagraphs()));
      std::string variant = "negative";
      if (overlap.count(j)) variant = overlap[j] >= 0.3 ? "negative >=0.3" : "negative 0.2-0.3";
      if (run >= kSampleReuseRun) {
        ++set.sample_reuse;
        set.cases.push_back({sample[j].AsParagraphs(), id, "sample-reuse"});
      } else {
        set.cases.push_back({sample[j].AsParagraphs(), 0, variant});
      }
    }
  }
  return set;
}

namespace {

std::string Describe(const PickupEvidence& e) {
  char buf[240];
  std::snprintf(buf, sizeof buf,
                "release %lld: containment %.3f%s, bigrams %.3f%s%s, longest run %d, run bigrams %d (%.2f)%s",
                static_cast<long long>(e.release_id), e.containment, e.paragraph_taken ? " paragraph" : "",
                e.bigram_containment, e.summary ? " summary" : "", e.partial ? " partial" : "", e.longest_run,
                e.run_bigrams, e.run_share, e.run_partial ? " run-partial" : "");
  return buf;
}

}  // namespace

void AddSyntheticReleases(const std::vector<SampleArticle>& sample, int64_t n, int64_t first_id,
                          PickupIndex* index) {
  std::vector<std::string> vocab;
  for (const auto& a : sample) {
    for (const auto& p : a.paragraphs) {
      for (auto& w : Words(p)) vocab.push_back(std::move(w));
    }
  }
  if (vocab.empty()) return;
  std::mt19937_64 rng(11);
  for (int64_t r = 0; r < n; ++r) {
    std::vector<std::string> paras;
    for (int p = 0; p < 7; ++p) {
      std::string para;
      for (int w = 0; w < 40; ++w) para += vocab[rng() % vocab.size()] + " ";
      paras.push_back(std::move(para));
    }
    index->Add(first_id + r, paras);
  }
}

ReuseFigures MeasureReuse(const ReuseSet& set, const PickupOptions& options,
                          const std::vector<SampleArticle>* sample, int64_t synthetic) {
  PickupIndex index(options);
  for (const auto& [id, paragraphs] : set.releases) index.Add(id, paragraphs);
  if (sample != nullptr && synthetic > 0) AddSyntheticReleases(*sample, synthetic, 1000000, &index);
  ReuseFigures f;
  for (size_t k = 0; k < set.cases.size(); ++k) {
    const ReuseCase& c = set.cases[k];
    const std::vector<PickupEvidence> evidence = index.Explain(c.paragraphs);
    bool found = false, flagged = false;
    for (const PickupEvidence& e : evidence) {
      if (!e.picked) continue;
      flagged = true;
      if (e.release_id == c.release_id) {
        found = true;
        ++f.tp;
      } else {
        ++f.fp;
        f.misses.push_back("case " + std::to_string(k) + " (" + c.variant + ") flags " + Describe(e));
      }
    }
    if (c.release_id != 0) {
      ++f.positives;
      if (!found) {
        ++f.fn;
        std::string line = "case " + std::to_string(k) + " (" + c.variant + ") misses ";
        bool candidate = false;
        for (const PickupEvidence& e : evidence) {
          if (e.release_id == c.release_id) {
            line += Describe(e);
            candidate = true;
          }
        }
        if (!candidate) line += "release " + std::to_string(c.release_id) + ": not a candidate";
        f.misses.push_back(line);
      }
      f.per_variant[c.variant].first += found;
      f.per_variant[c.variant].second += 1;
    } else {
      ++f.negatives;
      int run = 0;
      for (const PickupEvidence& e : evidence) run = std::max(run, e.run_bigrams);
      f.negative_max_run = std::max(f.negative_max_run, run);
      f.negatives_run4 += run >= 4;
      f.per_variant[c.variant + " (flagged)"].first += flagged;
      f.per_variant[c.variant + " (flagged)"].second += 1;
    }
  }
  f.precision = f.tp + f.fp == 0 ? 0 : static_cast<double>(f.tp) / (f.tp + f.fp);
  f.recall = f.positives == 0 ? 0 : static_cast<double>(f.tp) / f.positives;
  return f;
}

std::string FormatReuseFigures(const ReuseSet& set, const ReuseFigures& f, const std::string& name,
                               bool misses) {
  char buf[320];
  std::string out;
  std::snprintf(buf, sizeof buf,
                "%s: %zu releases, %d outlet versions (%d sample articles copying a release among them), %d "
                "negatives\n",
                name.c_str(), set.releases.size(), f.positives, set.sample_reuse, f.negatives);
  out += buf;
  for (const auto& [variant, ft] : f.per_variant) {
    std::snprintf(buf, sizeof buf, "  %-28s %d/%d\n", variant.c_str(), ft.first, ft.second);
    out += buf;
  }
  std::snprintf(buf, sizeof buf, "%s pickup: precision %.4f (TP %d, FP %d), recall %.4f (FN %d)\n",
                name.c_str(), f.precision, f.tp, f.fp, f.recall, f.fn);
  out += buf;
  std::snprintf(
      buf, sizeof buf,
      "  negatives: most uncommon bigrams in runs shared with a release %d; %d negatives with 4 or more\n",
      f.negative_max_run, f.negatives_run4);
  out += buf;
  if (misses) {
    for (const std::string& m : f.misses) out += "  " + m + "\n";
  }
  return out;
}

}  // namespace pol::monitor
