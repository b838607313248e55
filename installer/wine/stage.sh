#!/usr/bin/env bash
# Runs inside the Wine 10 chroot of scripts/test-windows (the repository is /src = Z:\src,
# the cache /cache = Z:\cache). One stage a call:
#   stage.sh prefix DIR          a fresh 64-bit prefix (null display driver, ICU stub)
#   stage.sh stub                the ICU stub DLL (test aid, never shipped)
#   stage.sh pip                 the build's dependencies into the cached Windows Python
#   stage.sh bundle              PyInstaller with installer/desk-app.spec -> build/windows/dist
#   stage.sh hub-bundle          PyInstaller with installer/district-server.spec -> build/windows/dist
#   stage.sh iscc                Inno Setup -> dist/windows/desk-app-setup-<version>.exe
#   stage.sh hub-install|hub-cli|hub-serve|hub-uninstall ...   the hub's steps (installer/wine/check_hub.py)
#   stage.sh python PREFIX ARGS  the Windows CPython, with pipes as its standard handles
set -euo pipefail
# (wrapped: bash reads a script as it runs; the braces make it read all of it first, so
# editing this file during a long run cannot change what the run does)
{
export WINEDEBUG=${WINEDEBUG:--all} WINEDLLOVERRIDES='mscoree,mshtml='
W=/src/build/windows
BUILD_PFX=$W/pfx-build

# A persistent wineserver (started by winpy) is stopped when the stage ends.
trap '[ -z "${WINEPREFIX:-}" ] || wineserver -k 2>/dev/null || true' EXIT

# The prefix's wineserver and services (services.exe, plugplay, rpcss...) started outside
# any pipe: a service started by the first program inherits its standard handles and holds
# the pipe open for ever after that program ends.
start_wine() {
    [ -z "${WINE_STARTED:-}" ] || return 0 # (once a stage: a second wineserver -p fails)
    wineserver -p
    wineboot >/dev/null 2>&1 </dev/null
    WINE_STARTED=1
}

# Wine's Windows Python fails at start ("init_sys_streams", WinError 6) unless stdin,
# stdout and stderr are pipes. The wineserver is started first, outside the pipe, so it
# does not hold the pipe open after the program ends.
# (PY: another Python, the test environment's)
winpy() {
    start_wine
    wine "${PY:-Z:\cache\python311\python.exe}" "$@" < <(true) 2> >(cat >&2) | cat
}

prefix() {
    local pfx=$1
    rm -rf "$pfx" && mkdir -p "$pfx"
    export WINEPREFIX=$pfx WINEARCH=win64
    wineboot -i >/dev/null 2>&1
    # No display: Wine's null driver (Qt itself runs offscreen in the tests).
    wine reg add 'HKCU\Software\Wine\Drivers' /v Graphics /d null /f >/dev/null 2>&1
    cp /cache/stubs/icuuc.dll "$pfx/drive_c/windows/system32/icuuc.dll"
    wineserver -w
}

# The installer (dist/windows/SETUP) run silently into a fresh prefix, into C:\DeskApp:
# install_silently PREFIX SETUP LOG [OPTIONS...]; t is when it started.
install_silently() {
    prefix "$1"
    export WINEPREFIX=$1
    start_wine
    t=$(date +%s)
    wine "Z:\\src\\dist\\windows\\$2" /VERYSILENT /SUPPRESSMSGBOXES /NORESTART /DIR='C:\DeskApp' \
        /LOG="$3" "${@:4}" < <(true) 2>&1 | cat
}

case $1 in
prefix) prefix "$2" ;;
stub)
    # Wine has no ICU; Windows 10 (1903+) and 11 ship icuuc.dll, from which Qt 6 imports
    # its ucnv_* converters (legacy text codecs only). This stub exports the functions
    # Qt6Core.dll names, each returning 0 (NULL: "no converter"), so Qt loads in the test
    # prefixes. A test aid, never in the bundle or the installer.
    cd /cache/stubs
    x86_64-w64-mingw32-objdump -p /cache/stubs/Qt6Core.dll |
        awk '/DLL Name:/ {icu = tolower($3) == "icuuc.dll"; next} /^[[:space:]]*$/ {icu = 0}
               icu && NF == 4 && $2 == "<none>" {print $4}' |
        sort -u >icuuc.names
    [ -s icuuc.names ] || { echo "Qt6Core.dll imports nothing from icuuc.dll?" >&2; exit 1; }
    { echo "LIBRARY icuuc"; echo "EXPORTS"; sed 's/^/    /' icuuc.names; } >icuuc.def
    sed 's/.*/__declspec(dllexport) void *&(void) { return 0; }/' icuuc.names >icuuc.c
    x86_64-w64-mingw32-gcc -shared -O2 -s -o icuuc.dll icuuc.c icuuc.def
    echo "icuuc.dll stub: $(wc -l <icuuc.names) functions"
    ;;
