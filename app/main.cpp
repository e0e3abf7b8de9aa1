// lfvlab: the command line. With no subcommand it opens the lecture app
// (with no display, it plays the scenario in the terminal). Each
// subcommand is in its own file under app/cli/; this only adds them,
// parses, and runs the one chosen.
#include <CLI/CLI.hpp>

#include <filesystem>
#include <memory>
#include <vector>

#include "cli/options.hpp"
#include "cli/subcommand.hpp"
#include "library.hpp"

int main(int argc, char** argv) {
  using namespace lfv::app;
  CLI::App root{"lfvlab: the Lock-Free Vector Lab"};
  root.require_subcommand(0, 1);
  root.option_defaults()->always_capture_default();  // every --help shows the defaults
  root.set_version_flag("--version", "lfvlab " LFV_VERSION);
  std::string library_dir;
  root.add_option("--library", library_dir,
                  "The scenario library folder (default: share/lfvlab/scenarios beside the installed program, or the "
                  "source tree of the build folder it runs from)")
      ->check(CLI::ExistingDirectory);

  std::vector<std::unique_ptr<cli::Subcommand>> subcommands;
  for (auto add : {cli::add_demo, cli::add_play, cli::add_explore, cli::add_verify_library, cli::add_verify_programs,
                   cli::add_verify_orders, cli::add_shot, cli::add_animate, cli::add_bench_ui, cli::add_live, cli::add_keys, cli::add_check})
    subcommands.push_back(add(root));
  const auto open_app = cli::add_open_app(root);
  root.footer(std::string(cli::kExitStatuses) + "\nExample: lfvlab scenarios/04-helping.toml   (opens the app on that unit)");

  try {
    root.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = root.exit(e);
    return code == 0 ? 0 : 2;  // bad input exits 2
  }
  const cli::Context context{
      find_library(library_dir.empty() ? std::nullopt : std::optional<std::filesystem::path>(library_dir))};
  for (const auto& s : subcommands)
    if (s->parsed()) return s->run(context);
  return open_app->run(context);
}
