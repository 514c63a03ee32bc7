#!/usr/bin/env python3
"""One entry point for people working on the program; needs only Python 3.11+ and pip.

    python3 dev.py run      start the app (demo data on first run if there is no database yet)
    python3 dev.py test     lint, type-check and run every test
    python3 dev.py forms    regenerate gui/forms/ from the Designer files in ui/
    python3 dev.py bench    print the benchmark figures
    python3 dev.py build    build the program with PyInstaller into dist/ and run its --self-test

Each command first makes sure ``.venv`` exists with the pinned dependencies
(reinstalling only when pyproject.toml changed). On Linux, the commands that load Qt first check
Qt's system libraries and install the missing ones with apt-get when that needs no password
(as root, or with password-less sudo); otherwise they name the command to run and stop.
Without a screen, ``run`` starts the program under xvfb-run when it is installed, else offscreen.
"""

from __future__ import annotations

import ctypes
import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
WINDOWS = os.name == "nt"
PYTHON = VENV / ("Scripts/python.exe" if WINDOWS else "bin/python")
LINUX = sys.platform.startswith("linux")

# Qt's system libraries on Linux, as Debian package -> a shared library of it that Qt loads.
# Enough for the offscreen platform (tests, benchmarks, the build's self-test):
OFFSCREEN_LIBRARIES = {
    "libglib2.0-0": "libglib-2.0.so.0",
    "libegl1": "libEGL.so.1",
    "libgl1": "libGL.so.1",
    "libx11-6": "libX11.so.6",
    "libdbus-1-3": "libdbus-1.so.3",
    "libfontconfig1": "libfontconfig.so.1",
    "libfreetype6": "libfreetype.so.6",
    "libxkbcommon0": "libxkbcommon.so.0",
}
# ... and for a window on an X server (a desktop, or Xvfb):
XCB_LIBRARIES = {
    "libxcb-cursor0": "libxcb-cursor.so.0",
    "libxcb-icccm4": "libxcb-icccm.so.4",
    "libxcb-image0": "libxcb-image.so.0",
    "libxcb-keysyms1": "libxcb-keysyms.so.1",
    "libxcb-render-util0": "libxcb-render-util.so.0",
    "libxcb-shape0": "libxcb-shape.so.0",
    "libxcb-xkb1": "libxcb-xkb.so.1",
    "libxkbcommon-x11-0": "libxkbcommon-x11.so.0",
}
# The window's Chinese text needs a Chinese font on the system (the bundled one is for PDFs only).
CHINESE_FONT_PACKAGE = "fonts-wqy-microhei"


def _stamp_for(extras: str) -> str:
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()[:16]
    return f"{digest}-{extras}"


def ensure_venv(extras: str = "") -> None:
    """Create ``.venv`` and install the project (with ``extras``) unless it is already current."""
    if sys.version_info < (3, 11):  # noqa: UP036 (dev.py runs on whatever python3 the user has)
        sys.exit(f"需要 Python 3.11 或更新版本（现在是 {sys.version.split()[0]}）")
    stamp = VENV / ".jiazheng-stamp"
    wanted = _stamp_for(extras)
    if PYTHON.exists() and stamp.exists():
        have = stamp.read_text().split()
        if wanted in have or (not extras and any(s.startswith(wanted.split("-")[0]) for s in have)):
            return
    if not PYTHON.exists():
        print("正在创建 .venv …", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    target = f".[{extras}]" if extras else "."
    print(f"正在安装依赖（{target}）…", flush=True)
    subprocess.run(
        [str(PYTHON), "-m", "pip", "install", "--disable-pip-version-check", "-q", "-e", target],
        cwd=ROOT,
        check=True,
    )
    previous = stamp.read_text().split() if stamp.exists() else []
    stamp.write_text("\n".join([*previous, wanted]))


def run_in_venv(*args: str, env: dict[str, str] | None = None, prefix: list[str] | None = None) -> int:
    """Run the venv's python with ``args`` (after ``prefix``, e.g. ``xvfb-run``); its exit code."""
    return subprocess.run([*(prefix or []), str(PYTHON), *args], cwd=ROOT, env=env).returncode


def can_load(soname: str) -> bool:
    """Whether the dynamic loader finds the shared library ``soname`` (and what it needs)."""
    try:
        ctypes.CDLL(soname)
    except OSError:
        return False
    return True


def dpkg_installed(package: str) -> bool:
    """Whether dpkg lists ``package`` as installed."""
    query = subprocess.run(["dpkg-query", "-W", "-f=${Status}", package], capture_output=True, text=True)
    return "install ok installed" in query.stdout


def chinese_font_missing() -> bool:
    """Whether the system has no Chinese font (asked of fontconfig, else of dpkg; unknown counts as present)."""
    if shutil.which("fc-list"):
        listed = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True)
        return listed.returncode == 0 and not listed.stdout.strip()
    if shutil.which("dpkg-query"):
        return not dpkg_installed(CHINESE_FONT_PACKAGE)
    return False


