#!/usr/bin/env bash
# Builds dist/CD-Collector.AppDir from the PyInstaller onedir (dist/cdcollector).
set -euo pipefail
cd "$(dirname "$0")/../.."
onedir=dist/cdcollector
appdir=dist/CD-Collector.AppDir
[ -x "$onedir/cdcollector" ] || { echo "build the onedir first (make package)" >&2; exit 1; }
rm -rf "$appdir"
mkdir -p "$appdir/usr/lib" "$appdir/usr/share/applications" "$appdir/usr/share/mime/packages"
cp -a "$onedir" "$appdir/usr/lib/cdcollector"
install -m 755 packaging/linux/AppRun "$appdir/AppRun"
install -m 644 resources/cdcollector.desktop "$appdir/cdcollector.desktop"
install -m 644 resources/cdcollector.desktop "$appdir/usr/share/applications/cdcollector.desktop"
install -m 644 resources/cdcollector-mime.xml "$appdir/usr/share/mime/packages/cdcollector.xml"
for size in 16 24 32 48 64 128 256 512; do
  dir="$appdir/usr/share/icons/hicolor/${size}x${size}/apps"
  mkdir -p "$dir"
  install -m 644 "resources/app-icon/cdcollector-$size.png" "$dir/cdcollector.png"
done
install -m 644 resources/app-icon/cdcollector-256.png "$appdir/cdcollector.png"
ln -sf cdcollector.png "$appdir/.DirIcon"
echo "AppDir ready: $appdir"
