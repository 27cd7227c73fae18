"""Shared settings of the fuzz suite: deterministic (derandomize) and small, so CI stays fast
and a failure reproduces on every run."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from hypothesis import HealthCheck, settings

from hall_app.domain.errors import KnownError

FUZZ = settings(
    derandomize=True,
    max_examples=60,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
_CHINESE = re.compile(r"[\u4e00-\u9fff]")


def refused_or_ok(call: Callable[[], Any]) -> KnownError | None:
    """Run ``call``: it may succeed or raise a KnownError with a Chinese message; any other
    exception (a traceback) fails the test by propagating."""
    try:
        call()
    except KnownError as exc:
        assert _CHINESE.search(exc.message), exc.message
        return exc
    return None


FUZZ_DB = settings(FUZZ, max_examples=20)  # the ones that import into a database
