// The machinery of the vector benchmark: a fixed pool of pinned worker
// threads released together by a barrier and a start gate and timed by
// hand, a sampler thread that records the peak of live bytes, a way to run
// one row of the table in a child process of its own, and three readings of
// the machine (other processes' load, the CPUs' distance, page faults).
//
// No thread is created inside a timed region: the pool's threads and the
// sampler are started before the first batch of a row and joined after the
// last one.
#pragma once

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <type_traits>
#include <vector>

#if defined(__unix__) || defined(__APPLE__)
#include <sys/wait.h>
#include <unistd.h>
#define LFV_BENCH_CAN_FORK 1
#else
#define LFV_BENCH_CAN_FORK 0
#endif
#if defined(__linux__)
#include <pthread.h>
#include <sched.h>
#include <sys/resource.h>
#endif

#include "lfv/platform.hpp"
#include "lfv/thread_index.hpp"

namespace lfvbench {

using Clock = std::chrono::steady_clock;

// One batch: the time from the first worker's start to the last worker's
// finish, and how many operations the workers performed.
struct BatchTiming {
  double seconds = 0;
  std::uint64_t ops = 0;
};

// The CPUs this process may run on (Linux), else empty.
inline std::vector<int> usable_cpus() {
  std::vector<int> out;
#if defined(__linux__)
  cpu_set_t set;
  CPU_ZERO(&set);
  if (sched_getaffinity(0, sizeof set, &set) == 0)
    for (int c = 0; c < CPU_SETSIZE; ++c)
      if (CPU_ISSET(c, &set)) out.push_back(c);
#endif
  return out;
}

// Pins the calling thread to one CPU; false where that is not possible.
inline bool pin_to_cpu([[maybe_unused]] int cpu) {
#if defined(__linux__)
  cpu_set_t set;
  CPU_ZERO(&set);
  CPU_SET(cpu, &set);
  return pthread_setaffinity_np(pthread_self(), sizeof set, &set) == 0;
#else
  return false;
#endif
}

// A barrier whose waiters go to sleep at once (mutex and condition
// variable), so the main thread waiting for a batch to finish never holds a
// CPU a worker needs (libstdc++'s std::barrier spins a little first).
class BlockingBarrier {
 public:
  explicit BlockingBarrier(unsigned count) : count_(count), left_(count) {}
  void arrive_and_wait() {
    std::unique_lock lock(mutex_);
    const std::uint64_t phase = phase_;
    if (--left_ == 0) {
      left_ = count_;
      ++phase_;
      lock.unlock();
      cv_.notify_all();
      return;
    }
    cv_.wait(lock, [&] { return phase_ != phase; });
  }

 private:
  std::mutex mutex_;
  std::condition_variable cv_;
  const unsigned count_;
  unsigned left_;
  std::uint64_t phase_ = 0;
};

// n worker threads, created once. run(job) releases them all through a
// barrier and then a spinning start gate; worker t runs job(t), which
// returns how many operations it did. Each worker reads the clock itself
// just after the gate and just after its job: the batch's time runs from
// the first start to the last finish, so neither thread creation nor any
// wake-up is timed.
//
// Worker t is pinned to the t-th usable CPU (round robin): left to itself,
// the scheduler wakes both workers of a 2-thread batch on the CPU they last
// ran on and runs them one after the other for milliseconds, so a
// "2-thread" batch would measure no contention at all. With 4 workers on 2
// CPUs, two share each CPU: oversubscribed, as intended.
class ThreadPool {
 public:
  using Job = std::function<std::uint64_t(unsigned)>;

  explicit ThreadPool(unsigned n)
      : start_(n + 1), done_(n + 1), slots_(n), cpus_(usable_cpus()) {
    threads_.reserve(n);
    for (unsigned t = 0; t < n; ++t) threads_.emplace_back([this, t] { loop(t); });
  }
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;
  ~ThreadPool() {
    quit_ = true;  // published to the workers by the barrier
    start_.arrive_and_wait();
    for (auto& th : threads_) th.join();
  }

  BatchTiming run(const Job& job) {
    job_ = &job;
    gate_.store(0, std::memory_order_relaxed);  // published by the barrier
    start_.arrive_and_wait();
    done_.arrive_and_wait();
    Clock::time_point first = slots_[0].start, last = slots_[0].end;
    BatchTiming out;
    for (const Slot& s : slots_) {
      first = std::min(first, s.start);
      last = std::max(last, s.end);
      out.ops += s.ops;
    }
    out.seconds = std::chrono::duration<double>(last - first).count();
    return out;
  }

