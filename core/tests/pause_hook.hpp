// A real environment that can stop a thread just before a chosen atomic
// action and run other threads' operations to completion there. It makes
// the interleavings the unit tests need (a pending write seen by others, a
// lost descriptor CAS) deterministic without the simulator.
#pragma once

#include <functional>
#include <string_view>
#include <thread>

#include "lfv/real_env.hpp"

namespace lfv::test {

struct PauseHook {
  // Per thread: other threads run their operations unhooked.
  // Returns true once it has fired, which disarms it.
  static inline thread_local std::function<bool(const Site&)> on_action;

  static void before(const Site& site, const std::source_location&) {
    if (on_action && on_action(site)) on_action = nullptr;
  }
};

using PausableEnv = BasicRealEnv<PauseHook>;

// Before the `nth` action of the calling thread that is `action`, runs
// `interlude` on another thread and waits for it. Fires once.
inline void pause_before(Action action, int nth, std::function<void()> interlude) {
  PauseHook::on_action = [action, nth, seen = 0, interlude = std::move(interlude)](const Site& s) mutable {
    if (s.action != action || ++seen != nth) return false;
    std::thread other(interlude);
    other.join();
    return true;
  };
}

inline void clear_pause() { PauseHook::on_action = nullptr; }

}  // namespace lfv::test
