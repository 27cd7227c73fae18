"""The kit's pages as a clerk writes on them (issue 15): registers on A4 landscape with a box
per handwritten ID digit and no label under 7 pt; every blank document (notification slip,
refusal notice, receipt) on one page together with its stub; shared materials without a 缺
box. Measured on the rendered PDF with pypdf."""

from __future__ import annotations

import io
from dataclasses import replace

from pypdf import PdfReader
from pypdf.generic import ContentStream
from reportlab.lib.units import mm

from hall_app.printing.kit import render_kit
from hall_app.printing.kit_registers import ID_COLUMN, ID_DIGIT, ID_DIGITS, LABEL_SIZE
from tests.test_print_kit import KIT, SLIPS, page_texts, section

REFUSALS = tuple(
    replace(
        s,
        serial=f"BY-500231-K07-{i:04d}",
        refusal_basis="《行政许可法》第三十二条",
        refusal_grounds=("申请事项依法不属于本机关职权范围",),
    )
    for i, s in enumerate(SLIPS[::3], 1)
)
RECEIPTS = tuple(replace(s, serial="") for s in SLIPS[::3])
SHARED = replace(SLIPS[0], shared=("营业执照",))
FULL = replace(KIT, slips=(SHARED, *SLIPS[1:]), refusals=REFUSALS, receipts=RECEIPTS)
A4_LONG, A4_SHORT = 841.89, 595.28


def _text_sizes(page) -> list[float]:  # type: ignore[no-untyped-def]
    sizes: list[float] = []

    def visit(text, cm, tm, font, size):  # type: ignore[no-untyped-def]
        if text.strip():
            sizes.append(size * (tm[0] ** 2 + tm[1] ** 2) ** 0.5 * (cm[0] ** 2 + cm[1] ** 2) ** 0.5)

    page.extract_text(visitor_text=visit)
    return sizes


def _rect_widths(reader: PdfReader, page) -> list[float]:  # type: ignore[no-untyped-def]
    ops = ContentStream(page.get_contents(), reader).operations
    return [float(operands[2]) for operands, op in ops if op == b"re"]


def test_registers_are_a4_landscape_with_a_box_per_id_digit_and_labels_of_7_pt() -> None:
    assert 4.5 * mm <= ID_DIGIT and ID_DIGITS * 4.5 * mm <= ID_COLUMN
    pdf = render_kit(KIT)
    reader = PdfReader(io.BytesIO(pdf))
    texts = page_texts(pdf)
    for name in ("号票登记簿", "首问登记簿", "受理登记簿"):
        pages = [reader.pages[texts.index(t)] for t in section(texts, name)]
        assert pages, name
        for page in pages:
            width, height = float(page.mediabox.width), float(page.mediabox.height)
            assert (round(width), round(height)) == (round(A4_LONG), round(A4_SHORT)), name
            assert min(_text_sizes(page)) >= max(7.0, LABEL_SIZE), name
    cases = [reader.pages[texts.index(t)] for t in section(texts, "受理登记簿")]
    # one 18-box row per case, each box at least 4.5 mm wide
    boxes = [
        w
        for page in cases
        for w in _rect_widths(reader, page)
        if ID_DIGITS * 4.5 * mm <= w < 100 * mm
    ]
    assert len(boxes) == len(KIT.case_numbers)


def test_every_blank_document_shares_its_page_with_its_stub() -> None:
    pdf = render_kit(FULL)
    texts = page_texts(pdf)
    for name, documents in (
        ("一次性告知单（应急）", FULL.slips),
        ("不予受理通知书（应急）", FULL.refusals),
        ("受理回执（应急）", FULL.receipts),
    ):
        pages = section(texts, name)
        assert len(pages) == len(documents), name  # no stub alone on a second page
        for page, doc in zip(pages, documents, strict=True):
            assert "沿此线剪下" in page and "存根" in page, name
            assert doc.item_name in page
            if doc.serial:
                assert page.count(doc.serial) >= 3, doc.serial  # header, QR text line, stub


def test_refusal_notices_and_receipts_are_in_the_kit() -> None:
    texts = page_texts(render_kit(FULL))
    refusal = section(texts, "不予受理通知书（应急）")[0]
    for expected in (
        "BY-500231-K07-0001",
        "申请事项依法不属于本机关职权范围",
        "□其他",
        "行政复议",
        "《行政许可法》第三十二条",
    ):
        assert expected in refusal, expected
    receipt = section(texts, "受理回执（应急）")[0]
    for expected in ("SL-500231-K07-", "予以受理", "已收材料", "承诺办结日期"):
        assert expected in receipt, expected
    cover = texts[0]
    assert "不予受理通知书（应急）" in cover and "受理回执（应急）" in cover


def test_shared_materials_have_no_box() -> None:
    slip = section(page_texts(render_kit(FULL)), "一次性告知单（应急）")[0]
    assert "共享获取，无需提交" in slip
    boxes = slip.count("□")
    assert boxes == len(SHARED.materials) - 1  # 营业执照 is obtained by data sharing
