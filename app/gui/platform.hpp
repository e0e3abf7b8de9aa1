// What differs between operating systems, in one small file.
#pragma once

#include <filesystem>
#include <string>

namespace lfv::gui::platform {

// Where per-user settings live: $XDG_CONFIG_HOME or ~/.config, %APPDATA% on Windows.
std::filesystem::path config_dir();
// A name for this process's scratch files.
std::string process_tag();
// Whether a program can be run by name (for ffmpeg).
bool have_program(const std::string& name);

}  // namespace lfv::gui::platform