def admin_prefix() -> list[str] | None:
    """How to run apt-get as root without asking for a password: [] as root, sudo -n, or None."""
    if os.geteuid() == 0:
        return []
    if shutil.which("sudo") and subprocess.run(["sudo", "-n", "true"], capture_output=True).returncode == 0:
        return ["sudo", "-n"]
    return None


def apt_install(prefix: list[str], packages: list[str]) -> None:
    """Install ``packages`` with apt-get quietly; on failure show apt's output and exit with 1."""
    print(f"正在安装需要的系统软件包 / installing system packages: {' '.join(packages)}", flush=True)
    apt = [*prefix, "env", "DEBIAN_FRONTEND=noninteractive", "apt-get"]
    update = subprocess.run([*apt, "update", "-qq"], capture_output=True, text=True)
    install = subprocess.run(
        [*apt, "install", "-y", "-qq", "--no-install-recommends", *packages], capture_output=True, text=True
    )
    if install.returncode != 0:
        sys.stderr.write(update.stdout + update.stderr + install.stdout + install.stderr)
        sys.exit(
            f"安装系统软件包失败（见上面 apt-get 的输出）/ apt-get install failed (see its output above): {' '.join(packages)}"
        )


def ensure_system_libraries(libraries: dict[str, str], *, chinese_font: bool = False) -> None:
    """On Linux, make sure Qt can load ``libraries`` (package -> soname), and a Chinese font if asked.

    What is missing is installed with apt-get when that needs no password. Otherwise a missing library
    stops dev.py with exit code 1 and one line naming the command that installs it; a missing font
    only gets a warning (the program works, its Chinese shows as boxes).
    """
    if not LINUX:
        return
    missing = [package for package, soname in libraries.items() if not can_load(soname)]
    font_missing = chinese_font and chinese_font_missing()
    if not missing and not font_missing:
        return
    packages = missing + ([CHINESE_FONT_PACKAGE] if font_missing else [])
    if not shutil.which("apt-get"):
        if missing:
            names = " ".join(libraries[package] for package in missing)
            sys.exit(
                f"缺少 Qt 需要的系统库，请用本系统的包管理器安装 / Qt needs these system libraries: {names}"
            )
        print(
            "没有中文字体，窗口里的中文会显示成方框 / no Chinese font: install one, e.g. WenQuanYi Micro Hei"
        )
        return
    prefix = admin_prefix()
    if prefix is None:
        command = f"sudo apt-get install {' '.join(packages)}"
        if missing:
            sys.exit(
                f"缺少 Qt 需要的系统库，请先运行 / Qt's system libraries are missing, first run: {command}"
            )
        print(
            f"没有中文字体，窗口里的中文会显示成方框，安装 / no Chinese font, Chinese shows as boxes; run: {command}"
        )
        return
    apt_install(prefix, packages)
    still_missing = [libraries[package] for package in missing if not can_load(libraries[package])]
    if still_missing:
        sys.exit(f"安装后仍找不到 / still not found after installing: {' '.join(still_missing)}")


def postgresql_installed() -> bool:
    return any(Path("/usr/lib/postgresql").glob("*/bin/initdb")) or shutil.which("initdb") is not None


def ensure_postgresql() -> None:
    """The tests start a PostgreSQL server of their own (tests/server.py): install Debian's when missing.

    Without apt or a password-free root, the office-server tests are skipped with a note (and fail in CI).
    """
    if not LINUX or postgresql_installed():
        return
    prefix = admin_prefix()
    if prefix is None or not shutil.which("apt-get"):
        print(
            "没有 PostgreSQL，多台电脑（办公室服务器）的测试会跳过；安装 / no PostgreSQL, the office-server tests "
            "are skipped; run: sudo apt-get install postgresql"
        )
        return
    print(
        "正在安装 PostgreSQL（多台电脑的测试用）/ installing PostgreSQL for the office-server tests…",
        flush=True,
    )
    apt_install(prefix, ["postgresql"])


def has_display() -> bool:
    """Whether there is a screen to show a window on (an X or Wayland display)."""
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def split_run_args(args: list[str]) -> tuple[list[str], list[str]]:
    """Split ``dev.py run``'s arguments into the program's own options, which go before its ``run``
    command (``--data-dir DIR``), and the options of ``run``, which go after it
    (``--quit-when-idle``, ``--demo-customers N``)."""
    before: list[str] = []
    after: list[str] = []
    rest = list(args)
    while rest:
        arg = rest.pop(0)
        if arg == "--quit-when-idle" or arg.startswith("--demo-customers="):
            after.append(arg)
        elif arg == "--demo-customers" and rest:
            after += [arg, rest.pop(0)]
        else:
            before.append(arg)
    return before, after


