// `lfvlab play FILE`: the simulator, one atomic step at a time.
#include <iostream>
#include <tuple>

#include "../play_command.hpp"
#include "options.hpp"
#include "subcommand.hpp"

namespace lfv::app::cli {
namespace {

class Play final : public Subcommand {
 public:
  explicit Play(CLI::App& cli) {
    cmd_ = cli.add_subcommand("play", "Play a scenario in the simulator, one atomic step at a time");
    cmd_->add_option("file", options_.file, "Scenario file (TOML)")->required();
    cmd_->add_option("--schedule", schedule_,
                     "Thread choices, e.g. \"A*12 B*5 A\"; under --memory-model c11, \"B~1\": B's load reads the store "
                     "one back from the latest (default: the script)");
    add_variant_flags(cmd_, variant_, "Override the");
    add_memory_flags(cmd_, memory_);
    cmd_->add_flag("--json", options_.json, "Print the event log as JSON");
    cmd_->add_flag("--reads", options_.show_reads, "Show plain-field reads in the table");
    cmd_->footer(
        "After the steps: the verdict on the whole history, as check and explore give it.\n"
        "Exit status: 0 the history is fine, 1 it fails (a use-after-free, double free or, under c11, a data "
        "race stopped it, or it is not linearizable; also when the scenario's [expect] says so: check validates expectations), 2 bad input.\n"
        "Example: lfvlab play scenarios/07-book-clear-pending-race.toml --schedule \"A*14 B*14\"");
  }

  int run(const Context&) override {
    if (!schedule_.empty() || cmd_->count("--schedule")) options_.schedule = schedule_;
    options_.completion = variant_.parsed_completion();
    options_.reclaim = variant_.parsed_reclaim();
    options_.memory = memory_.parsed();
    return run_play(options_, std::cout, std::cerr);
  }

 private:
  PlayOptions options_;
  std::string schedule_;
  VariantFlags variant_;
  MemoryFlags memory_;
};

}  // namespace

std::unique_ptr<Subcommand> add_play(CLI::App& cli) { return std::make_unique<Play>(cli); }

}  // namespace lfv::app::cli
