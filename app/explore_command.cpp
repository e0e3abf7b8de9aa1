#include "explore_command.hpp"

#include <fstream>
#include <ostream>

#include "lfv/explore/explorer.hpp"
#include "lfv/sim/describe.hpp"
#include "lfv/sim/drive.hpp"
#include "thread_table.hpp"

namespace lfv::app {
namespace {

using sim::json_string;

void print_json(const explore::ExploreResult& r, const sim::Run* cx_run, std::ostream& out) {
  out << "{\"executions\": " << r.executions << ", \"preemption_bound\": ";
  if (r.preemption_bound) out << *r.preemption_bound; else out << "null";
  out << ", \"complete\": " << (r.complete ? "true" : "false") << ", \"seconds\": " << r.seconds;
  if (r.failing_executions) out << ", \"failing_executions\": " << r.failing_executions;
  out << ", \"failure\": ";
  if (!r.failure || !cx_run) {
    out << "null}\n";
    return;
  }
  const auto& f = *r.failure;
  out << "{\"kind\": " << json_string(name(f.kind)) << ", \"message\": " << json_string(f.message)
      << ", \"schedule\": " << json_string(sim::format_schedule(f.schedule, *cx_run))
      << ", \"preemptions\": " << f.preemptions << ", \"context_switches\": " << f.context_switches
      << ", \"history\": [";
  for (std::size_t i = 0; i < f.history.size(); ++i) {
    const auto& h = f.history[i];
    out << (i ? ", " : "") << "{\"thread\": " << json_string(cx_run->thread_name(h.thread))
        << ", \"op\": " << json_string(h.op.text()) << ", \"result\": ";
    if (h.complete) out << json_string(h.result); else out << "null";
    out << ", \"invoked\": " << h.invoked << ", \"returned\": ";
    if (h.complete) out << h.returned; else out << "null";
    out << "}";
  }
  out << "], \"narration\": [";
  for (std::size_t i = 0; i < f.narration.size(); ++i)
    out << (i ? ", " : "") << "{\"step\": " << f.narration[i].step << ", \"text\": " << json_string(f.narration[i].text)
        << "}";
  out << "]}}\n";
}

}  // namespace

int run_explore(const ExploreCommand& c, std::ostream& out, std::ostream& err) {
  auto loaded = scenario::load_scenario(c.file);
  if (auto* e = std::get_if<scenario::ScenarioError>(&loaded)) {
    err << e->text() << '\n';
    return 2;
  }
  const scenario::Scenario& s = std::get<scenario::Scenario>(loaded);
  explore::ExploreOptions o;
  o.completion = c.completion.value_or(s.completion);
  o.reclaim = c.reclaim.value_or(s.reclaim);
  o.preemption_limit = c.preemptions;
  o.stop_at_first = !c.all;
  if (c.pct_runs) o.pct = explore::PctOptions{*c.pct_runs, c.seed, 3};
  if (!c.json)
    out << "Exploring " << c.file << " under " << name(o.completion) << " + " << name(o.reclaim)
        << (known_defect(o.completion, o.reclaim).empty() ? "" : " (deliberately broken)") << "\n";
  const explore::ExploreResult r = explore::explore(s, o);

  if (r.too_long_executions && !r.failure) {
    // Not a failure of the algorithm: an execution outgrew the explorer's
    // step limit. Say how long the scenario is (under play's larger limit).
    auto probe = sim::start_run(s, o.completion, o.reclaim);
    sim::run_round_robin(*probe);
    const bool cut = probe->stopped() && probe->log().failure && probe->log().failure->kind == FailureKind::too_long;
    err << "lfvlab explore: " << c.file << ": too long to explore (" << (cut ? "more than " : "")
        << probe->log().steps.size() << " steps, limit " << o.step_limit
        << " per execution); not a failure of the algorithm: shorten the scenario or use lfvlab play\n";
    return 2;
  }
  std::unique_ptr<sim::Run> cx_run;
  if (r.failure) cx_run = sim::replay(s, o.completion, o.reclaim, r.failure->schedule, {5000});
  if (c.save && r.failure) {
    std::ofstream file(*c.save);
    file << explore::counterexample_toml(s, o.completion, o.reclaim, *r.failure);
    if (!file) {
      err << "lfvlab explore: --save: cannot write " << *c.save << '\n';
      return 2;
    }
  }
  if (c.json) {
    print_json(r, cx_run.get(), out);
    return r.failure ? 1 : 0;
  }

  out << r.executions << " executions in " << r.seconds << " s; ";
  if (o.pct) out << "PCT, " << *c.pct_runs << " runs from seed " << c.seed << " (random, never complete)\n";
  else if (r.complete) out << "complete: every schedule covered (up to reordering of independent steps)\n";
  else out << "bounded: preemption bound " << r.preemption_bound.value_or(0) << (r.cancelled ? ", cancelled" : "") << "\n";
  if (c.all && r.failing_executions) {
    out << r.failing_executions << " failing executions:";
    for (const auto& [kind, n] : r.failures_by_kind) out << " " << name(kind) << " " << n;
    out << '\n';
  }
  if (!r.failure) {
    out << "No failure found.\n";
    return 0;
  }
  const auto& f = *r.failure;
  out << "\nFAILURE: " << name(f.kind) << " — " << f.message << "\n"
      << "Counterexample: " << f.preemptions << " preemption(s), " << f.context_switches << " context switch(es), "
      << f.schedule.size() << " steps\nschedule: " << sim::format_schedule(f.schedule, *cx_run) << "\n\n";
  print_thread_table(*cx_run, false, out);
  out << "\nWhat happens:\n";
  for (const auto& n : f.narration) out << "  step " << n.step << ": " << n.text << '\n';
  if (c.save) out << "\nSaved as " << *c.save << " (replay: lfvlab play " << *c.save << ")\n";
  return 1;
}

}  // namespace lfv::app