 private:
  struct alignas(64) Slot {
    Clock::time_point start{}, end{};
    std::uint64_t ops = 0;
  };

  void loop(unsigned t) {
    if (!cpus_.empty()) pin_to_cpu(cpus_[t % cpus_.size()]);
    (void)lfv::this_thread_index();  // register the thread's dense index before any timing
    for (;;) {
      start_.arrive_and_wait();
      if (quit_) return;
      // The start gate: no worker starts before every worker runs. A
      // woken thread can wait milliseconds for its CPU (an idle virtual CPU
      // must first be scheduled by the host); that wait is not the batch's.
      gate_.fetch_add(1, std::memory_order_acq_rel);
      for (unsigned spins = 0; gate_.load(std::memory_order_acquire) < slots_.size(); ++spins) {
        if (spins < 64) lfv::cpu_relax();
        else std::this_thread::yield();  // let a worker sharing this CPU reach the gate
      }
      Slot& s = slots_[t];
      s.start = Clock::now();
      s.ops = (*job_)(t);
      s.end = Clock::now();
      done_.arrive_and_wait();
    }
  }

  BlockingBarrier start_, done_;
  std::vector<Slot> slots_;
  std::vector<int> cpus_;
  std::vector<std::thread> threads_;
  const Job* job_ = nullptr;  // written before the start barrier, read after it
  std::atomic<unsigned> gate_{0};
  bool quit_ = false;
};

// A thread that reads live bytes about every millisecond while a batch runs
// and keeps the largest value. begin() and end() also take a sample each, so
// the peak is at least the live bytes at the release and at the finish.
// Between end() and the next begin() it sleeps on a condition variable and
// never wakes: on a 2-CPU machine, a thread waking every millisecond beside
// the workers costs them a third of their throughput, so the benchmark
// samples only in a batch of its own that is not timed.
class PeakSampler {
 public:
  using Probe = std::function<std::int64_t()>;

  explicit PeakSampler(Probe probe) : probe_(std::move(probe)), thread_([this] { loop(); }) {}
  PeakSampler(const PeakSampler&) = delete;
  PeakSampler& operator=(const PeakSampler&) = delete;
  ~PeakSampler() {
    {
      std::lock_guard lock(mutex_);
      quit_ = true;
    }
    cv_.notify_all();
    thread_.join();
  }

  void begin() {
    {
      std::lock_guard lock(mutex_);
      peak_ = probe_();
      samples_ = 1;
      active_ = true;
    }
    cv_.notify_all();
  }
  // The peak since begin(), and how many samples it is the largest of.
  std::pair<std::int64_t, std::uint64_t> end() {
    std::lock_guard lock(mutex_);
    peak_ = std::max(peak_, probe_());
    active_ = false;
    return {peak_, ++samples_};
  }

 private:
  void loop() {
    std::unique_lock lock(mutex_);
    for (;;) {
      cv_.wait(lock, [&] { return active_ || quit_; });
      if (quit_) return;
      lock.unlock();
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
      lock.lock();
      if (!active_) continue;
      peak_ = std::max(peak_, probe_());
      ++samples_;
    }
  }

  Probe probe_;
  std::mutex mutex_;
  std::condition_variable cv_;
  std::int64_t peak_ = 0;
  std::uint64_t samples_ = 0;
  bool active_ = false, quit_ = false;
  std::thread thread_;
};

// How busy the machine's CPUs were with other processes' work over an
// interval: all CPU time the kernel counts (/proc/stat), less this process's
// and its children's, as a fraction of the CPUs' capacity. Linux only; -1
// elsewhere. The figures are only meaningful on a quiet machine.
class ForeignLoad {
 public:
  ForeignLoad() : start_(now()) {}
  double fraction() const {
    const Snapshot end = now();
    const double wall = std::chrono::duration<double>(end.wall - start_.wall).count();
    const unsigned cpus = std::max(1u, std::thread::hardware_concurrency());
    if (start_.busy < 0 || end.busy < 0 || wall <= 0) return -1;
    const double others = (end.busy - start_.busy) - (end.ours - start_.ours);
    return std::clamp(others / (wall * cpus), 0.0, 1.0);
  }

