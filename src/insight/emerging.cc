#include "insight/emerging.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "text/search_terms.h"

namespace pol::insight {
namespace {

size_t Letters(std::string_view s) {
  size_t n = 0;
  for (unsigned char ch : s)
    if ((ch & 0xC0) != 0x80) ++n;
  return n;
}

// Terms worth a trend: two letters or more, not a number, a URL or an address.
bool Keep(std::string_view t) {
  if (Letters(t) < 2) return false;
  for (unsigned char ch : t)
    if ((ch >= '0' && ch <= '9') || ch == '.' || ch == '@' || ch == '/' || ch == ':') return false;
  return true;
}

}  // namespace

std::vector<std::string> EmergingKeys(std::string_view text) {
  const std::vector<std::string> terms = text::SearchTerms(text);
  std::set<std::string> keys;
  const std::string* prev = nullptr;
  for (const std::string& t : terms) {
    if (!Keep(t)) {
      prev = nullptr;  // a number or a dropped term breaks a pair
      continue;
    }
    keys.insert(t);
    if (prev != nullptr && *prev != t) keys.insert(*prev + " " + t);
    prev = &t;
  }
  return {keys.begin(), keys.end()};
}

std::vector<EmergingDoc> DropCopies(std::vector<EmergingDoc> docs) {
  std::unordered_set<std::string> seen;
  std::vector<EmergingDoc> out;
  out.reserve(docs.size());
  for (EmergingDoc& d : docs) {
    if (!d.copy_key.empty() && !seen.insert(d.kind + ":" + d.copy_key).second) continue;
    out.push_back(std::move(d));
  }
  return out;
}

std::map<std::string, int64_t> CountKeys(const std::vector<EmergingDoc>& docs) {
  std::map<std::string, int64_t> counts;
  std::unordered_set<std::string> copies;
  for (const EmergingDoc& d : docs) {
    if (!d.copy_key.empty() && !copies.insert(d.kind + ":" + d.copy_key).second) continue;
    for (const std::string& k : d.keys) ++counts[k];
  }
  return counts;
}

double BurstScore(int64_t count, const std::vector<int64_t>& history, int baseline_days, double* mean_out,
                  double* sd_out) {
  const double n = std::max<double>(baseline_days, static_cast<double>(history.size()));
  double sum = 0, sq = 0;
  for (int64_t h : history) {
    sum += static_cast<double>(h);
    sq += static_cast<double>(h) * static_cast<double>(h);
  }
  const double mean = n > 0 ? sum / n : 0;
  const double var = n > 0 ? std::max(0.0, sq / n - mean * mean) : 0;
  const double sd = std::sqrt(var);
  if (mean_out) *mean_out = mean;
  if (sd_out) *sd_out = sd;
  return (static_cast<double>(count) - mean) / std::max(sd, 1.0);
}

std::vector<KeyScore> FlagKeys(const std::map<std::string, int64_t>& today,
                               const std::map<std::string, std::vector<int64_t>>& history,
                               const EmergingOptions& o) {
  static const std::vector<int64_t> kNone;
  std::vector<KeyScore> out;
  for (const auto& [key, count] : today) {
    if (count < o.min_support) continue;
    auto it = history.find(key);
    KeyScore s{key, count};
    s.z = BurstScore(count, it == history.end() ? kNone : it->second, o.baseline_days, &s.mean, &s.sd);
    if (s.z >= o.min_z && static_cast<double>(count) >= o.min_growth * std::max(s.mean, 1.0))
      out.push_back(std::move(s));
  }
  std::sort(out.begin(), out.end(),
            [](const KeyScore& a, const KeyScore& b) { return a.z != b.z ? a.z > b.z : a.key < b.key; });
  return out;
}

std::vector<EmergingCluster> GroupDocuments(const std::vector<EmergingDoc>& docs,
                                            const std::vector<KeyScore>& flagged, const EmergingOptions& o) {
  std::unordered_map<std::string, const KeyScore*> score;
  for (const KeyScore& k : flagged) score.emplace(k.key, &k);
  struct Work {
    std::map<std::string, int64_t> counts;  // flagged key → documents of the cluster carrying it
    double norm2 = 0;                       // Σ counts²
    std::vector<size_t> docs;
  };
  std::vector<Work> clusters;
  // Documents with the most flagged keys seed the clusters first (single pass, in that order).
  std::vector<std::pair<size_t, std::vector<std::string>>> vectors;
  for (size_t i = 0; i < docs.size(); ++i) {
    std::vector<std::string> v;
    for (const std::string& k : docs[i].keys)
      if (score.contains(k)) v.push_back(k);
    if (!v.empty()) vectors.emplace_back(i, std::move(v));
  }
  std::stable_sort(vectors.begin(), vectors.end(),
                   [](const auto& a, const auto& b) { return a.second.size() > b.second.size(); });
  for (auto& [i, v] : vectors) {
    double best = 0;
    Work* into = nullptr;
    for (Work& w : clusters) {
      double dot = 0;
      for (const std::string& k : v)
        if (auto it = w.counts.find(k); it != w.counts.end()) dot += static_cast<double>(it->second);
      const double cos = dot / (std::sqrt(static_cast<double>(v.size())) * std::sqrt(w.norm2));
      if (cos > best) best = cos, into = &w;
    }
    if (into == nullptr || best < o.join_similarity) {
      clusters.emplace_back();
      into = &clusters.back();
    }
    for (const std::string& k : v) {
      int64_t& c = into->counts[k];
      into->norm2 += static_cast<double>(2 * c + 1);  // (c+1)² − c²
      ++c;
    }
    into->docs.push_back(i);
  }
  std::vector<EmergingCluster> out;
  for (Work& w : clusters) {
    if (static_cast<int64_t>(w.docs.size()) < o.min_documents) continue;
    std::vector<std::pair<std::string, int64_t>> keys(w.counts.begin(), w.counts.end());
    std::sort(keys.begin(), keys.end(), [&](const auto& a, const auto& b) {
      if (a.second != b.second) return a.second > b.second;
      const double za = score.at(a.first)->z, zb = score.at(b.first)->z;
      return za != zb ? za > zb : a.first < b.first;
    });
    const int64_t size = static_cast<int64_t>(w.docs.size());
    size_t in_half = 0;
    bool pair = false;
    for (const auto& [k, n] : keys)
      if (n * 2 >= size) {
        ++in_half;
        pair = pair || k.find(' ') != std::string::npos;
      }
    if (static_cast<double>(keys.front().second) < o.min_top_share * static_cast<double>(size) ||
        in_half < o.min_terms || (o.require_pair && !pair))
      continue;
    EmergingCluster c;
    for (const auto& [k, n] : keys) {
      // Terms carried by at least a third of the cluster's documents (the first always).
      if (!c.terms.empty() && (c.terms.size() >= o.max_terms || n * 3 < size)) break;
      c.terms.push_back(k);
      c.z = std::max(c.z, score.at(k)->z);
    }
    const KeyScore& top = *score.at(c.terms.front());
    c.growth = static_cast<double>(top.count) / std::max(top.mean, 1.0);
    std::sort(w.docs.begin(), w.docs.end());
    c.docs = std::move(w.docs);
    out.push_back(std::move(c));
  }
  std::sort(out.begin(), out.end(), [](const EmergingCluster& a, const EmergingCluster& b) {
    return a.docs.size() != b.docs.size() ? a.docs.size() > b.docs.size() : a.z > b.z;
  });
  return out;
}

}  // namespace pol::insight
