#include <fmt/core.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fcntl.h>

#include <algorithm>
#include <cerrno>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <numeric>
#include <sstream>
#include <stdexcept>

#include "hpcpp/core/error.hpp"
#include "hpcpp/core/exit_status_error.hpp"
#include "hpcpp/core/thread_limit.hpp"
#include "hpcpp/procs/array.hpp"
#include "hpcpp/procs/first_fork.hpp"
#include "hpcpp/procs/lock.hpp"
#include "hpcpp/procs/pool.hpp"
#include "hpcpp/procs/process.hpp"
#include "hpcpp/procs/second_fork.hpp"
#include "hpcpp/procs/shared_counter.hpp"
#include "hpcpp/procs/spawn.hpp"
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
  std::istringstream none("");
  EXPECT_TRUE(run_second_fork({"true"}, none).success());
  std::istringstream lines("\n\nq\n");
  EXPECT_EQ(run_second_fork({"sh", "-c", "exit 3"}, lines).code, 3);
  // Reported by the parent, as one error carrying the shell's status for "not found".
  try {
    std::istringstream empty("");
    run_second_fork({"/nonexistent/program"}, empty);
    FAIL() << "no error";
  } catch (const ExitStatusError& e) {
    EXPECT_EQ(e.exit_code(), 127);
    EXPECT_STREQ(e.what(), "cannot run '/nonexistent/program': No such file or directory");
  }
}

