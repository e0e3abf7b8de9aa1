// lfvlab: the command line. Until the GUI lands, `lfvlab` with no argument
// runs the terminal demo.
#include <CLI/CLI.hpp>

#include <iostream>

#include "play_command.hpp"
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

  app::PlayOptions play;
  std::string play_schedule;
  std::string play_completion, play_reclaim;
  CLI::App* play_cmd = cli.add_subcommand("play", "Play a scenario in the simulator, one atomic step at a time");
  play_cmd->add_option("file", play.file, "Scenario file (TOML)")->required();
  play_cmd->add_option("--schedule", play_schedule, "Thread choices, e.g. \"A*12 B*5 A\" (default: the script)");
  play_cmd->add_option("--completion", play_completion, "Override the completion: book, paper or versioned")
      ->check(CLI::IsMember({"book", "paper", "versioned"}));
  play_cmd->add_option("--reclaim", play_reclaim, "Override the reclamation: leak, hazard or free-now")
      ->check(CLI::IsMember({"leak", "hazard", "free-now"}));
  play_cmd->add_flag("--json", play.json, "Print the event log as JSON");
  play_cmd->add_flag("--reads", play.show_reads, "Show plain-field reads in the table");

  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = cli.exit(e);
    return code == 0 ? 0 : 2;  // bad input exits 2
  }

  if (play_cmd->parsed()) {
    if (!play_schedule.empty() || play_cmd->count("--schedule")) play.schedule = play_schedule;
    if (!play_completion.empty()) play.completion = parse_completion(play_completion);
    if (!play_reclaim.empty()) play.reclaim = parse_reclaim(play_reclaim);
    return app::run_play(play, std::cout, std::cerr);
  }
  if (!completion.empty()) demo.only_completion = parse_completion(completion);
  if (!reclaim.empty()) demo.only_reclaim = parse_reclaim(reclaim);
  return app::run_terminal_demo(demo, std::cout);
}
