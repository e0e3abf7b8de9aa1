#include "verify_orders_command.hpp"

#ifdef _WIN32
#include <io.h>
#else
#include <unistd.h>
#endif
#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <ostream>
#include <sstream>
#include <thread>

#include "lfv/explore/explorer.hpp"
#include "lfv/sim/declared_orders.hpp"
#include "lfv/sim/drive.hpp"
#include "check_command.hpp"
#include "output_path.hpp"

namespace lfv::app {
namespace {

constexpr std::size_t kVariants = std::size(kOrderVariants);


using TagMask = std::uint32_t;
static_assert(std::size_t(Order::count_) <= 32, "a TagMask holds one bit per tag");
constexpr TagMask bit(Order o) { return TagMask(1) << unsigned(o); }

// What one search found.
struct Found {
  std::optional<FailureKind> failure;
  explore::Coverage coverage;
  std::uint64_t executions = 0;
  double seconds = 0;
  std::string schedule, message;
  std::string toml;  // the counterexample as a scenario file, as explore --save writes it
  TagMask reached = 0;  // the tags its executions ran (collected only when asked)
};

Found search(const scenario::Scenario& s, const SearchedVariant& v, const OrderBounds& b, const sim::Weakening& w,
             bool collect) {
  explore::ExploreOptions o;
  o.completion = v.completion;
  o.reclaim = v.reclaim;
  o.memory_model = sim::MemoryModel::c11;
  o.weaken = w;
  o.preemption_limit = b.preemptions;
  o.max_executions = b.budget;
  o.workers = 1;  // the command runs searches side by side instead: each stays deterministic
  std::atomic<TagMask> reached{0};
  if (collect)
    o.on_execution = [&reached](const sim::Run& run) {
      TagMask m = 0;
      for (const sim::StepEvent& e : run.log().steps) m |= bit(e.order);
      reached.fetch_or(m, std::memory_order_relaxed);
    };
  const explore::ExploreResult r = explore::explore(s, o);
  Found f;
  f.coverage = explore::coverage(r);
  f.executions = r.executions;
  f.seconds = r.seconds;
  f.reached = reached.load();
  // The fences are not steps: a protect publishes a hazard (H1) just
  // before its fence (H2), and a scan reads the hazards (H5) just after
  // its fence (H4). (H1 alone, a set(), over-counts H2: a unit is then
  // searched for nothing, never skipped wrongly.)
  if (f.reached & bit(Order::H1)) f.reached |= bit(Order::H2);
  if (f.reached & bit(Order::H5)) f.reached |= bit(Order::H4);
  if (r.failure) {
    f.failure = r.failure->kind;
    f.message = r.failure->message;
    const auto run = sim::replay(s, v.completion, v.reclaim, r.failure->schedule, explore::run_options(o, 5000));
    f.schedule = sim::format_schedule(r.failure->schedule, *run);
    f.toml = explore::counterexample_toml(s, v.completion, v.reclaim, *r.failure, explore::run_options(o, 0),
                                         "lfvlab verify-orders");
  }
  return f;
}

// Runs job(0) ... job(n - 1) on `workers` threads.
void run_jobs(std::size_t n, unsigned workers, const std::function<void(std::size_t)>& job) {
  if (workers == 0) workers = std::max(1u, std::thread::hardware_concurrency());
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i; (i = next.fetch_add(1)) < n;) job(i);
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < std::min<std::size_t>(workers, n); ++t) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
}

std::string order_text(std::memory_order mo, std::memory_order failure, sim::OrderAccess a) {
  std::string t(sim::name(mo));
  if (a == sim::OrderAccess::rmw && failure != mo) t += " (failure " + std::string(sim::name(failure)) + ")";
  return t;
}

struct Unit {
  std::string file;
  scenario::Scenario scenario;
  std::array<Found, kVariants> base;  // under the declared orders, by variant
};

