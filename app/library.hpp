// Where the scenario library is: the folder `lfvlab` lists in Controls and
// opens first when given no file.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace lfv::app {

// The library folder, the first of: `override` (--library DIR); the
// installed copy beside the executable (<prefix>/bin/lfvlab ->
// <prefix>/share/lfvlab/scenarios); the source tree of the build folder
// the executable sits in (read from its CMakeCache.txt). Empty when none
// exists.
std::filesystem::path find_library(const std::optional<std::filesystem::path>& override);

// The library's scenario files (*.toml), sorted: the units in order.
std::vector<std::string> library_files(const std::filesystem::path& dir);

}  // namespace lfv::app
