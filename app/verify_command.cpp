#include "verify_command.hpp"

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>
#ifdef _WIN32
#include <io.h>
#else
#include <unistd.h>
#endif
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <regex>
#include <sstream>

#include "lfv/explore/explorer.hpp"
#include "lfv/sim/describe.hpp"
#include "lfv/explore/program_sweep.hpp"
#include "lfv/sim/memory_model.hpp"
#include "output_path.hpp"

namespace lfv::app {
namespace {


// Parts of docs/verification.md that verify-library does not compute: the
// program sweep's section (verify-programs writes it: too slow for every
// `make test`) and the hand-written derivation. verify-library keeps them
// from the file as they are, between their markers.
constexpr std::string_view kProgramsBegin = "<!-- verify-programs: begin -->";
constexpr std::string_view kProgramsEnd = "<!-- verify-programs: end -->";
constexpr std::string_view kHandBegin = "<!-- hand-written: begin -->";
constexpr std::string_view kHandEnd = "<!-- hand-written: end -->";
constexpr std::string_view kKeptPlaceholder = "<!-- kept sections -->";

// The text from `begin` through `end`, markers included, if both are there.
std::optional<std::string> block(const std::string& doc, std::string_view begin, std::string_view end) {
  const auto b = doc.find(begin);
  if (b == std::string::npos) return std::nullopt;
  const auto e = doc.find(end, b);
  if (e == std::string::npos) return std::nullopt;
  return doc.substr(b, e + end.size() - b);
}

std::string read_text(const std::string& path) {
  std::ifstream f(path);
  std::stringstream t;
  t << f.rdbuf();
  return t.str();
}

// The generated document with the kept sections of `existing` in place.
std::string with_kept(std::string doc, const std::string& existing) {
  const std::string programs = block(existing, kProgramsBegin, kProgramsEnd)
                                   .value_or(std::string(kProgramsBegin) +
                                             "\n## Generated programs\n\nNot run yet: `make verify` runs `lfvlab "
                                             "verify-programs`.\n" + std::string(kProgramsEnd));
  const std::string hand =
      block(existing, kHandBegin, kHandEnd).value_or(std::string(kHandBegin) + "\n" + std::string(kHandEnd));
  const auto at = doc.find(kKeptPlaceholder);
  if (at == std::string::npos) return doc;  // already filled in
  doc.replace(at, kKeptPlaceholder.size(), programs + "\n\n" + hand + "\n");
  return doc;
}

struct Cell {
  std::optional<FailureKind> failure;  // none: no failure found
  explore::Coverage coverage;
  std::uint64_t executions = 0;
  double seconds = 0;
  std::string result() const { return failure ? std::string(name(*failure)) : "none"; }
  std::string search() const { return explore::coverage_brief(coverage); }  // the wording explore and the GUI use
  // Searched as far as the table means to: complete, a failure, or every
  // schedule within the planned bound.
  bool done() const { return failure || coverage.complete || explore::covered_within_bound(coverage); }
};

// Two-thread scenarios are searched exhaustively; with three or more the
// search stops at a preemption bound of 3, or 2 beyond four operations in
// all (unit 18's six take some 130,000 executions a variant at bound 3,
// too slow for the check in `make test`; about 7,000 at bound 2).
constexpr unsigned kBoundForThreeThreads = 3;
constexpr unsigned kBoundForManyOps = 2;
constexpr std::size_t kManyOps = 4;

// A unit under the c11 memory model (memory_model = "c11", its [orders]
// weakened on purpose) is explored under c11 with those orders. That search
// enumerates every read choice with no partial-order reduction, so it stops
// at preemption bound 2: units 19-21 take at most 5,400 executions a variant
// there; unbounded, a two-thread pop and size alone takes over a million.
constexpr unsigned kBoundForC11 = 2;

std::optional<unsigned> bound_for(const scenario::Scenario& s) {
  if (s.memory_model == sim::MemoryModel::c11) return kBoundForC11;
  if (s.threads.size() < 3) return std::nullopt;
  std::size_t ops = 0;
  for (const auto& t : s.threads) ops += t.ops.size();
  return ops > kManyOps ? kBoundForManyOps : kBoundForThreeThreads;
}

// The summary's memory-model column: "sc", or "c11" with the weakened orders.
std::string model_text(const scenario::Scenario& s) {
  if (s.memory_model != sim::MemoryModel::c11) return "sc";
  return s.orders.any() ? "c11, " + s.orders.text() + " (deliberately broken)" : "c11";
}

Cell explore_cell(const scenario::Scenario& s, Completion c, Reclaim r, std::uint64_t budget) {
  explore::ExploreOptions o;
  o.completion = c;
  o.reclaim = r;
  o.max_executions = budget;
  o.preemption_limit = bound_for(s);
  o.memory_model = s.memory_model;  // the file's model and orders: a c11 unit's lesson is its weakening
  if (s.memory_model == sim::MemoryModel::c11) o.weaken = s.orders;
  const auto res = explore::explore(s, o);
  Cell cell;
  cell.executions = res.executions;
  cell.seconds = res.seconds;
  if (res.failure) cell.failure = res.failure->kind;
  cell.coverage = explore::coverage(res);
  return cell;
}

std::string table(const std::string& dir, std::uint64_t budget, std::ostream& progress, nlohmann::json& cells) {
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(dir))
    if (e.path().extension() == ".toml") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  std::ostringstream summary, rows;
  summary << "| scenario | threads | memory model |";
  for (Completion c : kAllCompletions)
    for (Reclaim r : kAllReclaims) summary << " " << name(c) << " + " << name(r) << " |";
  summary << "\n| --- | --- | --- |";
  for (std::size_t i = 0; i < std::size(kAllCompletions) * std::size(kAllReclaims); ++i) summary << " --- |";
  summary << "\n";
  rows << "| scenario | variant | result | search | executions | seconds |\n| --- | --- | --- | --- | --- | --- |\n";
  for (const auto& f : files) {
    auto loaded = scenario::load_scenario(f);
    if (auto* e = std::get_if<scenario::ScenarioError>(&loaded)) throw std::runtime_error(e->text());
    const auto& s = std::get<scenario::Scenario>(loaded);
    const std::string file = f.filename().string();
    summary << "| " << file << " | " << s.threads.size() << " | " << model_text(s) << " |";
    for (Completion c : kAllCompletions)
      for (Reclaim r : kAllReclaims) {
        progress << "  " << file << " under " << name(c) << " + " << name(r) << "... " << std::flush;
        const Cell cell = explore_cell(s, c, r, budget);
        progress << cell.result() << ", " << cell.search() << " (" << cell.executions << " executions)\n";
        summary << " " << (cell.failure ? cell.result() : cell.done() ? "ok" : "ok (bounded)") << " |";
        char secs[32];
        std::snprintf(secs, sizeof secs, "%.2f s", cell.seconds);
        rows << "| " << file << " | " << name(c) << " + " << name(r) << " | " << cell.result() << " | " << cell.search()
             << " | " << cell.executions << " | " << secs << " |\n";
        cells.push_back({{"scenario", file},
                         {"completion", name(c)},
                         {"reclaim", name(r)},
                         {"memory_model", std::string(sim::name(s.memory_model))},
                         {"weakened", s.memory_model == sim::MemoryModel::c11 ? s.orders.text() : std::string()},
                         {"result", cell.result()},
                         {"search", cell.search()},
                         {"executions", cell.executions},
                         {"seconds", cell.seconds}});
      }
    summary << "\n";
  }
  std::ostringstream doc;
  doc << "# Verification\n\n"
      << "What `lfvlab explore` finds in every scenario of the library under every variant. Generated by\n"
      << "`lfvlab verify-library scenarios --out docs/verification.md`; CI regenerates the table and fails if\n"
      << "anything but the seconds changed (`--check`).\n\n"
      << "Each search starts with no schedule given: depth-first over the schedules with dynamic partial-order\n"
      << "reduction and sleep sets, under a preemption bound raised 0, 1, 2, then without a bound until every\n"
      << "schedule is covered (up to reordering independent steps); scenarios of three or more threads stop at\n"
      << "preemption bound " << kBoundForThreeThreads << " (*bounded*). *complete* means every schedule was\n"
      << "covered; a failure is shown with the preemption bound it needed; a search that ran out of its\n"
      << "budget of " << budget << " executions says so. Failures: a non-linearizable history (the\n"
      << "linearizability checker, final contents included), a use-after-free, a double free, a livelock, and under c11 a\n"
      << "data race.\n\n"
      << "Three-thread scenarios of more than " << kManyOps << " operations in all stop at preemption bound "
      << kBoundForManyOps << "\ninstead (bound " << kBoundForThreeThreads
      << " would take over a hundred thousand executions per variant); each row's *search* says its bound.\n\n"
      << "Scenarios with `memory_model = \"c11\"` (units 19-21) are explored under the c11 memory model with\n"
      << "their file's `[orders]`: each weakens a numbered order on purpose, so every variant of such a unit is\n"
      << "deliberately broken, and a failure under `versioned` is the unit's lesson, not a bug of the design\n"
      << "(docs/memory-model.md). That search enumerates every read choice (a failed CAS's older stores and a\n"
      << "weak CAS's one spurious failure included) with no partial-order reduction,\n"
      << "so it stops at preemption bound " << kBoundForC11 << " (*bounded*). The summary's *memory model* column\n"
      << "names the model and the weakened orders.\n\n"
      << "The broken variants are broken on purpose: `book` (its clear-pending race), `paper` (value ABA, and\n"
      << "its plain `write(i, v)` racing a pop), `free-now` (use-after-free). A scenario that does not race in the way a bug needs shows none.\n\n"
      << "## What a search says it covered\n\n"
      << "The same words in `lfvlab explore`, the app's Explore status and the *search* column below (one\n"
      << "function, `explore::coverage`, with a sentence and a brief form); none says a plain \"no failure\"\n"
      << "beyond what was searched:\n\n"
      << "- *complete* (\"No failure in any schedule\"): every schedule was covered, up to reordering\n"
      << "  independent steps (under c11: every schedule and read choice enumerated, no reduction).\n"
      << "- *bounded: every schedule with at most K preemptions* (\"No failure within preemption bound K (N\n"
      << "  executions)\"): the bound stopped at K on purpose (`--preemptions`; three threads here); schedules\n"
      << "  with more preemptions were not run.\n"
      << "- *no failure within preemption bound K; beyond it M executions, stopped at the execution budget*\n"
      << "  (or *the time limit*, *cancelled*): the rounds up to bound K finished; the next one (bound K+1, or\n"
      << "  the unbounded round) ran M executions and was cut. *incomplete: stopped ... before any preemption\n"
      << "  bound was covered*: not even bound 0 finished.\n"
      << "- *found at preemption bound P* (\"the counterexample needs P preemptions, and none needs fewer\"):\n"
      << "  every round below P finished without a failure. *found with P preemptions (fewer not searched\n"
      << "  completely)*: fewer were not ruled out (`--all`'s one unbounded round, or a search cut short).\n"
      << "- With `--want KIND` only that kind is a finding (\"no non-linearizable within ...\"); the others\n"
      << "  are counted.\n"
      << "- PCT (`--pct R --pct-depth d`) is never complete. With n threads and runs of at most k steps, one\n"
      << "  run finds a given failure of depth d (with two threads: one needing d-1 preemptions) with\n"
      << "  probability at least 1/(n k^(d-1)) (Burckhardt et al. 2010), so R runs all miss it with\n"
      << "  probability at most (1 - 1/(n k^(d-1)))^R; k is the longest run seen, and the change points are\n"
      << "  drawn from it. The bound is a guarantee, far below how often PCT finds a bug in practice.\n\n"
      << "`lfvlab explore --json` gives the same as fields: `stop` (finished, failure, budget, time-limit,\n"
      << "cancelled), `complete_bound`, `unbounded_finished`, `beyond_executions`, `want`, `coverage`,\n"
      << "`coverage_brief`, and `pct` (runs, depth, threads, steps, the per-run and the miss probability).\n\n"
      << "## Summary\n\n" << summary.str() << "\n" << kKeptPlaceholder << "\n## Every search\n\n" << rows.str();
  return doc.str();
}

std::string without_seconds(const std::string& text) {
  return std::regex_replace(text, std::regex(R"(\| [0-9]+\.[0-9]+ s \|)"), "| - |");
}

}  // namespace

