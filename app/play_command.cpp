#include "play_command.hpp"

#include <algorithm>
#include <ostream>

#include "lfv/explore/explorer.hpp"
#include "lfv/sim/describe.hpp"
#include "lfv/sim/drive.hpp"
#include "lfv/sim/run.hpp"
#include "thread_table.hpp"

namespace lfv::app {

int run_play(const PlayOptions& o, std::ostream& out, std::ostream& err) {
  auto loaded = scenario::load_scenario(o.file);
  if (auto* e = std::get_if<scenario::ScenarioError>(&loaded)) {
    err << e->text() << '\n';
    return 2;
  }
  const scenario::Scenario& s = std::get<scenario::Scenario>(loaded);
  const Completion c = o.completion.value_or(s.completion);
  const Reclaim r = o.reclaim.value_or(s.reclaim);
  // The script is played only without --schedule; only then must its
  // untils be possible under the variant.
  if (auto e = o.schedule ? std::nullopt : scenario::check_variant(s, c, r)) {
    err << e->text() << '\n';
    return 2;
  }
  std::optional<std::vector<unsigned>> schedule;
  if (o.schedule) {
    std::string why;
    schedule = sim::parse_schedule(*o.schedule, s, &why);
    if (!schedule) {
      err << "lfvlab play: --schedule: " << why << '\n';
      return 2;
    }
  }
  sim::RunOptions ro;
  if (auto why = sim::choose_memory(s, o.memory, ro)) {
    err << "lfvlab play: " << *why << '\n';
    return 2;
  }
  auto run = sim::start_run(s, c, r, ro);
  std::vector<sim::ScriptMark> marks;
  if (auto e = sim::play(*run, schedule, &marks)) {
    err << (e->where.file.empty() ? "lfvlab play: " + e->message : e->text()) << '\n';
    return 2;
  }
  const sim::Log& log = run->log();
  if (log.failure && log.failure->kind == FailureKind::too_long) {  // not judged: no failure, no result
    err << "lfvlab play: too long to play: " << log.failure->message
        << " (a limit of the simulator, not a failure of the algorithm; shorten the scenario)\n";
    return 2;
  }
  // The verdict `check` and `explore` give: the run's own failure, else the
  // checker's on its history and final contents.
  const explore::Outcome verdict = explore::judge(*run);
  const int status = verdict.kind == FailureKind::none ? 0 : 1;
  if (o.json) {
    sim::write_log_json(*run, out);
    return status;
  }

  out << s.title << '\n' << "variant: " << name(c) << " + " << name(r);
  if (auto d = known_defect(c, r); !d.empty()) out << " (" << d << ")";
  if (ro.memory_model == sim::MemoryModel::c11)
    out << ", memory model c11" << (ro.weaken.any() ? ", orders weakened (deliberately broken): " + ro.weaken.text() : "");
  out << "\n\n";
  print_thread_table(*run, o.show_reads, out, marks);
  const sim::Snapshot snap = run->snapshot();
  out << '\n';
  if (log.failure) {
    out << "FAILURE: " << name(log.failure->kind) << " at step " << log.failure->step << ": " << log.failure->message
        << '\n';
  }
  for (const sim::ThreadView& t : snap.threads) {
    out << t.name << ":";
    for (std::size_t i = 0; i < t.program.size(); ++i)
      out << "  " << t.program[i] << " -> " << (i < t.results.size() ? t.results[i].text() : "(did not finish)");
    out << '\n';
  }
  out << "contents: [";
  for (std::size_t i = 0; i < snap.vector.contents.size(); ++i) out << (i ? ", " : "") << snap.vector.contents[i];
  out << "]\nleaked: ";
  if (log.failure) out << "not counted: the run stopped before it ended\n";
  else out << snap.leaked_objects << " objects, " << snap.leaked_bytes << " bytes\n";
  out
      << "steps: " << log.steps.size() << "   schedule: " << sim::format_schedule(run->schedule(), *run) << '\n';
  // The verdict on the whole history comes after the steps it is about.
  if (!log.failure && verdict.kind != FailureKind::none)
    out << "\nFAILURE: " << name(verdict.kind) << " — " << verdict.message << '\n';
  else if (!log.failure)
    out << "\nverdict: linearizable, no failure\n";
  if (status && s.expect.failure && s.expect.failure->value == verdict.kind)
    out << "(the scenario's [expect] says so: the failure is the lesson; lfvlab check validates it)\n";
  return status;
}

}  // namespace lfv::app
