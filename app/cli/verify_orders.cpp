// `lfvlab verify-orders DIR`: each numbered memory order weakened, the library explored under c11.
#include <iostream>

#include "../verify_orders_command.hpp"
#include "options.hpp"
#include "subcommand.hpp"

namespace lfv::app::cli {
namespace {

class VerifyOrders final : public Subcommand {
 public:
  explicit VerifyOrders(CLI::App& cli) {
    cmd_ = cli.add_subcommand("verify-orders",
                              "Weaken each numbered memory order one step and explore the library under c11 "
                              "(docs/memory-orders.md)");
    cmd_->add_option("directory", c_.directory, "The scenario library")->required();
    cmd_->add_option("--out", out_, "Write the document to this file");
    cmd_->add_option("--check", check_,
                     "Fail if this document no longer holds: a verdict changed, or a counterexample it lists "
                     "no longer replays (seconds aside)");
    cmd_->add_option("--preemptions", c_.bounds.preemptions, "Preemption bound of every search")
        ->default_val(c_.bounds.preemptions)
        ->check(CLI::Range(0u, 10u));
    cmd_->add_option("--budget", c_.bounds.budget, "Executions per search before it counts as incomplete")
        ->default_val(c_.bounds.budget)
        ->check(CLI::Range(1ull, 100'000'000ull));
    cmd_->add_option("--workers", c_.workers, "Searches run at once (0: one per hardware thread)")
        ->default_val(c_.workers)
        ->check(CLI::Range(0u, 256u));
    cmd_->add_flag("--progress", c_.progress,
                   "Print progress to stderr even when it is not a terminal (on a terminal it always does)");
    set_footer(cmd_, "lfvlab verify-orders scenarios --out docs/memory-orders.md");
  }

  int run(const Context&) override {
    if (!out_.empty()) c_.out = out_;
    if (!check_.empty()) c_.check = check_;
    return run_verify_orders(c_, std::cout, std::cerr);
  }

 private:
  VerifyOrdersCommand c_;
  std::string out_, check_;
};

}  // namespace

std::unique_ptr<Subcommand> add_verify_orders(CLI::App& cli) { return std::make_unique<VerifyOrders>(cli); }

}  // namespace lfv::app::cli