int run_verify(const VerifyCommand& c, std::ostream& out, std::ostream& err) {
  if (!std::filesystem::is_directory(c.directory)) {
    err << "lfvlab verify-library: " << c.directory << " is not a directory\n";
    return 2;
  }
  // Refused before the run: no --out written after an hour, no empty table.
  if (c.out)
    if (auto why = output_path_problem(*c.out)) {
      err << "lfvlab verify-library: --out: " << *why << '\n';
      return 2;
    }
  {
    std::error_code ec;
    bool any = false;
    for (const auto& e : std::filesystem::directory_iterator(c.directory, ec)) any = any || e.path().extension() == ".toml";
    if (!any) {
      err << "lfvlab verify-library: " << c.directory << " holds no scenario files (*.toml)\n";
      return 2;
    }
  }
  // Progress goes to stderr, only on a terminal or with --progress: stdout
  // is the table (or the JSON) alone.
  std::ostringstream silent;
  std::ostream& progress = c.progress || stderr_is_terminal() ? err : silent;
  nlohmann::json cells = nlohmann::json::array();
  std::string doc;
  try {
    doc = table(c.directory, c.budget, progress, cells);
  } catch (const std::exception& e) {
    err << e.what() << '\n';
    return 2;
  }
  if (c.out) doc = with_kept(doc, std::filesystem::exists(*c.out) ? read_text(*c.out) : "");
  if (c.out) {
    std::ofstream f(*c.out);
    f << doc;
    if (!f) {
      err << "lfvlab verify-library: --out: cannot write " << *c.out << '\n';
      return 2;
    }
    out << "wrote " << *c.out << '\n';
  }
  if (c.check) {
    std::ifstream f(*c.check);
    if (!f) {
      err << "lfvlab verify-library: --check: cannot read " << *c.check << '\n';
      return 2;
    }
    std::stringstream committed;
    committed << f.rdbuf();
    if (without_seconds(committed.str()) != without_seconds(with_kept(doc, committed.str()))) {
      out << *c.check << " is out of date: regenerate it with lfvlab verify-library " << c.directory << " --out "
          << *c.check << "\n";
      return 1;
    }
    out << *c.check << " holds\n";
  }
  if (c.json) out << sim::json_text({{"directory", c.directory}, {"budget", c.budget}, {"searches", std::move(cells)}}) << '\n';
  else if (!c.out && !c.check) out << with_kept(doc, "");
  return 0;
}


