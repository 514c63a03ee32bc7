"""Compile the Designer files in ui/ into jiazheng_desktop/gui/forms/ (generated, committed).

python tools/build_forms.py          regenerate
python tools/build_forms.py --check  exit 1 if any generated file is stale or missing
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UI_DIR = ROOT / "ui"
FORMS_DIR = ROOT / "jiazheng_desktop" / "gui" / "forms"
HEADER = "# Generated from {name} by tools/build_forms.py; do not edit: change the source file instead.\n"
INIT = '"""Generated from the Designer files in ui/ by tools/build_forms.py; do not edit."""\n'


def _tool(name: str) -> str:
    exe = Path(sys.executable).with_name(name + (".exe" if sys.platform == "win32" else ""))
    found = str(exe) if exe.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found: install PySide6-Essentials in this environment")
    return found


def compile_all(target: Path) -> list[Path]:
    """Write ui_<name>.py for every ui/<name>.ui into ``target``; return the files written."""
    target.mkdir(parents=True, exist_ok=True)
    written = [target / "__init__.py"]
    written[0].write_text(INIT, encoding="utf-8")
    for ui_file in sorted(UI_DIR.glob("*.ui")):
        out = target / f"ui_{ui_file.stem}.py"
        code = subprocess.run(
            [_tool("pyside6-uic"), "--from-imports", str(ui_file)],
            check=True,
            capture_output=True,
            text=True,
            encoding="utf-8",
        ).stdout
        out.write_text(
            HEADER.format(name=f"ui/{ui_file.name}") + code.replace("\r\n", "\n"), encoding="utf-8"
        )
        written.append(out)
    for qrc in sorted((ROOT / "resources").glob("*.qrc")):
        out = target / f"{qrc.stem}_rc.py"
        # Format version 1 leaves out file times, so a fresh clone compiles to the same bytes.
        code = subprocess.run(
            [_tool("pyside6-rcc"), "--format-version", "1", str(qrc)],
            check=True, capture_output=True, text=True, encoding="utf-8",
        ).stdout  # fmt: skip
        out.write_text(
            HEADER.format(name=f"resources/{qrc.name}") + code.replace("\r\n", "\n"), encoding="utf-8"
        )
        written.append(out)
    return written


def stale_files() -> list[str]:
    """Names of generated files that differ from a fresh compile (or are missing / left over)."""
    with tempfile.TemporaryDirectory() as tmp:
        fresh = {p.name: p.read_text(encoding="utf-8") for p in compile_all(Path(tmp))}
    committed = {p.name: p.read_text(encoding="utf-8") for p in FORMS_DIR.glob("*.py")}
    return sorted(name for name in fresh.keys() | committed.keys() if fresh.get(name) != committed.get(name))


def main() -> int:
    if "--check" in sys.argv:
        stale = stale_files()
        if stale:
            print("Stale generated forms (run: python3 dev.py forms):", ", ".join(stale))
            return 1
        print("Generated forms are up to date.")
        return 0
    for old in [*FORMS_DIR.glob("ui_*.py"), *FORMS_DIR.glob("*_rc.py")]:
        old.unlink()
    for path in compile_all(FORMS_DIR):
        print("wrote", path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
