#include "hpcpp/procs/lock.hpp"

#include <fmt/core.h>
#include <pthread.h>

#include <cstring>

#include "hpcpp/core/error.hpp"

namespace hpcpp::procs {
namespace {

void check(int rc, const char* what) {
  if (rc != 0) throw Error(fmt::format("process-shared lock: {} failed: {}", what, std::strerror(rc)));
}

}  // namespace

Lock::Lock() : memory_(sizeof(pthread_mutex_t)) {
  pthread_mutexattr_t attr;
  check(pthread_mutexattr_init(&attr), "pthread_mutexattr_init");
  check(pthread_mutexattr_setpshared(&attr, PTHREAD_PROCESS_SHARED), "setpshared");
  check(pthread_mutexattr_setrobust(&attr, PTHREAD_MUTEX_ROBUST), "setrobust");
  const int rc = pthread_mutex_init(static_cast<pthread_mutex_t*>(memory_.data()), &attr);
  pthread_mutexattr_destroy(&attr);
  check(rc, "pthread_mutex_init");
}

Lock::~Lock() { pthread_mutex_destroy(static_cast<pthread_mutex_t*>(memory_.data())); }

void Lock::lock() {
  auto* mutex = static_cast<pthread_mutex_t*>(memory_.data());
  const int rc = pthread_mutex_lock(mutex);
  if (rc == EOWNERDEAD) {
    check(pthread_mutex_consistent(mutex), "pthread_mutex_consistent");
    return;
  }
  check(rc, "pthread_mutex_lock");
}

void Lock::unlock() noexcept { pthread_mutex_unlock(static_cast<pthread_mutex_t*>(memory_.data())); }

}  // namespace hpcpp::procs