namespace {

std::string variant_name(explore::Variant v) { return std::string(name(v.completion)) + " + " + std::string(name(v.reclaim)); }

std::string kinds_text(const std::set<FailureKind>& kinds) {
  if (kinds.empty()) return "ok";
  std::string t;
  for (FailureKind k : kinds) t += (t.empty() ? "" : ", ") + std::string(name(k));
  return t;
}

std::string op_kind_name(scenario::OpKind k) {
  switch (k) {
    case scenario::OpKind::push: return "push";
    case scenario::OpKind::pop: return "pop";
    case scenario::OpKind::size: return "size";
    case scenario::OpKind::read: return "read";
    case scenario::OpKind::write: return "write";
    case scenario::OpKind::reserve: return "reserve";
  }
  return "?";
}

// `three`: the three-thread sweep, when it ran; `r` holds both together.
std::string programs_section(const explore::SweepOptions& o, const explore::SweepResult& two,
                             const std::optional<std::pair<explore::SweepOptions, explore::SweepResult>>& three,
                             const explore::SweepResult& r) {
  using explore::kVariantCount;
  std::ostringstream d;
  d << kProgramsBegin << "\n## Generated programs\n\n"
    << "Written by `lfvlab verify-programs --max-ops " << o.space.max_total_ops
    << (o.every > 1 ? " --every " + std::to_string(o.every) : std::string())
    << (o.every_failure ? " --every-failure" : "") << (three ? " --three-threads" : "")
    << " --out docs/verification.md`"
    << " (`make verify`); `verify-library` keeps this section as it is.\n\n"
    << "**The programs.** Two threads, A and B, each running 1 to " << o.space.max_ops_per_thread
    << " operations, at most " << o.space.max_total_ops << " in all, each drawn from";
  for (std::size_t i = 0; i < o.space.alphabet.size(); ++i)
    d << (i == 0 ? " " : i + 1 == o.space.alphabet.size() ? " and " : ", ") << "`" << o.space.alphabet[i].text() << "`";
  d << ", on the initial contents";
  for (std::size_t i = 0; i < o.space.initials.size(); ++i) {
    d << (i == 0 ? " " : i + 1 == o.space.initials.size() ? " and " : ", ") << "`[";
    for (std::size_t j = 0; j < o.space.initials[i].size(); ++j) d << (j ? ", " : "") << o.space.initials[i][j];
    d << "]`";
  }
  d << ". Swapping A and B gives the same program, so each pair of sequences is taken once: " << two.space_size
    << " programs" << (o.every > 1 ? ", of which every " + std::to_string(o.every) + "th was run" : std::string())
    << ". Each is explored under every variant with the library's search, exhaustive for two threads "
       "(no preemption bound). "
    << (o.every_failure ? "A correct variant's search stops at its first failure; a broken one's covers every "
                          "schedule and checks the kind of every failing execution"
                        : "Each search stops at its first failure, and the kinds of the failing executions it met "
                          "on the way are checked too (`--every-failure` searches a broken variant's every "
                          "schedule: `make test`'s slice does)")
    << "; a search that reaches " << o.max_executions << " executions is itself a finding.\n\n";
  if (three)
    d << "**Three threads** (*bounded*): every program of three threads of one operation each, from the same "
         "operations and contents, each multiset of operations taken once: "
      << three->second.space_size << " programs"
      << (o.every > 1 ? ", of which every " + std::to_string(o.every) + "th was run" : std::string())
      << ", each searched up to preemption bound " << *three->first.preemption_limit
      << " (every schedule with at most that many preemptions: unit 13, such a program, takes 4,171 executions "
         "under `versioned + hazard` at bound 2 and 63,543 at bound 3).\n\n";
  d << "**The property.** `versioned + leak` and `versioned + hazard` never fail; every other variant fails only "
       "with a kind in its documented set (`documented_failures` in `core/src/variant.cpp`, the reasons below).\n\n";
  auto row = [&](const char* what, const explore::SweepResult& x) {
    char t[32];
    std::snprintf(t, sizeof t, "%.0f s", x.seconds);
    d << "| " << what << " | " << x.programs << " | " << x.executions << " | " << t << " | " << x.findings.size()
      << " |\n";
  };
  d << "| sweep | programs | executions | time | findings |\n| --- | --- | --- | --- | --- |\n";
  row("two threads, every schedule", two);
  if (three) {
    row("three threads, bounded", three->second);
    row("in all", r);
  }
  d << "\n";
  d << "By variant: its documented failures, the executions, and the programs that failed in each way (in an "
       "execution searched), with the first of them:\n\n"
    << "| variant | documented | executions | failing programs | first program failing so |\n"
    << "| --- | --- | --- | --- | --- |\n";
  for (std::size_t v = 0; v < kVariantCount; ++v) {
    const auto var = explore::variant_at(v);
    std::set<FailureKind> doc(documented_failures(var.completion, var.reclaim).begin(),
                              documented_failures(var.completion, var.reclaim).end());
    std::string failing;
    for (const auto& [k, n] : r.failing_programs[v])
      failing += (failing.empty() ? "" : ", ") + std::string(name(k)) + " " + std::to_string(n);
    std::string first;
    for (const auto& [k, p] : r.first_failing[v])
      first += (first.empty() ? "" : "; ") + std::string(name(k)) + ": `" + p.text() + "`";
    d << "| " << variant_name(var) << " | " << (doc.empty() ? "none (correct)" : kinds_text(doc)) << " | "
      << r.executions_by_variant[v] << " | " << (failing.empty() ? "none" : failing) << " | "
      << (first.empty() ? "-" : first) << " |\n";
  }
  d << "\n### Operation pairs\n\n"
    << "For each pair of operations, the programs whose operations are of exactly those two kinds (of one kind, "
       "on the diagonal), and what each variant failed with on any of them.\n\n| pair | programs |";
  for (std::size_t v = 0; v < kVariantCount; ++v) d << " " << variant_name(explore::variant_at(v)) << " |";
  d << "\n| --- | --- |";
  for (std::size_t v = 0; v < kVariantCount; ++v) d << " --- |";
  d << "\n";
  for (const auto& [pair, cells] : r.matrix) {
    d << "| " << op_kind_name(pair.first) << " / " << op_kind_name(pair.second) << " | " << r.pair_programs.at(pair)
      << " |";
    for (const auto& c : cells) d << " " << kinds_text(c) << " |";
    d << "\n";
  }
  d << "\n### Findings\n\n";
  if (r.findings.empty()) d << "None: the property holds on every program.\n";
  for (const auto& f : r.findings)
    d << "- `" << f.program.text() << "` under " << variant_name(f.variant) << ": "
      << (f.kind == FailureKind::none ? std::string("incomplete") : std::string(name(f.kind))) << ". " << f.message
      << "\n";
  d << kProgramsEnd;
  return d.str();
}

}  // namespace

