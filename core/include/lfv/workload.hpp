// A real-thread workload on the vector: the terminal demo, the benchmarks
// and the live panel run it. Threads are created first, released together
// by a barrier, and timed from the release to the last one's finish.
#pragma once

#include <algorithm>
#include <barrier>
#include <chrono>
#include <cstdint>
#include <optional>
#include <thread>
#include <vector>

#include "lfv/real_env.hpp"
#include "lfv/vector.hpp"

namespace lfv {

struct WorkloadSpec {
  unsigned threads = 4;
  unsigned ops_per_thread = 50'000;  // at most 2^24: values carry (thread, sequence)
  unsigned push_percent = 45;
  unsigned pop_percent = 45;  // the rest are size()
  unsigned prefill = 0;
  unsigned scan_threshold = 64;
  std::uint64_t seed = 1;
};

struct WorkloadReport {
  Completion completion = Completion::versioned;
  Reclaim reclaim = Reclaim::hazard;
  std::uint64_t operations = 0;
  double seconds = 0;
  std::uint64_t lost = 0;     // pushed, never popped and not left in the vector
  std::uint64_t phantom = 0;  // popped or left, never pushed (or once too often)
  AllocationReport before_destroy, after_destroy;
  std::array<std::uint64_t, kEvents> events{};
  unsigned retired_peak_per_thread = 0;  // hazard only
  double ops_per_second() const { return seconds > 0 ? operations / seconds : 0; }
};

template <Completion C, Reclaim R>
WorkloadReport run_workload(const WorkloadSpec& spec) {
  using Vector = LockFreeVector<std::uint32_t, RealEnv, C, R>;
  CountingAllocator alloc;
  EventCounters events;
  WorkloadReport report;
  report.completion = C;
  report.reclaim = R;
  const auto value = [](unsigned thread, std::uint32_t seq) { return (std::uint32_t(thread + 1) << 24) | seq; };

  std::vector<std::uint32_t> in, out;
  {
    Vector v{RealEnv(alloc, events), {.scan_threshold = spec.scan_threshold}};
    for (std::uint32_t i = 0; i < spec.prefill; ++i) {
      in.push_back(value(250, i));
      v.push(in.back());
    }

    std::vector<std::vector<std::uint32_t>> pushed(spec.threads), popped(spec.threads);
    // Each thread times itself from the barrier's release: the run lasts
    // from the first start to the last finish, however the OS schedules
    // the thread that created them.
    using Clock = std::chrono::steady_clock;
    std::vector<Clock::time_point> began(spec.threads), ended(spec.threads);
    std::barrier start(std::ptrdiff_t(spec.threads));
    std::vector<std::thread> threads;
    for (unsigned t = 0; t < spec.threads; ++t)
      threads.emplace_back([&, t] {
        std::uint64_t s = spec.seed * 0x9E3779B97F4A7C15ull + t + 1;
        pushed[t].reserve(spec.ops_per_thread);
        popped[t].reserve(spec.ops_per_thread);
        start.arrive_and_wait();
        began[t] = Clock::now();
        for (unsigned i = 0; i < spec.ops_per_thread; ++i) {
          s ^= s << 13, s ^= s >> 7, s ^= s << 17;
          const unsigned r = unsigned(s % 100);
          if (r < spec.push_percent) {
            pushed[t].push_back(value(t, std::uint32_t(pushed[t].size())));
            v.push(pushed[t].back());
          } else if (r < spec.push_percent + spec.pop_percent) {
            if (auto x = v.pop()) popped[t].push_back(*x);
          } else {
            (void)v.size();
          }
        }
        ended[t] = Clock::now();
      });
    for (auto& th : threads) th.join();
    report.seconds = std::chrono::duration<double>(*std::max_element(ended.begin(), ended.end()) -
                                                   *std::min_element(began.begin(), began.end()))
                         .count();
    report.operations = std::uint64_t(spec.threads) * spec.ops_per_thread;

    while (auto x = v.pop()) out.push_back(*x);
    for (auto& p : pushed) in.insert(in.end(), p.begin(), p.end());
    for (auto& p : popped) out.insert(out.end(), p.begin(), p.end());
    if constexpr (R == Reclaim::hazard) report.retired_peak_per_thread = v.reclaimer().retired_peak_per_thread();
    report.before_destroy = alloc.report();
  }
  report.after_destroy = alloc.report();
  report.events = events.totals();

  std::sort(in.begin(), in.end());
  std::sort(out.begin(), out.end());
  std::vector<std::uint32_t> diff;
  std::set_difference(in.begin(), in.end(), out.begin(), out.end(), std::back_inserter(diff));
  report.lost = diff.size();
  diff.clear();
  std::set_difference(out.begin(), out.end(), in.begin(), in.end(), std::back_inserter(diff));
  report.phantom = diff.size();
  return report;
}

}  // namespace lfv
