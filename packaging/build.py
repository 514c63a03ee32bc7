#!/usr/bin/env python3
"""Build the program with PyInstaller (onedir) and check the result: ``python3 dev.py build``.

Runs ``packaging/jiazheng.spec`` into ``dist/jiazheng-desktop/`` (work files in ``build/``), then the built
program's ``--self-test`` (offscreen, in a temporary folder), and prints the release figures: the folder's
size, its largest parts and the self-test time. Exit code 0 only when the build and the self-test pass.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NAME = "jiazheng-desktop"
DIST = ROOT / "dist"
WORK = ROOT / "build"


def folder_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink())


def mb(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"


def main() -> int:
    started = time.perf_counter()
    command = [
        sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
        "--distpath", str(DIST), "--workpath", str(WORK), str(ROOT / "packaging" / "jiazheng.spec"),
    ]  # fmt: skip
    print("$", " ".join(command), flush=True)
    if subprocess.run(command, cwd=ROOT).returncode != 0:
        print("构建失败", file=sys.stderr)
        return 1
    built = time.perf_counter() - started
    app_dir = DIST / NAME
    exe = app_dir / (f"{NAME}.exe" if os.name == "nt" else NAME)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("JIAZHENG_DATA_DIR", None)
    report = WORK / "self-test.txt"
    t0 = time.perf_counter()
    test = subprocess.run([str(exe), "--self-test-report", str(report)], env=env, stdin=subprocess.DEVNULL)
    self_test = time.perf_counter() - t0
    if report.exists() and os.name == "nt":
        print(report.read_text("utf-8"))  # a windowed program printed nothing itself
    parts = sorted(
        (
            (folder_size(p) if p.is_dir() else p.stat().st_size, p.name)
            for p in (app_dir / "_internal").iterdir()
            if not p.is_symlink()  # PyInstaller links shared libraries to one copy
        ),
        reverse=True,
    )[:6]
    print()
    print(f"构建用时 {built:.0f} 秒；{exe}")
    print(
        f"程序文件夹大小 {mb(folder_size(app_dir))}（最大的部分："
        + "，".join(f"{n} {mb(s)}" for s, n in parts)
        + "）"
    )
    print(f"自检 {'通过' if test.returncode == 0 else '失败'}，用时 {self_test:.1f} 秒")
    return test.returncode


if __name__ == "__main__":
    sys.exit(main())