pip)
    [ -d "$BUILD_PFX/drive_c" ] || prefix "$BUILD_PFX"
    export WINEPREFIX=$BUILD_PFX
    winpy -m pip install -q --no-warn-script-location --no-index --find-links 'Z:\cache\wheels' \
        -r 'Z:\src\build\windows\requirements.txt'
    # What the requirements' last line names (installer/wine/prepare.py LEFT_OUT): the
    # address package's geocoding, never used, and numpy's hook crashes PyInstaller in Wine.
    # shellcheck disable=SC2046
    winpy -m pip uninstall -q -y $(sed -n 's/^# removed after install: //p' "$W/requirements.txt")
    ;;
testenv)
    # The district server's dependencies for the tests (never the bundle's): a virtual
    # environment that sees the build's packages and adds only what they lack.
    [ -d "$BUILD_PFX/drive_c" ] || prefix "$BUILD_PFX"
    export WINEPREFIX=$BUILD_PFX
    rm -rf /cache/testenv
    winpy -m venv --system-site-packages --without-pip 'Z:\cache\testenv'
    PY='Z:\cache\testenv\Scripts\python.exe' winpy -m pip install -q --no-warn-script-location --no-index \
        --find-links 'Z:\cache\wheels' -r 'Z:\src\build\windows\test-requirements.txt'
    PY='Z:\cache\testenv\Scripts\python.exe' winpy -c 'import fastapi, uvicorn, sqlalchemy, psycopg; print("testenv:", fastapi.__file__)'
    ;;
bundle)
    [ -d "$BUILD_PFX/drive_c" ] || prefix "$BUILD_PFX"
    export WINEPREFIX=$BUILD_PFX
    rm -rf "$W/dist"
    winpy -m PyInstaller --noconfirm --clean --log-level WARN --distpath 'Z:\src\build\windows\dist' \
        --workpath 'Z:\src\build\windows\pyinstaller' 'Z:\src\installer\desk-app.spec'
    ;;
hub-bundle)
    # The commune hub's server (installer/district-server.spec) -> build/windows/dist/district-server,
    # beside the desk's bundle, where the installer finds it and offers the hub task. Built by
    # the test environment's Python: the server's libraries (FastAPI, uvicorn, SQLAlchemy)
    # are there, never in the build's own Python (the desk's bundle leaves them out).
    [ -d "$BUILD_PFX/drive_c" ] || prefix "$BUILD_PFX"
    export WINEPREFIX=$BUILD_PFX
    rm -rf "$W/dist/district-server"
    PY='Z:\cache\testenv\Scripts\python.exe' winpy -m PyInstaller --noconfirm --clean --log-level WARN \
        --distpath 'Z:\src\build\windows\dist' --workpath 'Z:\src\build\windows\pyinstaller-hub' \
        'Z:\src\installer\district-server.spec'
    ;;
iscc)
    export WINEPREFIX=$BUILD_PFX
    start_wine
    wine 'Z:\cache\innosetup\bin\ISCC.exe' /Q '/OZ:\src\dist\windows' '/DBundle=Z:\src\build\windows\dist' \
        'Z:\src\installer\desk-app.iss' < <(true) 2>&1 | cat
    ;;