std::string unit_number(const std::string& file) { return file.substr(0, file.find('-')); }

// How far the units of a row without a failure were searched, in words.
std::string not_needed_search(const std::vector<const Unit*>& units, const std::vector<Found>& found,
                              const std::vector<std::string>& skipped, const OrderBounds& b) {
  std::size_t complete = 0, bounded = 0;
  std::map<std::string, std::vector<std::string>> cut;  // by the bound that was covered
  std::uint64_t executions = 0;
  for (std::size_t i = 0; i < found.size(); ++i) {
    const auto& c = found[i].coverage;
    executions += found[i].executions;
    if (c.complete) ++complete;
    else if (explore::covered_within_bound(c)) ++bounded;
    else cut[c.complete_bound ? "bound " + std::to_string(*c.complete_bound) + " covered" : "no bound covered"]
          .push_back(unit_number(units[i]->file));
  }
  std::ostringstream t;
  if (units.empty()) t << "no unit runs it";
  else {
    t << units.size() << " unit" << (units.size() == 1 ? "" : "s") << " run it, " << executions << " executions: ";
    std::vector<std::string> parts;
    if (complete) parts.push_back(std::to_string(complete) + " complete");
    if (bounded) parts.push_back(std::to_string(bounded) + " bounded (every schedule with at most " +
                                 std::to_string(b.preemptions) + " preemptions)");
    for (const auto& [how, list] : cut) {
      std::string u;
      for (const auto& n : list) u += (u.empty() ? "" : ", ") + n;
      parts.push_back(std::to_string(list.size()) + " stopped at the budget (" + how + ": " + u + ")");
    }
    for (std::size_t i = 0; i < parts.size(); ++i) t << (i ? "; " : "") << parts[i];
  }
  if (!skipped.empty()) {
    std::string u;
    for (const auto& n : skipped) u += (u.empty() ? "" : ", ") + n;
    t << "; not judged in " << u << " (they fail under the declared orders)";
  }
  return t.str();
}

struct Generated {
  std::vector<BaselineRow> baseline;
  std::vector<OrderRow> rows;
  std::map<std::string, std::string> files;  // saved counterexamples: file name, text
  std::vector<std::string> left_out;          // units whose files weaken an order themselves
  std::uint64_t searches = 0, executions = 0;
};

