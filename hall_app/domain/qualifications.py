"""Window qualifications (资质): which lanes a member of staff may call and receive.

A clerk's qualifications are the catalog's ``staff.qualifications`` (category codes, stored as
``staff_qualification`` rows). A ticket of a lane may be called at, or transferred to, a window
only for staff qualified for that lane, unless they hold ``SERVE_ANY_CATEGORY`` (supervisors,
admins). A login at a window is refused when the person is qualified for none of its lanes.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from typing import TypeVar

from hall_app.domain.errors import NotAllowed
from hall_app.domain.roles import Permission

T = TypeVar("T")


def unrestricted(permissions: Collection[Permission]) -> bool:
    """Whether someone with ``permissions`` may serve any lane."""
    return Permission.SERVE_ANY_CATEGORY in permissions


def may_serve(permissions: Collection[Permission], qualified: Collection[T], lane: T) -> bool:
    """Whether someone may call or receive a ticket of ``lane``."""
    return unrestricted(permissions) or lane in qualified


def servable(
    permissions: Collection[Permission], qualified: Collection[T], lanes: Sequence[T]
) -> list[T]:
    """The window's ``lanes`` (in calling order) that someone may call from."""
    return [lane for lane in lanes if may_serve(permissions, qualified, lane)]


def check_serve(
    permissions: Collection[Permission], qualified: Collection[T], lane: T, who: str, lane_name: str
) -> None:
    """Refuse a call or a transfer of a ``lane`` ticket to someone not qualified for it."""
    if not may_serve(permissions, qualified, lane):
        raise NotAllowed(f"{who}不具备「{lane_name}」业务资质，不能办理该类号票")


def check_login(
    permissions: Collection[Permission], qualified: Collection[T], lanes: Iterable[T], window: int
) -> None:
    """Refuse a login at a window none of whose lanes the person is qualified for."""
    lanes = list(lanes)
    if lanes and not servable(permissions, qualified, lanes):
        raise NotAllowed(f"您不具备{window}号窗口任何业务类别的资质，请选择其他窗口或联系值班长")
