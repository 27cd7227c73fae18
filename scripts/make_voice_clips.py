"""Make the recorded clips of announcements with espeak-ng (offline), into resources/voice/.

    apt-get install espeak-ng sox
    .venv/bin/python scripts/make_voice_clips.py

Mandarin words use the ``cmn`` voice; letters are read as English letters (``en``), as halls
do. sox trims the silence espeak-ng leaves around each word and sets one format for all.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hall_app.domain.announce import clip_names  # noqa: E402
from hall_app.speech import clip_dir, clip_file  # noqa: E402


def make(token: str, target: Path) -> None:
    voice = "en" if len(token) == 1 and "A" <= token <= "Z" else "cmn"
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "raw.wav"
        subprocess.run(["espeak-ng", "-v", voice, "-s", "150", "-w", str(raw), token], check=True)
        subprocess.run(
            [
                "sox",
                str(raw),
                "-r",
                "16000",
                "-c",
                "1",
                "-b",
                "16",
                str(target),
                "silence",
                "1",
                "0.02",
                "1%",
                "reverse",
                "silence",
                "1",
                "0.02",
                "1%",
                "reverse",
            ],
            check=True,
        )


def main() -> None:
    folder = clip_dir()
    folder.mkdir(parents=True, exist_ok=True)
    for token in clip_names():
        make(token, folder / clip_file(token))
    print(f"{len(clip_names())} clips in {folder}")


if __name__ == "__main__":
    main()
