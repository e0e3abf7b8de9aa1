// A second data structure, test-only: Treiber's lock-free stack, written
// once over an environment like the vector. It proves the simulator engine
// (sim/context) is generic: it steps this stack with no observer and no
// knowledge of it. Popped nodes are handed back, not freed: with no
// reclamation scheme, freeing them would be the use-after-free the vector's
// hazard pointers exist to prevent.
#pragma once

#include <atomic>
#include <optional>

#include "lfv/counters.hpp"
#include "lfv/site.hpp"

namespace lfv::test {

template <class Env>
class TreiberStack {
 public:
  struct Node {
    int value;
    Node* next;
  };

  explicit TreiberStack(Env env) : env_(env) {}

  void push(int v) {
    Node* n = env_.template create<Node>(ObjectKind::descriptor, v, nullptr);
    Node* top = top_.load(std::memory_order_relaxed, {});
    do {
      n->next = top;  // private until the CAS publishes it
    } while (!top_.compare_exchange_weak(top, n, std::memory_order_release, std::memory_order_relaxed, {}));
  }

  // The popped node (its value is node->value), or null when empty.
  Node* pop() {
    Node* top = top_.load(std::memory_order_acquire, {});
    while (top && !top_.compare_exchange_weak(top, env_.read(top->next), std::memory_order_acquire,
                                              std::memory_order_acquire, {})) {
    }
    return top;
  }

  // DELIBERATELY BROKEN, for the explorer's tests: the head is replaced by
  // a plain store, not a CAS, so two pops that read the same head both
  // take its node.
  Node* pop_broken_store_not_cas() {
    Node* top = top_.load(std::memory_order_acquire, {});
    if (top) top_.store(env_.read(top->next), std::memory_order_release, {});
    return top;
  }

 private:
  Env env_;
  typename Env::template Atomic<Node*> top_{};
};

}  // namespace lfv::test
