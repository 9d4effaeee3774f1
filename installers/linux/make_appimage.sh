#!/usr/bin/env bash
# Turns dist/CD-Collector.AppDir into dist/CD-Collector-<VERSION>-x86_64.AppImage.
# appimagetool is fetched by the release workflow; it is not available offline.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
version="$(tr -d '[:space:]' < "$root/VERSION")"
appdir="$root/dist/CD-Collector.AppDir"
[ -d "$appdir" ] || "$root/packaging/linux/build_appdir.sh"
tool="${APPIMAGETOOL:-appimagetool}"
command -v "$tool" >/dev/null || { echo "appimagetool not found (set APPIMAGETOOL)" >&2; exit 2; }
ARCH=x86_64 VERSION="$version" "$tool" "$appdir" "$root/dist/CD-Collector-$version-x86_64.AppImage"
