// lfvlab: the command line. Until the GUI lands, `lfvlab` with no argument
// runs the terminal demo.
#include <CLI/CLI.hpp>

#include <iostream>

#include "terminal_demo.hpp"

int main(int argc, char** argv) {
  using namespace lfv;
  CLI::App cli{"lfvlab: the Lock-Free Vector Lab"};
  cli.require_subcommand(0, 1);

  app::DemoOptions demo;
  std::string completion, reclaim;
  CLI::App* demo_cmd = cli.add_subcommand("demo", "Real threads push and pop on the vector in each variant");
  auto add_demo_options = [&](CLI::App* cmd) {
    cmd->add_option("--threads", demo.workload.threads, "Threads")->check(CLI::Range(1u, 64u));
    cmd->add_option("--ops", demo.workload.ops_per_thread, "Operations per thread")
        ->check(CLI::Range(1u, 1u << 24));
    cmd->add_option("--completion", completion, "Only this completion: book, paper or versioned")
        ->check(CLI::IsMember({"book", "paper", "versioned"}));
    cmd->add_option("--reclaim", reclaim, "Only this reclamation: leak, hazard or free-now")
        ->check(CLI::IsMember({"leak", "hazard", "free-now"}));
  };
  add_demo_options(demo_cmd);

  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = cli.exit(e);
    return code == 0 ? 0 : 2;  // bad input exits 2
  }

  if (!completion.empty()) demo.only_completion = parse_completion(completion);
  if (!reclaim.empty()) demo.only_reclaim = parse_reclaim(reclaim);
  return app::run_terminal_demo(demo, std::cout);
}
