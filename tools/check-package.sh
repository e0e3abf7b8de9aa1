#!/usr/bin/env bash
# Inspects the .deb that `make package` built in BUILD: its name, that it
# holds the program, the library, the menu entry, the icon, the metainfo
# and the man page (and no developer files), and that it depends on the
# shared libraries the program links (dpkg-shlibdeps).
set -euo pipefail
build="${1:-build}"
deb=$(ls "$build"/lfvlab_*.deb | head -n 1)
[ -f "$deb" ] || { echo "check-package: no lfvlab_*.deb in $build" >&2; exit 1; }
files=$(dpkg-deb -c "$deb" | awk '{print $6}')
fail=0
for f in ./usr/bin/lfvlab ./usr/share/lfvlab/scenarios/01-single-push.toml \
  ./usr/share/applications/org.lfvlab.lfvlab.desktop ./usr/share/metainfo/org.lfvlab.lfvlab.metainfo.xml \
  ./usr/share/icons/hicolor/scalable/apps/org.lfvlab.lfvlab.svg ./usr/share/man/man1/lfvlab.1 \
  ./usr/share/bash-completion/completions/lfvlab ./usr/share/doc/lfvlab/LICENSE; do
  grep -qxF "$f" <<<"$files" || grep -qxF "$f.gz" <<<"$files" || { echo "check-package: $deb lacks $f" >&2; fail=1; }
done
if grep -qE '^\./usr/(include|lib/cmake)/' <<<"$files"; then
  echo "check-package: $deb holds developer files (headers, CMake package)" >&2
  fail=1
fi
depends=$(dpkg-deb -f "$deb" Depends)
for lib in libglfw3 libboost-context1.74.0 libc6 libstdc++6; do
  grep -q "$lib" <<<"$depends" || { echo "check-package: Depends lacks $lib: $depends" >&2; fail=1; }
done
[ "$fail" -eq 0 ] && echo "check-package: $deb ok ($(wc -l <<<"$files") entries; Depends: $depends)"
exit "$fail"
