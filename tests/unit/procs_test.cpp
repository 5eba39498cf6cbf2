#include <gtest/gtest.h>
#include <signal.h>

#include <cstdlib>
#include <mutex>
#include <numeric>
#include <sstream>
#include <stdexcept>

#include "hpcpp/core/error.hpp"
#include "hpcpp/procs/array.hpp"
#include "hpcpp/procs/first_fork.hpp"
#include "hpcpp/procs/lock.hpp"
#include "hpcpp/procs/pool.hpp"
#include "hpcpp/procs/process.hpp"
#include "hpcpp/procs/second_fork.hpp"
#include "hpcpp/procs/shared_counter.hpp"
#include "hpcpp/procs/value.hpp"

namespace hpcpp::procs {
namespace {

TEST(Process, ReportsExitCodeAndSignal) {
  Process ok([] {});
  ok.start();
  EXPECT_TRUE(ok.join().success());

  Process exits([] { std::_Exit(3); });
  exits.start();
  const auto code = exits.join();
  EXPECT_FALSE(code.signaled);
  EXPECT_EQ(code.code, 3);

  Process killed([] { raise(SIGKILL); });
  killed.start();
  const auto signal = killed.join();
  EXPECT_TRUE(signal.signaled);
  EXPECT_EQ(signal.code, SIGKILL);
  EXPECT_EQ(signal.shell_code(), 128 + SIGKILL);
}

TEST(Process, ThrowingTargetExitsWithOne) {
  Process throws([] { throw std::runtime_error("expected in this test"); });
  throws.start();
  const auto status = throws.join();
  EXPECT_FALSE(status.signaled);
  EXPECT_EQ(status.code, 1);
}

TEST(Process, JoinTwiceOrBeforeStartIsAnError) {
  Process p([] {});
  EXPECT_THROW(p.join(), Error);
  p.start();
  p.join();
  EXPECT_THROW(p.join(), Error);
}

TEST(SharedMemory, ChildWritesAreSeenByTheParent) {
  Value<int> value(41);
  Array<double> array{1.0, 2.0, 3.0};
  Process child([&] {
    value.set(value.get() + 1);
    array[1] = -array[1];
  });
  child.start();
  ASSERT_TRUE(child.join().success());
  EXPECT_EQ(value.get(), 42);
  EXPECT_EQ(array.to_vector(), (std::vector<double>{1.0, -2.0, 3.0}));
}

TEST(Lock, PassesOnWhenItsHolderDies) {
  Lock lock;
  Process holder([&] {
    lock.lock();
    std::_Exit(0);  // dies holding the lock
  });
  holder.start();
  ASSERT_TRUE(holder.join().success());
  lock.lock();  // a plain mutex would block here forever
  lock.unlock();
}

TEST(FirstFork, OneChildAtTheStartAndOnePerLineUntilQ) {
  std::istringstream lines("\n\nq\nnot read\n");
  EXPECT_EQ(run_first_fork(lines), 3);
  std::istringstream empty("");
  EXPECT_EQ(run_first_fork(empty), 1);
}

TEST(SecondFork, TheParentSeesTheChildsStatus) {
  EXPECT_TRUE(run_second_fork({"true"}).success());
  EXPECT_EQ(run_second_fork({"sh", "-c", "exit 3"}).code, 3);
  EXPECT_EQ(run_second_fork({"/nonexistent/program"}).code, 127);
}

TEST(SharedCounter, WithTheLockEveryIncrementCounts) {
  for (int run = 0; run < 5; ++run)
    EXPECT_EQ(count_in_processes({.processes = 10, .increments = 50, .pause = std::chrono::microseconds(50), .use_lock = true}),
              500)
        << "run " << run;
}

TEST(SharedCounter, WithoutTheLockNoMoreThanEveryIncrement) {
  const int count = count_in_processes({.processes = 10, .increments = 20, .pause = std::chrono::microseconds(1000)});
  EXPECT_GE(count, 20);
  EXPECT_LE(count, 200);
}

TEST(SharedCounter, RejectsBadCounts) {
  EXPECT_THROW(count_in_processes({.processes = 0}), Error);
  EXPECT_THROW(count_in_processes({.processes = 2, .increments = -1}), Error);
}

TEST(Pool, MapKeepsTheOrderOfTheItems) {
  std::vector<long> items(1000);
  std::iota(items.begin(), items.end(), 0L);
  for (int workers : {1, 3, 4, 7}) {
    const auto squares = Pool(workers).map([](long x) { return x * x; }, items);
    ASSERT_EQ(squares.size(), items.size());
    for (std::size_t i = 0; i < items.size(); ++i) EXPECT_EQ(squares[i], items[i] * items[i]) << workers << " workers";
  }
}

TEST(Pool, MoreWorkersThanItemsAndNoItems) {
  EXPECT_EQ(Pool(8).map([](int x) { return x + 1; }, std::vector<int>{5, 6}), (std::vector<int>{6, 7}));
  EXPECT_TRUE(Pool(2).map([](int x) { return x; }, std::vector<int>{}).empty());
}

TEST(Pool, RejectsNoWorkers) { EXPECT_THROW(Pool(0), Error); }

TEST(Pool, ThrowingWorkerIsAnError) {
  std::vector<int> items(20);
  std::iota(items.begin(), items.end(), 0);
  try {
    Pool(3).map(
        [](int x) {
          if (x == 7) throw std::runtime_error("item seven is bad");
          return x;
        },
        items);
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("item seven is bad"), std::string::npos) << e.what();
  }
}

TEST(Pool, CrashingWorkerIsAnError) {
  std::vector<int> items(20);
  std::iota(items.begin(), items.end(), 0);
  const auto crash_on_seven = [](int sig) {
    return [sig](int x) {
      if (x == 7) raise(sig);
      return x;
    };
  };
  EXPECT_THROW(Pool(3).map(crash_on_seven(SIGSEGV), items), Error);
  EXPECT_THROW(Pool(3).map(crash_on_seven(SIGABRT), items), Error);
  EXPECT_THROW(Pool(3).map(
                   [](int x) {
                     if (x == 7) std::_Exit(9);
                     return x;
                   },
                   items), Error);
}

TEST(Pool, WorkerThatExitsEarlyIsAnError) {
  std::vector<int> items(20);
  std::iota(items.begin(), items.end(), 0);
  EXPECT_THROW(Pool(2).map(
                   [](int x) {
                     if (x == 3) std::_Exit(0);
                     return x;
                   },
                   items), Error);
}

}  // namespace
}  // namespace hpcpp::procs
