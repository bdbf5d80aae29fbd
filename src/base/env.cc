#include "base/env.h"

#include <sodium.h>

#include <chrono>
#include <cstdlib>

namespace pol {
namespace {

class PosixEnv final : public Env {
 public:
  PosixEnv() {
    if (sodium_init() < 0) std::abort();
  }
  int64_t NowMillis() override {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
  }
  int64_t MonotonicNanos() override {
    using namespace std::chrono;
    return duration_cast<nanoseconds>(steady_clock::now().time_since_epoch()).count();
  }
  std::string RandomBytes(size_t n) override {
    std::string out(n, '\0');
    randombytes_buf(out.data(), n);
    return out;
  }
};

}  // namespace

Env* Env::Default() {
  static PosixEnv* env = new PosixEnv();  // never destroyed: used until exit
  return env;
}

std::string RandomHex(Env* env, size_t bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string raw = env->RandomBytes(bytes);
  std::string out;
  out.reserve(bytes * 2);
  for (unsigned char c : raw) {
    out.push_back(kHex[c >> 4]);
    out.push_back(kHex[c & 15]);
  }
  return out;
}

std::string RandomToken(Env* env, size_t bytes) {
  std::string raw = env->RandomBytes(bytes);
  std::string out(sodium_base64_ENCODED_LEN(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(raw.data()), raw.size(),
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(std::char_traits<char>::length(out.c_str()));
  return out;
}

}  // namespace pol
