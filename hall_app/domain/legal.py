"""What the law gives each item type: the basis a document cites, the closed list of refusal
grounds, the units of a limit, the kinds of pause the law leaves out of a limit, and where a
refusal can be challenged.

行政许可法 第三十二条 governs licences (行政许可) only. Another type cites its own law where
the catalog names it, otherwise the hall's one-time notification rule in neutral words; it
never cites Art. 32. Incomplete materials are never a refusal ground: they lead to the one
correction notice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from hall_app.domain.i18n import QT_TRANSLATE_NOOP

LICENCE = "行政许可"

ART32_CORRECTION = "《中华人民共和国行政许可法》第三十二条第一款第（四）项"
ART32_REFUSAL = "《中华人民共和国行政许可法》第三十二条第一款"
ART42_EXTENSION = "《中华人民共和国行政许可法》第四十二条"
NEUTRAL_CORRECTION = "本中心一次性告知制度"
# the correction terms of an item whose law sets no period (the catalog may say otherwise)
ART32_TERMS = (
    "申请人按照本告知单一次性补齐全部材料的，予以受理（《中华人民共和国行政许可法》"
    "第三十二条第一款第（五）项），办理时限自受理次日起计算。法律未规定补正期限；"
    "补齐前本申请尚未受理，不计入办理时限。"
)
NEUTRAL_TERMS = (
    "申请人按照本告知单一次性补齐全部材料、符合法定形式的，予以受理，办理时限自受理次日起计算。"
    "本事项所依据的规定未设补正期限；补齐前本申请尚未受理，不计入办理时限。"
)

WORKING_DAYS = "工作日"
NATURAL_DAYS = "自然日"
LIMIT_UNITS = (
    QT_TRANSLATE_NOOP("labels", "工作日"),
    QT_TRANSLATE_NOOP("labels", "自然日"),
)

# the one legal extension of a licence (行政许可法 第四十二条), with the head's approval
LICENCE_EXTENSION_DAYS = 10

# steps the law leaves out of the limit (行政许可法 第四十五条), and a correction after acceptance
PAUSE_KINDS = (
    QT_TRANSLATE_NOOP("labels", "补正"),
    QT_TRANSLATE_NOOP("labels", "公告"),
    QT_TRANSLATE_NOOP("labels", "听证"),
    QT_TRANSLATE_NOOP("labels", "专家评审"),
    QT_TRANSLATE_NOOP("labels", "检验检测"),
    QT_TRANSLATE_NOOP("labels", "鉴定"),
)

DELIVERY_METHODS = (
    QT_TRANSLATE_NOOP("labels", "窗口领取"),
    QT_TRANSLATE_NOOP("labels", "邮寄"),
    QT_TRANSLATE_NOOP("labels", "电子证照"),
)

AGENT_RELATIONS = (
    QT_TRANSLATE_NOOP("labels", "受委托人"),
    QT_TRANSLATE_NOOP("labels", "配偶"),
    QT_TRANSLATE_NOOP("labels", "父母"),
    QT_TRANSLATE_NOOP("labels", "子女"),
    QT_TRANSLATE_NOOP("labels", "其他近亲属"),
    QT_TRANSLATE_NOOP("labels", "法定代理人"),
    QT_TRANSLATE_NOOP("labels", "单位经办人"),
)

# reconsideration (行政复议法 2023 第二十条) and lawsuit (行政诉讼法 第四十六条) periods
RECONSIDERATION_DAYS = 60
LAWSUIT_MONTHS = 6

# refusal ground codes every catalog may use; any other entry is a ground the item's law lists
REMIT = "remit"  # outside this office's remit: name the competent office
NOT_LICENCE = "not_licence"  # the matter needs no licence (licences only)
GROUND_CODES = (REMIT, NOT_LICENCE)


@dataclass(frozen=True)
class RefusalGround:
    code: str  # REMIT, NOT_LICENCE or the item law's own wording
    text: str  # what the notice says
    needs_office: bool = False  # the notice must name the competent office

    @property
    def label(self) -> str:
        return self.text


_STANDARD = {
    REMIT: RefusalGround(
        REMIT,
        QT_TRANSLATE_NOOP("labels", "申请事项依法不属于本机关职权范围"),
        needs_office=True,
    ),
    NOT_LICENCE: RefusalGround(
        NOT_LICENCE, QT_TRANSLATE_NOOP("labels", "申请事项依法不需要取得行政许可")
    ),
}


def is_licence(item_type: str) -> bool:
    return item_type == LICENCE


def default_correction_basis(item_type: str) -> str:
    return ART32_CORRECTION if is_licence(item_type) else NEUTRAL_CORRECTION


def default_correction_terms(item_type: str) -> str:
    return ART32_TERMS if is_licence(item_type) else NEUTRAL_TERMS


def default_refusal_basis(item_type: str) -> str:
    return ART32_REFUSAL if is_licence(item_type) else ""


def default_refusal_grounds(item_type: str) -> tuple[str, ...]:
    return (REMIT, NOT_LICENCE) if is_licence(item_type) else (REMIT,)


def refusal_grounds(item_type: str, configured: tuple[str, ...] = ()) -> tuple[RefusalGround, ...]:
    """The closed list a clerk chooses from: the catalog's entries (or the type's defaults).
    ``not_licence`` exists for licences only; an entry that is not a code is a ground the
    item's own law lists, quoted as the catalog gives it."""
    entries = configured or default_refusal_grounds(item_type)
    grounds = []
    for entry in entries:
        if entry == NOT_LICENCE and not is_licence(item_type):
            continue
        grounds.append(_STANDARD.get(entry) or RefusalGround(entry, entry))
    return tuple(dict.fromkeys(grounds))


def is_ground_code(entry: str) -> bool:
    """Whether a catalog entry is meant as a code (``remit``) rather than the law's wording."""
    return entry.isascii() and entry.replace("_", "").isalnum()


def cites_art32(text: str) -> bool:
    """Whether a basis cites 行政许可法 第三十二条 (wrong for anything but a licence), in
    Chinese or Arabic numerals."""
    compact = re.sub(r"\s", "", text)
    return "行政许可法" in compact and ("第三十二条" in compact or "第32条" in compact)


# what incomplete materials are called: never a refusal ground, always the correction notice
_INCOMPLETE = ("不齐全", "不符合法定形式", "材料缺失", "缺少材料", "需补正", "补正材料")


def is_incompleteness(text: str) -> bool:
    """Whether a would-be refusal ground is in fact incomplete materials."""
    return any(word in text for word in _INCOMPLETE)


# 行政许可法 第三十二条第一款: (一) needs no licence, (二) outside the office's remit
ART32_SUBITEMS = {NOT_LICENCE: "第（一）项", REMIT: "第（二）项"}


def refusal_citation(item_type: str, basis: str, ground_code: str) -> str:
    """The basis a refusal cites: a licence refused on a ground of Art. 32 names its sub-item."""
    if is_licence(item_type) and basis == ART32_REFUSAL and ground_code in ART32_SUBITEMS:
        return basis + ART32_SUBITEMS[ground_code]
    return basis


def ticked_grounds(item_type: str, basis: str, configured: tuple[str, ...] = ()) -> list[str]:
    """The grounds a blank refusal notice lists to tick, each with the Art. 32 sub-item it
    is for a licence (the sub-item a filled-in notice cites)."""
    texts = []
    for ground in refusal_grounds(item_type, configured):
        sub = refusal_citation(item_type, basis, ground.code).removeprefix(basis)  # 第（二）项
        texts.append(f"{ground.text}（第三十二条第一款{sub}）" if sub else ground.text)
    return texts
