// The scorecards' evaluation template (ارزیابی عملکرد روابط عمومی): indices → sub-indices, each with a
// formula from Pol's data (a fixed catalogue keyed by code) or "manual" (scored 1–5 by the committee
// with uploaded evidence), a weight and a maximum score, and how a raw value maps to a score: linear
// from `floor` (0 points) to `target` (full points), clamped; a target below the floor means lower is
// better (times, shares of negative items). A manual score s maps to (s − 1) ÷ 4. An item earns
// fraction × max_score × weight points; an agency's total is the sum over the items.
//
// DefaultTemplate is what a council uses until it stores its own (the default is "seeded on first
// use": reading it writes nothing). ValidateTemplate refuses, with a Persian InvalidArgument naming the
// item: an unknown formula (`unknown_formula`), a weight outside (0, 10] (`invalid_weight`), a maximum
// outside (0, 100] (`invalid_max_score`), floor = target (`invalid_mapping`), a bad or repeated code
// (`invalid_code`), an empty name (`missing_field`), no items or more than 100 (`invalid_template`).
//
// Thread-safety: pure functions and constants.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "store/scorecard_repo.h"

namespace pol::insight {

using ScorecardItem = store::ScorecardItemRow;

inline constexpr std::string_view kManualFormula = "manual";
inline constexpr double kMaxWeight = 10, kMaxItemScore = 100;
inline constexpr int kMaxTemplateItems = 100;

struct FormulaInfo {
  std::string_view code;
  std::string_view name;    // Persian
  std::string_view unit;    // count | share | minutes | score | tone | weighted
  std::string_view metric;  // the dashboard metric whose records are the evidence ("" for none)
};
// The catalogue, in the order of the default template.
const std::vector<FormulaInfo>& FormulaCatalogue();
const FormulaInfo* FindFormula(std::string_view code);

// "season" or "year".
bool IsScorecardKind(std::string_view kind);

std::vector<ScorecardItem> DefaultTemplate(std::string_view kind);

[[nodiscard]] Status ValidateTemplate(const std::vector<ScorecardItem>& items);

inline bool IsManual(const ScorecardItem& it) { return it.formula == kManualFormula; }
inline bool LowerIsBetter(const ScorecardItem& it) {
  return !IsManual(it) && it.target_value < it.floor_value;
}

// The fraction in [0, 1] a raw value earns (0 when there is no value).
double ScoreFraction(const ScorecardItem& it, std::optional<double> raw);
// The points: ScoreFraction × max_score × weight.
double ItemPoints(const ScorecardItem& it, std::optional<double> raw);
// The most points the item can give: max_score × weight.
inline double ItemMaxPoints(const ScorecardItem& it) { return it.max_score * it.weight; }

}  // namespace pol::insight
