#include "explore_command.hpp"

#include <cstdio>
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
  out << ", " << explore::coverage_json(explore::coverage(r));
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
  o.want = c.want;
  o.time_limit_seconds = c.time_limit_seconds;
  o.workers = c.workers;
  if (c.budget) o.max_executions = *c.budget;
  if (c.pct_runs) o.pct = explore::PctOptions{*c.pct_runs, c.seed, c.pct_depth};
  if (!c.json)
    out << "Exploring " << c.file << " under " << name(o.completion) << " + " << name(o.reclaim)
        << (known_defect(o.completion, o.reclaim).empty() ? "" : " (deliberately broken)") << "\n";
  const explore::ExploreResult r = explore::explore(s, o);

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

  char secs[32];
  std::snprintf(secs, sizeof secs, "%.2f", r.seconds);
  out << r.executions << (o.pct ? " runs" : " executions") << " in " << secs << " s";
  if (o.pct) out << "; PCT from seed " << c.seed;
  out << "\n" << explore::coverage_text(explore::coverage(r)) << "\n";
  // Failures that were seen but not reported: other kinds under --want, or every one under --all.
  if (r.failing_executions && (c.all || c.want)) {
    out << r.failing_executions << " failing executions:";
    for (const auto& [kind, n] : r.failures_by_kind) out << " " << name(kind) << " " << n;
    out << '\n';
  }
  if (!r.failure) return 0;
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
