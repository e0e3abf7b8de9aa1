#include "headsup.hpp"

#include "lfv/sim/describe.hpp"

namespace lfv::gui {

namespace {

std::string script_line(const Session& s) {
  if (s.off_script()) return "off the script: round-robin";
  const auto& stops = s.stops();
  if (stops.empty()) return "";
  std::size_t passed = 0;
  for (const StopPoint& p : stops) passed += p.step <= s.position() && s.position() > 0;
  // A loaded counterexample's stops are its narrated key steps.
  const bool counterexample = s.explore_coverage() && s.explore_coverage()->found;
  const std::size_t of = counterexample ? stops.size() : s.scenario().script.size();
  return (counterexample ? "key step " : "script step ") + std::to_string(passed) + " of " + std::to_string(of);
}

std::string verdict_line(const Session& s, bool* failure) {
  *failure = true;
  if (const auto& f = s.snapshot().failure)
    return std::string(name(f->kind)) + " at step " + std::to_string(f->step) + ": " + f->message;
  if (const auto& v = s.verdict(); v && v->kind != FailureKind::none) return std::string(name(v->kind)) + ": " + v->message;
  *failure = false;
  if (s.exploring()) return "exploring: " + std::to_string(s.explore_executions()) + " executions so far";
  if (const auto& c = s.explore_coverage()) {
    if (c->found) {
      *failure = true;
      return "explore found " + std::string(name(*c->found)) + " (" + explore::coverage_brief(*c) +
             "): the counterexample is loaded";
    }
    return "no failure in " + std::to_string(c->executions) + " executions (" + explore::coverage_brief(*c) + ")";
  }
  return "";
}

}  // namespace

HeadsUp heads_up(const Session& s) {
  HeadsUp h;
  h.title = s.scenario().title;
  h.variant = std::string(name(s.completion())) + " + " + std::string(name(s.reclaim()));
  h.defect = std::string(known_defect(s.completion(), s.reclaim()));
  if (s.memory().memory_model == sim::MemoryModel::c11) {
    h.variant += ", c11";
    if (s.orders_weakened()) h.weakened = s.memory().weaken.text();
    if (s.orders_weakened())
      h.defect += (h.defect.empty() ? "" : "; ") + ("orders weakened: " + s.memory().weaken.text());
  }
  h.position = "step " + std::to_string(s.position()) + " of " + std::to_string(s.choices().size());
  h.script = script_line(s);
  const auto& steps = s.run().log().steps;
  if (s.position() > 0 && !steps.empty()) {
    const sim::StepEvent& e = steps.back();
    h.event = s.run().thread_name(e.thread) + ": " + sim::describe_action(s.run(), e);
    h.event_thread = e.thread;
    h.event_failed = e.kind == sim::ActionKind::cas && !e.success;
    if (const std::string heap = sim::describe_heap_events(s.run(), e); !heap.empty()) h.event += " (" + heap + ")";
  }
  h.verdict = verdict_line(s, &h.verdict_is_failure);
  return h;
}

void dump(const HeadsUp& h, std::ostream& out) {
  out << "headsup title=" << h.title << "\nheadsup variant=" << h.variant << "\nheadsup broken=" << !h.defect.empty()
      << "\nheadsup weakened=" << h.weakened
      << "\nheadsup position=" << h.position << "\nheadsup script=" << h.script << "\nheadsup event=" << h.event
      << "\nheadsup event_failed=" << h.event_failed
      << "\nheadsup verdict=" << h.verdict << "\nheadsup verdict_failure=" << h.verdict_is_failure << '\n';
}

}  // namespace lfv::gui