check-installed)
    # A day's first steps on a fresh PC: the installer run silently into a fresh prefix,
    # then the installed desk-app.exe (smoke test signed with an officer's certificate,
    # demo commune, search, receipt read back, English window), the nightly task, and an
    # uninstall that keeps the data. Paths with Vietnamese letters throughout.
    PFX=$W/pfx-install
    install_silently "$PFX" "$2" 'C:\setup.log'
    echo "install $(($(date +%s) - t)) s"
    [ -f "$PFX/drive_c/DeskApp/desk-app.exe" ] || { echo "not installed: see $PFX/drive_c/setup.log" >&2; exit 1; }
    installed_mb=$(du -sm "$PFX/drive_c/DeskApp" | cut -f1)
    echo "installed $installed_mb MB, $(find "$PFX/drive_c/DeskApp" -type f | wc -l) files"
    [ "$installed_mb" -le 150 ] || { echo "installed size $installed_mb MB is over the 150 MB goal" >&2; exit 1; }
    # What the spec leaves out on Windows really is out (its filters once matched only "/").
    for unused in PySide6/translations PySide6/plugins/platforms/qdirect2d.dll \
        PySide6/plugins/imageformats/qsvg.dll PySide6/plugins/platforminputcontexts/qtvirtualkeyboardplugin.dll numpy; do
        [ ! -e "$PFX/drive_c/DeskApp/_internal/$unused" ] || { echo "the bundle still has $unused" >&2; exit 1; }
    done
    desk() { # the installed program, as a console program under Wine (pipes for its handles)
        env QT_QPA_PLATFORM=offscreen DESK_APP_PASSWORD=demo DESK_APP_SIGN_PASSPHRASE="$(cat /src/build/windows/officer/passphrase)" \
            wine 'C:\DeskApp\desk-app.exe' "$@" < <(true) 2> >(cat >&2) | cat
    }
    D='C:\users\Public\Dữ liệu Một cửa'
    DU="$PFX/drive_c/users/Public/Dữ liệu Một cửa"
    rm -rf "$DU" && mkdir -p "$DU"
    # The exe says it is long-path aware (PyInstaller's manifest); Windows adds the PC's
    # LongPathsEnabled, Wine has no 260-character limit. The smoke's data folder is past it.
    grep -aq '<longPathAware[^>]*>true</longPathAware>' "$PFX/drive_c/DeskApp/desk-app.exe" ||
        { echo "desk-app.exe is not longPathAware in its manifest" >&2; exit 1; }
    LONG='Hồ sơ\Xã Phước Hòa\Bộ phận Một cửa - tiếp nhận và trả kết quả\Năm 2026 - khai sinh, kết hôn, chứng thực bản sao'
    LONG+='\Quầy số 1 - cán bộ Nguyễn Thị Hồng Nhung\Lưu trữ điện tử theo Nghị định 45-2020-NĐ-CP'
    LONG+='\Dữ liệu quầy đồng bộ với huyện Tư Nghĩa, tỉnh Quảng Ngãi'
    [ $((${#D} + 1 + ${#LONG} + 12)) -gt 260 ] || { echo "the long data folder is not past 260 characters" >&2; exit 1; }
    mkdir -p "$DU/${LONG//\\//}"
    t=$(date +%s)
    desk smoke --data-dir "$D\\$LONG\\Xã Minh Phú" --out "$D\\$LONG\\Giấy tiếp nhận.pdf" --sign 'Z:\src\build\windows\officer\officer.p12' | tee /tmp/smoke.out
    echo "smoke $(($(date +%s) - t)) s (data folder of $((${#D} + 1 + ${#LONG} + 12)) characters)"
    grep -q "signed by" /tmp/smoke.out && grep -q "rendered" /tmp/smoke.out
    pdftotext "$DU/${LONG//\\//}/Giấy tiếp nhận.pdf" - | grep -qi "GIẤY TIẾP NHẬN"
    ! grep -q " ERROR " "$DU/${LONG//\\//}/Xã Minh Phú/logs/desk.log"
    DESK_APP_LANG=en desk smoke --data-dir "$D\\en" --out "$D\\en.pdf" | grep -q "One-stop desk"
    desk demo --data-dir "$D\\Xã Bình An" --dossiers 20
    code=$(desk search --data-dir "$D\\Xã Bình An" --limit 1 | sed -n 's/.*"code": *"\([^"]*\)".*/\1/p' | head -1)
    [ -n "$code" ] || { echo "search found nothing" >&2; exit 1; }
    desk receipt "$code" --data-dir "$D\\Xã Bình An" --out "$D\\biên nhận.pdf"
    pdftotext "$DU/biên nhận.pdf" - | tr '\n' ' ' | grep -q "$code"
    echo "receipt $code read back"
    # The nightly sync's password sealed by DPAPI: sync then signs in with no password in
    # its environment (and stops only because this desk is not enrolled).
    desk seal-password --data-dir "$D\\Xã Bình An"
    sync_err=$(env -u DESK_APP_PASSWORD QT_QPA_PLATFORM=offscreen wine 'C:\DeskApp\desk-app.exe' sync \
        --data-dir "$D\\Xã Bình An" < <(true) 2>&1 | cat || true)
    echo "$sync_err" | grep -q "chưa đăng ký" || { echo "sync did not sign in with the sealed password: $sync_err" >&2; exit 1; }
    echo "nightly sync signed in with the DPAPI-sealed password"
    # The nightly task the installer registered (Wine keeps it as its XML definition).
    # (Wine names the folder "tasks", Windows "Tasks")
    task=$(find "$PFX/drive_c/windows/system32" -maxdepth 3 -ipath '*/tasks/DeskApp/NightlySync' | head -1)
    [ -n "$task" ] || { echo "no nightly task DeskApp\\NightlySync registered" >&2; exit 1; }
    # Wine 10 keeps the task's settings but drops its triggers and its Exec command when it
    # stores a task (its taskschd writes <Triggers/> and <Exec/>): what runs at 22:00 is
    # checked on Windows only. The registration and our settings are checked here.
    grep -aq 'nightly sync with the district server' "$task" && grep -aq '<StartWhenAvailable>true' "$task" ||
        { echo "the nightly task is not the installer's: $(cat "$task")" >&2; exit 1; }
    echo "nightly task registered"
    # Uninstall: the program and the task go, the data stays.
    mkdir -p "$PFX/drive_c/users/root/AppData/Local/DeskApp"
    echo keep >"$PFX/drive_c/users/root/AppData/Local/DeskApp/marker"
    t=$(date +%s)
    wine 'C:\DeskApp\unins000.exe' /VERYSILENT /SUPPRESSMSGBOXES /NORESTART < <(true) 2>&1 | cat
    for _ in $(seq 30); do [ -f "$PFX/drive_c/DeskApp/desk-app.exe" ] || break; sleep 1; done
    echo "uninstall $(($(date +%s) - t)) s"
    [ ! -f "$PFX/drive_c/DeskApp/desk-app.exe" ] || { echo "uninstall left the program" >&2; exit 1; }
    [ ! -f "$task" ] || { echo "uninstall left the nightly task" >&2; exit 1; }
    [ -f "$PFX/drive_c/users/root/AppData/Local/DeskApp/marker" ] && [ -f "$DU/Xã Bình An/keys.json" ] ||
        { echo "uninstall removed the data" >&2; exit 1; }
    echo "uninstall kept the data"
    ;;
hub-install)
    # The commune hub's task chosen at a silent install (stage.sh hub-install SETUP UPSTREAM
    # CODE), into a fresh prefix: the hub's files, the task's XML kept in the hub's data
    # folder and what Wine's Task Scheduler made of it (installer/wine/check_hub.py goes on).
    PFX=$W/pfx-hub
    install_silently "$PFX" "$2" 'C:\setup-hub.log' /TASKS="nightlysync,communehub" /HUBUPSTREAM="$3" /HUBCODE="$4"
    echo "hub install $(($(date +%s) - t)) s"
    [ -f "$PFX/drive_c/DeskApp/hub/district-server.exe" ] ||
        { echo "the hub is not installed: see $PFX/drive_c/setup-hub.log" >&2; exit 1; }
    echo "hub installed $(du -sm "$PFX/drive_c/DeskApp/hub" | cut -f1) MB, $(find "$PFX/drive_c/DeskApp/hub" -type f | wc -l) files"
    grep -a 'CommuneHub' "$PFX/drive_c/setup-hub.log" || true
    task=$(find "$PFX/drive_c/windows/system32" -maxdepth 3 -ipath '*/tasks/DeskApp/CommuneHub' | head -1)
    [ -n "$task" ] || { echo "no task DeskApp\\CommuneHub registered" >&2; exit 1; }
    echo "Wine's Task Scheduler holds the task DeskApp\\CommuneHub as:"
    cat "$task"
    ;;
hub-cli)
    # The installed district-server.exe with the given arguments (not while it serves).
    export WINEPREFIX=$W/pfx-hub
    start_wine
    wine 'C:\DeskApp\hub\district-server.exe' "${@:2}" < <(true) 2> >(cat >&2) | cat
    ;;
hub-serve)
    # The installed hub with the command line of its task (stage.sh hub-serve LOG ARGS...),
    # its process id in LOG.pid (the same process in the chroot and on the host) until it
    # ends; killed from the host.
    export WINEPREFIX=$W/pfx-hub
    # The prefix's wineserver outlives the hub (killed and started again, stopped by the
    # uninstaller while that runs): hub-uninstall's end stops it, or test-windows' clean-up.
    trap - EXIT
    wineserver -p 2>/dev/null || true # (still running after a kill)
    wineboot >/dev/null 2>&1 </dev/null
    wine 'C:\DeskApp\hub\district-server.exe' "${@:3}" < <(true) > >(cat >>"$2") 2>&1 &
    echo $! >"$2.pid"
    wait $! || echo "district-server.exe ended: exit $?" >>"$2"
    ;;
hub-uninstall)
    # The uninstaller stops the running hub (hub-serve's), removes its program and its task;
    # the hub's data stays. (The hub's wineserver is running: no second one started.)
    PFX=$W/pfx-hub
    export WINEPREFIX=$PFX
    task=$(find "$PFX/drive_c/windows/system32" -maxdepth 3 -ipath '*/tasks/DeskApp/CommuneHub' | head -1)
    [ -n "$task" ] || { echo "no task DeskApp\\CommuneHub before the uninstall" >&2; exit 1; }
    hub_pid=$(cat "$2") # (hub-serve's; checked before this stage's end stops the wineserver)
    kill -0 "$hub_pid" || { echo "the hub is not running before the uninstall" >&2; exit 1; }
    wine 'C:\DeskApp\unins000.exe' /VERYSILENT /SUPPRESSMSGBOXES /NORESTART < <(true) 2>&1 | cat ||
        { echo "the uninstaller failed (exit $?)" >&2; exit 1; }
    for _ in $(seq 30); do [ -f "$PFX/drive_c/DeskApp/hub/district-server.exe" ] || break; sleep 1; done
    for _ in $(seq 30); do kill -0 "$hub_pid" 2>/dev/null || break; sleep 1; done
    ! kill -0 "$hub_pid" 2>/dev/null || { echo "uninstall left the hub running" >&2; exit 1; }
    [ ! -e "$PFX/drive_c/DeskApp/hub/district-server.exe" ] || { echo "uninstall left the hub's program" >&2; exit 1; }
    [ ! -e "$task" ] || { echo "uninstall left the task DeskApp\\CommuneHub" >&2; exit 1; }
    [ -f "$PFX/drive_c/ProgramData/DeskApp/hub/district.sqlite3" ] || { echo "uninstall removed the hub's data" >&2; exit 1; }
    echo "uninstall removed the hub and its task DeskApp\\CommuneHub, kept the hub's data"
    ;;
