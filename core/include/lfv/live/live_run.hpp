// A live run: N real threads working on the real vector in the background,
// sampled every interval for the app's Live window and `lfvlab live`.
//
// Every fifth interval the same threads run the same operation mix on a
// std::vector behind a std::mutex instead, so the baseline is measured
// beside the vector, on the same machine at the same moment, and plotted
// with it. Nothing here blocks its caller: the constructor only starts a
// controller thread (which creates the workers), request_stop() only sets a
// flag, and samples() copies what was measured so far.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "lfv/variant.hpp"

namespace lfv::live {

enum class LiveWorkload : std::uint8_t {
  mixed,       // each operation a push or a pop at random, around a prefill of 8192
  read_heavy,  // 90% read(i), 10% write(i, v) at a random index of a prefill of 65536
  bursts,      // each thread pushes 256, then pops 256, and again
};
inline constexpr LiveWorkload kAllLiveWorkloads[] = {LiveWorkload::mixed, LiveWorkload::read_heavy,
                                                     LiveWorkload::bursts};
std::string_view name(LiveWorkload w);         // "push/pop 50/50"
std::string_view key(LiveWorkload w);          // "mixed", for flags
bool parse_live_workload(std::string_view s, LiveWorkload& out);

struct LiveSpec {
  Completion completion = Completion::versioned;
  Reclaim reclaim = Reclaim::hazard;
  LiveWorkload workload = LiveWorkload::mixed;
  unsigned threads = 2;
  bool compare_with_mutex = true;  // every fifth interval measures the mutex baseline
  unsigned interval_ms = 100;      // one sample per interval
  // The run stops by itself once the vector holds this much memory: the
  // leak variants lose a descriptor per operation, hundreds of MiB a second.
  std::int64_t memory_limit_bytes = std::int64_t(512) << 20;
};

// 1 up to twice the hardware threads.
unsigned max_live_threads();
// Empty when the spec can run, else why not (naming the setting).
std::string check_spec(const LiveSpec& spec);

struct LiveSample {
  double seconds = 0;     // the end of the interval, since the start
  bool mutex = false;     // this interval measured the mutex baseline, not the vector
  double ops_per_second = 0;
  // The slowest thread's operations over the mean thread's, this interval:
  // 1 when they share evenly, near 0 when one was starved (a mutex can
  // hand itself back to the same thread, a thread sleeping meanwhile).
  double slowest_share = 1;
  // The vector's, as of the end of the interval (kept across mutex intervals).
  double failed_cas_per_op = 0;  // lost descriptor CASes per operation, in this interval
  double live_bytes = 0;         // everything the vector holds: buckets, descriptors, hazard records
  double retired_bytes = 0;      // hazard: replaced descriptors not yet reclaimed
  double leaked_bytes = 0;       // leak: replaced descriptors, never freed
};

// "versioned + hazard, 4 threads (oversubscribed: 2 hardware threads),
// push/pop 50/50", with "(deliberately broken)" after a broken variant.
std::string describe(const LiveSpec& spec);

// The means of some samples, the vector's and the mutex's apart (what the
// window's "last 2 s" line and each line of `lfvlab live` show).
struct LiveMeans {
  int vector_samples = 0, mutex_samples = 0;
  double vector_ops_per_second = 0, mutex_ops_per_second = 0;
  double vector_slowest_share = 1, mutex_slowest_share = 1;
};
LiveMeans means(const std::vector<LiveSample>& samples);

class LiveRun {
 public:
  // Starts at once; the spec must pass check_spec().
  explicit LiveRun(const LiveSpec& spec);
  ~LiveRun();  // stops the threads and waits for them
  LiveRun(const LiveRun&) = delete;
  LiveRun& operator=(const LiveRun&) = delete;

  const LiveSpec& spec() const;
  void request_stop();
  bool running() const;  // false once every thread has finished
  // Why it stopped ("stopped", or the memory limit), once it has.
  std::string stop_reason() const;
  // The latest kMaxSamples, oldest first; or only those that end after
  // `after_seconds` (what a plot of the last minute needs).
  std::vector<LiveSample> samples(double after_seconds = -1) const;
  double latest_seconds() const;  // the end of the latest sample, 0 before the first
  static constexpr std::size_t kMaxSamples = 3000;  // five minutes at 100 ms

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace lfv::live
