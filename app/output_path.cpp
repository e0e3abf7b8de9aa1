#include "output_path.hpp"

#include <filesystem>

#ifdef _WIN32
#include <io.h>
#else
#include <unistd.h>
#endif
#include <cstdio>

namespace lfv::app {

std::optional<std::string> output_path_problem(const std::string& path) {
  namespace fs = std::filesystem;
  if (path.empty()) return "the path is empty";
  std::error_code ec;
  const fs::file_status st = fs::status(path, ec);
  if (fs::exists(st)) {
    if (fs::is_directory(st)) return path + " is a folder, not a file";
    if (!fs::is_regular_file(st)) return path + " is not a regular file";
    if (::access(path.c_str(), W_OK) != 0) return "cannot write " + path + " (permission denied)";
    return std::nullopt;
  }
  if (ec == std::errc::too_many_symbolic_link_levels) return path + " is a loop of symbolic links";
  const fs::path parent = fs::path(path).parent_path().empty() ? fs::path(".") : fs::path(path).parent_path();
  if (!fs::is_directory(parent, ec)) return "cannot write " + path + ": no folder " + parent.string();
  if (::access(parent.c_str(), W_OK) != 0)
    return "cannot write " + path + ": the folder " + parent.string() + " is not writable";
  return std::nullopt;
}

bool stderr_is_terminal() {
#ifdef _WIN32
  return _isatty(_fileno(stderr));
#else
  return isatty(STDERR_FILENO);
#endif
}

}  // namespace lfv::app
