// What differs between operating systems, in one small file.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace lfv::gui::platform {

// Where per-user settings live: $XDG_CONFIG_HOME or ~/.config, %APPDATA% on Windows.
std::filesystem::path config_dir();
// A name for this process's scratch files.
std::string process_tag();
// Whether a program can be run by name (for ffmpeg).
bool have_program(const std::string& name);
// This process's executable, absolute; empty where it cannot be told.
std::filesystem::path executable_path();
// Runs a program with its arguments, no shell in between (so no quoting
// rules of any shell apply). Returns its exit status, -1 when it could not
// be started.
int run_program(const std::string& program, const std::vector<std::string>& args);

}  // namespace lfv::gui::platform
