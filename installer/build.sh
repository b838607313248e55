#!/usr/bin/env bash
# Build the desk bundle for this platform into dist/desk-app/ (PyInstaller, one folder), and
# with WITH_HUB=1 the commune hub's server into dist/district-server/.
# On Windows run it from Git Bash; then compile installer/desk-app.iss with Inno Setup.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python}
DIST=${DIST:-dist}
# Translations: the Qt Linguist files compiled to .qm, which the bundle carries.
LRELEASE=$("$PY" -c 'from desk_app.ui.widgets.i18n import lrelease; print(lrelease())')
"$LRELEASE" -silent resources/translations/desk_app_*.ts resources/translations/qtbase_*.ts
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$DIST" --workpath "${WORK:-build/pyinstaller}" installer/desk-app.spec
du -sm "$DIST/desk-app" | awk '{print "bundle: " $1 " MB"}'
# The commune hub's server (the installer's "this PC is the commune's hub" task), only when
# asked (WITH_HUB=1): the installer offers the task only when dist/district-server is there.
[ "${WITH_HUB:-0}" = 1 ] || exit 0
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$DIST" --workpath "${WORK:-build/pyinstaller}-hub" installer/district-server.spec
du -sm "$DIST/district-server" | awk '{print "hub bundle: " $1 " MB"}'
# its [Files] entries, taking what the desk's bundle also holds from there (stored once)
"$PY" installer/hub_files.py "$DIST"
