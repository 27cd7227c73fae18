"""The English translation has no unfinished strings: every string the code marks for
translation (tr(), translate(), QT_TRANSLATE_NOOP) has a finished English text in the .ts."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TS = ROOT / "resources" / "translations" / "hall_app_en.ts"


def _lupdate() -> str:
    exe = Path(sys.executable).with_name("pyside6-lupdate")
    found = str(exe) if exe.exists() else shutil.which("pyside6-lupdate")
    if not found:
        pytest.fail("pyside6-lupdate is missing (it comes with PySide6)")
    return found


def test_every_marked_string_has_a_finished_english_translation(tmp_path: Path) -> None:
    ts = tmp_path / "hall_app_en.ts"
    shutil.copy(TS, ts)
    sources = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "hall_app").rglob("*.py"))
    subprocess.run([_lupdate(), "-silent", *sources, "-ts", str(ts)], cwd=ROOT, check=True)
    unfinished = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            kind = translation.get("type") if translation is not None else "unfinished"
            if kind in ("obsolete", "vanished"):
                continue
            if kind == "unfinished" or not (translation.text or "").strip():
                unfinished.append(f"{name}: {message.findtext('source')}")
    assert not unfinished, f"{len(unfinished)} strings without English: {unfinished[:20]}"


def test_no_literal_reaches_the_screen_through_a_helper_lupdate_cannot_see() -> None:
    """lupdate only sees tr(), translate() and QT_TRANSLATE_NOOP(): a literal passed to a local
    helper such as ``_tr("办结")`` is never collected, so it stays Chinese in the English UI."""
    import re

    helper_call = re.compile(r"\b_tr\(\s*[\"']")
    hidden = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in sorted((ROOT / "hall_app").rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if helper_call.search(line)
    ]
    assert not hidden, f"literals lupdate cannot see: {hidden}"
