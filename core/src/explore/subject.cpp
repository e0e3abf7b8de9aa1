#include "subject.hpp"

#include "lfv/sim/run.hpp"
#include "state_key.hpp"

namespace lfv::explore::detail {
namespace {
// Every program a ScenarioSubject hands out is a run of the vector.
const sim::Run& run_of(const sim::Program& p) { return static_cast<const sim::Run&>(p); }
}  // namespace

std::unique_ptr<sim::Program> ScenarioSubject::replay(std::span<const unsigned> schedule) const {
  return sim::replay(s_, o_.completion, o_.reclaim, schedule, run_options(o_, o_.step_limit));
}

Outcome ScenarioSubject::judge(const sim::Program& run) const { return explore::judge(run_of(run)); }

void ScenarioSubject::on_execution(const sim::Program& run) const {
  if (o_.on_execution) o_.on_execution(run_of(run));
}

bool ScenarioSubject::reset_states(StateTracker& tracker) const {
  tracker.reset(s_);
  return true;
}

}  // namespace lfv::explore::detail
