#!/usr/bin/env bash
# Wraps dist/CD-Collector.app into dist/CD-Collector-<VERSION>.dmg (macOS only: hdiutil).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
version="$(tr -d '[:space:]' < "$root/VERSION")"
app="$root/dist/CD-Collector.app"
dmg="$root/dist/CD-Collector-$version.dmg"
[ -d "$app" ] || { echo "build the .app first: pyinstaller cdcollector.spec" >&2; exit 1; }
command -v hdiutil >/dev/null || { echo "hdiutil is only available on macOS" >&2; exit 2; }
stage="$(mktemp -d)"
cp -R "$app" "$stage/"
ln -s /Applications "$stage/Applications"
rm -f "$dmg"
hdiutil create -volname "CD-Collector $version" -srcfolder "$stage" -ov -format UDZO "$dmg"
rm -rf "$stage"
echo "dmg: $dmg"
