// Speed of the linearizability checker on a 4-thread x 4-operation history
// whose operations overlap heavily (each overlaps six others): once
// linearizable, once not (the last pop returns 0, which nobody pushed, so
// the search must exhaust every order). Baseline in the same process: the
// cost of replaying the witness order sequentially on the model, which is
// what checking would cost if the order were known.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <map>

#include "lfv/check/linearizability.hpp"

namespace {

using namespace lfv;
using check::HistoryOp;

constexpr unsigned kThreads = 4, kOps = 4;

// Thread t's op k runs over [10k + 2t, 10k + 2t + 9]. Results come from
// running the ops in invocation order, so the history is linearizable.
std::vector<HistoryOp> overlapping_history(bool broken) {
  std::vector<HistoryOp> h;
  for (unsigned k = 0; k < kOps; ++k)
    for (unsigned t = 0; t < kThreads; ++t) {
      static const scenario::OpKind even[] = {scenario::OpKind::push, scenario::OpKind::push,
                                              scenario::OpKind::pop, scenario::OpKind::pop};
      static const scenario::OpKind odd[] = {scenario::OpKind::push, scenario::OpKind::pop,
                                             scenario::OpKind::size, scenario::OpKind::pop};
      const scenario::OpKind kind = (t % 2 ? odd : even)[k];
      const scenario::Op op{kind, kind == scenario::OpKind::push ? 10 * t + k + 1 : 0};
      h.push_back({t, op, {}, 10 * k + 2 * t, 10 * k + 2 * t + 9, true});
    }
  std::vector<std::uint64_t> contents;
  for (HistoryOp& op : h) op.result = check::apply_sequential(contents, op.op);
  if (broken) h.back().result = scenario::OpResult::number(0);  // nobody pushed 0
  return h;
}

const std::vector<HistoryOp>& history(bool broken) {
  static const std::vector<HistoryOp> good = overlapping_history(false), bad = overlapping_history(true);
  return broken ? bad : good;
}

void check_expected(const check::Verdict& v, bool expected) {
  if (v.linearizable == expected) return;
  std::fprintf(stderr, "wrong verdict: %s\n", v.explanation.c_str());
  std::abort();
}

void BM_CheckLinearizable(benchmark::State& state) {
  const auto& h = history(false);
  std::uint64_t states = 0;
  for (auto _ : state) {
    const check::Verdict v = check::check_linearizable(h, {});
    states = v.states_explored;
    benchmark::DoNotOptimize(v.witness.data());
  }
  check_expected(check::check_linearizable(h, {}), true);
  state.counters["states"] = double(states);
}
BENCHMARK(BM_CheckLinearizable)->Unit(benchmark::kMicrosecond);

void BM_CheckNotLinearizable(benchmark::State& state) {
  const auto& h = history(true);
  std::uint64_t states = 0;
  for (auto _ : state) {
    const check::Verdict v = check::check_linearizable(h, {});
    states = v.states_explored;
    benchmark::DoNotOptimize(v.explanation.data());
  }
  check_expected(check::check_linearizable(h, {}), false);
  state.counters["states"] = double(states);
}
BENCHMARK(BM_CheckNotLinearizable)->Unit(benchmark::kMicrosecond);

// The baseline: the witness order is known; replay it on the model and
// compare every result.
void BM_ReplayWitness(benchmark::State& state) {
  const auto& h = history(false);
  const std::vector<std::size_t> witness = check::check_linearizable(h, {}).witness;
  for (auto _ : state) {
    std::vector<std::uint64_t> contents;
    bool all = true;
    for (std::size_t i : witness) all &= check::apply_sequential(contents, h[i].op) == h[i].result;
    benchmark::DoNotOptimize(all);
  }
}
BENCHMARK(BM_ReplayWitness)->Unit(benchmark::kMicrosecond);

// Prints the two checks in microseconds and their ratio to the baseline.
class RatioReporter : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override {
    for (const Run& r : runs) {
      // CPU time: one thread, and steadier than wall time on a busy machine. Reported in microseconds.
      seconds_[r.benchmark_name()] = r.GetAdjustedCPUTime() * 1e-6;
      if (auto it = r.counters.find("states"); it != r.counters.end())
        states_[r.benchmark_name()] = it->second;
    }
    ConsoleReporter::ReportRuns(runs);
  }
  void Finalize() override {
    ConsoleReporter::Finalize();
    const double yes = seconds_["BM_CheckLinearizable"], no = seconds_["BM_CheckNotLinearizable"];
    const double base = seconds_["BM_ReplayWitness"];
    if (yes <= 0 || no <= 0 || base <= 0) return;
    std::printf("\nchecking a %ux%u history (CPU time; goal: microseconds):\n", kThreads, kOps);
    std::printf("  linearizable:     %8.2f us, %4.0f states, %6.0fx the witness replay\n", yes * 1e6,
                states_["BM_CheckLinearizable"], yes / base);
    std::printf("  not linearizable: %8.2f us, %4.0f states, %6.0fx the witness replay\n", no * 1e6,
                states_["BM_CheckNotLinearizable"], no / base);
    std::printf("  baseline, replaying the witness order on the model: %.3f us\n", base * 1e6);
  }

 private:
  std::map<std::string, double> seconds_, states_;
};

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  RatioReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();
}
