// `lfvlab check FILE`: play the script and check its [expect] block.
#include <iostream>

#include "../check_command.hpp"
#include "options.hpp"
#include "subcommand.hpp"

namespace lfv::app::cli {
namespace {

class Check final : public Subcommand {
 public:
  explicit Check(CLI::App& cli) {
    cmd_ = cli.add_subcommand("check", "Play the scenario's script and check its [expect] block");
    cmd_->add_option("file", file_, "Scenario file (TOML)")->required();
    cmd_->add_flag("--json", json_,
                   "Print each expectation (line, column, holds, message) and the verdict as JSON");
    add_memory_flags(cmd_, memory_);
    set_footer(cmd_, "lfvlab check scenarios/07-book-clear-pending-race.toml");
  }
  int run(const Context&) override { return run_check(file_, json_, std::cout, std::cerr, memory_.parsed()); }

 private:
  std::string file_;
  bool json_ = false;
  MemoryFlags memory_;
};

}  // namespace

std::unique_ptr<Subcommand> add_check(CLI::App& cli) { return std::make_unique<Check>(cli); }

}  // namespace lfv::app::cli
