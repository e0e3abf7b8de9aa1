// What the subcommands share: validators CLI11 lacks, the variant flags
// (registered the same way by every command that has them), the check of
// an output path before any work starts, and the help's footer.
#pragma once

#include <CLI/CLI.hpp>

#include <optional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "lfv/sim/memory_model.hpp"
#include "lfv/sim/weakening.hpp"
#include "lfv/variant.hpp"

namespace lfv::app::cli {

// WIDTHxHEIGHT in digits only ("640x480junk" is refused), from 320x240 to
// 7680x4320: a frame of at most 127 MiB of pixels (shot, animate).
bool parse_size(const std::string& v, int* w, int* h);
CLI::Validator size_validator();
// A number CLI11 would otherwise wrap ("-1" as 2^64 - 1) or let through (nan).
CLI::Validator digits_only();
// A finite number of seconds in [min, max] (CLI::Range lets NaN through).
CLI::Validator seconds_between(double min, double max, const std::string& message);

// --completion and --reclaim, as text until the command runs.
struct VariantFlags {
  std::string completion, reclaim;
  std::optional<Completion> parsed_completion() const;
  std::optional<Reclaim> parsed_reclaim() const;
};
// `what` starts each flag's help: "Override the completion" / "Only this completion".
void add_variant_flags(CLI::App* cmd, VariantFlags& v, const std::string& what);

// --memory-model and --weaken (repeatable), as text until the command runs.
struct MemoryFlags {
  std::string model;
  std::vector<std::string> weaken;
  // As the flags say; run.hpp's choose_memory adds the file's and checks
  // that a weakening meets c11.
  sim::MemoryChoice parsed() const;
};
void add_memory_flags(CLI::App* cmd, MemoryFlags& m);

// Checks an output flag before the work starts; prints why and says false.
bool writable(const char* command, const char* flag, const std::string& path);

// Every --help ends with the exit statuses and one example.
void set_footer(CLI::App* cmd, const std::string& example);
extern const char* const kExitStatuses;

}  // namespace lfv::app::cli
