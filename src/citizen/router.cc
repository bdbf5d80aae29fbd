#include "citizen/router.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "text/search_terms.h"
#include "text/shingles.h"

namespace pol::citizen {

std::vector<std::string> RoutingFeatures(std::string_view text) {
  std::vector<std::string> terms = text::SearchTerms(text);
  std::vector<std::string> out;
  out.reserve(terms.size() * 2);
  for (size_t i = 0; i < terms.size(); ++i) {
    out.push_back(terms[i]);
    if (i + 1 < terms.size()) out.push_back(terms[i] + "|" + terms[i + 1]);
  }
  return out;
}

NaiveBayes NaiveBayes::Train(const std::vector<LabelledText>& samples) {
  NaiveBayes m;
  std::map<int64_t, size_t> index;
  for (const auto& s : samples) index.emplace(s.label, 0);
  for (auto& [label, i] : index) {
    i = m.labels_.size();
    m.labels_.push_back(label);
  }
  const size_t k = m.labels_.size();
  std::vector<double> docs(k, 0), total(k, 0);
  std::unordered_map<std::string, std::vector<double>> counts;
  for (const auto& s : samples) {
    const size_t c = index[s.label];
    docs[c] += 1;
    for (const std::string& f : RoutingFeatures(s.text)) {
      auto& v = counts[f];
      if (v.empty()) v.assign(k, 0);
      v[c] += 1;
      total[c] += 1;
    }
  }
  const double vocab = static_cast<double>(counts.size()) + 1;
  const double alpha = 0.5;  // Lidstone smoothing; 0.5 did better than 1 on the labelled set
  m.log_prior_.resize(k);
  m.log_unseen_.resize(k);
  for (size_t c = 0; c < k; ++c) {
    m.log_prior_[c] = std::log(docs[c] / static_cast<double>(samples.size()));
    m.log_unseen_[c] = std::log(alpha / (total[c] + alpha * vocab));
  }
  for (auto& [f, v] : counts) {
    std::vector<float> lp(k);
    for (size_t c = 0; c < k; ++c)
      lp[c] = static_cast<float>(std::log((v[c] + alpha) / (total[c] + alpha * vocab)));
    m.log_prob_.emplace(f, std::move(lp));
  }
  return m;
}

std::optional<Prediction> NaiveBayes::PredictFeatures(const std::vector<std::string>& features) const {
  const size_t k = labels_.size();
  if (k == 0) return std::nullopt;
  std::vector<double> score = log_prior_;
  bool any = false;
  for (const std::string& f : features) {
    auto it = log_prob_.find(f);
    if (it == log_prob_.end()) continue;  // a term no class has seen says nothing
    any = true;
    for (size_t c = 0; c < k; ++c) score[c] += it->second[c];
  }
  if (!any)
    return Prediction{labels_[static_cast<size_t>(std::max_element(log_prior_.begin(), log_prior_.end()) -
                                                  log_prior_.begin())],
                      0.0};
  const size_t best = static_cast<size_t>(std::max_element(score.begin(), score.end()) - score.begin());
  double sum = 0;
  for (size_t c = 0; c < k; ++c) sum += std::exp(score[c] - score[best]);
  return Prediction{labels_[best], 1.0 / sum};
}

std::optional<Prediction> NaiveBayes::Predict(std::string_view text) const {
  return PredictFeatures(RoutingFeatures(text));
}

nlohmann::json NaiveBayes::ToJson() const {
  nlohmann::json terms = nlohmann::json::object();
  for (const auto& [f, v] : log_prob_) terms[f] = v;
  return {{"kind", "multinomial_nb"},
          {"labels", labels_},
          {"log_prior", log_prior_},
          {"log_unseen", log_unseen_},
          {"terms", std::move(terms)}};
}

StatusOr<NaiveBayes> NaiveBayes::FromJson(const nlohmann::json& j) {
  try {
    NaiveBayes m;
    if (j.at("kind") != "multinomial_nb") return Internal("routing model: unknown kind");
    m.labels_ = j.at("labels").get<std::vector<int64_t>>();
    m.log_prior_ = j.at("log_prior").get<std::vector<double>>();
    m.log_unseen_ = j.at("log_unseen").get<std::vector<double>>();
    for (const auto& [f, v] : j.at("terms").items()) {
      auto lp = v.get<std::vector<float>>();
      if (lp.size() != m.labels_.size()) return Internal("routing model: bad term row");
      m.log_prob_.emplace(f, std::move(lp));
    }
    if (m.log_prior_.size() != m.labels_.size()) return Internal("routing model: bad priors");
    return m;
  } catch (const std::exception& e) {
    return Internal(std::string("routing model: ") + e.what());
  }
}

NaiveBayes TrainWithHoldout(const std::vector<LabelledText>& samples, TrainReport* report) {
  // A stable shuffle: order by a hash of the text, then every fifth is held out.
  std::vector<std::pair<uint64_t, size_t>> order;
  for (size_t i = 0; i < samples.size(); ++i) order.emplace_back(text::TermHash(samples[i].text) ^ i, i);
  std::sort(order.begin(), order.end());
  std::vector<LabelledText> train, test;
  for (size_t i = 0; i < order.size(); ++i) (i % 5 == 4 ? test : train).push_back(samples[order[i].second]);
  TrainReport r;
  r.samples = static_cast<int64_t>(samples.size());
  if (test.size() >= 5 && !train.empty()) {
    NaiveBayes m = NaiveBayes::Train(train);
    for (const auto& s : test) {
      auto p = m.Predict(s.text);
      if (p && p->label == s.label) ++r.correct;
    }
    r.held_out = static_cast<int64_t>(test.size());
    r.accuracy = static_cast<double>(r.correct) / static_cast<double>(r.held_out);
  }
  if (report) *report = r;
  return NaiveBayes::Train(samples);
}

std::vector<std::string> RuleTerms(const std::string& keywords) {
  std::string k = keywords;
  std::replace(k.begin(), k.end(), ',', ' ');
  std::vector<std::string> terms = text::SearchTerms(k);
  std::sort(terms.begin(), terms.end());
  terms.erase(std::unique(terms.begin(), terms.end()), terms.end());
  return terms;
}

void Router::SetModel(int64_t council_id, std::shared_ptr<const NaiveBayes> model) {
  MutexLock lock(&mu_);
  models_[council_id] = std::move(model);
}

void Router::SetRules(int64_t council_id, std::vector<Rule> rules) {
  std::stable_sort(rules.begin(), rules.end(),
                   [](const Rule& a, const Rule& b) { return a.priority > b.priority; });
  MutexLock lock(&mu_);
  rules_[council_id] = std::make_shared<const std::vector<Rule>>(std::move(rules));
}

std::shared_ptr<const NaiveBayes> Router::Model(int64_t council_id) const {
  MutexLock lock(&mu_);
  auto it = models_.find(council_id);
  return it == models_.end() ? nullptr : it->second;
}

RouteDecision Router::Route(int64_t council_id, std::optional<int64_t> chosen_agency, const std::string& type,
                            const std::string& subject, const std::string& body,
                            const std::vector<int64_t>& allowed) const {
  auto ok = [&](int64_t a) { return std::find(allowed.begin(), allowed.end(), a) != allowed.end(); };
  if (chosen_agency && ok(*chosen_agency)) return {chosen_agency, "citizen", 1.0, std::nullopt};
  std::shared_ptr<const NaiveBayes> model;
  std::shared_ptr<const std::vector<Rule>> rules;
  {
    MutexLock lock(&mu_);
    if (auto it = models_.find(council_id); it != models_.end()) model = it->second;
    if (auto it = rules_.find(council_id); it != rules_.end()) rules = it->second;
  }
  const std::string all = subject + "\n" + body;
  std::vector<std::string> features = RoutingFeatures(all);
  if (rules && !rules->empty()) {
    std::set<std::string> terms;
    for (const auto& f : features) {
      if (f.find('|') == std::string::npos) terms.insert(f);
    }
    for (const Rule& r : *rules) {
      if (!ok(r.agency_id)) continue;
      if (!r.types.empty() && std::find(r.types.begin(), r.types.end(), type) == r.types.end()) continue;
      const bool hit = r.terms.empty()
                           ? !r.types.empty()
                           : std::any_of(r.terms.begin(), r.terms.end(),
                                         [&](const std::string& t) { return terms.count(t) > 0; });
      if (hit) return {r.agency_id, "rule", 1.0, r.id};
    }
  }
  if (model) {
    auto p = model->PredictFeatures(features);
    if (p && p->confidence >= min_confidence_ && ok(p->label))
      return {p->label, "model", p->confidence, std::nullopt};
    if (p) return {std::nullopt, "triage", p->confidence, std::nullopt};
  }
  return {std::nullopt, "triage", 0, std::nullopt};
}

}  // namespace pol::citizen
