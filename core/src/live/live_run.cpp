#include "lfv/live/live_run.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>

#include "lfv/real_env.hpp"
#include "lfv/vector.hpp"

namespace lfv::live {
namespace {

using Clock = std::chrono::steady_clock;
constexpr unsigned kMutexEvery = 5;          // every fifth interval measures the baseline
constexpr unsigned kBatch = 32;              // operations between two looks at the phase
constexpr std::uint32_t kMixedPrefill = 8192;
constexpr std::uint32_t kReadPrefill = 65536;
constexpr unsigned kBurst = 256;

// The baseline: what a user would write instead.
class MutexVector {
 public:
  void push(std::uint32_t x) {
    std::lock_guard lock(m_);
    v_.push_back(x);
  }
  void pop() {
    std::lock_guard lock(m_);
    if (!v_.empty()) v_.pop_back();
  }
  void read(std::size_t i) {
    std::lock_guard lock(m_);
    if (i < v_.size()) sink_ = v_[i];
  }
  void write(std::size_t i, std::uint32_t x) {
    std::lock_guard lock(m_);
    if (i < v_.size()) v_[i] = x;
  }

 private:
  std::mutex m_;
  std::vector<std::uint32_t> v_;
  std::uint32_t sink_ = 0;  // keeps the read from being optimized away
};

// A worker's own state: its random numbers and where it is in a burst.
struct WorkerState {
  std::uint64_t rng;
  unsigned burst = 0;
  std::uint32_t next_value = 0;
  std::uint64_t next() { return rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17; }
};

// One operation of the workload's mix, on either container.
template <class Box>
void one_op(Box& box, LiveWorkload w, WorkerState& s) {
  switch (w) {
    case LiveWorkload::mixed:
      if (s.next() & 1) box.push(++s.next_value);
      else box.pop();
      return;
    case LiveWorkload::read_heavy: {
      const std::uint64_t r = s.next();
      const std::size_t i = std::size_t(r >> 8) % kReadPrefill;
      if (r % 10 == 0) box.write(i, ++s.next_value);
      else box.read(i);
      return;
    }
    case LiveWorkload::bursts:
      if (s.burst < kBurst) box.push(++s.next_value);
      else box.pop();
      s.burst = (s.burst + 1) % (2 * kBurst);
      return;
  }
}

struct alignas(64) OpCounters {  // a cache line per worker: each has one writer
  std::atomic<std::uint64_t> vector_ops{0}, mutex_ops{0};
};

struct Memory {
  std::int64_t live = 0, unreachable = 0;
};

// What the controller needs of a variant, with the variant's types erased.
class Engine {
 public:
  virtual ~Engine() = default;
  virtual void batch(bool on_mutex, WorkerState& s) = 0;
  virtual Memory memory() const = 0;
  virtual std::uint64_t failed_cas() const = 0;
};

template <Completion C, Reclaim R>
class VariantEngine final : public Engine {
  using Vector = LockFreeVector<std::uint32_t, RealEnv, C, R>;
  struct VectorBox {  // the vector with the baseline's member names
    Vector& v;
    void push(std::uint32_t x) { v.push(x); }
    void pop() { (void)v.pop(); }
    void read(std::size_t i) { (void)v.read(i); }
    void write(std::size_t i, std::uint32_t x) { (void)v.write(i, x); }
  };

 public:
  explicit VariantEngine(LiveWorkload w) : workload_(w) {
    const std::uint32_t prefill = w == LiveWorkload::read_heavy ? kReadPrefill : kMixedPrefill;
    for (std::uint32_t i = 0; i < prefill; ++i) {
      vector_.push(i);
      mutex_.push(i);
    }
  }
  void batch(bool on_mutex, WorkerState& s) override {
    VectorBox box{vector_};
    for (unsigned i = 0; i < kBatch; ++i) on_mutex ? one_op(mutex_, workload_, s) : one_op(box, workload_, s);
  }
  Memory memory() const override {
    const AllocationReport r = alloc_.report();
    const std::int64_t objects =
        r[ObjectKind::descriptor].live_bytes() + r[ObjectKind::write_descriptor].live_bytes();
    // The current descriptor and the write it holds apart (book, paper) are
    // reachable; the rest was replaced (plus the few threads are building).
    const std::int64_t current = std::int64_t(Vector::kDescriptorBytes + Vector::kWriteDescriptorBytes);
    return {r.total().live_bytes(), std::max<std::int64_t>(0, objects - current)};
  }
  std::uint64_t failed_cas() const override { return events_[Event::descriptor_cas_failed]; }

