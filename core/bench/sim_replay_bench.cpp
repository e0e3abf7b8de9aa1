// Replay speed of the simulator: a long scenario (3 threads x 3000 mixed
// operations) is played once round-robin, then its schedule is replayed
// from the start, as rewinding does. Baseline in the same process: the same
// operations on the real environment, on one thread, with no simulator.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <map>

#include "lfv/real_env.hpp"
#include "lfv/sim/drive.hpp"
#include "lfv/sim/run.hpp"
#include "lfv/vector.hpp"

namespace {

using namespace lfv;

scenario::Scenario long_scenario(unsigned threads, unsigned ops) {
  scenario::Scenario s;
  s.title = "replay benchmark";
  s.completion = Completion::versioned;
  s.reclaim = Reclaim::hazard;
  s.scan_threshold = 8;
  for (unsigned t = 0; t < threads; ++t) {
    scenario::ThreadSpec th{std::string(1, char('A' + t)), {}, {}};
    for (unsigned i = 0; i < ops; ++i) {
      const unsigned r = (i * 7 + t * 3) % 10;
      if (r < 5) th.ops.push_back({scenario::OpKind::push, i});
      else if (r < 9) th.ops.push_back({scenario::OpKind::pop});
      else th.ops.push_back({scenario::OpKind::size});
    }
    s.threads.push_back(std::move(th));
  }
  return s;
}

const scenario::Scenario& bench_scenario() {
  static const scenario::Scenario s = long_scenario(3, 3000);
  return s;
}

const std::vector<unsigned>& bench_schedule() {
  static const std::vector<unsigned> schedule = [] {
    auto run = sim::start_run(bench_scenario(), {10'000'000});
    sim::run_round_robin(*run);
    return run->schedule();
  }();
  return schedule;
}

void BM_SimReplay(benchmark::State& state) {
  const auto& s = bench_scenario();
  const auto& schedule = bench_schedule();
  for (auto _ : state) {
    auto run = sim::replay(s, s.completion, s.reclaim, schedule, {10'000'000});
    benchmark::DoNotOptimize(run->log().steps.size());
  }
  state.counters["steps"] = double(schedule.size());
  state.counters["steps_per_second"] =
      benchmark::Counter(double(schedule.size()), benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_SimReplay)->Unit(benchmark::kMillisecond);

// The same operations, in the same order of threads' programs, on real
// atomics with no simulator: the baseline the replay is compared with.
void BM_NativeSameOperations(benchmark::State& state) {
  const auto& s = bench_scenario();
  for (auto _ : state) {
    LockFreeVector<std::uint32_t, RealEnv, Completion::versioned, Reclaim::hazard> v{RealEnv{}, {.scan_threshold = 8}};
    for (std::size_t i = 0; i < s.threads[0].ops.size(); ++i)
      for (const auto& th : s.threads) {
        const auto& op = th.ops[i];
        if (op.kind == scenario::OpKind::push) v.push(std::uint32_t(op.arg0));
        else if (op.kind == scenario::OpKind::pop) benchmark::DoNotOptimize(v.pop());
        else benchmark::DoNotOptimize(v.size());
      }
  }
}
BENCHMARK(BM_NativeSameOperations)->Unit(benchmark::kMillisecond);

// Prints the replay speed and its ratio to the native baseline.
class RatioReporter : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override {
    for (const Run& r : runs) {
      seconds_[r.benchmark_name()] = r.GetAdjustedRealTime();
      if (auto it = r.counters.find("steps_per_second"); it != r.counters.end()) steps_per_second_ = it->second;
    }
    ConsoleReporter::ReportRuns(runs);
  }
  void Finalize() override {
    ConsoleReporter::Finalize();
    const double sim = seconds_["BM_SimReplay"], native = seconds_["BM_NativeSameOperations"];
    if (sim > 0 && native > 0)
      std::printf("\nreplay: %.2f M steps/s (goal: at least 1 M); the simulator runs the same operations "
                  "%.1fx slower than the real environment on one thread\n",
                  steps_per_second_ / 1e6, sim / native);
  }

 private:
  std::map<std::string, double> seconds_;
  double steps_per_second_ = 0;
};

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  RatioReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();
}