// Three-thread programs: unit 13, one of them, takes 63,543 executions
// under versioned + hazard at bound 3, 4,171 at bound 2.
constexpr unsigned kThreeThreadProgramBound = 2;

int run_verify_programs(const VerifyProgramsCommand& c, std::ostream& out, std::ostream& err) {
  if (c.max_ops < 2 || c.max_ops > 6) {
    err << "lfvlab verify-programs: --max-ops must be 2 to 6 (found " << c.max_ops << ")\n";
    return 2;
  }
  if (c.every == 0) {
    err << "lfvlab verify-programs: --every must be at least 1\n";
    return 2;
  }
  std::string existing;
  if (c.out) {
    if (!std::filesystem::exists(*c.out)) {
      err << "lfvlab verify-programs: --out: " << *c.out << " does not exist (verify-library writes it)\n";
      return 2;
    }
    existing = read_text(*c.out);
    if (!block(existing, kProgramsBegin, kProgramsEnd)) {
      err << "lfvlab verify-programs: --out: " << *c.out << " has no " << kProgramsBegin << " ... " << kProgramsEnd
          << " section (verify-library writes one)\n";
      return 2;
    }
  }
  explore::SweepOptions o;
  o.space = explore::standard_space(c.max_ops);
  o.every = c.every;
  o.max_executions = c.budget;
  o.every_failure = c.every_failure;
  std::optional<std::pair<explore::SweepOptions, explore::SweepResult>> three;
  if (c.three_threads) {
    explore::SweepOptions t = o;
    t.space = explore::standard_three_thread_space();
    t.preemption_limit = kThreeThreadProgramBound;
    three.emplace(t, explore::SweepResult{});
  }
  const auto start = std::chrono::steady_clock::now();
  o.on_program = [&](std::uint64_t done, std::uint64_t total) {
    if (done % 500 != 0 && done != total) return;
    const double t = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    out << "  " << done << " / " << total << " programs, " << t << " s\n" << std::flush;
  };
  const explore::SweepResult two = explore::sweep_programs(o);
  explore::SweepResult r = two;
  if (three) {
    out << "three threads, up to " << kThreeThreadProgramBound << " preemptions:\n";
    three->second = explore::sweep_programs(three->first);
    explore::merge(r, three->second);
  }
  out << r.programs << " programs (of " << r.space_size << "), " << r.executions << " executions, " << r.seconds
      << " s\n";
  for (std::size_t v = 0; v < explore::kVariantCount; ++v) {
    out << "  " << variant_name(explore::variant_at(v)) << ": " << r.executions_by_variant[v] << " executions;";
    for (const auto& [k, n] : r.failing_programs[v]) out << " " << name(k) << " " << n;
    out << "\n";
  }
  for (const auto& f : r.findings)
    out << "FINDING: " << f.program.text() << " under " << variant_name(f.variant) << ": "
        << (f.kind == FailureKind::none ? std::string("incomplete") : std::string(name(f.kind))) << ": " << f.message
        << "\n";
  if (c.out) {
    const std::string old = *block(existing, kProgramsBegin, kProgramsEnd);
    existing.replace(existing.find(old), old.size(), programs_section(o, two, three, r));
    std::ofstream f(*c.out);
    f << existing;
    if (!f) {
      err << "lfvlab verify-programs: --out: cannot write " << *c.out << '\n';
      return 2;
    }
    out << "wrote " << *c.out << '\n';
  }
  return r.findings.empty() ? 0 : 1;
}

}  // namespace lfv::app
