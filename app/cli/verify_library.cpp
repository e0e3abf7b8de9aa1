// `lfvlab verify-library DIR`: every library scenario under every variant.
#include <iostream>

#include "../verify_command.hpp"
#include "options.hpp"
#include "subcommand.hpp"

namespace lfv::app::cli {
namespace {

class VerifyLibrary final : public Subcommand {
 public:
  explicit VerifyLibrary(CLI::App& cli) {
    cmd_ = cli.add_subcommand("verify-library",
                              "Explore every library scenario under every variant (docs/verification.md)");
    cmd_->add_option("directory", c_.directory, "The scenario library")->required();
    cmd_->add_option("--out", out_, "Write the table to this file");
    cmd_->add_option("--check", check_, "Fail if this table no longer holds (seconds aside)");
    cmd_->add_flag("--json", c_.json,
                   "Print every search's result (scenario, variant, result, search, executions) as JSON");
    cmd_->add_flag("--progress", c_.progress,
                   "Print progress to stderr even when it is not a terminal (on a terminal it always does)");
    cmd_->add_option("--budget", c_.budget, "Executions per search before it counts as incomplete")
        ->check(CLI::Range(1ull, 100'000'000ull));
    set_footer(cmd_, "lfvlab verify-library scenarios --out docs/verification.md");
  }

  int run(const Context&) override {
    if (!out_.empty()) c_.out = out_;
    if (!check_.empty()) c_.check = check_;
    return run_verify(c_, std::cout, std::cerr);
  }

 private:
  VerifyCommand c_;
  std::string out_, check_;
};

}  // namespace

std::unique_ptr<Subcommand> add_verify_library(CLI::App& cli) { return std::make_unique<VerifyLibrary>(cli); }

}  // namespace lfv::app::cli
