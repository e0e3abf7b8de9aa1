#include "explore_command.hpp"

#include <chrono>
#include <cstdio>
#ifdef _WIN32
#include <io.h>
#else
#include <unistd.h>
#endif
#include <fstream>
#include <ostream>

#include "lfv/explore/explorer.hpp"
#include "lfv/sim/describe.hpp"
#include "lfv/sim/drive.hpp"
#include "output_path.hpp"
#include "thread_table.hpp"

namespace lfv::app {
namespace {


// The result as JSON: the figures, what was covered, and the
// counterexample (its schedule, history and narration), or null.
nlohmann::json result_json(const explore::ExploreResult& r, const sim::Run* cx_run) {
  using nlohmann::json;
  json out = {{"executions", r.executions},
              {"preemption_bound", r.preemption_bound ? json(*r.preemption_bound) : json(nullptr)},
              {"complete", r.complete},
              {"seconds", r.seconds},
              {"memory_model", std::string(sim::name(r.memory_model))},
              {"read_choices", r.read_choices},
              {"spurious_failures", r.spurious_failures},
              {"weakened", r.weakened}};
  if (r.failing_executions) out["failing_executions"] = r.failing_executions;
  out.update(explore::coverage_json(explore::coverage(r)));
  out["failure"] = nullptr;
  if (!r.failure || !cx_run) return out;
  const auto& f = *r.failure;
  json history = json::array();
  for (const auto& h : f.history)
    history.push_back({{"thread", cx_run->thread_name(h.thread)},
                       {"op", h.op.text()},
                       {"result", h.complete ? json(h.result.text()) : json(nullptr)},
                       {"invoked", h.invoked},
                       {"returned", h.complete ? json(h.returned) : json(nullptr)}});
  json narration = json::array();
  for (const auto& n : f.narration) narration.push_back({{"step", n.step}, {"text", n.text}});
  out["failure"] = {{"kind", name(f.kind)},
                    {"message", f.message},
                    {"schedule", sim::format_schedule(f.schedule, *cx_run)},
                    {"preemptions", f.preemptions},
                    {"context_switches", f.context_switches},
                    {"history", std::move(history)},
                    {"narration", std::move(narration)}};
  return out;
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
  {
    sim::RunOptions memory;
    if (auto why = sim::choose_memory(s, c.memory, memory)) {
      err << "lfvlab explore: " << *why << '\n';
      return 2;
    }
    o.memory_model = memory.memory_model;
    o.weaken = memory.weaken;
  }
  // Progress goes to stderr, so stdout stays the result alone (for > file
  // and --json); a terminal sees it overwritten in place, a file a line
  // each time.
  const bool tty = stderr_is_terminal();
  if (c.progress || tty) {
    auto last = std::chrono::steady_clock::now();
    o.on_progress = [&err, tty, last](const explore::Progress& p) mutable {
      const auto now = std::chrono::steady_clock::now();
      if (now - last < std::chrono::milliseconds(500)) return true;
      last = now;
      char line[128];
      std::snprintf(line, sizeof line, "explored %llu executions in %.1f s (%.0f/s)",
                    static_cast<unsigned long long>(p.executions), p.seconds,
                    p.seconds > 0 ? double(p.executions) / p.seconds : 0.0);
      err << (tty ? "\r" : "") << line << (tty ? "\x1b[K" : "\n") << std::flush;
      return true;
    };
  }
  if (c.budget) o.max_executions = *c.budget;
  if (c.pct_runs) o.pct = explore::PctOptions{*c.pct_runs, c.seed, c.pct_depth};
  if (!c.json)
    out << "Exploring " << c.file << " under " << name(o.completion) << " + " << name(o.reclaim)
        << (known_defect(o.completion, o.reclaim).empty() && !o.weaken.any() ? "" : " (deliberately broken)")
        << (o.memory_model == sim::MemoryModel::c11
                ? ", memory model c11" + (o.weaken.any() ? ", orders weakened: " + o.weaken.text() : std::string()) +
                      (o.pct ? " (PCT: each load's and CAS's store drawn at random)"
                             : " (every thread and read choice searched, a CAS's and a weak CAS's spurious failure "
                               "included: no partial-order reduction yet)")
                : std::string())
        << "\n";
  const explore::ExploreResult r = explore::explore(s, o);
  if (tty && o.on_progress) err << "\r\x1b[K" << std::flush;  // the progress line goes away

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
  if (r.failure) cx_run = sim::replay(s, o.completion, o.reclaim, r.failure->schedule, explore::run_options(o, 5000));
  if (c.save && r.failure) {
    std::ofstream file(*c.save);
    file << explore::counterexample_toml(s, o.completion, o.reclaim, *r.failure, explore::run_options(o, 0));
    if (!file) {
      err << "lfvlab explore: --save: cannot write " << *c.save << '\n';
      return 2;
    }
  }
  if (c.json) {
    out << sim::json_text(result_json(r, cx_run.get())) << '\n';
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