Generated generate(const std::string& dir, const std::string& library, const OrderBounds& b, unsigned workers,
                   std::ostream& progress) {
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(dir))
    if (e.path().extension() == ".toml") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  Generated g;
  std::vector<Unit> units;
  for (const auto& f : files) {
    auto loaded = scenario::load_scenario(f);
    if (auto* e = std::get_if<scenario::ScenarioError>(&loaded)) throw std::runtime_error(e->text());
    // A unit that weakens an order in its own file shows that weakening;
    // its play command would add it to the row's, so it is left out.
    if (std::get<scenario::Scenario>(loaded).orders.any()) {
      g.left_out.push_back(f.filename().string());
      continue;
    }
    units.push_back({f.filename().string(), std::get<scenario::Scenario>(std::move(loaded)), {}});
    // Named from the folder above the library, as the document names it,
    // so a saved counterexample's header does not depend on the path given.
    units.back().scenario.path = library + "/" + units.back().file;
  }
  std::mutex said;
  auto say = [&](const std::string& line) {
    std::lock_guard lock(said);
    progress << "  " << line << '\n' << std::flush;
  };
  // The declared orders first: each unit's verdict, and which tags it runs.
  run_jobs(units.size() * kVariants, workers, [&](std::size_t i) {
    Unit& u = units[i / kVariants];
    const SearchedVariant& v = kOrderVariants[i % kVariants];
    Found& f = u.base[i % kVariants];
    f = search(u.scenario, v, b, {}, true);
    say(u.file + " under " + variant_text(v.completion, v.reclaim) + ", the declared orders: " +
        (f.failure ? std::string(name(*f.failure)) : "none") + ", " + explore::coverage_brief(f.coverage));
  });
  for (const Unit& u : units)
    for (std::size_t vi = 0; vi < kVariants; ++vi) {
      const Found& f = u.base[vi];
      g.baseline.push_back({kOrderVariants[vi].completion, kOrderVariants[vi].reclaim, u.file, f.failure,
                            explore::coverage_brief(f.coverage), f.executions, f.seconds});
      ++g.searches;
      g.executions += f.executions;
    }
  // One row per (tag, step), or one per tag with no step to search; a
  // row's weakening by its index.
  std::map<std::size_t, sim::Weakening> weakenings;
  std::map<std::size_t, std::size_t> variant_of;  // a row's index in kOrderVariants
  for (std::size_t vi = 0; vi < kVariants; ++vi) {
    const SearchedVariant& v = kOrderVariants[vi];
    for (const sim::DeclaredOrder& d : sim::declared_orders()) {
      variant_of[g.rows.size()] = vi;
      OrderRow base;
      base.completion = v.completion;
      base.reclaim = v.reclaim;
      base.tag = d.tag;
      base.access = std::string(name(d.access));
      base.declared = order_text(d.order, d.failure, d.access);
      base.weakened = "-";
      if (!sim::in_scope(d.scope, v.completion, v.reclaim)) {
        base.verdict = OrderVerdict::out_of_scope;
        base.search = "run only by " + std::string(name(d.scope));
        g.rows.push_back(base);
        continue;
      }
      if (d.carried_by != Order::none) {
        base.verdict = OrderVerdict::carried;
        base.search = "its accesses are tagged (" + std::string(name(d.carried_by)) + ") or (V3): see those rows";
        g.rows.push_back(base);
        continue;
      }
      for (std::memory_order mo : sim::weakening_steps(d)) {
        OrderRow r = base;
        variant_of[g.rows.size()] = vi;
        sim::Weakening& w = weakenings[g.rows.size()];
        w.to[std::size_t(d.tag)] = mo;
        r.weakened = order_text(w.apply(d.tag, d.order), w.apply(d.tag, d.failure), d.access);
        r.weaken = std::string(name(d.tag)) + "=" + std::string(sim::name(mo));
        g.rows.push_back(r);
      }
    }
  }
  std::mutex counted;
  run_jobs(g.rows.size(), workers, [&](std::size_t i) {
    OrderRow& r = g.rows[i];
    if (r.weaken.empty()) return;
    const sim::Weakening& w = weakenings.at(i);
    const std::size_t vi = variant_of.at(i);
    std::vector<const Unit*> ran;
    std::vector<Found> found;
    std::vector<std::string> skipped;
    for (const Unit& u : units) {
      if (!(u.base[vi].reached & bit(r.tag))) continue;  // its search would be the declared orders' one
      if (u.base[vi].failure) {
        skipped.push_back(unit_number(u.file));
        continue;
      }
      ran.push_back(&u);
      found.push_back(search(u.scenario, kOrderVariants[vi], b, w, false));
      r.seconds += found.back().seconds;
      if (found.back().failure) break;
    }
    {
      std::lock_guard lock(counted);
      g.searches += found.size();
      for (const auto& f : found) g.executions += f.executions;
    }
    if (!found.empty() && found.back().failure) {
      const Found& f = found.back();
      r.verdict = OrderVerdict::needed;
      r.unit = ran.back()->file;
      r.kind = *f.failure;
      r.schedule = f.schedule;
      r.message = f.message;
      r.file = counterexample_file_name(r.weaken, r.reclaim);
      std::lock_guard lock(counted);
      g.files[r.file] = f.toml;
      r.search = explore::coverage_brief(f.coverage) + ", " + std::to_string(f.executions) + " executions";
      if (found.size() > 1) r.search += ", after " + std::to_string(found.size() - 1) + " units without one";
    } else if (ran.empty() && !skipped.empty()) {
      r.verdict = OrderVerdict::declared_fails;
      r.search = not_needed_search(ran, found, skipped, b);
    } else {
      r.verdict = OrderVerdict::not_needed;
      r.search = not_needed_search(ran, found, skipped, b);
    }
    say(r.weaken + " under " + variant_text(r.completion, r.reclaim) + ": " + verdict_text(r) + " (" + r.search + ")");
  });
  return g;
}

