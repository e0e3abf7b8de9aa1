#include "check_command.hpp"

#include <nlohmann/json.hpp>
#include <ostream>

#include "lfv/explore/explorer.hpp"
#include "lfv/scenario/toml_text.hpp"
#include "lfv/sim/describe.hpp"
#include "lfv/sim/drive.hpp"

namespace lfv::app {
namespace {

std::string at(const scenario::SourcePos& p) {
  return p.file + ":" + std::to_string(p.line) + ":" + std::to_string(p.column) + ": ";
}

}  // namespace

int run_check(const std::string& file, bool json, std::ostream& out, std::ostream& err,
              const sim::MemoryChoice& memory) {
  using scenario::toml_text;
  auto loaded = scenario::load_scenario(file);
  if (auto* e = std::get_if<scenario::ScenarioError>(&loaded)) {
    err << e->text() << '\n';
    return 2;
  }
  const scenario::Scenario& s = std::get<scenario::Scenario>(loaded);
  if (auto e = scenario::check_variant(s, s.completion, s.reclaim)) {
    err << e->text() << '\n';
    return 2;
  }
  if (s.expect.empty()) {
    err << file << ":1:1: the scenario has no [expect] block to check\n";
    return 2;
  }
  sim::RunOptions ro;
  if (auto why = sim::choose_memory(s, memory, ro)) {
    err << "lfvlab check: " << *why << '\n';
    return 2;
  }
  auto run = sim::start_run(s, ro);
  if (auto e = sim::play(*run, std::nullopt)) {
    err << e->text() << '\n';
    return 2;
  }
  const sim::Snapshot snap = run->snapshot();
  const explore::Outcome outcome = explore::judge(*run);
  if (outcome.kind == FailureKind::too_long) {  // not judged: nothing to compare
    err << file << ":1:1: too long to check: " << outcome.message
        << " (a limit of the simulator, not a failure of the algorithm; shorten the scenario)\n";
    return 2;
  }
  const scenario::Expect& x = s.expect;
  int failed = 0, held = 0;
  nlohmann::json expectations = nlohmann::json::array();
  auto report = [&](bool ok, const scenario::SourcePos& where, const std::string& what) {
    expectations.push_back({{"line", where.line}, {"column", where.column}, {"holds", ok}, {"message", what}});
    if (ok) {
      ++held;
    } else {
      ++failed;
      if (!json) out << at(where) << what << '\n';
    }
  };
  if (x.results) {
    for (const auto& [thread, want] : x.results->value) {
      const auto t = s.thread_index(thread);
      const auto& got = snap.threads[*t].results;
      report(got == want, x.results->where,
             "results of " + thread + ": expected " + toml_text(want) + ", the run gave " + toml_text(got));
    }
  }
  if (x.contents)
    report(snap.vector.contents == x.contents->value, x.contents->where,
           "contents: expected " + toml_text(x.contents->value) + ", the run ended with " +
               toml_text(snap.vector.contents));
  if (x.failure)
    report(outcome.kind == x.failure->value, x.failure->where,
           std::string("failure: expected ") + std::string(name(x.failure->value)) + ", the run gave " +
               std::string(name(outcome.kind)) + (outcome.message.empty() ? "" : " (" + outcome.message + ")"));
  if (x.leaked)
    report(snap.leaked_objects == x.leaked->value, x.leaked->where,
           "leaked: expected " + std::to_string(x.leaked->value) + " objects, the run left " +
               std::to_string(snap.leaked_objects));
  if (json) {
    out << sim::json_text({{"file", file},
                           {"memory_model", std::string(sim::name(ro.memory_model))},
                           {"weakened", ro.weaken.text()},
                           {"ok", failed == 0},
                           {"held", held},
                           {"failed", failed},
                           {"expectations", std::move(expectations)},
                           {"verdict", {{"kind", name(outcome.kind)}, {"message", outcome.message}}}})
        << '\n';
    return failed ? 1 : 0;
  }
  if (failed) {
    out << file << ": " << failed << (failed == 1 ? " expectation" : " expectations") << " failed, " << held
        << " held\n";
    return 1;
  }
  out << file << ": ok (" << held << (held == 1 ? " expectation holds)\n" : " expectations hold)\n");
  return 0;
}

}  // namespace lfv::app
