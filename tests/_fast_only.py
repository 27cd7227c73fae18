"""pytest plugin for scripts/mutation: keep only the tests that judge a mutant quickly.

Loaded with ``-p tests._fast_only`` (the [tool.mutmut] section of pyproject.toml); the
ordinary suite never loads it. HALL_MUTATION says which code is being mutated:

- ``domain`` (default): the tests that open no database, no Qt and no subprocess — about
  300 tests that run in about 12 seconds;
- ``services``: those and the service tests on SQLite (PostgreSQL, Qt and subprocess tests
  are left to the ordinary suite).
"""

from __future__ import annotations

import os

import pytest

# a test that asks for any of these (directly or through another fixture) opens a database
DATABASE_FIXTURES = frozenset({"sqlite_template", "db_url", "sqlite_url", "pg_server"})
# ... or a Qt application or a server process
QT_FIXTURES = frozenset({"qtbot", "qapp", "live_hall", "runner"})
# test modules that start subprocesses, render PDFs, drive the UI or replay migrations: slow
# per test and far from the rules being mutated
SLOW_MODULES = (
    "test_cli",  # also test_cli_auth, test_cli_fallback …
    "test_input_cli",
    "test_ui",
    "test_print",
    "test_documents",
    "test_db_messages",
    "test_migration",
    "test_leaks_errors",
    "test_no_leaks",
    "test_failover",
    "test_concurrency",
    "test_backup",
    "test_restore",
    "test_simulator",
    "test_hall_soak",
    "test_qt_runtime",
    "test_translations",
    "test_board",
    "test_kit",
    "test_smoke_hook",
    "test_modal_guard",
    "test_fuzz",
    "test_drill",
    "test_hall_morning",
    "test_offline_desks_drill",
    "test_offline_drill",
    "test_fallback_drill",
)


# tests that read hall_app's source text (in mutants/ it holds every mutant of each function)
# or run the command line in a subprocess (which imports the unmutated package)
NOT_HERE = frozenset(
    {
        "test_every_action_in_the_source_has_a_label",
        "test_catalog_check_command_reports_legal_problems_with_lines",
        # looks for the @guarded mark, which mutmut's wrapper of each method does not carry
        "test_every_public_service_method_checks_a_permission_or_is_documented",
    }
)


def _keep(item: pytest.Item, services: bool) -> bool:
    if getattr(item, "originalname", item.name) in NOT_HERE:
        return False
    module = item.path.name
    if module.startswith(SLOW_MODULES) or item.get_closest_marker("slow") is not None:
        return False
    names = set(getattr(item, "fixturenames", ()))
    if names & QT_FIXTURES or item.get_closest_marker("postgres") is not None:
        return False
    return services or not names & DATABASE_FIXTURES


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    services = os.environ.get("HALL_MUTATION", "domain") == "services"
    keep = [item for item in items if _keep(item, services)]
    drop = [item for item in items if not _keep(item, services)]
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep
