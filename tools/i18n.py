"""Refresh the translation sources and build the translations.

    python tools/i18n.py            # lupdate: .ts from the code; lrelease: .qm from the .ts
    python tools/i18n.py --check    # exit 1 if the .ts or .qm are not what the code gives

``resources/i18n/designer_ko.ts`` holds every string of the code (new ones come in
unfinished: translate them in Qt Linguist or by hand, keeping GLOSSARY.md's terms);
``designer_en.ts`` only the plural forms (``-pluralonly``). Both .qm files are
committed: the package needs no build step and no Qt tools at install time.
Strings are found in all of ``designer/`` (the UI, undo command texts, and the
diagnostic templates that the IR marks with ``QT_TRANSLATE_NOOP``).
"""
from __future__ import annotations

import argparse
import filecmp
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
I18N = ROOT / "resources" / "i18n"
LANGUAGES = {"ko": [], "en": ["-pluralonly"]}   # language -> extra lupdate options


def tool(name: str) -> str:
    """pyside6-lupdate / pyside6-lrelease of this Python's PySide6 (or on PATH)."""
    here = Path(sys.executable).parent / name
    found = str(here) if here.exists() else shutil.which(name)
    if not found:
        sys.exit(f"{name} not found: install PySide6-Essentials")
    return found


def sources() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / "designer").rglob("*.py"))


def lupdate(ts: Path, options: list[str]) -> str:
    result = subprocess.run([tool("pyside6-lupdate"), *options, "-locations", "none",
                             "-no-obsolete", *sources(), "-ts", str(ts)],
                            cwd=ROOT, capture_output=True, text=True, check=True)
    return result.stdout


def lrelease(ts: Path, qm: Path) -> str:
    result = subprocess.run([tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)],
                            cwd=ROOT, capture_output=True, text=True, check=True)
    return result.stdout + result.stderr


def english_plurals(ts: Path) -> int:
    """Fill the unfinished plural forms of the English .ts by the source's own rule:
    "%n task(s)" -> "%n task" / "%n tasks". Returns how many were filled."""
    tree = ET.parse(ts)
    filled = 0
    for message in tree.getroot().iter("message"):
        translation = message.find("translation")
        if message.get("numerus") != "yes" or translation.get("type") != "unfinished":
            continue
        source = message.findtext("source")
        forms = translation.findall("numerusform")
        for form, plural in zip(forms, ("", "s")):
            form.text = source.replace("(s)", plural)
        del translation.attrib["type"]
        filled += 1
    if filled:
        tree.write(ts, encoding="utf-8", xml_declaration=True)
    return filled


def build(folder: Path) -> None:
    """The .ts refreshed from the code and the .qm built from them, in ``folder``."""
    for code, options in LANGUAGES.items():
        ts = folder / f"designer_{code}.ts"
        print(lupdate(ts, options).strip())
        if code == "en" and english_plurals(ts):
            lupdate(ts, options)   # back in lupdate's own layout
        lrelease(ts, folder / f"designer_{code}.qm")


def check() -> list[str]:
    """Files of resources/i18n that differ from a fresh build (empty: up to date)."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for code in LANGUAGES:
            src = I18N / f"designer_{code}.ts"
            if src.exists():
                shutil.copy(src, folder / src.name)
        build(folder)
        stale = []
        for code in LANGUAGES:
            for suffix in (".ts", ".qm"):
                name = f"designer_{code}{suffix}"
                if not (I18N / name).exists() or not filecmp.cmp(folder / name, I18N / name,
                                                                  shallow=False):
                    stale.append(name)
        return stale


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="only say whether resources/i18n is up to date")
    args = parser.parse_args(argv)
    if args.check:
        stale = check()
        if stale:
            print("out of date: " + ", ".join(stale) + " (run python tools/i18n.py)")
            return 1
        print("resources/i18n is up to date")
        return 0
    I18N.mkdir(parents=True, exist_ok=True)
    build(I18N)
    return 0


if __name__ == "__main__":
    sys.exit(main())
