// The real-thread harness for concurrency_cases.hpp: OS threads, created
// first and then released together by a barrier.
#pragma once

#include <barrier>
#include <thread>
#include <vector>

namespace lfv::test {

struct RealThreads {
  template <class Body>
  void run(unsigned n, Body&& body) {
    std::barrier start(static_cast<std::ptrdiff_t>(n));
    std::vector<std::jthread> threads;
    threads.reserve(n);
    for (unsigned t = 0; t < n; ++t)
      threads.emplace_back([&, t] {
        start.arrive_and_wait();
        body(t);
      });
  }
};

}  // namespace lfv::test
