// What a search explores (subtree.cpp, search.cpp): a program that can be
// started afresh along any schedule, and how a finished execution is
// judged. The explorer's own subject is a scenario of the vector; a test's
// Treiber stack (core/tests/treiber_test.cpp) is another, searched by the
// same path, reduction and bound.
#pragma once

#include <memory>
#include <span>

#include "lfv/explore/explorer.hpp"
#include "lfv/sim/program.hpp"

namespace lfv::explore::detail {

class StateTracker;

class Subject {
 public:
  virtual ~Subject() = default;
  virtual unsigned thread_count() const = 0;
  // A fresh run stepped through `schedule`; it stops early at a choice
  // that cannot move.
  virtual std::unique_ptr<sim::Program> replay(std::span<const unsigned> schedule) const = 0;
  // What went wrong in a finished run; kind none when it is fine.
  virtual Outcome judge(const sim::Program& run) const = 0;
  // Every finished execution, before it is judged (ExploreOptions::on_execution).
  virtual void on_execution(const sim::Program&) const {}
  // State caching keys a state by the specification's abstract state
  // (state_key.hpp, the vector's): sets `tracker` to the initial state, or
  // says false, and the search does not cache.
  virtual bool reset_states(StateTracker&) const { return false; }
};

// A scenario of the vector, under the options' variant.
class ScenarioSubject final : public Subject {
 public:
  ScenarioSubject(const scenario::Scenario& s, const ExploreOptions& o) : s_(s), o_(o) {}
  unsigned thread_count() const override { return unsigned(s_.threads.size()); }
  std::unique_ptr<sim::Program> replay(std::span<const unsigned> schedule) const override;
  Outcome judge(const sim::Program& run) const override;
  void on_execution(const sim::Program& run) const override;
  bool reset_states(StateTracker& tracker) const override;

 private:
  const scenario::Scenario& s_;
  const ExploreOptions& o_;
};

}  // namespace lfv::explore::detail
