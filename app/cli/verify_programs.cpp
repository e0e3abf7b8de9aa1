// `lfvlab verify-programs`: the property sweep over generated programs.
#include <iostream>

#include "../verify_command.hpp"
#include "options.hpp"
#include "subcommand.hpp"

namespace lfv::app::cli {
namespace {

class VerifyPrograms final : public Subcommand {
 public:
  explicit VerifyPrograms(CLI::App& cli) {
    cmd_ = cli.add_subcommand(
        "verify-programs", "Explore every generated two-thread program under every variant (the property sweep)");
    cmd_->add_option("--max-ops", c_.max_ops, "Operations in all, both threads (2 to 6; default 3)");
    cmd_->add_option("--every", c_.every, "Run only every k-th program (a deterministic slice)")
        ->check(CLI::Range(1ull, 1'000'000'000ull));
    cmd_->add_option("--budget", c_.budget, "Executions per search before it counts as incomplete")
        ->check(CLI::Range(1ull, 100'000'000ull));
    cmd_->add_flag("--every-failure", c_.every_failure,
                   "Broken variants: search every schedule and check every failing execution's kind");
    cmd_->add_flag("--three-threads", c_.three_threads,
                   "Also every three-thread program of one operation a thread, up to 2 preemptions");
    cmd_->add_option("--out", out_, "Rewrite this document's generated-programs section");
    set_footer(cmd_, "lfvlab verify-programs --max-ops 3 --out docs/verification.md");
  }

  int run(const Context&) override {
    if (!out_.empty()) c_.out = out_;
    return run_verify_programs(c_, std::cout, std::cerr);
  }

 private:
  VerifyProgramsCommand c_;
  std::string out_;
};

}  // namespace

std::unique_ptr<Subcommand> add_verify_programs(CLI::App& cli) { return std::make_unique<VerifyPrograms>(cli); }

}  // namespace lfv::app::cli
