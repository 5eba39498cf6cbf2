#include <gtest/gtest.h>

#include <fmt/core.h>

#include <deque>
#include <functional>
#include <map>
#include <set>
#include <algorithm>
#include <utility>

#include "hpcpp/core/error.hpp"
#include "hpcpp/sweep/journal.hpp"
#include "hpcpp/sweep/param_axis.hpp"
#include "hpcpp/sweep/results_csv.hpp"
#include "hpcpp/sweep/scheduler.hpp"
#include "hpcpp/sweep/task_list.hpp"

namespace hpcpp::sweep {
namespace {

TEST(ParamAxis, ListsKeepTheirOrderAndPrintAsPython) {
  const auto axis = parse_param_axis(" D = 0.50, 1_000 ,1e-3, -0, name");
  EXPECT_EQ(axis.name, "D");
  EXPECT_EQ(axis.values(), (std::vector<std::string>{"0.5", "1000", "0.001", "0", "name"}));
}

TEST(ParamAxis, RangesIncludeBothEndsAndIntEndsMakeInts) {
  EXPECT_EQ(parse_param_axis("dx=0.05:0.2:4").values(),
            (std::vector<std::string>{"0.05", "0.1", "0.15000000000000002", "0.2"}));
  EXPECT_EQ(parse_param_axis("n=0:10:6").values(), (std::vector<std::string>{"0", "2", "4", "6", "8", "10"}));
  EXPECT_EQ(parse_param_axis("n=0:1:3").values(), (std::vector<std::string>{"0.0", "0.5", "1.0"}));
  EXPECT_EQ(parse_param_axis("x=3.5:9:1").values(), (std::vector<std::string>{"3.5"}));
  EXPECT_EQ(parse_param_axis("x=1,2:3:2").values(), (std::vector<std::string>{"1", "2", "3"}));
}

TEST(ParamAxis, BadSyntaxIsAnError) {
  for (const char* text : {"D", "D=", "=1", "D=1,,2", "D x=1", "D=1:2", "D=1:2:0", "D=a:2:3", "D=1:2:x", "D=1:2:3:4"})
    EXPECT_THROW(parse_param_axis(text), Error) << text;
}

TEST(TaskList, CartesianProductWithTheFirstAxisSlowest) {
  const TaskList tasks({parse_param_axis("a=1,2"), parse_param_axis("b=x,y,z")});
  ASSERT_EQ(tasks.size(), 6u);
  EXPECT_EQ(tasks.values(0), (std::vector<std::string>{"1", "x"}));
  EXPECT_EQ(tasks.values(2), (std::vector<std::string>{"1", "z"}));
  EXPECT_EQ(tasks.values(3), (std::vector<std::string>{"2", "x"}));
  EXPECT_EQ(tasks.values(5), (std::vector<std::string>{"2", "z"}));
  EXPECT_THROW(TaskList({}), Error);
  EXPECT_THROW(TaskList({parse_param_axis("a=1"), parse_param_axis("a=2")}), Error);
  EXPECT_THROW(TaskList({parse_param_axis("a=1:2:100000"), parse_param_axis("b=1:2:1000")}), Error);
}

TEST(ResultsCsv, FieldsWithCommasOrQuotesAreQuotedAndReadBack) {
  const TaskList tasks({parse_param_axis("f=plain")});
  TaskOutcome outcome;
  outcome.status = "key 'x': bad, \"very\" bad";
  outcome.fields = {"", "1,2"};
  outcome.seconds = 0.12345678;
  const auto row = csv_row(tasks, outcome);
  EXPECT_EQ(row, "0,plain,\"key 'x': bad, \"\"very\"\" bad\",,\"1,2\",0.123457\n");
  EXPECT_EQ(csv_fields(row.substr(0, row.size() - 1)),
            (std::vector<std::string>{"0", "plain", outcome.status, "", "1,2", "0.123457"}));
  EXPECT_EQ(csv_header(tasks, {"exit", "output"}), "task,f,status,exit,output,seconds\n");
}

TEST(TaskList, HugeRangesMakeNoValueUntilAskedAndTheProductIsCheckedFirst) {
  const TaskList tasks({parse_param_axis("a=0:9999999:10000000")});
  EXPECT_EQ(tasks.size(), 10000000u);
  EXPECT_EQ(tasks.values(9999999), (std::vector<std::string>{"9999999"}));
  std::vector<ParamAxis> ten;
  for (int i = 0; i < 10; ++i) ten.push_back(parse_param_axis(fmt::format("p{}=0:1:10000000", i)));
  EXPECT_THROW(TaskList(std::move(ten)), Error);
  EXPECT_THROW(parse_param_axis("a=0:1:10000001"), Error);
  EXPECT_THROW(parse_param_axis("a=1e400"), Error);
  EXPECT_THROW(parse_param_axis("a=0:1e400:3"), Error);
}

TEST(ResultsCsv, LineBreaksAreQuotedAndARecordEndsOutsideQuotes) {
  const TaskList tasks({parse_param_axis("f=a\nb")});
  TaskOutcome outcome;
  outcome.status = "ok";
  const auto row = csv_row(tasks, outcome);
  EXPECT_EQ(row, "0,\"a\nb\",ok,0.0\n");
  EXPECT_EQ(csv_record_end(row + row, 0), row.size());
  EXPECT_EQ(csv_record_end(row.substr(0, 5), 0), std::string::npos);
}

TEST(Journal, RecordsMustFitTheirTask) {
  const TaskList tasks({parse_param_axis("n=1,2,3")});
  const JournalShape shape{tasks, 4};
  const std::string header = "# h\n";
  const auto rows = journal_rows(header + "2,3,ok,0.5\n0,1,\"bad\n\"\"x\"\"\",0.1\n1,2,ok", header, shape, "j");
  ASSERT_EQ(rows.size(), 2u);  // the torn last record is dropped
  EXPECT_EQ(rows.at(0), "0,1,\"bad\n\"\"x\"\"\",0.1\n");
  for (const char* bad : {"0,1,ok\n", "0,1,ok,0.1,x\n", "0,2,ok,0.1\n", "3,1,ok,0.1\n", "0,1,,0.1\n", "0,1,ok,-1\n",
                          "0,1,ok,0.1\n0,1,ok,0.1\n", "x,1,ok,0.1\n"})
    EXPECT_THROW(journal_rows(header + bad, header, shape, "j"), Error) << bad;
  try {
    journal_rows(header + "0,1,ok,0.1\n1,3,ok,0.1\n", header, shape, "r.journal");
    FAIL();
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "r.journal:3: task 1 has n='3', the sweep's task 1 has n='2': delete the journal to run the sweep anew");
  }
}

TEST(TaskMessages, SurviveEncoding) {
  TaskOutcome outcome{7, true, true, "ok", {"a", "", "c\0d"}, 1.5};
  const auto back = decode_outcome(encode(outcome));
  EXPECT_EQ(back.task, 7u);
  EXPECT_TRUE(back.ok && back.killed);
  EXPECT_EQ(back.fields, outcome.fields);
  EXPECT_EQ(back.seconds, 1.5);
  const auto order = decode_order(encode(TaskOrder{12, 2}));
  EXPECT_EQ(order.task, 12u);
  EXPECT_EQ(order.attempt, 2u);
  EXPECT_THROW(decode_outcome(encode(TaskOrder{1, 1})), Error);
}

// Workers that answer in the order they were given work; `script` decides, per worker and
// order, whether the task succeeds, is killed (killed outcome) or kills its worker.
class ScriptedTransport final : public WorkerTransport {
 public:
  enum class Fate { ok, killed, worker_dies };
  ScriptedTransport(int workers, std::function<Fate(int, const TaskOrder&)> script)
      : workers_(workers), script_(std::move(script)) {}
  int workers() const override { return workers_; }
  void assign(int worker, const TaskOrder& order) override {
    EXPECT_EQ(std::count_if(running_.begin(), running_.end(), [&](auto& r) { return r.first == worker; }), 0)
        << "worker " << worker << " given a second task";
    running_.emplace_back(worker, order);
    log.emplace_back(worker, order);
  }
  WorkerEvent next_event() override {
    EXPECT_FALSE(running_.empty());
    const auto [worker, order] = running_.front();
    running_.pop_front();
    const Fate fate = script_(worker, order);
    if (fate == Fate::worker_dies) return {worker, std::nullopt, "signal 9 (Killed)"};
    TaskOutcome outcome{order.task, fate == Fate::ok, fate == Fate::killed,
                        fate == Fate::ok ? "ok" : "signal 9 (Killed)", {"r"}, 0.0};
    return {worker, outcome, {}};
  }
  std::vector<std::pair<int, TaskOrder>> log;

