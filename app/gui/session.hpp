// The GUI's one piece of state about the model: which scenario and variant
// are loaded, the timeline of thread choices, and where on it we stand. The
// run, its log and its snapshot are the only source the windows draw from;
// moving on the timeline replays the run (a run is a pure function of the
// scenario and the choices).
#pragma once

#include <atomic>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "lfv/explore/explorer.hpp"
#include "lfv/scenario/scenario.hpp"
#include "lfv/sim/drive.hpp"
#include "lfv/sim/run.hpp"

namespace lfv::gui {

// The end of a script step (or of a counterexample's key step): the step
// the run reached, and whether the presenter's "next" stops there (the
// step's `pause`, true unless the scenario says `pause = false`).
struct StopPoint {
  std::uint32_t step = 0;
  std::size_t script_index = 0;
  bool pause = true;
};

class Session {
 public:
  Session();
  ~Session();

  // Loads a scenario file. On bad input keeps the current run and returns
  // the file:line:col message (also kept in error()).
  bool load(const std::string& path);
  bool load_scenario(scenario::Scenario s, const std::string& path);
  void set_variant(Completion c, Reclaim r);

  // Moving on the timeline. Stepping a thread by hand at an earlier point
  // drops the choices after it.
  bool step_thread(unsigned t);
  void back();
  void forward();
  void go_to(std::size_t position);
  void next_stop();
  void previous_stop();
  void reset() { go_to(0); }

  // Saves the choices made so far as a scenario with a script.
  bool save_as_scenario(const std::string& path, std::string* error) const;

  // The explorer, in the background. With a wanted kind only that kind
  // counts as a finding (lfvlab explore --want).
  void set_explore_want(std::optional<FailureKind> k) { explore_want_ = k; }
  std::optional<FailureKind> explore_want() const { return explore_want_; }
  void start_explore();
  void cancel_explore();
  bool exploring() const { return explore_thread_.joinable() && !explore_done_; }
  std::uint64_t explore_executions() const { return explore_executions_; }
  // Called each frame: takes a finished search's counterexample onto the timeline.
  void poll_explore();
  // What the last search covered, in explore::coverage_text's words.
  const std::string& explore_status() const { return explore_status_; }

  const scenario::Scenario& scenario() const { return scenario_; }
  const std::string& path() const { return path_; }
  Completion completion() const { return completion_; }
  Reclaim reclaim() const { return reclaim_; }
  const sim::Run& run() const { return *run_; }
  const sim::Snapshot& snapshot() const { return snapshot_; }
  const std::vector<unsigned>& choices() const { return choices_; }
  std::size_t position() const { return position_; }
  // Where "next" and "previous" stop: the ends of the script steps that pause.
  const std::vector<StopPoint>& stops() const { return stops_; }
  // The end of every script step, pausing or not (the narration changes at each).
  const std::vector<StopPoint>& script_ends() const { return script_ends_; }
  // The narration in force at the current position: the last `say` of the
  // script steps played through, or the counterexample's words at its last
  // key step.
  std::optional<std::size_t> current_script_step() const;
  std::string narration() const;
  const std::string& error() const { return error_; }
  void clear_error() { error_.clear(); }
  // The verdict on a finished run (its failure, or the checker's), and for
  // a linearizable one a witness order ("A: push 1, B: pop, ...").
  const std::optional<explore::Outcome>& verdict() const { return verdict_; }
  const std::string& witness() const { return witness_; }

 private:
  void rebuild();          // a fresh run at position_, and its snapshot
  void plan_script();      // the choices and stops of the scenario's script
  void refresh();          // snapshot and verdict after moving

  scenario::Scenario scenario_;
  std::string path_;
  Completion completion_ = Completion::versioned;
  Reclaim reclaim_ = Reclaim::hazard;
  std::unique_ptr<sim::Run> run_;
  sim::Snapshot snapshot_;
  std::vector<unsigned> choices_;
  std::size_t position_ = 0;
  std::vector<StopPoint> stops_, script_ends_;
  std::optional<explore::Outcome> verdict_;
  std::string witness_;
  std::string error_;

  std::thread explore_thread_;
  std::atomic<bool> explore_cancel_{false}, explore_done_{false};
  std::atomic<std::uint64_t> explore_executions_{0};
  std::optional<explore::ExploreResult> explore_result_;
  std::vector<explore::Narration> explore_narration_;  // of a loaded counterexample
  std::string explore_status_;
  std::optional<FailureKind> explore_want_;
};

}  // namespace lfv::gui