 private:
  struct Snapshot {
    Clock::time_point wall;
    double busy = -1, ours = 0;  // CPU seconds
  };
  static Snapshot now() {
    Snapshot s;
    s.wall = Clock::now();
#if defined(__linux__)
    if (std::FILE* f = std::fopen("/proc/stat", "r")) {
      unsigned long long v[8] = {};
      if (std::fscanf(f, "cpu %llu %llu %llu %llu %llu %llu %llu %llu", &v[0], &v[1], &v[2], &v[3], &v[4], &v[5],
                      &v[6], &v[7]) == 8)
        s.busy = double(v[0] + v[1] + v[2] + v[5] + v[6] + v[7]) / double(sysconf(_SC_CLK_TCK));  // not idle, iowait
      std::fclose(f);
    }
    for (int who : {RUSAGE_SELF, RUSAGE_CHILDREN}) {
      rusage u{};
      getrusage(who, &u);
      s.ours += double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
    }
#endif
    return s;
  }
  Snapshot start_;
};

// How far apart the first two CPUs are: a cache line's round trip between
// two threads pinned to them (0 with fewer than 2 usable CPUs). A virtual
// machine's CPUs are the host's to place, and where it puts them changes
// the contended figures: the output prints this before and after the run.
inline double cache_line_round_trip_ns() {
  const std::vector<int> cpus = usable_cpus();
  if (cpus.size() < 2) return 0;
  std::atomic<int> ball{0};
  std::atomic<bool> stop{false};
  std::uint64_t trips = 0;
  double seconds = 0;
  std::thread server([&] {
    pin_to_cpu(cpus[1]);
    while (!stop.load(std::memory_order_relaxed))
      if (ball.load(std::memory_order_acquire) == 1) ball.store(0, std::memory_order_release);
  });
  std::thread client([&] {
    pin_to_cpu(cpus[0]);
    const auto t0 = Clock::now(), end = t0 + std::chrono::milliseconds(30);
    for (bool timed_out = false; !timed_out;) {
      ball.store(1, std::memory_order_release);
      for (unsigned spins = 1; !timed_out && ball.load(std::memory_order_acquire) != 0; ++spins)
        if (spins % 1024 == 0 && Clock::now() > end) timed_out = true;  // the server is not running
      if (!timed_out) ++trips;
      if (trips % 256 == 0 && Clock::now() > end) timed_out = true;
    }
    seconds = std::chrono::duration<double>(Clock::now() - t0).count();
    stop.store(true, std::memory_order_relaxed);
  });
  client.join();
  server.join();
  return trips ? seconds / double(trips) * 1e9 : 0;
}

// Minor page faults of this process so far (first touches of fresh memory);
// 0 where unknown.
inline long minor_page_faults() {
#if defined(__linux__)
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_minflt;
#else
  return 0;
#endif
}

// Runs f() in a child process and returns its (trivially copyable) result,
// or nothing if the child failed. Each row of the table starts from the same
// small heap, and what the `leak` variants leak is returned to the system
// when the child exits. Without fork(), f() runs in this process.
template <class R, class F>
std::optional<R> run_isolated(F&& f) {
  static_assert(std::is_trivially_copyable_v<R>);
#if LFV_BENCH_CAN_FORK
  std::fflush(nullptr);
  int fd[2];
  if (pipe(fd) != 0) return f();
  const pid_t pid = fork();
  if (pid < 0) {
    close(fd[0]);
    close(fd[1]);
    return f();
  }
  if (pid == 0) {
    close(fd[0]);
    const R r = f();
    const char* p = reinterpret_cast<const char*>(&r);
    std::size_t left = sizeof r;
    while (left > 0) {
      const ssize_t n = write(fd[1], p, left);
      if (n <= 0) _exit(3);
      p += n;
      left -= std::size_t(n);
    }
    _exit(0);  // no destructors, no stdio flush: the parent owns the output
  }
  close(fd[1]);
  R r;
  char* p = reinterpret_cast<char*>(&r);
  std::size_t got = 0;
  while (got < sizeof r) {
    const ssize_t n = read(fd[0], p + got, sizeof r - got);
    if (n <= 0) break;
    got += std::size_t(n);
  }
  close(fd[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  if (got != sizeof r || !WIFEXITED(status) || WEXITSTATUS(status) != 0) return std::nullopt;
  return r;
#else
  return f();
#endif
}

}  // namespace lfvbench
