// Clang thread-safety annotations (as in leveldb and abseil), checked by the -Wthread-safety
// build that `make test` runs (scripts/check-threads.sh); no-ops under g++.
//
//   Mutex mu_;
//   int64_t hits_ GUARDED_BY(mu_) = 0;
//   void AddLocked() REQUIRES(mu_);
//   void Add() EXCLUDES(mu_) { MutexLock l(&mu_); AddLocked(); }
#pragma once

#if defined(__clang__)
#define POL_THREAD_ANNOTATION(x) __attribute__((x))
#else
#define POL_THREAD_ANNOTATION(x)
#endif

#define CAPABILITY(x) POL_THREAD_ANNOTATION(capability(x))
#define SCOPED_CAPABILITY POL_THREAD_ANNOTATION(scoped_lockable)
#define GUARDED_BY(x) POL_THREAD_ANNOTATION(guarded_by(x))
#define PT_GUARDED_BY(x) POL_THREAD_ANNOTATION(pt_guarded_by(x))
#define ACQUIRED_BEFORE(...) POL_THREAD_ANNOTATION(acquired_before(__VA_ARGS__))
#define ACQUIRED_AFTER(...) POL_THREAD_ANNOTATION(acquired_after(__VA_ARGS__))
#define REQUIRES(...) POL_THREAD_ANNOTATION(requires_capability(__VA_ARGS__))
#define REQUIRES_SHARED(...) POL_THREAD_ANNOTATION(requires_shared_capability(__VA_ARGS__))
#define ACQUIRE(...) POL_THREAD_ANNOTATION(acquire_capability(__VA_ARGS__))
#define ACQUIRE_SHARED(...) POL_THREAD_ANNOTATION(acquire_shared_capability(__VA_ARGS__))
#define RELEASE(...) POL_THREAD_ANNOTATION(release_capability(__VA_ARGS__))
#define RELEASE_SHARED(...) POL_THREAD_ANNOTATION(release_shared_capability(__VA_ARGS__))
#define RELEASE_GENERIC(...) POL_THREAD_ANNOTATION(release_generic_capability(__VA_ARGS__))
#define TRY_ACQUIRE(...) POL_THREAD_ANNOTATION(try_acquire_capability(__VA_ARGS__))
#define EXCLUDES(...) POL_THREAD_ANNOTATION(locks_excluded(__VA_ARGS__))
#define ASSERT_CAPABILITY(x) POL_THREAD_ANNOTATION(assert_capability(x))
#define RETURN_CAPABILITY(x) POL_THREAD_ANNOTATION(lock_returned(x))
#define NO_THREAD_SAFETY_ANALYSIS POL_THREAD_ANNOTATION(no_thread_safety_analysis)
