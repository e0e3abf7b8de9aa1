// Driving a run: schedules written as "A*12 B*5 A", the scenario's script
// with its `until` conditions, and round-robin to finish.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lfv/scenario/scenario.hpp"
#include "lfv/sim/run.hpp"

namespace lfv::sim {

// The most thread choices a schedule may ask for in all.
inline constexpr std::size_t kMaxScheduleChoices = 1'000'000;
// The furthest back a schedule's "B~N" may ask a load to read.
inline constexpr std::uint32_t kMaxReadChoice = scenario::limits::kReadBack;

// Parses "A*12 B*5 A" (and, under c11, "B~1": B's load reads the store
// one back from the latest) into choices (program.hpp's choice_of), at most kMaxScheduleChoices in
// all. On error returns nullopt and sets *why (naming the token).
std::optional<std::vector<unsigned>> parse_schedule(std::string_view text, const scenario::Scenario& s,
                                                    std::string* why);
// The schedule in the same notation, runs of one thread folded: "A*12 B*5 A".
std::string format_schedule(const std::vector<unsigned>& choices, const Run& run);

// Whether step `e` of the run is the action an `until` names (through_action).
bool step_matches(const Run& run, const StepEvent& e, const scenario::Until& u);
// Whether thread t's published next action is the one an `until` names
// (before_action); heap events cannot be seen before they happen.
bool next_action_matches(const Run& run, unsigned t, const scenario::Until& u);

// Plays script step `index` on the run. Returns an error (at the script
// step's position) when its thread cannot reach the condition; a run that
// stops on a failure is not an error.
std::optional<scenario::ScenarioError> play_script_step(Run& run, std::size_t index);

// Steps the runnable threads in turn until the run finishes or `max_steps`
// were taken.
void run_round_robin(Run& run, std::size_t max_steps = SIZE_MAX);

// Where each played script step began: the index of its first step.
struct ScriptMark {
  std::uint32_t step = 0;
  std::size_t script_index = 0;
};

// The whole playback `lfvlab play` and `check` do: the schedule if given,
// else the script (recording where each script step began in *marks),
// else round-robin; then round-robin to the end.
std::optional<scenario::ScenarioError> play(Run& run, const std::optional<std::vector<unsigned>>& schedule,
                                            std::vector<ScriptMark>* marks = nullptr);

}  // namespace lfv::sim
