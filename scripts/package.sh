#!/usr/bin/env bash
# Build the plugin zip from the committed tree (git archive honours .gitattributes
# export-ignore: no tests, benchmarks, scripts or CI files), compile the translations,
# fill the version, then check that the zip installs into a fresh profile and loads in
# qgis_process.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
version="${VERSION:-$(sed -n 's/^version=//p' metadata.txt)}"
describe="$(git describe --tags --always --dirty 2>/dev/null || echo unknown)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p dist "$work/build"
git archive --format=tar --prefix=fibre_resilience/ HEAD | tar -x -C "$work/build"
plugin="$work/build/fibre_resilience"
sed -i "s/^version=.*/version=$version/" "$plugin/metadata.txt"
echo "$describe" > "$plugin/BUILD"
lrelease="$(command -v lrelease || ls /usr/lib/qt5/bin/lrelease 2>/dev/null || true)"
if [ -z "$lrelease" ]; then
  echo "lrelease not found (Debian package qttools5-dev-tools): run 'make setup'." >&2
  exit 1
fi
for ts in "$plugin"/i18n/*.ts; do
  [ -e "$ts" ] || continue
  "$lrelease" -silent "$ts" -qm "${ts%.ts}.qm"
done
zip_path="$repo/dist/fibre_resilience-$version.zip"
rm -f "$zip_path"
(cd "$work/build" && zip -qr "$zip_path" fibre_resilience)
echo "built $zip_path ($(du -h "$zip_path" | cut -f1), from $describe)"

# Install the zip as QGIS would (unzip into a plugins folder) and load it headless.
check="$work/check"
mkdir -p "$check/plugins" "$check/profile"
unzip -q "$zip_path" -d "$check/plugins"
for forbidden in tests benchmarks scripts .ci Makefile; do
  if [ -e "$check/plugins/fibre_resilience/$forbidden" ]; then
    echo "the zip must not contain $forbidden" >&2
    exit 1
  fi
done
site="$(ls -d "${FIBRE_VENV:-$repo/.venv}"/lib/python3*/site-packages 2>/dev/null | head -n 1 || true)"
export QT_QPA_PLATFORM=offscreen QGIS_CUSTOM_CONFIG_PATH="$check/profile" QGIS_PLUGINPATH="$check/plugins"
export PYTHONPATH="${site}${PYTHONPATH:+:$PYTHONPATH}"
qgis_process.bin plugins enable fibre_resilience >/dev/null
algorithms="$(qgis_process.bin list 2>/dev/null | grep -c 'fibreresilience:' || true)"
# Every algorithm of algorithms/__init__.py and every shipped model must load from the zip.
expected=$(( $(grep -cE '^    \("[a-z_]+", "[A-Za-z]+"\),$' "$plugin/algorithms/__init__.py") \
  + $(ls "$plugin"/resources/models/*.model3 | wc -l) ))
if [ "$algorithms" -ne "$expected" ]; then
  echo "the packaged plugin loaded $algorithms of its $expected algorithms and models" >&2
  exit 1
fi
if [ ! -e "$check/plugins/fibre_resilience/i18n/fibre_resilience_fr.qm" ]; then
  echo "the zip has no compiled French translation" >&2
  exit 1
fi
echo "checked: the zip installs into a fresh profile and qgis_process lists $algorithms algorithms"
