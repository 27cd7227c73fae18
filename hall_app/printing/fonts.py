"""The CJK TrueType font embedded in every printed document.

reportlab cannot use OpenType/CFF fonts (Noto CJK) and the built-in CID font embeds nothing,
so a TrueType CJK font is looked up: HALL_FONT, then WenQuanYi Micro Hei (Linux, package
``fonts-wqy-microhei``), then Microsoft YaHei / SimSun (Windows), then fontconfig.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from functools import cache
from pathlib import Path

from hall_app.domain.errors import FontMissing

FONT_NAME = "HallCJK"

CANDIDATES = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "C:/Windows/Fonts/msyh.ttc",
    "C:/Windows/Fonts/simsun.ttc",
    "C:/Windows/Fonts/simhei.ttf",
)


def find_font() -> Path:
    env = os.environ.get("HALL_FONT")
    if env:
        if Path(env).is_file():
            return Path(env)
        raise FontMissing(f"HALL_FONT 指定的字体文件 {env} 不存在")
    for candidate in CANDIDATES:
        if Path(candidate).is_file():
            return Path(candidate)
    if shutil.which("fc-list"):
        try:
            out = subprocess.run(
                ["fc-list", ":lang=zh", "file"], capture_output=True, text=True, timeout=5
            ).stdout
        except (OSError, subprocess.SubprocessError):
            out = ""
        for line in out.splitlines():
            path = line.split(":")[0].strip()
            if path.lower().endswith((".ttf", ".ttc")):
                return Path(path)
    raise FontMissing(
        "未找到可嵌入的中文 TrueType 字体，无法生成打印文件。请安装文泉驿微米黑"
        "（Debian/UOS：apt install fonts-wqy-microhei），或用环境变量 HALL_FONT 指定 .ttf/.ttc 文件"
    )


@cache
def register_font() -> str:
    """Register the CJK font with reportlab once; return its reportlab name."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    path = find_font()
    try:
        pdfmetrics.registerFont(TTFont(FONT_NAME, str(path), subfontIndex=0))
    except Exception as exc:  # reportlab raises plain exceptions for unusable fonts
        raise FontMissing(
            f"字体文件 {path} 无法使用（{exc}），请用 HALL_FONT 指定其他中文字体"
        ) from exc
    return FONT_NAME
