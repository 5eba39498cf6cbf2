#pragma once
// multiprocessing.Lock: a mutex in shared memory that processes forked after it was made
// can all take (a process-shared, robust pthread mutex). Use it with std::lock_guard.
#include "hpcpp/procs/shared_mapping.hpp"

namespace hpcpp::procs {

class Lock {
 public:
  Lock();
  ~Lock();
  Lock(const Lock&) = delete;
  Lock& operator=(const Lock&) = delete;

  // If the process that held the lock died holding it, the lock passes to the caller
  // (robust mutex): the data it guards is as the dead process left it.
  void lock();
  void unlock() noexcept;

 private:
  SharedMapping memory_;
};

}  // namespace hpcpp::procs
