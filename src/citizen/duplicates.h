// Near-duplicate requests: a MinHash signature of subject and text (word 3-shingles, the text
// core's MinHash), stored as hex with the request, and LSH band keys (16 bands × 8 rows: pairs with
// Jaccard 0.8 share a band with p ≈ 0.9) stored in citizen_request_bands to find candidates.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "text/minhash.h"

namespace pol::citizen {

// The hex signature of a request's subject and text; "" when the text has no shingles.
std::string RequestSignature(const std::string& subject, const std::string& text);
// nullopt for "" or a malformed value.
std::optional<text::MinHashSignature> ParseSignature(const std::string& hex);
// The LSH band keys of a hex signature (none for "" or a malformed value).
std::vector<int64_t> DuplicateBands(const std::string& signature_hex);

}  // namespace pol::citizen