 private:
  LiveWorkload workload_;
  CountingAllocator alloc_;
  EventCounters events_;
  Vector vector_{RealEnv(alloc_, events_)};
  MutexVector mutex_;
};

std::unique_ptr<Engine> make_engine(const LiveSpec& spec) {
  return with_variant(spec.completion, spec.reclaim, [&]<Completion C, Reclaim R>() -> std::unique_ptr<Engine> {
    if constexpr (memory_safe_on_real_threads(C, R))
      return std::make_unique<VariantEngine<C, R>>(spec.workload);
    else
      return nullptr;  // refused by check_spec
  });
}

}  // namespace

std::string_view name(LiveWorkload w) {
  switch (w) {
    case LiveWorkload::mixed: return "push/pop 50/50";
    case LiveWorkload::read_heavy: return "read-heavy (90% read, 10% write)";
    case LiveWorkload::bursts: return "bursts (256 pushes, then 256 pops)";
  }
  return "?";
}

std::string_view key(LiveWorkload w) {
  switch (w) {
    case LiveWorkload::mixed: return "mixed";
    case LiveWorkload::read_heavy: return "read-heavy";
    case LiveWorkload::bursts: return "bursts";
  }
  return "?";
}

bool parse_live_workload(std::string_view s, LiveWorkload& out) {
  for (LiveWorkload w : kAllLiveWorkloads)
    if (s == key(w)) return out = w, true;
  return false;
}

unsigned max_live_threads() { return 2 * std::max(1u, std::thread::hardware_concurrency()); }

std::string check_spec(const LiveSpec& spec) {
  if (!memory_safe_on_real_threads(spec.completion, spec.reclaim))
    return std::string(name(spec.completion)) + " + " + std::string(name(spec.reclaim)) +
           " may use freed memory on real threads: the live run only runs the variants that cannot";
  if (spec.threads < 1 || spec.threads > max_live_threads())
    return "threads must be from 1 to " + std::to_string(max_live_threads()) + " (twice the hardware threads), not " +
           std::to_string(spec.threads);
  if (spec.interval_ms < 20 || spec.interval_ms > 5000)
    return "the sampling interval must be from 20 to 5000 ms, not " + std::to_string(spec.interval_ms);
  return {};
}

std::string describe(const LiveSpec& spec) {
  const unsigned hw = std::max(1u, std::thread::hardware_concurrency());
  std::string s = std::string(name(spec.completion)) + " + " + std::string(name(spec.reclaim));
  if (!known_defect(spec.completion, spec.reclaim).empty()) s += " (deliberately broken)";
  s += ", " + std::to_string(spec.threads) + " thread" + (spec.threads == 1 ? "" : "s");
  if (spec.threads > hw) s += " (oversubscribed: " + std::to_string(hw) + " hardware threads)";
  return s + ", " + std::string(name(spec.workload));
}

LiveMeans means(const std::vector<LiveSample>& samples) {
  LiveMeans m;
  double vector_share = 0, mutex_share = 0;
  for (const LiveSample& s : samples) {
    if (s.mutex) {
      ++m.mutex_samples, m.mutex_ops_per_second += s.ops_per_second, mutex_share += s.slowest_share;
    } else {
      ++m.vector_samples, m.vector_ops_per_second += s.ops_per_second, vector_share += s.slowest_share;
    }
  }
  if (m.vector_samples) {
    m.vector_ops_per_second /= m.vector_samples;
    m.vector_slowest_share = vector_share / m.vector_samples;
  }
  if (m.mutex_samples) {
    m.mutex_ops_per_second /= m.mutex_samples;
    m.mutex_slowest_share = mutex_share / m.mutex_samples;
  }
  return m;
}

struct LiveRun::Impl {
  LiveSpec spec;
  std::atomic<bool> stop{false};
  std::atomic<bool> running{true};
  std::atomic<int> phase{0};  // 0: the vector, 1: the mutex baseline
  std::mutex m;               // guards samples, reason and the wake-up
  std::condition_variable wake;
  std::deque<LiveSample> samples;
  std::string reason;
  std::thread controller;

