// Where the app's exports and saves go, and how they are named: a folder the
// user chose (default: the XDG pictures folder, lfvlab/ inside), files
// numbered so they sort and never overwrite one another. No GUI here, so
// the rules can be tested without a window.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace lfv::app {

// XDG_PICTURES_DIR in the text of a user-dirs.dirs file ("$HOME/Pictures"
// or an absolute path, quoted as xdg-user-dirs writes it), with $HOME
// expanded to `home`; nullopt when the text has none that is usable.
std::optional<std::filesystem::path> pictures_dir_from_user_dirs(std::string_view text,
                                                                 const std::filesystem::path& home);

// The default export folder: XDG_PICTURES_DIR (from $XDG_CONFIG_HOME or
// ~/.config, user-dirs.dirs), else $HOME/Pictures, else the current folder;
// with lfvlab/ inside. Reads the environment; creates nothing.
std::filesystem::path default_export_folder();

// A folder the user typed, or options.ini holds: "~/" is expanded to $HOME;
// it must then be absolute, at most 4096 bytes, without control characters.
// Returns the folder, or says why not in *why.
std::optional<std::filesystem::path> parse_export_folder(std::string_view text, std::string* why);

// Makes the folder (and its parents) when missing. Why it cannot hold the
// exports (not a folder, not writable, cannot be made), or nullopt.
std::optional<std::string> make_export_folder(const std::filesystem::path& folder);

// Creates, empty and exclusively, the next file in `folder` named
// STEM-NN TAIL (NN from 01, two digits, more past 99): one more than the
// highest number any STEM-NN… file there has, so the names sort in the
// order they were made, and an existing file is never written over. The
// caller writes the file. Says why not in *why.
std::optional<std::filesystem::path> reserve_numbered(const std::filesystem::path& folder, const std::string& stem,
                                                      const std::string& tail, std::string* why);

// Creates `file` empty, only when it does not exist yet (never overwrites).
bool create_new_file(const std::filesystem::path& file, std::string* why);

}  // namespace lfv::app
