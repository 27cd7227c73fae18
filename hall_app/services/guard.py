"""Every public service method that acts for someone declares its permission in one line::

    @guarded(Permission.EXTEND_CASE)
    def extend(self, actor: Actor, ...) -> ...:

The decorator refuses a missing actor (TypeError: no code path passes None), refuses an
actor without the permission with :class:`~hall_app.domain.roles.Denied` (a Chinese message
naming the permission), and audits every refusal raised in the method (also the finer ones
the body raises with ``actor.require``) as ``denied`` with the action, the permission and the
staff, in its own short transaction after the method's transaction has rolled back, so a
refused call writes nothing else. The grants themselves are in ``domain/roles.py``.
"""

from __future__ import annotations

import functools
import inspect
import logging
from collections.abc import Callable
from typing import Any, TypeVar, cast

from hall_app.domain.errors import KnownError
from hall_app.domain.roles import Denied, Permission, refusal
from hall_app.services.context import Actor, ServiceContext, audit

log = logging.getLogger("hall_app.services")

F = TypeVar("F", bound=Callable[..., Any])

#: the attribute a guarded method carries: the permissions it checks on entry
MARK = "__permissions__"
#: and whether holding any one of them is enough
ANY_OF = "__any_of__"


def guarded(*permissions: Permission, any_of: bool = False) -> Callable[[F], F]:
    """The method's ``actor`` must hold every one of ``permissions`` (or, with ``any_of``, at
    least one). With no permission named, the method only checks its own finer rules inside
    (``actor.require``) and still refuses a missing actor and audits refusals."""

    def wrap(fn: F) -> F:
        signature = inspect.signature(fn)
        if "actor" not in signature.parameters:
            raise TypeError(f"{fn.__qualname__}: a guarded method takes an actor")

        @functools.wraps(fn)
        def method(self: Any, *args: Any, **kwargs: Any) -> Any:
            arguments = signature.bind_partial(self, *args, **kwargs).arguments
            actor = arguments.get("actor")
            if not isinstance(actor, Actor):
                raise TypeError(f"{fn.__qualname__} needs an Actor, not {actor!r}")
            try:
                check(actor, permissions, any_of=any_of)
                return fn(self, *args, **kwargs)
            except Denied as refused:
                if not refused.audited:
                    refused.audited = True
                    _record(self, actor, fn.__name__, refused.permission, arguments)
                raise

        setattr(method, MARK, tuple(permissions))
        setattr(method, ANY_OF, any_of)
        return cast(F, method)  # functools.wraps keeps fn's signature

    return wrap


def check(actor: Actor, permissions: tuple[Permission, ...], *, any_of: bool = False) -> None:
    """Raise Denied unless ``actor`` holds ``permissions`` (all, or one with ``any_of``)."""
    if not permissions:
        return
    if any_of:
        if not any(actor.may(p) for p in permissions):
            raise refusal(actor.role, permissions[0])
        return
    for permission in permissions:
        if not actor.may(permission):
            raise refusal(actor.role, permission)


def require_window(actor: Actor, window_number: int) -> None:
    """Serving at a window: one's own window, or any with ``SERVE_ANY_WINDOW``."""
    actor.require(Permission.SERVE_AT_WINDOW)
    if actor.window_number != window_number and not actor.may(Permission.SERVE_ANY_WINDOW):
        raise Denied(
            f"您登录的是{actor.window_number}号窗口，不能操作{window_number}号窗口",
            Permission.SERVE_ANY_WINDOW,
        )


def record_denial(ctx: ServiceContext, actor: Actor, action: str, permission: Permission) -> None:
    """The ``denied`` audit entry, in a transaction of its own."""
    with ctx.db.write() as s:
        # ``attempted``: the refused action (the entry's own action is ``denied``)
        audit(
            s,
            ctx,
            actor,
            "denied",
            "permission",
            None,
            attempted=action,
            permission=permission.value,
            role=actor.role.value,
        )


def _record(
    service: Any, actor: Actor, action: str, permission: Permission, arguments: dict[str, Any]
) -> None:
    """The ``denied`` entry; a service may record more of a refusal in ``_after_denial``
    (the catalog import: the file's hash) or record it elsewhere in ``_record_denial``."""
    recorder = getattr(service, "_record_denial", None)
    after = getattr(service, "_after_denial", None)
    try:
        if recorder is not None:  # e.g. the offline desk: no database to write to
            recorder(actor, action, permission)
        else:
            record_denial(service.ctx, actor, action, permission)
        if after is not None:
            after(actor, action, arguments)
    except KnownError as exc:  # the refusal stands even if its audit cannot be written
        log.warning("refusal of %s to %s not audited: %s", actor.staff_no, action, exc)
