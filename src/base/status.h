// Status and StatusOr: expected failures travel as values (abseil-style).
//
// A Status carries a stable machine code (StatusCode), a stable string code for
// API clients (e.g. "invalid_mobile"), a Persian message for people and,
// optionally, the name of the offending input field. Handlers turn it into the
// one error shape of the API: {"error": {"code", "message", "field"}}.
//
// Both types are [[nodiscard]]: ignoring a returned Status is a compile error under -Werror;
// where ignoring is right, say so with `(void)` and a comment.
//
// Thread-safety: values; safe to copy between threads.
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace pol {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,     // 400 / 422: bad input from the caller
  kUnauthenticated,     // 401: no or expired session
  kPermissionDenied,    // 403: authenticated but not allowed
  kNotFound,            // 404
  kAlreadyExists,       // 409: unique constraint
  kFailedPrecondition,  // 409/412: wrong state
  kAborted,             // 409: a concurrent change won (stale `version`): VersionConflict()
  kResourceExhausted,   // 429 / 413: throttled or too large
  kUnavailable,         // 503: try again
  kInternal,            // 500: a bug or an I/O failure
};

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string api_code, std::string message, std::string field = {})
      : code_(code), api_code_(std::move(api_code)), message_(std::move(message)), field_(std::move(field)) {}

  static Status Ok() { return {}; }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& api_code() const { return api_code_; }
  const std::string& message() const { return message_; }
  const std::string& field() const { return field_; }

  std::string ToString() const {
    if (ok()) return "OK";
    std::string s = api_code_ + ": " + message_;
    if (!field_.empty()) s += " [" + field_ + "]";
    return s;
  }

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string api_code_;
  std::string message_;
  std::string field_;
};

// Constructors for the common cases. `api_code` is stable and English
// (snake_case); `message` is Persian, for people.
inline Status InvalidArgument(std::string api_code, std::string message, std::string field = {}) {
  return {StatusCode::kInvalidArgument, std::move(api_code), std::move(message), std::move(field)};
}
inline Status Unauthenticated(std::string message = "ابتدا وارد شوید.") {
  return {StatusCode::kUnauthenticated, "unauthenticated", std::move(message)};
}
inline Status PermissionDenied(std::string message = "شما اجازهٔ این کار را ندارید.") {
  return {StatusCode::kPermissionDenied, "forbidden", std::move(message)};
}
inline Status NotFound(std::string message = "پیدا نشد.") {
  return {StatusCode::kNotFound, "not_found", std::move(message)};
}
inline Status AlreadyExists(std::string api_code, std::string message, std::string field = {}) {
  return {StatusCode::kAlreadyExists, std::move(api_code), std::move(message), std::move(field)};
}
inline Status FailedPrecondition(std::string api_code, std::string message) {
  return {StatusCode::kFailedPrecondition, std::move(api_code), std::move(message)};
}
// The one error for a stale `version` (optimistic concurrency): someone else changed the row first.
inline Status VersionConflict() {
  return {StatusCode::kAborted, "version_conflict",
          "این مورد در این فاصله توسط کاربر دیگری تغییر کرده است؛ صفحه را تازه کنید و دوباره ویرایش کنید."};
}
inline Status ResourceExhausted(std::string api_code, std::string message) {
  return {StatusCode::kResourceExhausted, std::move(api_code), std::move(message)};
}
inline Status Unavailable(std::string message = "سرویس موقتاً در دسترس نیست؛ دوباره تلاش کنید.") {
  return {StatusCode::kUnavailable, "unavailable", std::move(message)};
}
inline Status Internal(std::string detail) {
  // The detail is for logs; people see a generic Persian message.
  return {StatusCode::kInternal, "internal", "خطای داخلی رخ داد؛ دوباره تلاش کنید.", std::move(detail)};
}

template <typename T>
class [[nodiscard]] StatusOr {
 public:
  StatusOr(T value) : v_(std::move(value)) {}        // NOLINT(google-explicit-constructor)
  StatusOr(Status status) : v_(std::move(status)) {  // NOLINT(google-explicit-constructor)
    assert(!std::get<Status>(v_).ok());
  }

  bool ok() const { return std::holds_alternative<T>(v_); }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(v_);
  }
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace pol

#define POL_CONCAT_INNER(a, b) a##b
#define POL_CONCAT(a, b) POL_CONCAT_INNER(a, b)

// Returns from the current function if `expr` (a Status) is not OK.
#define POL_RETURN_IF_ERROR(expr) POL_RETURN_IF_ERROR_IMPL(POL_CONCAT(pol_status_, __LINE__), expr)
#define POL_RETURN_IF_ERROR_IMPL(tmp, expr) \
  do {                                      \
    ::pol::Status tmp = (expr);             \
    if (!tmp.ok()) return tmp;              \
  } while (0)

// `POL_ASSIGN_OR_RETURN(auto x, MakeX());` declares x from a StatusOr or
// returns its error status.
#define POL_ASSIGN_OR_RETURN(lhs, expr) POL_ASSIGN_OR_RETURN_IMPL(POL_CONCAT(pol_sor_, __LINE__), lhs, expr)
#define POL_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                              \
  if (!tmp.ok()) return tmp.status();             \
  lhs = std::move(tmp).value()
