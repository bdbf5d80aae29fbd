// Routing a citizen's request to the agency that should answer it.
//
// Order: the agency the citizen chose (if any) → the council's rules (keywords
// and types → agency, highest priority first) → a text classifier; a request
// the classifier is not sure of (confidence below `min_confidence`) goes to
// the council's triage desk.
//
// The classifier is multinomial naive Bayes with Laplace smoothing over the
// Persian text core's search terms (text::SearchTerms: normalized, folded,
// stop words dropped, stemmed) of subject and text, unigrams plus adjacent
// bigrams. Confidence is the posterior of the best class. It is trained from
// labelled examples (the requests staff routed, transferred or closed, plus
// the shipped labelled set for the demo); Train() also reports accuracy on a
// held-out fifth (every fifth example after a stable shuffle), then fits the
// final model on everything. Models serialize to JSON (stored in
// routing_model) so a restart does not need retraining.
//
// Thread-safety: NaiveBayes is immutable after Train/FromJson; Predict is
// safe concurrently. Router is thread-safe (the model is swapped under a
// mutex and shared by pointer).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/mutex.h"
#include "base/status.h"

namespace pol::citizen {

struct LabelledText {
  std::string text;
  int64_t label = 0;
};

struct Prediction {
  int64_t label = 0;
  double confidence = 0;  // posterior of the best class, 0..1
};

// The features of a text: search terms and adjacent bigrams ("a|b").
std::vector<std::string> RoutingFeatures(std::string_view text);

class NaiveBayes {
 public:
  static NaiveBayes Train(const std::vector<LabelledText>& samples);
  static StatusOr<NaiveBayes> FromJson(const nlohmann::json& j);
  nlohmann::json ToJson() const;

  // nullopt when the model has no classes.
  std::optional<Prediction> Predict(std::string_view text) const;
  std::optional<Prediction> PredictFeatures(const std::vector<std::string>& features) const;
  size_t classes() const { return labels_.size(); }

 private:
  std::vector<int64_t> labels_;
  std::vector<double> log_prior_;
  std::vector<double> log_unseen_;  // log P(unseen term | class)
  std::unordered_map<std::string, std::vector<float>> log_prob_;
};

struct TrainReport {
  int64_t samples = 0, held_out = 0, correct = 0;
  double accuracy = 0;  // on the held-out fifth, 0 when too few samples
};

// Trains on 4/5 and tests on the held-out fifth (report), then trains on all (returned).
NaiveBayes TrainWithHoldout(const std::vector<LabelledText>& samples, TrainReport* report);

struct Rule {
  int64_t id = 0, agency_id = 0, priority = 0;
  std::vector<std::string> terms;  // search terms; any one matches
  std::vector<std::string> types;  // empty: every type
};

struct RouteDecision {
  std::optional<int64_t> agency_id;  // nullopt: the triage desk
  std::string source;                // citizen, rule, model, triage
  double confidence = 0;
  std::optional<int64_t> rule_id;
};

class Router {
 public:
  explicit Router(double min_confidence = 0.5) : min_confidence_(min_confidence) {}

  void SetModel(int64_t council_id, std::shared_ptr<const NaiveBayes> model);
  void SetRules(int64_t council_id, std::vector<Rule> rules);
  std::shared_ptr<const NaiveBayes> Model(int64_t council_id) const;

  // `allowed`: the council's active agencies (a model label or rule outside it is ignored).
  RouteDecision Route(int64_t council_id, std::optional<int64_t> chosen_agency, const std::string& type,
                      const std::string& subject, const std::string& text,
                      const std::vector<int64_t>& allowed) const;
  double min_confidence() const { return min_confidence_; }

 private:
  const double min_confidence_;
  mutable Mutex mu_;
  std::map<int64_t, std::shared_ptr<const NaiveBayes>> models_ GUARDED_BY(mu_);
  std::map<int64_t, std::shared_ptr<const std::vector<Rule>>> rules_ GUARDED_BY(mu_);
};

// Splits a rule's keywords (space or comma separated, any spelling) into search terms.
std::vector<std::string> RuleTerms(const std::string& keywords);

}  // namespace pol::citizen
