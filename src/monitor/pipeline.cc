#include "monitor/pipeline.h"

#include <zlib.h>

#include <algorithm>
#include <functional>
#include <map>

#include <nlohmann/json.hpp>

#include "monitor/pickup_probe.h"
#include "monitor/web_text.h"
#include "store/monitor_probe_repo.h"
#include "text/normalize.h"
#include "text/search_terms.h"
#include "text/sentences.h"

namespace pol::monitor {

std::string Gzip(std::string_view data) {
  z_stream z{};
  // Level 1: evidence is written once per item on the ingest path; level 6 costs ~3x the CPU for ~10 %.
  if (deflateInit2(&z, 1, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK) return {};
  std::string out(deflateBound(&z, static_cast<uLong>(data.size())) + 32, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

std::string Gunzip(std::string_view data, size_t max_bytes) {
  z_stream z{};
  if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK) return {};
  std::string out;
  char buf[16384];
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  int rc = Z_OK;
  while (rc == Z_OK && out.size() < max_bytes) {
    z.next_out = reinterpret_cast<Bytef*>(buf);
    z.avail_out = sizeof buf;
    rc = inflate(&z, Z_NO_FLUSH);
    out.append(buf, sizeof buf - z.avail_out);
  }
  inflateEnd(&z);
  return out;
}

std::string ItemText(const store::MediaItem& m) { return m.title + "\n" + m.lead + "\n" + m.body; }

namespace {

// Sentences of `text` that contain a mention (the tone is toward the mentioned agency); all of it if none.
std::string ToneText(const std::string& text, const std::vector<Mention>& mentions) {
  if (mentions.empty()) return text.substr(0, std::min<size_t>(text.size(), 4000));
  std::string out;
  size_t pos = 0;
  for (std::string_view s : text::SplitSentences(text)) {
    const size_t b = static_cast<size_t>(s.data() - text.data());
    const size_t e = b + s.size();
    pos = e;
    for (const Mention& m : mentions) {
      if (m.begin < e && m.end > b) {
        out.append(s);
        out += ' ';
        break;
      }
    }
  }
  (void)pos;
  return out.empty() ? text : out;
}

}  // namespace

ProcessedItem Process(const RawDocument& doc, const Models& models) {
  ProcessedItem p;
  Article a = doc.article ? *doc.article : ExtractArticle(doc.html, doc.url, doc.selectors);
  store::MediaItem& m = p.item;
  m.council_id = doc.council_id;
  m.source_id = doc.source_id;
  m.url = doc.url;
  m.canonical_url = CanonicalUrl(a.canonical_url.empty() ? doc.url : a.canonical_url);
  m.outlet = doc.outlet.empty() ? UrlHost(m.canonical_url) : doc.outlet;
  m.title = text::NormalizeDisplay(a.title);
  m.lead = text::NormalizeDisplay(a.lead);
  std::replace(m.title.begin(), m.title.end(), '\n', ' ');
  std::replace(m.lead.begin(), m.lead.end(), '\n', ' ');
  for (const auto& para : a.paragraphs) {
    std::string n = text::NormalizeDisplay(para);
    std::replace(n.begin(), n.end(), '\n', ' ');  // one line per paragraph: mention offsets rely on it
    if (!n.empty()) p.paragraphs.push_back(std::move(n));
  }
  for (const auto& para : p.paragraphs) {
    if (!m.body.empty()) m.body += '\n';
    m.body += para;
  }
  m.author = text::NormalizeDisplay(a.author);
  m.images = nlohmann::json(a.images).dump();
  m.published_at = a.published_at;
  m.fetched_at = doc.fetched_at;
  if (!doc.raw.empty()) m.raw_gz = Gzip(doc.raw);

  // Search terms once per paragraph (title, lead, body paragraphs); every step below reuses them.
  std::vector<std::vector<std::string>> terms;
  terms.reserve(p.paragraphs.size() + 2);
  terms.push_back(text::SearchTerms(m.title));
  terms.push_back(text::SearchTerms(m.lead));
  for (const auto& para : p.paragraphs) terms.push_back(text::SearchTerms(para));
  std::vector<const std::vector<std::string>*> fp{&terms[0]};
  if (p.paragraphs.empty()) {
    fp.push_back(&terms[1]);
  } else {
    for (size_t i = 2; i < terms.size(); ++i) fp.push_back(&terms[i]);
  }
  m.fingerprint = ContentFingerprintTerms(fp);

  const std::string text = ItemText(m);
  if (models.mentions != nullptr && !models.mentions->empty()) {
    // Positions only for the parts that hold a mention. Part k starts after the previous parts and
    // their "\n" separators in ItemText.
    size_t offset = 0;
    for (size_t k = 0; k < terms.size(); ++k) {
      const std::string& part = k == 0 ? m.title : k == 1 ? m.lead : p.paragraphs[k - 2];
      if (models.mentions->Any(terms[k])) {
        for (Mention x : models.mentions->Find(part)) {
          x.begin += static_cast<uint32_t>(offset);
          x.end += static_cast<uint32_t>(offset);
          p.mentions.push_back(x);
        }
      }
      offset += part.size() + 1;
    }
  }
  if (models.tone != nullptr) {
    double confidence = 0;
    Tone t;
    if (p.mentions.empty()) {
      std::vector<std::string> all;
      for (const auto& v : terms) all.insert(all.end(), v.begin(), v.end());
      t = models.tone->ClassifyTerms(all, &confidence);
    } else {
      t = models.tone->Classify(ToneText(text, p.mentions), &confidence);
    }
    m.tone = std::string(ToneName(t));
    m.tone_confidence = confidence;
  }
  if (models.pickups != nullptr && models.pickups->size() > 0) p.pickups = models.pickups->CheckTerms(terms);
  p.probe_keys = ItemProbeKeys(terms);
  return p;
}

StatusOr<StoreResult> StoreItem(store::Conn& c, ProcessedItem& p, int64_t now,
                                const std::function<std::optional<int64_t>(int64_t)>& release_council) {
  StoreResult r;
  store::MediaItem& m = p.item;
  POL_ASSIGN_OR_RETURN(auto existing,
                       store::FindMediaItem(c, m.council_id, m.canonical_url, m.outlet, m.fingerprint));
  if (existing) {
    r.item_id = *existing;
    POL_RETURN_IF_ERROR(store::AddMediaItemUrl(c, m.council_id, m.canonical_url, *existing));
    const std::string url = CanonicalUrl(m.url);
    if (url != m.canonical_url) POL_RETURN_IF_ERROR(store::AddMediaItemUrl(c, m.council_id, url, *existing));
    return r;
  }
  POL_ASSIGN_OR_RETURN(r.item_id, store::InsertMediaItem(c, m));
  m.id = r.item_id;
  r.inserted = true;
  const std::string url = CanonicalUrl(m.url);
  if (url != m.canonical_url) POL_RETURN_IF_ERROR(store::AddMediaItemUrl(c, m.council_id, url, r.item_id));
  POL_RETURN_IF_ERROR(store::InsertItemProbes(c, r.item_id, m.council_id, m.fetched_at, p.probe_keys));
  // Mentions grouped per (agency, term) with their spans.
  std::map<std::pair<int64_t, int64_t>, nlohmann::json> grouped;
  for (const Mention& x : p.mentions) grouped[{x.agency_id, x.term_id}].push_back({x.begin, x.end});
  for (auto& [key, spans] : grouped) {
    POL_RETURN_IF_ERROR(store::InsertMention(
        c, {r.item_id, key.first, key.second, static_cast<int64_t>(spans.size()), spans.dump(), ""}));
  }
  for (const PickupMatch& pm : p.pickups) {
    if (release_council) {
      auto council = release_council(pm.release_id);
      if (!council || *council != m.council_id) continue;
    }
    POL_RETURN_IF_ERROR(store::InsertPickup(
        c, {pm.release_id, r.item_id, pm.containment, pm.kind, nlohmann::json(pm.paragraphs).dump(), now}));
    ++r.pickups;
  }
  return r;
}

}  // namespace pol::monitor