  void control() {
    std::unique_ptr<Engine> engine = make_engine(spec);
    std::vector<OpCounters> counters(spec.threads);
    std::vector<std::thread> workers;
    for (unsigned t = 0; t < spec.threads; ++t)
      workers.emplace_back([this, &engine, &counters, t] {
        WorkerState s{0x9E3779B97F4A7C15ull * (t + 1)};
        OpCounters& c = counters[t];
        while (!stop.load(std::memory_order_relaxed)) {
          const bool on_mutex = phase.load(std::memory_order_relaxed) == 1;
          engine->batch(on_mutex, s);
          auto& n = on_mutex ? c.mutex_ops : c.vector_ops;
          n.store(n.load(std::memory_order_relaxed) + kBatch, std::memory_order_relaxed);
        }
      });

    const auto start = Clock::now();
    auto began = start;
    std::uint64_t last_failed = 0;
    std::vector<std::uint64_t> last_vector(spec.threads, 0), last_mutex(spec.threads, 0);  // per thread
    double failed_per_op = 0;
    std::string why = "stopped";
    for (std::uint64_t k = 0;; ++k) {
      const bool on_mutex = spec.compare_with_mutex && k % kMutexEvery == kMutexEvery - 1;
      phase.store(on_mutex ? 1 : 0, std::memory_order_relaxed);
      const auto until = began + std::chrono::milliseconds(spec.interval_ms);
      {
        std::unique_lock lock(m);
        if (wake.wait_until(lock, until, [&] { return stop.load(); })) break;
      }
      const auto now = Clock::now();
      const double dt = std::chrono::duration<double>(now - began).count();
      began = now;
      // This interval's operations, per thread, on the container it measured.
      std::uint64_t vector_done = 0, done = 0, slowest = UINT64_MAX;
      for (unsigned t = 0; t < spec.threads; ++t) {
        const std::uint64_t v = counters[t].vector_ops.load(std::memory_order_relaxed);
        const std::uint64_t m = counters[t].mutex_ops.load(std::memory_order_relaxed);
        const std::uint64_t mine = on_mutex ? m - last_mutex[t] : v - last_vector[t];
        vector_done += v - last_vector[t];
        done += mine;
        slowest = std::min(slowest, mine);
        last_vector[t] = v, last_mutex[t] = m;
      }
      const std::uint64_t failed = engine->failed_cas();
      if (!on_mutex && vector_done > 0) failed_per_op = double(failed - last_failed) / double(vector_done);
      LiveSample s;
      s.seconds = std::chrono::duration<double>(now - start).count();
      s.mutex = on_mutex;
      s.ops_per_second = double(done) / dt;
      s.slowest_share = done ? double(slowest) / (double(done) / spec.threads) : 1;
      s.failed_cas_per_op = failed_per_op;
      const Memory mem = engine->memory();
      s.live_bytes = double(mem.live);
      (spec.reclaim == Reclaim::leak ? s.leaked_bytes : s.retired_bytes) = double(mem.unreachable);
      last_failed = failed;
      {
        std::lock_guard lock(m);
        samples.push_back(s);
        if (samples.size() > kMaxSamples) samples.pop_front();
      }
      if (mem.live > spec.memory_limit_bytes) {
        why = "stopped at the memory limit: the vector held " + std::to_string(mem.live >> 20) + " MiB" +
              (spec.reclaim == Reclaim::leak ? ", nearly all of it leaked (lost until the app exits)" : "");
        break;
      }
    }
    stop.store(true);
    for (auto& w : workers) w.join();
    engine.reset();  // frees what the vector still reaches (under leak, not what it lost)
    {
      std::lock_guard lock(m);
      reason = why;
    }
    running.store(false);
  }
};

LiveRun::LiveRun(const LiveSpec& spec) : impl_(std::make_unique<Impl>()) {
  impl_->spec = spec;
  impl_->controller = std::thread([this] { impl_->control(); });
}

LiveRun::~LiveRun() {
  request_stop();
  impl_->controller.join();
}

const LiveSpec& LiveRun::spec() const { return impl_->spec; }

void LiveRun::request_stop() {
  {
    std::lock_guard lock(impl_->m);
    impl_->stop.store(true);
  }
  impl_->wake.notify_all();
}

bool LiveRun::running() const { return impl_->running.load(); }

std::string LiveRun::stop_reason() const {
  std::lock_guard lock(impl_->m);
  return impl_->reason;
}

double LiveRun::latest_seconds() const {
  std::lock_guard lock(impl_->m);
  return impl_->samples.empty() ? 0 : impl_->samples.back().seconds;
}

std::vector<LiveSample> LiveRun::samples(double after_seconds) const {
  std::lock_guard lock(impl_->m);
  const auto& all = impl_->samples;
  const auto from = std::upper_bound(all.begin(), all.end(), after_seconds,
                                     [](double s, const LiveSample& x) { return s < x.seconds; });
  return {from, all.end()};
}

}  // namespace lfv::live
