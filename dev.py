#!/usr/bin/env python3
"""One entry point for people working on the program; needs only Python 3.11+ and pip.

    python3 dev.py run      start the app (demo data on first run if there is no database yet)
    python3 dev.py test     lint, type-check and run every test
    python3 dev.py forms    regenerate gui/forms/ from the Designer files in ui/
    python3 dev.py bench    print the benchmark figures
    python3 dev.py build    build the program with PyInstaller into dist/ and run its --self-test

Each command first makes sure ``.venv`` exists with the pinned dependencies
(reinstalling only when pyproject.toml changed).
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
WINDOWS = os.name == "nt"
PYTHON = VENV / ("Scripts/python.exe" if WINDOWS else "bin/python")


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


def run_in_venv(*args: str, env: dict[str, str] | None = None) -> int:
    return subprocess.run([str(PYTHON), *args], cwd=ROOT, env=env).returncode


def cmd_run(args: list[str]) -> int:
    ensure_venv()
    return run_in_venv("-m", "jiazheng_desktop", *args, "run", "--demo-if-new")


def cmd_test(args: list[str]) -> int:
    ensure_venv("test")
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    for step in (["-m", "ruff", "check", "."], ["-m", "mypy"]):
        print("$ python", " ".join(step), flush=True)
        if run_in_venv(*step, env=env) != 0:
            return 1
    return run_in_venv("-m", "pytest", *args, env=env)


def cmd_forms(args: list[str]) -> int:
    ensure_venv()
    return run_in_venv(str(ROOT / "tools" / "build_forms.py"), *args)


def cmd_bench(args: list[str]) -> int:
    ensure_venv("test")
    return run_in_venv(str(ROOT / "benchmarks" / "run_all.py"), *args)


def cmd_build(args: list[str]) -> int:
    ensure_venv("build")
    return run_in_venv(str(ROOT / "packaging" / "build.py"), *args)


COMMANDS = {"run": cmd_run, "test": cmd_test, "forms": cmd_forms, "bench": cmd_bench, "build": cmd_build}


def main() -> int:
    if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS:
        print(__doc__)
        return 2
    return COMMANDS[sys.argv[1]](sys.argv[2:])


if __name__ == "__main__":
    sys.exit(main())