tests)
    # The Windows-only breakage a Linux run cannot see (paths, encodings, os.replace over an
    # open file, fsync, line endings, DPAPI): a subset of the suite under the Windows CPython.
    # Left out: the modules that import bench.corpus at load (NumPy, whose Windows
    # build calls ucrtbase's crealf, which Wine 10 lacks) and tests/capture/test_pdf.py;
    # the tests that read PDFs back with poppler's pdftotext/pdfinfo or open LibreOffice
    # (Linux programs the Windows Python cannot start; whole files where every test does).
    LINUX_TOOLS="not (a5_option or long_checklist or copy_of_the_data_folder or qr_that_decodes"
    LINUX_TOOLS+=" or reprints_are_counted or happy_path or supplement_path or refusal_form"
    LINUX_TOOLS+=" or late_path or stop_form or libreoffice or report_pdf_and or sample_page_is_stored"
    LINUX_TOOLS+=" or headers_break_between_words or certification_fee_is_per_original"
    LINUX_TOOLS+=" or transfer_receipt_prints or screen_qr_and_payment_slip"
    LINUX_TOOLS+=" or series_per_desk_and_year or quarterly_report_gains_fees"
    LINUX_TOOLS+=" or disk_that_fills"  # a Linux tmpfs mounted and filled (root)
    LINUX_TOOLS+=" or pace_read_is_kept_as_such)"  # a card emulated through pcscd and vpcd
    # The sync client against the real district server on loopback (in the test process,
    # on SQLite: the PostgreSQL half of the district fixture needs Linux's postgres).
    [ -d "$BUILD_PFX/drive_c" ] || prefix "$BUILD_PFX"
    export WINEPREFIX=$BUILD_PFX PYTHONPATH='Z:\src' PYTHONUTF8=0 QT_QPA_PLATFORM=offscreen
    export PY='Z:\cache\testenv\Scripts\python.exe'
    cd /src
    winpy -m pytest -q -p no:cacheprovider -o addopts=-ra --durations=15 --basetemp='C:\pytest-tmp' ${DESK_APP_WIN_TESTS:-tests/platform tests/storage tests/forms tests/capture/test_importer.py tests/services \
        --ignore=tests/services/test_backup.py --ignore=tests/services/test_digitisation.py \
        --ignore=tests/services/test_revocation_rekey.py --ignore=tests/services/test_roles.py \
        --ignore=tests/services/test_papers.py --ignore=tests/services/test_case_deadlines.py \
        --ignore=tests/services/test_counter_refusal.py --ignore=tests/services/test_applicant_kinds.py \
        tests/sync tests/desk_protocol tests/e2e/test_push.py tests/e2e/test_pull.py \
        -k "$LINUX_TOOLS and not postgresql"}
    ;;
python)
    export WINEPREFIX=$2
    shift 2
    winpy "$@"
    ;;
*)
    echo "stage.sh: unknown stage $1" >&2
    exit 2
    ;;
esac
exit
}