TEST(SecondFork, OneChildAtTheStartAndOnePerLineUntilQ) {
  const auto log = std::filesystem::temp_directory_path() / fmt::format("second_fork_{}.log", getpid());
  std::istringstream lines("\n\nq\nnot read\n");
  EXPECT_TRUE(run_second_fork({"sh", "-c", "echo x >> " + log.string()}, lines).success());
  std::ifstream in(log);
  const std::string written((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::filesystem::remove(log);
  EXPECT_EQ(written, "x\nx\nx\n");
}

// Runs `script` under sh with `options`, its stdout to a pipe; returns what it printed.
std::string spawn_output(const std::string& script, SpawnOptions options) {
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe");
  options.stdout_fd = fds[1];
  const pid_t child = spawn({"sh", "-c", script}, options);
  close(fds[1]);
  std::string out;
  char buffer[256];
  for (ssize_t n; (n = read(fds[0], buffer, sizeof buffer)) > 0;) out.append(buffer, static_cast<std::size_t>(n));
  close(fds[0]);
  EXPECT_TRUE(wait_forwarding_signals(child).success());
  return out;
}

TEST(Spawn, OptionsShapeTheProgramsStdioAndEnvironment) {
  setenv("OMPI_COMM_WORLD_RANK", "1", 1);
  setenv("PMIX_RANK", "1", 1);
  setenv("OMP_NUM_THREADS", "7", 1);
  SpawnOptions options;
  options.stdin_from_null = true;
  options.set_environment = {{"OMP_NUM_THREADS", "3"}};
  options.without_launcher_environment = true;
  EXPECT_EQ(spawn_output("cat; echo \"$OMP_NUM_THREADS ${OMPI_COMM_WORLD_RANK-unset} ${PMIX_RANK-unset} ${HOME+home}\"", options),
            "3 unset unset home\n");
  // Without options the program inherits the environment as it is.
  EXPECT_EQ(spawn_output("echo \"$OMP_NUM_THREADS $OMPI_COMM_WORLD_RANK\"", {}), "7 1\n");
  unsetenv("OMPI_COMM_WORLD_RANK");
  unsetenv("PMIX_RANK");
  unsetenv("OMP_NUM_THREADS");
}

TEST(Spawn, BeforeExecRunsWhileTheChildWaits) {
  // The child has not exec'd yet when before_exec runs: it is still a copy of this program.
  std::string name_then;
  SpawnOptions options;
  options.before_exec = [&](pid_t child) {
    std::ifstream comm("/proc/" + std::to_string(child) + "/comm");
    std::getline(comm, name_then);
  };
  std::ifstream self("/proc/self/comm");
  std::string own_name;
  std::getline(self, own_name);
  EXPECT_EQ(spawn_output("echo ran", options), "ran\n");
  EXPECT_EQ(name_then, own_name);
}

TEST(Spawn, ProgramThatIsNotExecutableIs126) {
  try {
    spawn({"/"});
    FAIL() << "no error";
  } catch (const ExitStatusError& e) {
    EXPECT_EQ(e.exit_code(), 126);
    EXPECT_STREQ(e.what(), "cannot run '/': Permission denied");
  }
}

TEST(SharedCounter, WithTheLockEveryIncrementCounts) {
  for (int run = 0; run < 5; ++run)
    EXPECT_EQ(count_in_processes({.processes = 10, .increments = 50, .pause = std::chrono::microseconds(50), .use_lock = true}),
              500)
        << "run " << run;
}

// The race of the lecture's unlocked counter, made certain: every process reads the value,
// then pauses far longer than it takes to start the others, so all of them read 0 and
// write 1: every increment but one is lost. The Lock makes the same run exact.
TEST(SharedCounter, WithoutTheLockConcurrentIncrementsAreLost) {
  const SharedCounterConfig racing{.processes = 4, .increments = 1, .pause = std::chrono::milliseconds(400)};
  EXPECT_EQ(count_in_processes(racing), 1);
  SharedCounterConfig locked = racing;
  locked.use_lock = true;
  locked.pause = std::chrono::milliseconds(20);
  EXPECT_EQ(count_in_processes(locked), 4);
}

TEST(SharedCounter, WithoutTheLockOneProcessLosesNothing) {
  EXPECT_EQ(count_in_processes({.processes = 1, .increments = 30, .pause = std::chrono::microseconds(100)}), 30);
}

TEST(SharedCounter, RejectsBadCounts) {
  EXPECT_THROW(count_in_processes({.processes = 0}), Error);
  EXPECT_THROW(count_in_processes({.processes = max_threads + 1}), Error);
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

TEST(Pool, RejectsNoWorkersAndTooMany) {
  EXPECT_THROW(Pool(0), Error);
  EXPECT_THROW(Pool(max_threads + 1), Error);
}

// A process that runs a Pool of workers which sleep, and publishes their pids; the test
// process is made a subreaper, so workers orphaned by the pool's parent become its
// children and their fate can be waited for.
class PoolParent {
 public:
  static constexpr int workers = 3;
  PoolParent() : pids_(workers) {
    prctl(PR_SET_CHILD_SUBREAPER, 1);
    parent_ = fork_child([this] {
      for (int sig : {SIGINT, SIGTERM, SIGHUP}) signal(sig, SIG_DFL);  // as at a terminal
      std::vector<int> items(workers);
      std::iota(items.begin(), items.end(), 0);
      Pool(workers).map(
          [this](int i) {
            pids_[static_cast<std::size_t>(i)] = getpid();
            sleep(600);
            return i;
          },
          items);
      return 0;
    }, ChildLifetime::independent);
    for (int tries = 0; tries < 6000 && std::count(pids_.begin(), pids_.end(), 0) > 0; ++tries) usleep(10000);
  }
  ~PoolParent() {
    for (pid_t pid : pids_)
      if (pid > 0) kill(pid, SIGKILL);
    while (waitpid(-1, nullptr, WNOHANG) > 0) {
    }
    prctl(PR_SET_CHILD_SUBREAPER, 0);
  }
  pid_t pid() const { return parent_; }
  std::vector<pid_t> worker_pids() const { return pids_.to_vector(); }

 private:
  Array<pid_t> pids_;
  pid_t parent_ = 0;
};

// Waits up to 20 s for `pid` (a child of this process) to end; returns its wait status or
// -1 if it is still running.
int wait_with_timeout(pid_t pid) {
  for (int tries = 0; tries < 2000; ++tries) {
    int status = 0;
    if (waitpid(pid, &status, WNOHANG) == pid) return status;
    usleep(10000);
  }
  return -1;
}

TEST(Pool, WorkersDieWithAParentKilledBySIGKILL) {
  PoolParent pool;
  const auto workers = pool.worker_pids();
  ASSERT_EQ(std::count(workers.begin(), workers.end(), 0), 0) << "the workers never started";
  kill(pool.pid(), SIGKILL);
  ASSERT_NE(wait_with_timeout(pool.pid()), -1);
  for (pid_t worker : workers) {
    const int status = wait_with_timeout(worker);
    ASSERT_NE(status, -1) << "worker " << worker << " outlived its parent";
    EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
  }
}

TEST(Pool, SIGTERMAndSIGHUPStopAndReapTheWorkers) {
  for (int sig : {SIGTERM, SIGHUP, SIGINT}) {
    PoolParent pool;
    const auto workers = pool.worker_pids();
    ASSERT_EQ(std::count(workers.begin(), workers.end(), 0), 0) << "the workers never started";
    kill(pool.pid(), sig);
    const int status = wait_with_timeout(pool.pid());
    ASSERT_NE(status, -1) << "the pool's parent did not stop on signal " << sig;
    // map threw (the child's body reports it and exits 1) after killing and reaping its
    // workers: none is left to become this process's child.
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 1) << sig;
    for (pid_t worker : workers) EXPECT_TRUE(kill(worker, 0) != 0 && errno == ESRCH) << "worker " << worker << " left behind";
  }
}

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
