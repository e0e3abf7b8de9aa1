#include "play_command.hpp"

#include <algorithm>
#include <ostream>

#include "lfv/sim/describe.hpp"
#include "lfv/sim/drive.hpp"
#include "lfv/sim/run.hpp"

namespace lfv::app {
namespace {

using sim::StepEvent;

std::string fit(std::string s, std::size_t width) {
  if (s.size() > width) s = s.substr(0, width - 3) + "...";
  return s + std::string(width - s.size(), ' ');
}

// One row of the thread-column table: text in thread t's column.
void row(std::ostream& out, const std::string& step, unsigned t, unsigned threads, std::size_t width,
         const std::string& text) {
  out << fit(step, 5) << " |";
  for (unsigned c = 0; c < threads; ++c) out << ' ' << fit(c == t ? text : "", width) << (c + 1 < threads ? " |" : "");
  out << '\n';
}

void print_table(const sim::Run& run, bool show_reads, std::ostream& out) {
  const unsigned n = run.thread_count();
  const std::size_t width = n <= 2 ? 50 : n == 3 ? 40 : 32;
  out << fit("step", 5) << " |";
  for (unsigned t = 0; t < n; ++t) out << ' ' << fit(run.thread_name(t), width) << (t + 1 < n ? " |" : "");
  out << '\n' << std::string(6, '-');
  for (unsigned t = 0; t < n; ++t) out << '+' << std::string(width + 2, '-');
  out << '\n';

  const sim::Log& log = run.log();
  std::vector<int> printed_op(n, -1);
  std::size_t hidden = 0;
  for (const StepEvent& e : log.steps) {
    if (int(e.op) != printed_op[e.thread]) {
      printed_op[e.thread] = e.op;
      row(out, "", e.thread, n, width, "> " + run.scenario().threads[e.thread].ops[e.op].text());
    }
    const bool is_failure = log.failure && log.failure->step == e.index;
    if (e.kind == sim::ActionKind::read && !show_reads && !is_failure && e.heap_end == e.heap_begin) {
      ++hidden;
    } else {
      row(out, std::to_string(e.index), e.thread, n, width, sim::describe_action(run, e));
      if (const std::string heap = sim::describe_heap_events(run, e); !heap.empty())
        row(out, "", e.thread, n, width, "  + " + heap);
    }
    if (is_failure) row(out, "", e.thread, n, width, "!! " + std::string(name(log.failure->kind)));
    for (const sim::OpRecord& r : log.ops)
      if (r.thread == e.thread && r.returned == e.index) row(out, "", e.thread, n, width, "= " + r.result);
  }
  if (hidden)
    out << "(" << hidden << " plain-field reads hidden; --reads shows them)\n";
}

}  // namespace

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
  auto run = sim::start_run(s, c, r);
  if (auto e = sim::play(*run, schedule)) {
    err << e->text() << '\n';
    return 2;
  }
  const sim::Log& log = run->log();
  if (o.json) {
    sim::write_log_json(*run, out);
    return log.failure ? 1 : 0;
  }

  out << s.title << '\n' << "variant: " << name(c) << " + " << name(r);
  if (auto d = known_defect(c, r); !d.empty()) out << " (" << d << ")";
  out << "\n\n";
  print_table(*run, o.show_reads, out);
  const sim::Snapshot snap = run->snapshot();
  out << '\n';
  if (log.failure) {
    out << "FAILURE: " << name(log.failure->kind) << " at step " << log.failure->step << ": " << log.failure->message
        << '\n';
  }
  for (const sim::ThreadView& t : snap.threads) {
    out << t.name << ":";
    for (std::size_t i = 0; i < t.program.size(); ++i)
      out << "  " << t.program[i] << " -> " << (i < t.results.size() ? t.results[i] : "(did not finish)");
    out << '\n';
  }
  out << "contents: [";
  for (std::size_t i = 0; i < snap.vector.contents.size(); ++i) out << (i ? ", " : "") << snap.vector.contents[i];
  out << "]\nleaked: " << snap.leaked_objects << " objects, " << snap.leaked_bytes << " bytes\n"
      << "steps: " << log.steps.size() << "   schedule: " << sim::format_schedule(run->schedule(), *run) << '\n';
  return log.failure ? 1 : 0;
}

}  // namespace lfv::app
