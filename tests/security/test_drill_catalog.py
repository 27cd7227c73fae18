"""Drill: a swapped catalog file. Every import audits the SHA-256 of the bytes it loaded, so
the file imported can be told from the one expected; an import by anyone without the
permission to import the catalog is refused in the service, audited
(``catalog_import_refused``, with the file's hash) and changes nothing."""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import select

from hall_app.domain.errors import NotAllowed
from hall_app.domain.roles import Permission, Role
from hall_app.services.catalog import bootstrap_actor
from hall_app.services.context import Actor
from hall_app.services.hall import Hall
from hall_app.store import models as m
from tests.conftest import DATA, login


def _audits(hall: Hall, action: str) -> list[tuple[int | None, dict[str, object]]]:
    with hall.db.read() as s:
        return [
            (staff, json.loads(detail))
            for staff, detail in s.execute(
                select(m.AuditEntry.staff_id, m.AuditEntry.detail)
                .where(m.AuditEntry.action == action)
                .order_by(m.AuditEntry.id)
            )
        ]


def _items(hall: Hall) -> dict[str, str]:
    return {e.code: e.name for e in hall.catalog.entries() if e.kind == "item"}


def _swapped(tmp_path: Path) -> Path:
    """The mini catalog with one item renamed: what an attacker would slip in."""
    text = (DATA / "mini_hall.yaml").read_text(encoding="utf-8")
    path = tmp_path / "mini_hall.yaml"
    path.write_text(
        text.replace("name: 测试县政务服务中心", "name: 测试县政务服务中心（改）"), encoding="utf-8"
    )
    assert path.read_bytes() != (DATA / "mini_hall.yaml").read_bytes()
    return path


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_each_import_audits_the_hash_of_the_file_it_loaded(hall: Hall, tmp_path: Path) -> None:
    admin = login(hall, "9001")
    expected, swapped = DATA / "mini_hall.yaml", _swapped(tmp_path)
    hall.catalog.import_file(admin, expected)
    hall.catalog.import_file(admin, swapped)
    hall.catalog.import_file(bootstrap_actor(), expected)  # a bootstrap (system) import too
    audited = _audits(hall, "catalog_import")[-3:]
    assert [d["sha256"] for _, d in audited] == [
        _sha256(expected),
        _sha256(swapped),
        _sha256(expected),
    ]
    assert _sha256(expected) != _sha256(swapped)  # the swap shows in the audit trail
    assert [staff for staff, _ in audited[:2]] == [admin.staff_id, admin.staff_id]


def test_a_clerk_importing_a_swapped_file_is_refused_audited_and_changes_nothing(
    hall: Hall, tmp_path: Path
) -> None:
    clerk, swapped = login(hall, "1001", 1), _swapped(tmp_path)
    before = _items(hall)
    with pytest.raises(NotAllowed, match="无权执行「导入事项目录」"):
        hall.catalog.import_file(clerk, swapped)
    assert _items(hall) == before
    assert hall.settings.get().name != "测试县政务服务中心（改）"
    ((staff, detail),) = _audits(hall, "catalog_import_refused")
    assert staff == clerk.staff_id
    assert detail == {"file": "mini_hall.yaml", "sha256": _sha256(swapped), "role": "clerk"}


def test_only_the_admin_and_a_job_granted_the_import_may_import(hall: Hall) -> None:
    """Every role is tried: the refusals are audited one by one, the admin's import runs."""
    someone = login(hall, "1001", 1)
    people = [r for r in Role if r is not Role.SYSTEM]
    for role in people:
        actor = replace(someone, role=role)
        if role is Role.ADMIN:
            hall.catalog.import_file(actor, DATA / "mini_hall.yaml")
        else:
            with pytest.raises(NotAllowed):
                hall.catalog.import_file(actor, DATA / "mini_hall.yaml")
    job = Actor.system("catalog_sync", "pytest", Permission.IMPORT_CATALOG)
    hall.catalog.import_file(job, DATA / "mini_hall.yaml")
    with pytest.raises(NotAllowed):
        hall.catalog.import_file(Actor.system("no_show_sweep", "pytest"), DATA / "mini_hall.yaml")
    refused = [d["role"] for _, d in _audits(hall, "catalog_import_refused")]
    assert refused == [r.value for r in people if r is not Role.ADMIN] + ["system"]
    assert [d.get("system") for _, d in _audits(hall, "catalog_import")][-1] == "catalog_sync"


def test_a_refusal_of_an_unreadable_file_is_still_a_refusal(hall: Hall, tmp_path: Path) -> None:
    """The permission is checked first: a clerk learns nothing about the file (not even
    whether it exists), and the attempt is audited without a hash."""
    with pytest.raises(NotAllowed):
        hall.catalog.import_file(login(hall, "1001", 1), tmp_path / "missing.yaml")
    ((_, detail),) = _audits(hall, "catalog_import_refused")
    assert (detail["file"], detail["sha256"]) == ("missing.yaml", "")


def test_a_clerk_at_the_command_line_is_refused_before_the_file_is_read(
    sqlite_hall: Hall,
    sqlite_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """``hall-app catalog import`` as a clerk: the command's login refuses it (exit 1, one
    ``command_refused`` entry), the catalog is unchanged; an admin's import audits the hash."""
    from tests.cli_login import ADMIN, CLERK, run_cli

    swapped = _swapped(tmp_path)
    refused = run_cli(
        monkeypatch, capsys, "catalog", "import", str(swapped), url=sqlite_url, staff=CLERK
    )
    assert refused.code == 1 and "无权" in refused.err
    assert [d["command"] for _, d in _audits(sqlite_hall, "command_refused")] == ["catalog import"]
    assert sqlite_hall.settings.get().name != "测试县政务服务中心（改）"
    done = run_cli(
        monkeypatch, capsys, "catalog", "import", str(swapped), url=sqlite_url, staff=ADMIN
    )
    assert done.code == 0, done.err
    assert _audits(sqlite_hall, "catalog_import")[-1][1]["sha256"] == _sha256(swapped)
