// One lfvlab subcommand: it registers its options on the command line and
// runs when it is the one parsed. Each lives in its own file (app/cli/);
// main.cpp only adds them, parses and runs the one chosen.
#pragma once

#include <CLI/CLI.hpp>

#include <filesystem>
#include <memory>

namespace lfv::app::cli {

// What every subcommand may need after parsing.
struct Context {
  std::filesystem::path library;  // the scenario library found (--library or beside the program)
};

class Subcommand {
 public:
  virtual ~Subcommand() = default;
  bool parsed() const { return cmd_ && cmd_->parsed(); }
  virtual int run(const Context& context) = 0;  // the process's exit status

 protected:
  CLI::App* cmd_ = nullptr;
};

std::unique_ptr<Subcommand> add_demo(CLI::App& cli);
std::unique_ptr<Subcommand> add_play(CLI::App& cli);
std::unique_ptr<Subcommand> add_explore(CLI::App& cli);
std::unique_ptr<Subcommand> add_verify_library(CLI::App& cli);
std::unique_ptr<Subcommand> add_verify_programs(CLI::App& cli);
std::unique_ptr<Subcommand> add_verify_orders(CLI::App& cli);
std::unique_ptr<Subcommand> add_shot(CLI::App& cli);
std::unique_ptr<Subcommand> add_animate(CLI::App& cli);
std::unique_ptr<Subcommand> add_bench_ui(CLI::App& cli);
std::unique_ptr<Subcommand> add_live(CLI::App& cli);
std::unique_ptr<Subcommand> add_keys(CLI::App& cli);
std::unique_ptr<Subcommand> add_check(CLI::App& cli);
// No subcommand: the lecture app on a scenario (or, with no display, the
// scenario played in the terminal). Its options are the root's.
std::unique_ptr<Subcommand> add_open_app(CLI::App& cli);

}  // namespace lfv::app::cli