def window_plan() -> tuple[list[str], dict[str, str]]:
    """How ``dev.py run`` shows its window on Linux, after checking the libraries for it.

    Returns a command prefix (``xvfb-run`` when there is no screen and it is installed) and the
    environment variables to set (``QT_QPA_PLATFORM=offscreen`` when there is neither).
    """
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    window_libraries = {**OFFSCREEN_LIBRARIES, **XCB_LIBRARIES}
    if platform.startswith("offscreen") or (platform and not has_display()):
        ensure_system_libraries(OFFSCREEN_LIBRARIES)  # the user chose the platform: trust it
        return [], {}
    if has_display():
        ensure_system_libraries(window_libraries, chinese_font=True)
        return [], {}
    if shutil.which("xvfb-run") and shutil.which("xauth"):
        ensure_system_libraries(window_libraries, chinese_font=True)
        print(
            "没有屏幕，程序在 Xvfb 里运行（看不到窗口，Ctrl+C 结束）"
            " / no display (DISPLAY is not set): running under xvfb-run, Ctrl+C stops it",
            flush=True,
        )
        return ["xvfb-run", "-a", "-s", "-screen 0 1280x800x24"], {}
    ensure_system_libraries(OFFSCREEN_LIBRARIES)
    print(
        "没有屏幕，程序以 QT_QPA_PLATFORM=offscreen 运行（看不到窗口，Ctrl+C 结束）"
        " / no display (DISPLAY is not set): running offscreen, Ctrl+C stops it",
        flush=True,
    )
    return [], {"QT_QPA_PLATFORM": "offscreen"}


def cmd_run(args: list[str]) -> int:
    """Start the program, with demo data on a new data folder (pass --quit-when-idle to only check it starts)."""
    prefix, extra_env = window_plan() if LINUX else ([], {})
    ensure_venv()
    before, after = split_run_args(args)
    command = ["-m", "jiazheng_desktop", *before, "run", "--demo-if-new", *after]
    return run_in_venv(*command, env=dict(os.environ, **extra_env), prefix=prefix)


def cmd_test(args: list[str]) -> int:
    ensure_system_libraries(OFFSCREEN_LIBRARIES)
    ensure_postgresql()
    ensure_venv("test")
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    for step in (["-m", "ruff", "check", "."], ["-m", "ruff", "format", "--check", "."], ["-m", "mypy"]):
        print("$ python", " ".join(step), flush=True)
        if run_in_venv(*step, env=env) != 0:
            return 1
    return run_in_venv("-m", "pytest", *args, env=env)


def cmd_forms(args: list[str]) -> int:
    ensure_system_libraries(OFFSCREEN_LIBRARIES)  # pyside6-uic links Qt Core, which needs GLib
    ensure_venv()
    return run_in_venv(str(ROOT / "tools" / "build_forms.py"), *args)


def cmd_bench(args: list[str]) -> int:
    ensure_system_libraries(OFFSCREEN_LIBRARIES)
    ensure_venv("test")
    return run_in_venv(str(ROOT / "benchmarks" / "run_all.py"), *args)


def build_requirements() -> dict[str, str]:
    """What PyInstaller needs of the system beside Qt's libraries (package -> a file it provides).

    ``objdump`` (binutils) to read the shared libraries it collects, and for Debian's own Python the
    shared libpython it bundles.
    """
    needed: dict[str, str] = {}
    if LINUX and not shutil.which("objdump"):
        needed["binutils"] = "objdump"
    if LINUX and sys.executable.startswith("/usr/"):
        soname = f"libpython{sys.version_info.major}.{sys.version_info.minor}.so.1.0"
        if not can_load(soname):
            needed[f"libpython{sys.version_info.major}.{sys.version_info.minor}"] = soname
    return needed


def cmd_build(args: list[str]) -> int:
    ensure_system_libraries(OFFSCREEN_LIBRARIES)
    missing = build_requirements()
    if missing:
        prefix = admin_prefix()
        if prefix is None or not shutil.which("apt-get"):
            sys.exit(
                "打包还需要 / the build also needs: "
                f"sudo apt-get install {' '.join(missing)} ({', '.join(missing.values())})"
            )
        apt_install(prefix, list(missing))
    ensure_venv("build")
    return run_in_venv(str(ROOT / "packaging" / "build.py"), *args)


COMMANDS = {"run": cmd_run, "test": cmd_test, "forms": cmd_forms, "bench": cmd_bench, "build": cmd_build}


def main() -> int:
    if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS:
        print(__doc__)
        return 2
    try:
        return COMMANDS[sys.argv[1]](sys.argv[2:])
    except subprocess.CalledProcessError as failed:  # creating .venv or pip install; its output is above
        print(
            f"命令失败 / command failed (exit {failed.returncode}): {' '.join(map(str, failed.cmd))}",
            file=sys.stderr,
        )
        return 1
    except KeyboardInterrupt:  # Ctrl+C, e.g. to stop `dev.py run` offscreen
        return 130


if __name__ == "__main__":
    sys.exit(main())
