#!/usr/bin/env bash
# Compiles the NSIS installer from dist/cdcollector (or, with --check, an empty stand-in dir
# so the script itself is validated where no Windows build exists).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
version="$(tr -d '[:space:]' < "$root/VERSION")"
src="$root/dist/cdcollector-windows"
out="$root/dist/CD-Collector-$version-setup.exe"
if [ "${1:-}" = "--check" ]; then
  src="$(mktemp -d)"; echo "stand-in" > "$src/cdcollector.exe"; out="$(mktemp -d)/check-setup.exe"
fi
command -v makensis >/dev/null || { echo "makensis not found (Debian package nsis)" >&2; exit 2; }
cd "$here"
makensis -V2 -DVERSION="$version" -DSRCDIR="$src" -DOUTFILE="$out" cdcollector.nsi
echo "installer: $out"
