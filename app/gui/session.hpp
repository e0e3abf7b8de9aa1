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
#include <utility>
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
  // A new variant keeps the weakened orders its code has and drops the
  // others, saying which in notice().
  void set_variant(Completion c, Reclaim r);
  // What the last change did that the user did not ask for in so many
  // words (a dropped weakening); the app shows it in its status note once.
  const std::string& notice() const { return notice_; }
  std::string take_notice() { return std::exchange(notice_, std::string()); }
  // --memory-model and --weaken (lfvlab shot, open): over each loaded file's
  // memory_model and [orders]; set before load.
  void set_memory_flags(const sim::MemoryChoice& m) { memory_flags_ = m; }
  // The memory model and weakened orders the run takes (choose_memory).
  const sim::RunOptions& memory() const { return memory_; }
  bool orders_weakened() const { return memory_.memory_model == sim::MemoryModel::c11 && memory_.weaken.any(); }
  // The Orders window's choices: they replace the loaded file's (and the
  // flags') until the next load, and rebuild the run, keeping the position.
  // Weakening a numbered order to one of its weakening_steps, or back to
  // what the code declares; anything else (a stronger order, a tag the
  // variant does not run, one with no access of its own, or under sc) is
  // refused: returns why, and nothing changes.
  std::optional<std::string> weaken_order(Order tag, std::memory_order mo);
  void restore_declared_orders();
  // sc or c11; under sc no order is weakened (none could matter).
  void set_memory_model(sim::MemoryModel m);

  // Moving on the timeline. Stepping a thread by hand other than the
  // planned one leaves the script: the choices after it are dropped, and
  // the rest of the run is planned round-robin from there.
  // `read` (c11): the load reads the store that many back from the latest,
  // one of the snapshot's next->may_read (the thread card's choice).
  bool step_thread(unsigned t, std::uint32_t read = 0);
  // Safe branching. undo_choice puts the timeline back as it was before the
  // last thread chosen by hand (or the last back_to_script); back_to_script
  // takes the script up again at the current step, which it can when the
  // steps taken so far are the script's own.
  bool undo_choice();
  bool can_undo() const { return !undo_.empty(); }
  bool back_to_script();
  bool can_go_back_to_script() const;
  // Where the planned choices leave the script (the first choice made by
  // hand that differs from it), if they do.
  std::optional<std::size_t> leaves_script_at() const;
  // The current position is past that point: what follows is round-robin.
  bool off_script() const;
  void back();
  void forward();
  void go_to(std::size_t position);
  void next_stop();
  void previous_stop();
  void reset() { go_to(0); }

  // Playing: a timed advance of `speed` steps a second, run by the app each
  // frame whatever windows are drawn (presenter mode draws no Controls).
  // It stops by itself at the end of the timeline.
  bool playing() const { return playing_; }
  void set_playing(bool on);
  void toggle_playing() { set_playing(!playing_); }
  void advance_play(double seconds, double speed);

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
  // The same, structured (explore::coverage); none before any search.
  const std::optional<explore::Coverage>& explore_coverage() const { return explore_coverage_; }

  const scenario::Scenario& scenario() const { return scenario_; }
  // Changes whenever the scenario or the variant does (a load, even of the
  // same file, or a new variant): what follows the timeline starts again.
  std::uint64_t generation() const { return generation_; }
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
  void set_plan();         // the current choices and stops become the script to go back to
  void set_memory(const sim::RunOptions& m);  // a new model or weakening: the run again

  scenario::Scenario scenario_;
  std::string path_;
  Completion completion_ = Completion::versioned;
  Reclaim reclaim_ = Reclaim::hazard;
  sim::MemoryChoice memory_flags_;
  sim::RunOptions memory_;  // its memory model and weakening; the step limit stays the default
  std::unique_ptr<sim::Run> run_;
  sim::Snapshot snapshot_;
  std::vector<unsigned> choices_;
  std::size_t position_ = 0;
  // stops_: the ends of the script steps that pause (next/previous stop
  // there); script_ends_: the end of every script step (the narration
  // changes at each).
  std::vector<StopPoint> stops_, script_ends_;
  // The script as planned (the scenario's, or a loaded counterexample), and
  // the timelines before each choice made by hand, for undo.
  struct Timeline {
    std::vector<unsigned> choices;
    std::vector<StopPoint> stops;
    std::size_t position = 0;
    std::vector<StopPoint> script_ends;
  };
  Timeline script_;
  std::vector<Timeline> undo_;
  std::optional<explore::Outcome> verdict_;
  std::string witness_;
  std::string error_;
  std::string notice_;

  std::thread explore_thread_;
  std::atomic<bool> explore_cancel_{false}, explore_done_{false};
  std::atomic<std::uint64_t> explore_executions_{0};
  std::optional<explore::ExploreResult> explore_result_;
  std::vector<explore::Narration> explore_narration_;  // of a loaded counterexample
  std::string explore_status_;
  std::optional<explore::Coverage> explore_coverage_;
  std::optional<FailureKind> explore_want_;

  std::uint64_t generation_ = 0;
  bool playing_ = false;
  double play_credit_ = 0;  // fractional steps owed while playing
};

}  // namespace lfv::gui
