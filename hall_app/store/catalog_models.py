"""The catalog's materials, bundles and (format v2, issue 18) its standard materials and
situations (业务情形). Lists and conditions are stored as JSON text; a v1 catalog leaves the
v2 columns empty (``''``, ``'[]'``, ``'{}'``) and its rows behave as before."""

from __future__ import annotations

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from hall_app.store.base import Base


class StandardMaterial(Base):
    """标准材料: one material of the v2 dictionary, matched by its code on import."""

    __tablename__ = "standard_material"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)  # the file's ``id`` (M-ID)
    name: Mapped[str] = mapped_column(String(200))
    form: Mapped[str] = mapped_column(String(16))
    source: Mapped[str] = mapped_column(String(16))
    standard: Mapped[str] = mapped_column(Text, default="")
    shared_from: Mapped[str] = mapped_column(Text, default="")
    obtain_from: Mapped[str] = mapped_column(Text, default="")
    sample: Mapped[str] = mapped_column(String(120), default="")
    review_points: Mapped[str] = mapped_column(Text, default="[]")  # JSON list
    deferrable: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)  # false: no longer in the file


class Situation(Base):
    """业务情形: a question and its answers (JSON list of {key, value, text})."""

    __tablename__ = "situation"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)  # the file's ``id``
    question: Mapped[str] = mapped_column(String(100))
    answers: Mapped[str] = mapped_column(Text, default="[]")
    default: Mapped[str] = mapped_column(String(20), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Material(Base):
    """A material of an item: a v1 row, or a v2 reference (flattened name and fields, plus
    the standard material, the role, the condition and the reference's own overrides)."""

    __tablename__ = "material"
    __table_args__ = (UniqueConstraint("item_id", "name", "situation"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("service_item.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200))
    form: Mapped[str] = mapped_column(String(16))
    copies: Mapped[int] = mapped_column(Integer)
    requirement: Mapped[str] = mapped_column(String(8))
    source: Mapped[str] = mapped_column(String(16))
    standard: Mapped[str] = mapped_column(Text, default="")
    situation: Mapped[str] = mapped_column(String(200), default="")
    obtain_from: Mapped[str] = mapped_column(Text, default="")  # 获取途径
    defer_days: Mapped[int] = mapped_column(Integer, default=0)  # 容缺后补: working days allowed
    # catalog v2: None / '' for a v1 row
    standard_material_id: Mapped[int | None] = mapped_column(ForeignKey("standard_material.id"))
    role: Mapped[str] = mapped_column(String(16), default="")
    when_json: Mapped[str] = mapped_column(Text, default="")  # {question: [values]}
    overrides: Mapped[str] = mapped_column(Text, default="")  # {form, source, standard, …, note}


class Bundle(Base):
    """一件事: several items done together."""

    __tablename__ = "bundle"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    category_id: Mapped[int] = mapped_column(ForeignKey("category.id"))
    promised_limit_days: Mapped[int] = mapped_column(Integer)
    description: Mapped[str] = mapped_column(Text, default="")
    search_key: Mapped[str] = mapped_column(String(200), default="")
    aliases: Mapped[str] = mapped_column(Text, default="[]", server_default="[]")  # JSON: 俗称
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    situations: Mapped[str] = mapped_column(Text, default="[]", server_default="[]")  # v2


class BundleItem(Base):
    __tablename__ = "bundle_item"
    bundle_id: Mapped[int] = mapped_column(
        ForeignKey("bundle.id", ondelete="CASCADE"), primary_key=True
    )
    item_id: Mapped[int] = mapped_column(ForeignKey("service_item.id"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    when_json: Mapped[str] = mapped_column(Text, default="")  # v2: {question: [values]}
