"""Recorded clips joined into one announcement (the fallback when no Chinese text-to-speech
engine is present). Pure Python: the ``wave`` module, no Qt.

The clips are made offline by ``scripts/make_voice_clips.py`` (espeak-ng) and shipped in
``resources/voice/``; each token of an announcement maps to one clip file.
"""

from __future__ import annotations

import io
import wave
from collections.abc import Sequence
from pathlib import Path

from hall_app import paths
from hall_app.domain.announce import DIGITS, ORDINALS

_PHRASES = {
    "请": "qing",
    "号": "hao",
    "到": "dao",
    "号窗口": "hao_chuangkou",
    "办理": "banli",
    "优先办理": "youxian_banli",
    "十": "shi",
    "百": "bai",
    **{f"这是第{word}次呼叫": f"recall_{n}" for n, word in ORDINALS.items()},
}
GAP_SECONDS = 0.05


def clip_file(token: str) -> str:
    if len(token) == 1 and "A" <= token <= "Z":
        return f"letter_{token}.wav"
    if token in DIGITS:
        return f"digit_{DIGITS.index(token)}.wav"
    return f"{_PHRASES[token]}.wav"


def clip_dir() -> Path:
    return paths.resources_dir() / "voice"


def join_clips(tokens: Sequence[str], folder: Path | None = None) -> tuple[bytes, float]:
    """One WAV of the clips in order with short gaps; returns (wav bytes, seconds)."""
    folder = folder or clip_dir()
    frames: list[bytes] = []
    params = None
    for token in tokens:
        with wave.open(str(folder / clip_file(token)), "rb") as clip:
            if params is None:
                params = clip.getparams()
            elif clip.getparams()[:3] != params[:3]:
                raise ValueError(f"clip {clip_file(token)} has another format")
            frames.append(clip.readframes(clip.getnframes()))
    if params is None:
        raise ValueError("no tokens")
    gap = b"\x00" * int(params.framerate * GAP_SECONDS) * params.sampwidth * params.nchannels
    out = io.BytesIO()
    with wave.open(out, "wb") as joined:
        joined.setnchannels(params.nchannels)
        joined.setsampwidth(params.sampwidth)
        joined.setframerate(params.framerate)
        joined.writeframes(gap.join(frames))
    data = out.getvalue()
    seconds = (len(data) - 44) / (params.framerate * params.sampwidth * params.nchannels)
    return data, seconds
