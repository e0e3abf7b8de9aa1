// Checks an output path before any work starts, so a long run never ends in
// "cannot write" and a refused flag leaves nothing behind.
#pragma once

#include <optional>
#include <string>

namespace lfv::app {

// Why `path` cannot be written as a file, or nullopt when it can: its folder
// must exist and be writable, and the path must not be a folder or a special
// file. Creates nothing.
std::optional<std::string> output_path_problem(const std::string& path);

// Whether stderr is a terminal: progress lines then overwrite themselves
// (explore, verify-library, verify-orders).
bool stderr_is_terminal();

}  // namespace lfv::app
