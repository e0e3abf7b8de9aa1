#!/usr/bin/env bash
# Installs the Debian 12 packages lfvlab builds and tests with, if any is missing.
# As root it runs apt-get; otherwise sudo; otherwise it prints what to install.
set -euo pipefail

packages=(
  build-essential cmake pkg-config
  libgtest-dev libbenchmark-dev libtbb-dev
  libboost-context-dev libtomlplusplus-dev libcli11-dev nlohmann-json3-dev
  libimgui-dev libglfw3-dev libstb-dev python3-glad
  xvfb xauth xdotool
  ffmpeg  # the app's animation export (GIF, MP4)
  clang-16  # `make test-clang` (Debian's clang 14 cannot compile libstdc++ 12's <source_location>)
  help2man  # the man page
  file desktop-file-utils appstream  # the install test checks the icon, the desktop file, the metainfo
  clang  # make fuzz: libFuzzer for the scenario loader
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "lfvlab: installing missing Debian packages: ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo=(sudo)
elif command -v sudo >/dev/null 2>&1 && [ -t 0 ]; then
  sudo=(sudo)
else
  echo "lfvlab: cannot install packages (not root, no sudo). Please run:" >&2
  echo "  apt-get install ${missing[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
