"""The lock files (requirements/*.lock, made by scripts/lock) agree with pyproject.toml: every
direct dependency is pinned, with hashes, to a version its range allows, and a package has the
same version in every lock (issue 17: reproducible installs)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent
_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s\\;]+)", re.MULTILINE)


def pins(text: str) -> dict[str, Version]:
    return {canonicalize_name(name): Version(version) for name, version in _PIN.findall(text)}


def _lock(name: str) -> str:
    return (ROOT / "requirements" / f"{name}.lock").read_text(encoding="utf-8")


def _project() -> dict[str, list[str]]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = project["optional-dependencies"]
    return {
        "app": project["dependencies"],
        "test": project["dependencies"] + extras["test"],
        "build": project["dependencies"] + extras["test"] + extras["build"],
    }


def unmet(requirements: list[str], locked: dict[str, Version]) -> list[str]:
    """The requirements the lock does not pin, or pins outside their range."""
    wrong = []
    for line in requirements:
        req = Requirement(line)
        version = locked.get(canonicalize_name(req.name))
        if version is None or not req.specifier.contains(version, prereleases=True):
            wrong.append(f"{req} (locked: {version})")
    return wrong


@pytest.mark.parametrize("lock", ["app", "test", "build"])
def test_every_direct_dependency_is_pinned_within_its_range(lock: str) -> None:
    assert unmet(_project()[lock], pins(_lock(lock))) == [], "run scripts/lock"


@pytest.mark.parametrize("lock", ["app", "test", "build"])
def test_every_pin_has_hashes(lock: str) -> None:
    entries = re.split(r"\n(?=[A-Za-z0-9])", _lock(lock).split("\n\n", 1)[-1])
    unhashed = [e.split()[0] for e in entries if "==" in e and "--hash=sha256:" not in e]
    assert unhashed == []


def test_a_package_has_one_version_in_every_lock() -> None:
    app, test, build = (pins(_lock(name)) for name in ("app", "test", "build"))
    assert {n: v for n, v in app.items() if test.get(n) != v} == {}
    assert {n: v for n, v in test.items() if build.get(n) != v} == {}


def test_the_check_catches_a_dependency_missing_from_the_lock() -> None:
    locked = pins("alembic==1.20.1 \\\n    --hash=sha256:00\nSQLAlchemy==2.0.1\n")
    assert unmet(["alembic>=1.20,<2", "SQLAlchemy>=2.1.9,<2.2", "pypinyin>=0.55"], locked) == [
        "SQLAlchemy<2.2,>=2.1.9 (locked: 2.0.1)",
        "pypinyin>=0.55 (locked: None)",
    ]
