// The live run (the app's Live window): real threads on the vector and the
// mutex baseline, sampled in the background, stopped on request or at the
// memory limit. Waits have generous deadlines (sanitizers slow it 5-20x);
// nothing here asserts a speed.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "lfv/live/live_run.hpp"

namespace lfv::live {
namespace {

using namespace std::chrono_literals;

template <class Pred>
bool wait_for(Pred pred, std::chrono::seconds deadline = 60s) {
  const auto until = std::chrono::steady_clock::now() + deadline;
  while (!pred()) {
    if (std::chrono::steady_clock::now() > until) return false;
    std::this_thread::sleep_for(5ms);
  }
  return true;
}

LiveSpec quick(Completion c, Reclaim r, unsigned threads) {
  LiveSpec s;
  s.completion = c;
  s.reclaim = r;
  s.threads = threads;
  s.interval_ms = 20;
  return s;
}

TEST(LiveRun, MeasuresTheVectorAndTheMutexBesideItThenStopsOnRequest) {
  LiveRun run(quick(Completion::versioned, Reclaim::hazard, 2));
  ASSERT_TRUE(wait_for([&] { return run.samples().size() >= 12; }));
  EXPECT_TRUE(run.running());
  run.request_stop();
  ASSERT_TRUE(wait_for([&] { return !run.running(); }));
  EXPECT_EQ(run.stop_reason(), "stopped");

  const auto samples = run.samples();
  unsigned vector_samples = 0, mutex_samples = 0;
  for (std::size_t i = 0; i < samples.size(); ++i) {
    const LiveSample& s = samples[i];
    if (i > 0) {
      EXPECT_GT(s.seconds, samples[i - 1].seconds);
    }
    EXPECT_EQ(s.mutex, i % 5 == 4) << "every fifth interval measures the baseline";
    (s.mutex ? mutex_samples : vector_samples)++;
    EXPECT_GE(s.failed_cas_per_op, 0);
    EXPECT_GE(s.slowest_share, 0);
    EXPECT_LE(s.slowest_share, 1.0 + 1e-9);
    EXPECT_GT(s.live_bytes, 8192 * 4) << "the prefill alone is 8192 elements";
    EXPECT_EQ(s.leaked_bytes, 0) << "hazard leaks nothing";
    EXPECT_GE(s.retired_bytes, 0);
  }
  EXPECT_GE(vector_samples, 8u);
  EXPECT_GE(mutex_samples, 2u);
  // Work happened in both: not every interval of either reads zero.
  double vector_ops = 0, mutex_ops = 0;
  for (const LiveSample& s : samples) (s.mutex ? mutex_ops : vector_ops) += s.ops_per_second;
  EXPECT_GT(vector_ops, 0);
  EXPECT_GT(mutex_ops, 0);
}

TEST(LiveRun, WithoutTheBaselineEveryIntervalMeasuresTheVector) {
  LiveSpec spec = quick(Completion::versioned, Reclaim::hazard, 1);
  spec.compare_with_mutex = false;
  LiveRun run(spec);
  ASSERT_TRUE(wait_for([&] { return run.samples().size() >= 6; }));
  for (const LiveSample& s : run.samples()) EXPECT_FALSE(s.mutex);
}

TEST(LiveRun, ALeakVariantStopsItselfAtTheMemoryLimit) {
  LiveSpec spec = quick(Completion::versioned, Reclaim::leak, 2);
  spec.memory_limit_bytes = 4 << 20;
  LiveRun run(spec);
  ASSERT_TRUE(wait_for([&] { return !run.running(); }));
  EXPECT_NE(run.stop_reason().find("memory limit"), std::string::npos) << run.stop_reason();
  const auto samples = run.samples();
  ASSERT_FALSE(samples.empty());
  EXPECT_GT(samples.back().live_bytes, double(spec.memory_limit_bytes));
  EXPECT_GT(samples.back().leaked_bytes, 0.5 * double(spec.memory_limit_bytes)) << "what grows is what leaked";
  EXPECT_EQ(samples.back().retired_bytes, 0);
}

TEST(LiveRun, EveryWorkloadAndEverySafeVariantRuns) {
  for (LiveWorkload w : kAllLiveWorkloads)
    for (Completion c : kAllCompletions)
      for (Reclaim r : kAllReclaims) {
        if (!memory_safe_on_real_threads(c, r)) continue;
        LiveSpec spec = quick(c, r, 2);
        spec.workload = w;
        LiveRun run(spec);
        ASSERT_TRUE(wait_for([&] { return run.samples().size() >= 2 || !run.running(); }))
            << name(w) << ", " << name(c) << " + " << name(r);
        EXPECT_GT(run.samples().front().live_bytes, 0);
      }  // destroyed while running: stops and joins
}

TEST(LiveRun, DestroyedAtOnceItStopsCleanly) {
  for (int i = 0; i < 5; ++i) LiveRun run(quick(Completion::versioned, Reclaim::hazard, max_live_threads()));
}

TEST(LiveRun, MeansKeepTheVectorAndTheMutexApart) {
  std::vector<LiveSample> samples(5);
  for (int i = 0; i < 5; ++i) {
    samples[i].mutex = i == 4;
    samples[i].ops_per_second = i == 4 ? 50 : 10 * (i + 1);  // vector 10..40, mutex 50
    samples[i].slowest_share = i == 4 ? 0.2 : 1.0;
  }
  const LiveMeans m = means(samples);
  EXPECT_EQ(m.vector_samples, 4);
  EXPECT_EQ(m.mutex_samples, 1);
  EXPECT_DOUBLE_EQ(m.vector_ops_per_second, 25);
  EXPECT_DOUBLE_EQ(m.mutex_ops_per_second, 50);
  EXPECT_DOUBLE_EQ(m.vector_slowest_share, 1.0);
  EXPECT_DOUBLE_EQ(m.mutex_slowest_share, 0.2);
  EXPECT_EQ(means({}).vector_samples, 0);
  LiveSpec paper = quick(Completion::paper, Reclaim::leak, 1);
  EXPECT_EQ(describe(paper), "paper + leak (deliberately broken), 1 thread, push/pop 50/50");
}

TEST(LiveRun, RefusesVariantsThatMayUseFreedMemoryAndBadThreadCounts) {
  EXPECT_EQ(check_spec(quick(Completion::versioned, Reclaim::hazard, 1)), "");
  EXPECT_EQ(check_spec(quick(Completion::versioned, Reclaim::hazard, max_live_threads())), "");
  EXPECT_NE(check_spec(quick(Completion::book, Reclaim::hazard, 1)).find("freed memory"), std::string::npos);
  EXPECT_NE(check_spec(quick(Completion::versioned, Reclaim::free_now, 1)).find("freed memory"), std::string::npos);
  EXPECT_NE(check_spec(quick(Completion::versioned, Reclaim::hazard, 0)).find("threads must be from 1"),
            std::string::npos);
  EXPECT_NE(check_spec(quick(Completion::versioned, Reclaim::hazard, max_live_threads() + 1)).find("threads"),
            std::string::npos);
  LiveWorkload w;
  EXPECT_TRUE(parse_live_workload("read-heavy", w));
  EXPECT_EQ(w, LiveWorkload::read_heavy);
  EXPECT_FALSE(parse_live_workload("writes", w));
}

}  // namespace
}  // namespace lfv::live