std::string read_text(const std::string& path) {
  std::ifstream f(path);
  std::stringstream t;
  t << f.rdbuf();
  return t.str();
}

// Writes the saved counterexamples into `dir`, and removes the .toml files
// there that are not among them (a row no longer needed).
std::optional<std::string> write_files(const std::filesystem::path& dir,
                                       const std::map<std::string, std::string>& files) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return "cannot make " + dir.string() + ": " + ec.message();
  for (const auto& e : std::filesystem::directory_iterator(dir, ec))
    if (e.path().extension() == ".toml" && !files.count(e.path().filename().string()))
      std::filesystem::remove(e.path(), ec);
  for (const auto& [name, text] : files) {
    std::ofstream f(dir / name);
    f << text;
    if (!f) return "cannot write " + (dir / name).string();
  }
  return std::nullopt;
}

// What is wrong with the saved counterexamples a document lists: each must
// be there, be what the search saves now, and pass `lfvlab check` (its
// script replays the failure its [expect] names); no other file may be.
std::vector<std::string> file_problems(const std::filesystem::path& dir, const ParsedOrders& listed,
                                       const std::map<std::string, std::string>& generated) {
  std::vector<std::string> out;
  std::set<std::string> names;
  for (const auto& cx : listed.counterexamples) {
    if (cx.file.empty()) {
      out.push_back(cx.weaken + ": no saved file listed");
      continue;
    }
    names.insert(cx.file);
    const auto path = dir / cx.file;
    if (!std::filesystem::is_regular_file(path)) {
      out.push_back(path.string() + " is missing");
      continue;
    }
    const auto it = generated.find(cx.file);
    if (it != generated.end() && read_text(path.string()) != it->second)
      out.push_back(path.string() + " differs from what the search saves now");
    std::ostringstream said;
    if (run_check(path.string(), false, said, said) != 0)
      out.push_back(path.string() + " does not check: " + said.str());
  }
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec))
    if (e.path().extension() == ".toml" && !names.count(e.path().filename().string()))
      out.push_back(e.path().string() + " is not listed in the document");
  return out;
}

}  // namespace

std::optional<std::string> replay_problem(const std::string& directory, const ListedCounterexample& cx) {
  const std::string file = directory + "/" + cx.unit;
  auto loaded = scenario::load_scenario(file);
  if (auto* e = std::get_if<scenario::ScenarioError>(&loaded)) return e->text();
  const auto& s = std::get<scenario::Scenario>(loaded);
  sim::RunOptions ro;
  ro.memory_model = sim::MemoryModel::c11;
  if (auto why = sim::add_weakening(ro.weaken, cx.weaken)) return "--weaken " + cx.weaken + ": " + *why;
  std::string why;
  const auto schedule = sim::parse_schedule(cx.schedule, s, &why);
  if (!schedule) return "schedule \"" + cx.schedule + "\": " + why;
  auto run = sim::start_run(s, cx.completion, cx.reclaim, ro);
  if (auto e = sim::play(*run, schedule)) return "schedule \"" + cx.schedule + "\": " + e->message;
  const explore::Outcome o = explore::judge(*run);
  if (o.kind != cx.kind)
    return cx.weaken + " on " + cx.unit + " under " + variant_text(cx.completion, cx.reclaim) +
           ": the schedule gives " +
           (o.kind == FailureKind::none ? std::string("no failure") : std::string(name(o.kind))) + ", not " +
           std::string(name(cx.kind));
  return std::nullopt;
}

