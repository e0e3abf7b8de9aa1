// Concurrency cases, written once over a harness that runs threads:
// `harness.run(n, body)` runs body(0) .. body(n-1) concurrently and returns
// when all are done. RealThreads (real_threads.hpp) runs them on OS threads
// released together by a barrier; the simulator supplies a harness that runs
// them as fibers under a seeded schedule. The assertions are the same.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <mutex>
#include <unordered_set>
#include <vector>

#include "lfv/status.hpp"

namespace lfv::test {

// A small deterministic generator, so a failing seed can be replayed.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : s_(seed * 0x9E3779B97F4A7C15ull + 1) {}
  std::uint32_t next() {
    s_ ^= s_ << 13;
    s_ ^= s_ >> 7;
    s_ ^= s_ << 17;
    return static_cast<std::uint32_t>(s_ >> 11);
  }
  std::uint32_t below(std::uint32_t n) { return next() % n; }

 private:
  std::uint64_t s_;
};

struct MixedOps {
  unsigned threads = 4;
  unsigned ops_per_thread = 1000;
  std::uint64_t seed = 1;
  unsigned prefill = 16;
};

// A unique value per (thread, sequence): thread + 1 in the top byte.
inline std::uint32_t tagged_value(unsigned thread, std::uint32_t seq) {
  return (std::uint32_t(thread + 1) << 24) | (seq & 0xFFFFFF);
}

// Threads push, pop, read, take the size and reserve at random. Afterwards
// what was pushed must equal what was popped plus what remains, as
// multisets; every read must return a value that was pushed; and the size
// must never exceed what could be there.
template <class Vector, class Harness>
void check_mixed_ops(Vector& v, Harness& harness, const MixedOps& cfg) {
  std::vector<std::uint32_t> prefill;
  harness.run(1, [&](unsigned) {
    for (std::uint32_t i = 0; i < cfg.prefill; ++i) {
      prefill.push_back(tagged_value(200, i));
      ASSERT_EQ(v.push(prefill.back()), Status::ok);
    }
  });

  std::vector<std::vector<std::uint32_t>> pushed(cfg.threads), popped(cfg.threads), reads(cfg.threads);
  std::vector<std::size_t> max_size(cfg.threads, 0);
  harness.run(cfg.threads, [&](unsigned t) {
    Rng rng(cfg.seed * 1000 + t);
    for (unsigned i = 0; i < cfg.ops_per_thread; ++i) {
      const std::uint32_t r = rng.below(100);
      if (r < 45) {
        const std::uint32_t value = tagged_value(t, std::uint32_t(pushed[t].size()));
        EXPECT_EQ(v.push(value), Status::ok);
        pushed[t].push_back(value);
      } else if (r < 85) {
        if (auto x = v.pop()) popped[t].push_back(*x);
      } else if (r < 92) {
        max_size[t] = std::max(max_size[t], v.size());
      } else if (r < 99) {
        auto got = v.read(rng.below(64));
        if (got.ok()) reads[t].push_back(got.value);
      } else {
        EXPECT_EQ(v.reserve(rng.below(512)), Status::ok);
      }
    }
  });

  std::vector<std::uint32_t> remaining;
  harness.run(1, [&](unsigned) {
    while (auto x = v.pop()) remaining.push_back(*x);
    EXPECT_EQ(v.size(), 0u);
  });

  std::vector<std::uint32_t> in = prefill, out = remaining;
  for (auto& p : pushed) in.insert(in.end(), p.begin(), p.end());
  for (auto& p : popped) out.insert(out.end(), p.begin(), p.end());
  std::sort(in.begin(), in.end());
  std::sort(out.begin(), out.end());
  EXPECT_EQ(in.size(), out.size()) << "pushed " << in.size() << " values, found " << out.size();
  std::vector<std::uint32_t> lost, phantom;
  std::set_difference(in.begin(), in.end(), out.begin(), out.end(), std::back_inserter(lost));
  std::set_difference(out.begin(), out.end(), in.begin(), in.end(), std::back_inserter(phantom));
  EXPECT_TRUE(lost.empty()) << lost.size() << " pushed values were lost, first " << lost.front();
  EXPECT_TRUE(phantom.empty()) << phantom.size() << " values came out that were never pushed (or twice), first "
                               << phantom.front();

  const std::unordered_set<std::uint32_t> known(in.begin(), in.end());
  for (auto& rs : reads)
    for (std::uint32_t x : rs) EXPECT_TRUE(known.count(x)) << "read returned " << x << ", never pushed";
  const std::size_t most = in.size();
  for (std::size_t s : max_size) EXPECT_LE(s, most);
}

// Threads overwrite and read indices of a prefilled vector. Every read must
// return the initial value or one written to that very index.
template <class Vector, class Harness>
void check_reads_and_writes(Vector& v, Harness& harness, const MixedOps& cfg) {
  constexpr std::uint32_t kIndices = 24;  // across buckets 0, 1 and 2
  harness.run(1, [&](unsigned) {
    for (std::uint32_t i = 0; i < kIndices; ++i) ASSERT_EQ(v.push(tagged_value(200, i)), Status::ok);
  });
  struct Access {
    std::uint32_t index, value;
  };
  std::vector<std::vector<Access>> writes(cfg.threads), reads(cfg.threads);
  harness.run(cfg.threads, [&](unsigned t) {
    Rng rng(cfg.seed * 1000 + t);
    for (unsigned i = 0; i < cfg.ops_per_thread; ++i) {
      const std::uint32_t index = rng.below(kIndices);
      if (rng.below(2) == 0) {
        const std::uint32_t value = tagged_value(t, i);
        EXPECT_EQ(v.write(index, value), Status::ok);
        writes[t].push_back({index, value});
      } else {
        auto got = v.read(index);
        EXPECT_EQ(got.status, Status::ok);
        reads[t].push_back({index, got.value});
      }
    }
  });
  std::vector<std::unordered_set<std::uint32_t>> possible(kIndices);
  for (std::uint32_t i = 0; i < kIndices; ++i) possible[i].insert(tagged_value(200, i));
  for (auto& ws : writes)
    for (auto& w : ws) possible[w.index].insert(w.value);
  for (auto& rs : reads)
    for (auto& r : rs)
      EXPECT_TRUE(possible[r.index].count(r.value)) << "index " << r.index << " read " << r.value;
  harness.run(1, [&](unsigned) { EXPECT_EQ(v.size(), kIndices); });
}

}  // namespace lfv::test
