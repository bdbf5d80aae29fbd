// Emerging issues (issue 12 §3): the detection core, pure and in memory, so that the unit test can
// replay synthetic bursts over the Fars sample and the job (insight/emerging_service.h) runs the same
// code on the database's daily counts.
//
//   keys     EmergingKeys(text): the text core's search terms (text/search_terms.h: stop words dropped,
//            spellings folded, stems) of two or more letters, numbers dropped, and every adjacent pair
//            "a b" of them; each key once per document.
//   counts   CountKeys(docs): per key, the number of documents of a day that carry it; copies of one
//            text (the same `copy_key`, e.g. a syndicated item's fingerprint) count once.
//   flag     FlagKeys: a key is flagged on a day when its count is ≥ min_support and its z-score
//            against the previous `baseline_days` days (mean and standard deviation of its daily
//            counts, the deviation floored at 1 so that a key rising from nothing needs min_z
//            documents) is ≥ min_z, and the count is at least min_growth times the mean (floored at 1:
//            words that are always there, such as a news agency's name, do not rise with the day's
//            volume into an issue).
//   group    GroupDocuments: single-pass clustering of the day's documents that carry flagged keys, on
//            their flagged-key vectors (cosine against each cluster's key counts ≥ join_similarity, else
//            a new cluster); clusters with fewer than min_documents documents, or not coherent (the
//            first term in under min_top_share of them, fewer than min_terms keys each in half of them,
//            none of those a pair) are dropped. A cluster's terms are its flagged keys in at least a third of its documents,
//            ordered by documents.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace pol::insight {

struct EmergingOptions {
  int baseline_days = 14;        // N: the days before the day that make its baseline
  int64_t min_support = 4;       // a flagged key is in at least this many documents of the day
  double min_z = 3.0;            // … and this far above its baseline
  double min_growth = 3.0;       // … and at least this many times its baseline mean (floored at 1)
  double join_similarity = 0.3;  // cosine to join a cluster
  int64_t min_documents = 4;     // an issue has at least this many documents
  // A group is one subject only when its first term is in at least `min_top_share` of its documents and at
  // least `min_terms` flagged keys are each in half of them (chance co-occurrences rarely are)…
  double min_top_share = 0.6;
  size_t min_terms = 2;
  // … and one of those keys is a pair of adjacent terms: a subject is named by a phrase ("قطعی آب"),
  // while unrelated words rising on the same day by chance rarely form one.
  bool require_pair = true;
  size_t max_terms = 8;  // terms kept per issue
  // The job's roll-up: days counted back from today (the dashboard's top terms compare a year with the
  // one before), at most `backfill_per_run` older days per council per run (newest first).
  int backfill_days = 731;
  int backfill_per_run = 31;
};

// Sorted, unique keys: terms and adjacent pairs ("a b").
std::vector<std::string> EmergingKeys(std::string_view text);

struct EmergingDoc {
  std::string kind;  // "media_item" or "request"
  int64_t id = 0;
  std::string copy_key;           // equal for copies of one text (counted once); "" = unique
  std::vector<std::string> keys;  // EmergingKeys of its text
  std::string tone;               // positive | neutral | negative ("" for requests)
  std::vector<int64_t> agencies;  // agencies it mentions (an item) or is routed to (a request)
  std::string title;
};

// Drops the later copies (same non-empty copy_key) of `docs`, keeping the first.
std::vector<EmergingDoc> DropCopies(std::vector<EmergingDoc> docs);

// key → number of documents carrying it (copies once).
std::map<std::string, int64_t> CountKeys(const std::vector<EmergingDoc>& docs);

struct KeyScore {
  std::string key;
  int64_t count = 0;
  double mean = 0, sd = 0, z = 0;
};

// The z-score of `count` against `history` (daily counts; missing days are zeros, so history may be
// shorter than the baseline: `baseline_days` is the divisor). Sets *mean and *sd when given.
double BurstScore(int64_t count, const std::vector<int64_t>& history, int baseline_days,
                  double* mean = nullptr, double* sd = nullptr);

// The flagged keys of a day, highest z first. `history[key]` lists the key's counts on earlier days of
// the baseline (any order; absent keys have none).
std::vector<KeyScore> FlagKeys(const std::map<std::string, int64_t>& today,
                               const std::map<std::string, std::vector<int64_t>>& history,
                               const EmergingOptions& o);

struct EmergingCluster {
  std::vector<std::string> terms;  // flagged keys, most documents first
  double z = 0;                    // the highest z of its terms
  double growth = 0;               // the top term's count ÷ max(its baseline mean, 1)
  std::vector<size_t> docs;        // indexes into the day's documents
};

// Clusters of the day's documents (after DropCopies) on the flagged keys, largest first.
std::vector<EmergingCluster> GroupDocuments(const std::vector<EmergingDoc>& docs,
                                            const std::vector<KeyScore>& flagged, const EmergingOptions& o);

}  // namespace pol::insight