int run_verify_orders(const VerifyOrdersCommand& c, std::ostream& out, std::ostream& err) {
  const std::string me = "lfvlab verify-orders: ";
  if (!std::filesystem::is_directory(c.directory)) {
    err << me << c.directory << " is not a directory\n";
    return 2;
  }
  if (c.out)
    if (auto why = output_path_problem(*c.out)) {
      err << me << "--out: " << *why << '\n';
      return 2;
    }
  if (c.check && !std::filesystem::is_regular_file(*c.check)) {
    err << me << "--check: cannot read " << *c.check << '\n';
    return 2;
  }
  {
    std::error_code ec;
    bool any = false;
    for (const auto& e : std::filesystem::directory_iterator(c.directory, ec))
      any = any || e.path().extension() == ".toml";
    if (!any) {
      err << me << c.directory << " holds no scenario files (*.toml)\n";
      return 2;
    }
  }
  std::ostringstream silent;
  std::ostream& progress = c.progress || stderr_is_terminal() ? err : silent;
  // The document names the library by its folder's name, run from the
  // folder above it ("scenarios"), whatever path it was given as.
  std::string dir = c.directory;
  while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
  const std::string library = std::filesystem::path(dir).filename().string();
  const auto start = std::chrono::steady_clock::now();
  Generated g;
  try {
    g = generate(c.directory, library, c.bounds, c.workers, progress);
  } catch (const std::exception& e) {
    err << e.what() << '\n';
    return 2;
  }
  // The saved counterexamples go in a folder beside the document, named
  // as it is: docs/memory-orders.md, docs/memory-orders/.
  const std::filesystem::path doc_path(c.out ? *c.out : c.check ? *c.check : "memory-orders.md");
  const std::string folder = doc_path.stem().string();
  const std::filesystem::path files_dir = doc_path.parent_path() / folder;
  const std::string doc = orders_document(g.baseline, g.rows, c.bounds, library, folder, g.left_out);
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  char line[160];
  std::snprintf(line, sizeof line, "%llu searches, %llu executions in %.1f s\n",
                static_cast<unsigned long long>(g.searches), static_cast<unsigned long long>(g.executions), secs);
  out << line;
  if (c.out) {
    std::ofstream f(*c.out);
    f << doc;
    if (!f) {
      err << me << "--out: cannot write " << *c.out << '\n';
      return 2;
    }
    out << "wrote " << *c.out << '\n';
    if (auto why = write_files(files_dir, g.files)) {
      err << me << "--out: " << *why << '\n';
      return 2;
    }
    if (!g.files.empty()) out << "wrote " << g.files.size() << " counterexamples in " << files_dir.string() << "/\n";
  }
  if (c.check) {
    const std::string committed = read_text(*c.check);
    const ParsedOrders was = parse_orders_document(committed), now = parse_orders_document(doc);
    int status = 0;
    for (const auto& d : verdict_differences(was, now)) {
      out << "changed: " << d << '\n';
      status = 1;
    }
    if (status == 0 && without_seconds(committed) != without_seconds(doc)) {
      out << "changed: the text besides the verdicts (searches, bounds or wording)\n";
      status = 1;
    }
    for (const auto& cx : was.counterexamples)
      if (auto why = replay_problem(c.directory, cx)) {
        out << "counterexample does not replay: " << *why << '\n';
        status = 1;
      }
    for (const auto& why : file_problems(files_dir, was, g.files)) {
      out << "saved counterexample: " << why << '\n';
      status = 1;
    }
    if (status) {
      out << *c.check << " is out of date: regenerate it with lfvlab verify-orders " << library << " --out "
          << *c.check << '\n';
      return 1;
    }
    out << *c.check << " holds (" << was.counterexamples.size() << " counterexamples replayed)\n";
  }
  if (!c.out && !c.check) out << doc;
  return 0;
}

}  // namespace lfv::app
