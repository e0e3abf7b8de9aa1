#!/usr/bin/env bash
# `cmake --install` into a temporary prefix: every file a desktop install
# needs is there; the installed program, started from another folder, finds
# its library, prints --version and plays the first unit with no display;
# another CMake project builds against the installed core (tools/consumer).
set -u
build="$1" source="$2"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/expect_lib.sh"
prefix="$tmp/prefix"

if out=$(cmake --install "$build" --prefix "$prefix" 2>&1); then ok; else bad "cmake --install: $out"; fi
lfvlab="$prefix/bin/lfvlab"

id=org.lfvlab.lfvlab
for f in bin/lfvlab \
  share/lfvlab/scenarios/01-single-push.toml \
  share/lfvlab/fonts/DejaVuSans.ttf share/lfvlab/fonts/LICENSE-DejaVu \
  share/doc/lfvlab/LICENSE share/doc/lfvlab/LICENSE-DejaVu \
  share/applications/$id.desktop share/metainfo/$id.metainfo.xml \
  share/icons/hicolor/scalable/apps/$id.svg share/icons/hicolor/48x48/apps/$id.png \
  share/icons/hicolor/256x256/apps/$id.png \
  share/man/man1/lfvlab.1 share/bash-completion/completions/lfvlab \
  include/lfv/vector.hpp lib/cmake/lfvlab/lfvlabConfig.cmake lib/cmake/lfvlab/lfvlabTargets.cmake; do
  if [ -s "$prefix/$f" ]; then ok; else bad "not installed: $f"; fi
done
n_units=$(ls "$source"/scenarios/*.toml | wc -l)
n_installed=$(ls "$prefix"/share/lfvlab/scenarios/*.toml | wc -l)
[ "$n_units" -eq "$n_installed" ] && ok || bad "installed $n_installed of $n_units units"
grep -q '^Exec=lfvlab' "$prefix/share/applications/$id.desktop" && ok || bad "desktop file has no Exec=lfvlab"
grep -q "^\.SS explore" "$prefix/share/man/man1/lfvlab.1" && ok || bad "the man page lacks the explore section"
if command -v desktop-file-validate > /dev/null; then
  if out=$(desktop-file-validate "$prefix/share/applications/$id.desktop" 2>&1); then ok; else bad "desktop-file-validate: $out"; fi
fi
if command -v appstreamcli > /dev/null; then
  if out=$(appstreamcli validate --no-net --explain "$prefix/share/metainfo/$id.metainfo.xml" 2>&1); then ok
  else bad "appstreamcli validate: $out"; fi
fi
file "$prefix/share/icons/hicolor/48x48/apps/$id.png" 2>/dev/null | grep -q "48 x 48" && ok \
  || { command -v file > /dev/null && bad "the 48x48 icon is not 48 x 48" || ok; }

version=$(grep -oE 'project\(lfvlab VERSION [0-9.]+' "$source/CMakeLists.txt" | awk '{print $3}')
out=$(cd / && "$prefix/bin/lfvlab" --version 2>&1)
[ "$out" = "lfvlab $version" ] && ok || bad "--version printed: $out (want lfvlab $version)"
out=$(cd / && env -u DISPLAY -u WAYLAND_DISPLAY "$prefix/bin/lfvlab" 2>&1); status=$?
[ "$status" -eq 0 ] && grep -qF "$prefix/share/lfvlab/scenarios/01-" <<<"$out" && ok \
  || bad "installed lfvlab from / (exit $status) did not play the library's first unit: $(head -3 <<<"$out")"
out=$(cd / && "$prefix/bin/lfvlab" check "$prefix/share/lfvlab/scenarios/07-book-clear-pending-race.toml" 2>&1) \
  && ok || bad "installed check: $out"
mkdir -p "$tmp/lib2" && cp "$source/scenarios/02-pop.toml" "$tmp/lib2/"
out=$(cd / && env -u DISPLAY -u WAYLAND_DISPLAY "$prefix/bin/lfvlab" --library "$tmp/lib2" 2>&1)
grep -qF "$tmp/lib2/02-pop.toml" <<<"$out" && ok || bad "--library DIR was not used: $(head -3 <<<"$out")"
expect "a missing --library folder" 2 "--library" -- --library "$tmp/nowhere"
expect "an unknown word" 2 "neither a subcommand nor a scenario file" -- frobnicate
expect "a missing file" 2 "no such scenario file" -- "$tmp/missing.toml"

# Another project, against the installed package.
if out=$(cmake -S "$source/tools/consumer" -B "$tmp/consumer" -DCMAKE_PREFIX_PATH="$prefix" \
           ${CMAKE_CXX_COMPILER_LAUNCHER:+-DCMAKE_CXX_COMPILER_LAUNCHER=$CMAKE_CXX_COMPILER_LAUNCHER} 2>&1) \
   && out=$(cmake --build "$tmp/consumer" 2>&1) && out=$("$tmp/consumer/consumer" 2>&1); then
  grep -q "complete" <<<"$out" && ok || bad "consumer: $out"
else
  bad "the consumer project: $(tail -20 <<<"$out")"
fi
finish