 private:
  int workers_;
  std::function<Fate(int, const TaskOrder&)> script_;
  std::deque<std::pair<int, TaskOrder>> running_;
};

std::map<std::uint64_t, TaskOutcome> run_scripted(ScriptedTransport& transport, std::uint64_t tasks) {
  std::vector<std::uint64_t> pending;
  for (std::uint64_t t = 0; t < tasks; ++t) pending.push_back(t);
  std::map<std::uint64_t, TaskOutcome> outcomes;
  schedule(transport, pending, 1, [&](const TaskOutcome& o) {
    EXPECT_TRUE(outcomes.emplace(o.task, o).second) << "task " << o.task << " reported twice";
  });
  return outcomes;
}

using Fate = ScriptedTransport::Fate;

TEST(Scheduler, EveryTaskRunsOnceOnWhicheverWorkerIsIdle) {
  ScriptedTransport transport(3, [](int, const TaskOrder&) { return Fate::ok; });
  const auto outcomes = run_scripted(transport, 10);
  ASSERT_EQ(outcomes.size(), 10u);
  EXPECT_EQ(transport.log.size(), 10u);
  std::set<int> used;
  for (const auto& [worker, order] : transport.log) used.insert(worker);
  EXPECT_EQ(used.size(), 3u);
}

TEST(Scheduler, ATaskWhoseWorkerDiesRunsAgainOnAnotherWorker) {
  ScriptedTransport transport(2, [](int, const TaskOrder& o) {
    return o.task == 3 && o.attempt == 1 ? Fate::worker_dies : Fate::ok;
  });
  const auto outcomes = run_scripted(transport, 6);
  ASSERT_EQ(outcomes.size(), 6u);
  EXPECT_TRUE(outcomes.at(3).ok);
  std::vector<int> workers_of_3;
  for (const auto& [worker, order] : transport.log)
    if (order.task == 3) workers_of_3.push_back(worker);
  ASSERT_EQ(workers_of_3.size(), 2u);
  EXPECT_NE(workers_of_3[0], workers_of_3[1]);
}

TEST(Scheduler, ATaskThatDiesTwiceIsRecordedAsFailedWithTheSignal) {
  ScriptedTransport transport(1, [](int, const TaskOrder& o) { return o.task == 1 ? Fate::worker_dies : Fate::ok; });
  const auto outcomes = run_scripted(transport, 3);
  ASSERT_EQ(outcomes.size(), 3u);
  EXPECT_FALSE(outcomes.at(1).ok);
  EXPECT_EQ(outcomes.at(1).status, "worker died: signal 9 (Killed)");
  EXPECT_EQ(outcomes.at(1).fields, std::vector<std::string>{""});
  EXPECT_EQ(transport.log.size(), 4u);
}

TEST(Scheduler, AKilledCommandRunsOnceMoreThenItsOwnOutcomeIsRecorded) {
  ScriptedTransport transport(2, [](int, const TaskOrder& o) {
    if (o.task == 0) return Fate::killed;
    return o.task == 1 && o.attempt == 1 ? Fate::killed : Fate::ok;
  });
  const auto outcomes = run_scripted(transport, 4);
  EXPECT_FALSE(outcomes.at(0).ok);
  EXPECT_EQ(outcomes.at(0).status, "signal 9 (Killed)");
  EXPECT_TRUE(outcomes.at(1).ok);
  EXPECT_EQ(transport.log.size(), 6u);
}

}  // namespace
}  // namespace hpcpp::sweep
