"""Refresh the Chinese translation: collect tr() strings, fill them from the TSV files, compile.

    python tools/update_translations.py          # update .ts and .qm, list what is missing
    python tools/update_translations.py --check  # exit 1 if the shipped files are out of date

Translators keep `resources/translations/zh_CN/*.tsv` (source<TAB>translation),
one file per area of the app, so parallel work never edits the same file.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ElementTree  # our own generated .ts, not untrusted input
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "resources" / "translations"
TS_FILE = TRANSLATIONS / "lianxin_zh_CN.ts"
QM_FILE = TRANSLATIONS / "lianxin_zh_CN.qm"
SOURCE_FOLDERS = ("ui", "desktop")


def tool(name: str) -> str:
    """pyside6-lupdate / pyside6-lrelease from the same environment as this Python."""
    beside = Path(sys.executable).parent / f"pyside6-{name}"
    return str(beside) if beside.exists() else shutil.which(f"pyside6-{name}") or f"pyside6-{name}"


def read_tsv_translations() -> dict[str, str]:
    translations: dict[str, str] = {}
    for tsv in sorted((TRANSLATIONS / "zh_CN").glob("*.tsv")):
        for number, line in enumerate(tsv.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            source, _, translation = line.partition("\t")
            if not translation:
                raise SystemExit(f"{tsv.name} line {number}: no tab-separated translation")
            translations[source.replace("\\n", "\n")] = translation.replace("\\n", "\n")
    return translations


def python_sources() -> list[str]:
    return [str(path) for folder in SOURCE_FOLDERS for path in sorted((ROOT / folder).rglob("*.py"))]


def collect(ts_file: Path) -> None:
    subprocess.run(
        [tool("lupdate"), "-no-obsolete", "-locations", "none", *python_sources(), "-ts", str(ts_file)],
        check=True,
        capture_output=True,
    )


def fill(ts_file: Path, translations: dict[str, str]) -> list[str]:
    """Put the TSV translations into the .ts; return the sources still untranslated."""
    tree = ElementTree.parse(ts_file)
    missing = []
    for message in tree.iter("message"):
        source = message.findtext("source")
        translation = message.find("translation")
        if source in translations:
            translation.text = translations[source]
            translation.attrib.pop("type", None)
        else:
            missing.append(source)
    tree.getroot().set("language", "zh_CN")
    tree.write(ts_file, encoding="utf-8", xml_declaration=True)
    return missing


def compile_qm(ts_file: Path, qm_file: Path) -> None:
    subprocess.run([tool("lrelease"), str(ts_file), "-qm", str(qm_file)], check=True, capture_output=True)


def build(ts_file: Path, qm_file: Path) -> list[str]:
    if ts_file != TS_FILE and TS_FILE.exists():
        shutil.copy(TS_FILE, ts_file)
    collect(ts_file)
    missing = fill(ts_file, read_tsv_translations())
    compile_qm(ts_file, qm_file)
    return missing


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check that the shipped files are current")
    args = parser.parse_args()
    if args.check:
        with tempfile.TemporaryDirectory() as folder:
            ts_file, qm_file = Path(folder) / TS_FILE.name, Path(folder) / QM_FILE.name
            missing = build(ts_file, qm_file)
            stale = qm_file.read_bytes() != QM_FILE.read_bytes()
    else:
        missing = build(TS_FILE, QM_FILE)
        stale = False
    for source in missing:
        print(f"untranslated: {source!r}")
    if stale:
        print("resources/translations/lianxin_zh_CN.qm is out of date: run python tools/update_translations.py")
    return 1 if missing or stale else 0


if __name__ == "__main__":
    sys.exit(main())
