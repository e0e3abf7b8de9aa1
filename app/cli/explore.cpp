// `lfvlab explore FILE`: search the scenario's schedules for a failure.
#include <iostream>
#include <tuple>

#include "../explore_command.hpp"
#include "options.hpp"
#include "subcommand.hpp"

namespace lfv::app::cli {
namespace {

class Explore final : public Subcommand {
 public:
  explicit Explore(CLI::App& cli) {
    cmd_ = cli.add_subcommand("explore", "Search the scenario's schedules for a failure");
    cmd_->add_option("file", c_.file, "Scenario file (TOML)")->required();
    add_variant_flags(cmd_, variant_, "Override the");
    add_memory_flags(cmd_, memory_);
    cmd_->add_option("--preemptions", preemptions_,
                     "Stop raising the preemption bound at N: the search is then bounded (default: bounds 0, "
                     "1, 2, then unbounded)")
        ->check(CLI::Range(0u, 64u))
        ->default_str("");
    cmd_->add_option("--want", want_,
                     "Only this failure kind counts (others are counted and the search goes on): "
                     "non-linearizable, use-after-free, data-race (c11 only), double-free or leak")
        ->check(CLI::Validator(
            [](std::string& v) {
              const auto k = parse_failure_kind(v);
              return k && *k != FailureKind::none && *k != FailureKind::bad_input && *k != FailureKind::livelock &&
                             *k != FailureKind::too_long
                         ? std::string()
                         : "unknown failure kind \"" + v +
                               "\"; the kinds: non-linearizable, use-after-free, data-race, double-free, leak";
            },
            "KIND"));
    cmd_->add_option("--time-limit", time_limit_, "Stop after this many seconds (default: none)")
        ->check(seconds_between(1e-9, 1e12, "expected a number of seconds > 0"))
        ->default_str("");
    cmd_->add_option("--budget", budget_, "Stop after this many executions (default 2000000)")
        ->check(CLI::Range(1ull, 1'000'000'000ull))
        ->default_str("");
    cmd_->add_option("--workers", c_.workers,
                     "Search threads (default 0: one per hardware thread); results do not depend on it")
        ->check(CLI::Range(0u, 256u));
    auto* pct = cmd_->add_option("--pct", pct_, "PCT random testing: this many runs (default: none, the search)")
                    ->check(CLI::Range(1u, 10'000'000u))
                    ->default_str("");
    cmd_->add_option("--pct-depth", pct_depth_,
                     "PCT depth d: d-1 priority change points, so up to d-1 preemptions (default: the "
                     "scenario's operations + 1, between 3 and 6)")
        ->check(CLI::Range(1u, 64u))
        ->default_str("")
        ->needs(pct);
    cmd_->add_option("--seed", c_.seed, "PCT seed (default 1)")->needs(pct)->check(digits_only());
    cmd_->add_flag("--all", c_.all,
                   "One unbounded round that counts every failing execution instead of stopping at the first "
                   "(a census of the schedules, not the quickest way to a failure)");
    cmd_->add_flag("--json", c_.json, "Print the result as JSON");
    cmd_->add_flag("--progress", c_.progress,
                   "Print progress to stderr even when it is not a terminal (on a terminal it always does)");
    cmd_->add_option("--save", save_, "Save the counterexample as a replayable scenario");
    cmd_->footer(
        "The result line says what was covered: \"complete\" (every schedule), \"no failure within preemption bound "
        "K\" (every schedule with at most K preemptions; what ran beyond it and why it stopped: execution budget, "
        "time limit), the preemptions a counterexample needs, or for PCT the probability that the runs missed a "
        "failure of the given depth.\n"
        "Exit status: 0 no failure found within what was covered, 1 a failure found, 2 bad input.\n"
        "Example: lfvlab explore scenarios/07-book-clear-pending-race.toml --reclaim hazard --want non-linearizable "
        "--save /tmp/cx.toml");
  }

  int run(const Context&) override {
    c_.completion = variant_.parsed_completion();
    c_.reclaim = variant_.parsed_reclaim();
    c_.memory = memory_.parsed();
    if (cmd_->count("--preemptions")) c_.preemptions = preemptions_;
    if (cmd_->count("--pct")) c_.pct_runs = pct_;
    if (cmd_->count("--pct-depth")) c_.pct_depth = pct_depth_;
    if (!want_.empty()) c_.want = parse_failure_kind(want_);
    if (cmd_->count("--time-limit")) c_.time_limit_seconds = time_limit_;
    if (cmd_->count("--budget")) c_.budget = budget_;
    if (cmd_->count("--save") && !writable("explore", "--save", save_)) return 2;
    if (!save_.empty()) c_.save = save_;
    return run_explore(c_, std::cout, std::cerr);
  }

 private:
  ExploreCommand c_;
  VariantFlags variant_;
  MemoryFlags memory_;
  std::string save_, want_;
  unsigned preemptions_ = 0, pct_ = 0, pct_depth_ = 0;
  double time_limit_ = 0;
  std::uint64_t budget_ = 0;
};

}  // namespace

std::unique_ptr<Subcommand> add_explore(CLI::App& cli) { return std::make_unique<Explore>(cli); }

}  // namespace lfv::app::cli
