#include "session.hpp"

#include <algorithm>
#include <fstream>

#include "lfv/sim/declared_orders.hpp"

namespace lfv::gui {

Session::Session() {
  scenario_.title = "(no scenario)";
  rebuild();
}

Session::~Session() { cancel_explore(); }

bool Session::load(const std::string& path) {
  auto loaded = scenario::load_scenario(path);
  if (auto* e = std::get_if<scenario::ScenarioError>(&loaded)) {
    error_ = e->text();
    return false;
  }
  return load_scenario(std::get<scenario::Scenario>(std::move(loaded)), path);
}

bool Session::load_scenario(scenario::Scenario s, const std::string& path) {
  if (auto e = scenario::check_variant(s, s.completion, s.reclaim)) {
    error_ = e->text();
    return false;
  }
  sim::RunOptions memory;
  if (auto why = sim::choose_memory(s, memory_flags_, memory)) {
    error_ = path + ": " + *why;
    return false;
  }
  memory_ = memory;
  cancel_explore();
  scenario_ = std::move(s);
  path_ = path;
  ++generation_;
  completion_ = scenario_.completion;
  reclaim_ = scenario_.reclaim;
  error_.clear();
  notice_.clear();
  explore_status_.clear();
  explore_coverage_.reset();
  plan_script();
  position_ = 0;
  rebuild();
  return true;
}

void Session::set_variant(Completion c, Reclaim r) {
  if (auto e = scenario::check_variant(scenario_, c, r)) {
    error_ = e->text() + " (the variant is unchanged)";
    return;
  }
  cancel_explore();
  explore_coverage_.reset();  // it covered the other variant
  completion_ = c;
  reclaim_ = r;
  // A weakening is of a numbered order in the code: one the new variant's
  // code has is kept (the lecturer asked for it), one it lacks is dropped,
  // so "orders weakened" never names an order that is not run, and going
  // back does not bring it back unasked. The notice says which.
  std::string dropped;
  for (std::size_t i = 0; i < memory_.weaken.to.size(); ++i) {
    auto& to = memory_.weaken.to[i];
    if (!to || sim::in_scope(sim::declared(Order(i)).scope, c, r)) continue;
    dropped += (dropped.empty() ? "" : " ") + std::string(name(Order(i))) + "=" + std::string(sim::name(*to));
    to.reset();
  }
  if (!dropped.empty()) {
    const std::string variant = std::string(name(c)) + " + " + std::string(name(r));
    notice_ = "weakening dropped: " + dropped + " (not in " + variant + "'s code)" +
              (memory_.weaken.any() ? "; kept: " + memory_.weaken.text() : "");
  }
  ++generation_;
  plan_script();
  position_ = std::min(position_, choices_.size());
  rebuild();
}

void Session::set_memory(const sim::RunOptions& m) {
  cancel_explore();
  explore_coverage_.reset();  // it searched under the other orders
  explore_status_.clear();
  memory_ = m;
  ++generation_;
  plan_script();
  position_ = std::min(position_, choices_.size());
  rebuild();
}

std::optional<std::string> Session::weaken_order(Order tag, std::memory_order mo) {
  if (tag == Order::none || std::size_t(tag) >= std::size_t(Order::count_)) return "no such numbered order";
  const sim::DeclaredOrder& d = sim::declared(tag);
  const std::string me = "(" + std::string(name(tag)) + ")";
  if (memory_.memory_model != sim::MemoryModel::c11)
    return "weakening " + me + " needs the c11 memory model: under sc every step is ordered, no order can matter";
  if (d.carried_by != Order::none)
    return me + " has no access of its own: it runs as the load it stands for, (" + std::string(name(d.carried_by)) +
           ") or (V3); weaken that";
  if (!sim::in_scope(d.scope, completion_, reclaim_))
    return me + " is not in this variant's code (" + std::string(name(d.scope)) + "): weakening it changes nothing";
  const auto steps = sim::weakening_steps(d);
  if (mo != d.order && std::find(steps.begin(), steps.end(), mo) == steps.end()) {
    std::string offered;
    for (std::memory_order o : steps) offered += (offered.empty() ? "" : ", ") + std::string(sim::name(o));
    return me + " declares " + std::string(sim::name(d.order)) + ": " + std::string(sim::name(mo)) +
           " is not weaker (an order can only be weakened, never strengthened past what the code declares; " +
           "its weaker orders: " + offered + ")";
  }
  sim::RunOptions m = memory_;
  if (mo == d.order) m.weaken.to[std::size_t(tag)].reset();
  else m.weaken.to[std::size_t(tag)] = mo;
  if (m.weaken.to != memory_.weaken.to) set_memory(m);
  return std::nullopt;
}

void Session::restore_declared_orders() {
  if (!memory_.weaken.any()) return;
  sim::RunOptions m = memory_;
  m.weaken = {};
  set_memory(m);
}

void Session::set_memory_model(sim::MemoryModel model) {
  if (model == memory_.memory_model) return;
  sim::RunOptions m = memory_;
  m.memory_model = model;
  m.weaken = {};  // sc: nothing can be weakened; c11 from sc: the declared orders
  set_memory(m);
}

// The script's choices, and a stop at the end of each script step that
// pauses: the presenter's "next" plays the script through to there and
// shows its narration beside its result. A step with `pause = false` runs on
// into the next one, so a scenario can set up a moment in several steps.
void Session::plan_script() {
  explore_narration_.clear();
  auto run = sim::start_run(scenario_, completion_, reclaim_, memory_);
  stops_.clear();
  script_ends_.clear();
  for (std::size_t i = 0; i < scenario_.script.size() && !run->stopped(); ++i) {  // as sim::play
    if (auto e = sim::play_script_step(*run, i)) {
      error_ = e->text();
      break;
    }
    script_ends_.push_back({std::uint32_t(run->log().steps.size()), i, scenario_.script[i].pause});
    if (script_ends_.back().pause) stops_.push_back(script_ends_.back());
  }
  sim::run_round_robin(*run);
  choices_ = run->schedule();
  set_plan();
}

void Session::set_plan() {
  script_ = {choices_, stops_, 0, script_ends_};
  undo_.clear();
}

void Session::rebuild() {
  run_ = sim::replay(scenario_, completion_, reclaim_, std::span(choices_).first(std::min(position_, choices_.size())),
                     memory_);
  position_ = run_->schedule().size();
  refresh();
}

void Session::refresh() {
  snapshot_ = run_->snapshot();
  verdict_.reset();
  witness_.clear();
  if (!run_->finished()) return;
  verdict_ = explore::judge(*run_);
  if (verdict_->kind != FailureKind::none) return;
  // The witness: an order of the operations that a sequential vector explains.
  const auto history = check::history_from_log(run_->log());
  for (std::size_t i : check::check_linearizable(history, explore::checker_options(*run_)).witness)
    witness_ += (witness_.empty() ? "" : ", ") + run_->thread_name(history[i].thread) + ": " + history[i].op.text();
}

bool Session::step_thread(unsigned t, std::uint32_t read) {
  // The planned step: of this thread (with the read it plans, under c11),
  // or exactly this read when one is asked for.
  const unsigned choice = sim::choice_of(t, read);
  if (position_ < choices_.size() &&
      (read == 0 ? sim::thread_of(choices_[position_]) == t : choices_[position_] == choice)) {
    undo_.push_back({choices_, stops_, position_, script_ends_});
    forward();
    return true;
  }
  if (!run_->runnable(t) || (read > 0 && read >= run_->read_choices(t))) return false;
  undo_.push_back({choices_, stops_, position_, script_ends_});
  choices_.resize(position_);
  // A different path from here: the script's later stop points no longer apply.
  std::erase_if(stops_, [&](const StopPoint& s) { return s.step > position_; });
  std::erase_if(script_ends_, [&](const StopPoint& s) { return s.step > position_; });
  run_->step(choice);
  choices_.push_back(choice);
  ++position_;
  // The rest of the run, planned round-robin: Right, `.` and Play go on from here.
  auto ahead = sim::replay(scenario_, completion_, reclaim_, choices_, memory_);
  sim::run_round_robin(*ahead);
  choices_ = ahead->schedule();
  refresh();
  return true;
}

bool Session::undo_choice() {
  if (undo_.empty()) return false;
  Timeline last = std::move(undo_.back());
  undo_.pop_back();
  choices_ = std::move(last.choices);
  stops_ = std::move(last.stops);
  script_ends_ = std::move(last.script_ends);
  position_ = last.position;
  rebuild();
  return true;
}

std::optional<std::size_t> Session::leaves_script_at() const {
  const auto& planned = script_.choices;
  const std::size_t n = std::min(choices_.size(), planned.size());
  const auto [a, b] = std::mismatch(choices_.begin(), choices_.begin() + std::ptrdiff_t(n), planned.begin());
  if (a != choices_.begin() + std::ptrdiff_t(n) || choices_.size() != planned.size()) return std::size_t(a - choices_.begin());
  return std::nullopt;
}

bool Session::off_script() const {
  const auto at = leaves_script_at();
  return at && position_ > *at;
}

bool Session::can_go_back_to_script() const {
  const auto at = leaves_script_at();
  return at && position_ <= *at;
}

bool Session::back_to_script() {
  if (!can_go_back_to_script()) return false;
  undo_.push_back({choices_, stops_, position_, script_ends_});
  choices_ = script_.choices;  // the same steps up to here: the run stands as it is
  stops_ = script_.stops;
  script_ends_ = script_.script_ends;
  refresh();
  return true;
}

void Session::back() {
  if (position_ > 0) go_to(position_ - 1);
}

void Session::forward() {
  if (position_ >= choices_.size() || !run_->step(choices_[position_])) return;
  ++position_;
  refresh();
}

void Session::go_to(std::size_t k) {
  k = std::min(k, choices_.size());
  if (k == position_) return;
  if (k > position_) {
    while (position_ < k && run_->step(choices_[position_])) ++position_;
    refresh();
  } else {
    position_ = k;
    rebuild();
  }
}

void Session::next_stop() {
  for (const StopPoint& s : stops_)
    if (s.step > position_) return go_to(s.step);
  go_to(choices_.size());
}

void Session::previous_stop() {
  std::size_t target = 0;
  for (const StopPoint& s : stops_)
    if (s.step < position_) target = s.step;
  go_to(target);
}

void Session::set_playing(bool on) {
  playing_ = on;
  play_credit_ = 0;
}

void Session::advance_play(double seconds, double speed) {
  if (!playing_) return;
  play_credit_ += seconds * speed;
  while (play_credit_ >= 1 && playing_) {
    play_credit_ -= 1;
    const auto before = position_;
    forward();
    if (position_ == before) set_playing(false);  // the end, or a step that cannot be taken
  }
}

std::optional<std::size_t> Session::current_script_step() const {
  std::optional<std::size_t> current;
  for (const StopPoint& s : script_ends_)
    if (s.step <= position_ && position_ > 0) current = s.script_index;
  return current;
}

std::string Session::narration() const {
  if (const auto at = leaves_script_at(); at && position_ > *at)
    return "Off the script: round-robin from step " + std::to_string(*at + 1) + ", where " +
           run_->thread_name(sim::thread_of(choices_[*at])) + " was chosen by hand.";
  if (!explore_narration_.empty()) {
    std::string text;
    for (const auto& n : explore_narration_)
      if (n.step < position_) text = n.text;
    return text;
  }
  // A step without a `say` leaves the last one standing (docs/scenario-format.md).
  if (auto i = current_script_step())
    for (std::size_t k = *i + 1; k-- > 0;)
      if (scenario_.script[k].say) return *scenario_.script[k].say;
  return position_ == 0 ? scenario_.about : std::string();
}

bool Session::save_as_scenario(const std::string& path, std::string* error) const {
  std::vector<unsigned> taken(choices_.begin(), choices_.begin() + std::ptrdiff_t(position_));
  const std::string text = explore::schedule_toml(
      scenario_, completion_, reclaim_, taken, {}, scenario_.title + " (saved interleaving)", scenario_.about,
      "Saved from the lfvlab app: the interleaving stepped by hand, " + std::to_string(taken.size()) + " steps.",
      std::nullopt, memory_);
  std::ofstream f(path);
  f << text;
  if (!f) {
    *error = "cannot write " + path;
    return false;
  }
  return true;
}

void Session::start_explore() {
  cancel_explore();
  explore_cancel_ = false;
  explore_done_ = false;
  explore_executions_ = 0;
  explore_status_ = "exploring...";
  explore_coverage_.reset();
  explore::ExploreOptions o;
  o.completion = completion_;
  o.reclaim = reclaim_;
  o.want = explore_want_;
  o.memory_model = memory_.memory_model;
  o.weaken = memory_.weaken;
  o.workers = 0;  // every core: the result does not depend on it
  o.on_progress = [this](const explore::Progress& p) {
    explore_executions_ = p.executions;
    return !explore_cancel_.load();
  };
  explore_thread_ = std::thread([this, s = scenario_, o] {
    explore_result_ = explore::explore(s, o);
    explore_done_ = true;
  });
}

void Session::cancel_explore() {
  explore_cancel_ = true;
  if (explore_thread_.joinable()) {
    explore_thread_.join();
    // What the search covered before it was stopped, never a plain "no failure".
    if (explore_result_) {
      explore_coverage_ = explore::coverage(*explore_result_);
      explore_status_ = explore::coverage_text(*explore_coverage_);
    }
  }
  explore_result_.reset();
}

void Session::poll_explore() {
  if (!explore_thread_.joinable() || !explore_done_) return;
  explore_thread_.join();
  const explore::ExploreResult r = std::move(*explore_result_);
  explore_result_.reset();
  explore_coverage_ = explore::coverage(r);
  explore_status_ = explore::coverage_text(*explore_coverage_);  // the CLI's words
  if (!r.failure) return;
  explore_status_ += " The counterexample is loaded.";
  choices_ = r.failure->schedule;
  stops_.clear();
  for (const auto& n : r.failure->narration) stops_.push_back({n.step + 1, 0, true});
  script_ends_ = stops_;
  explore_narration_ = r.failure->narration;
  set_plan();
  position_ = 0;
  rebuild();
}

}  // namespace lfv::gui
