"""A primary and its standby behind one URL: the URL forms, which server a terminal reaches,
a write on a standby, and ``db promote`` refusing while the primary answers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from hall_app.config import load_config
from hall_app.domain.errors import DiskReadOnly, InvalidInput, NotAllowed
from hall_app.services.standby import promote
from hall_app.store.db import Database
from hall_app.store.standby import PRIMARY, STANDBY, Host, hosts_of, normalize_url, probe_all
from tests._standby import Pair, hall_cli, start_pair


def test_the_host_lists_people_write_name_both_servers() -> None:
    both = [Host("10.0.0.5", 5432), Host("10.0.0.6", 5433)]
    for url in (
        "postgresql+psycopg://hall@/hall?host=10.0.0.5:5432,10.0.0.6:5433",
        "postgresql+psycopg://hall@/hall?host=10.0.0.5:5432&host=10.0.0.6:5433",
        "postgresql+psycopg://hall@/hall?host=10.0.0.5,10.0.0.6&port=5432,5433",
    ):
        assert hosts_of(url) == both
        fixed = normalize_url(url)
        assert hosts_of(fixed) == both
        assert "target_session_attrs=read-write" in fixed
    single = "postgresql+psycopg://hall:pw@10.0.0.5/hall"
    assert normalize_url(single) == single and hosts_of(single) == [Host("10.0.0.5", 5432)]
    assert normalize_url("sqlite:///x.sqlite3") == "sqlite:///x.sqlite3"
    # a password survives the rewrite
    assert ":s3cret@" in normalize_url("postgresql+psycopg://hall:s3cret@/h?host=a:1,b:2")


def test_the_standby_section_of_the_config_file_is_checked(tmp_path: Path) -> None:
    path = tmp_path / "hall_app.toml"
    path.write_text('[standby]\ndata_dir = "/srv/pg"\nauto_promote_seconds = 20\n', "utf-8")
    config = load_config(path)
    assert config.standby_data_dir == "/srv/pg" and config.auto_promote_seconds == 20
    path.write_text("[standby]\nauto_promote_seconds = 1\n", "utf-8")
    with pytest.raises(InvalidInput, match="auto_promote_seconds"):
        load_config(path)


@pytest.fixture(scope="module")
def pair() -> Iterator[Pair]:
    yield from start_pair()


def test_a_multi_host_url_reaches_the_primary_whichever_is_listed_first(pair: Pair) -> None:
    # the form of the issue (host:port,host:port), the standby first, no target_session_attrs
    db = Database(pair.url(standby_first=True, attrs=False))
    try:
        with db.write() as s:
            s.execute(text("CREATE TABLE IF NOT EXISTS probe_t (x int)"))
            s.execute(text("INSERT INTO probe_t VALUES (1)"))
        assert db.server() == f"127.0.0.1:{pair.primary_port}"
        assert "主备" in db.describe()
    finally:
        db.dispose()
    roles = {state.host.port: state.role for state in probe_all(pair.url())}
    assert roles == {pair.primary_port: PRIMARY, pair.standby_port: STANDBY}


def test_a_write_on_the_standby_is_a_chinese_message_and_empties_the_pool(pair: Pair) -> None:
    db = Database(pair.single(pair.standby_port))
    try:
        with db.read() as s:  # a hot standby answers reads
            assert s.execute(text("SELECT 1")).scalar() == 1
        with pytest.raises(DiskReadOnly) as raised, db.write() as s:
            s.execute(text("CREATE TABLE on_standby (x int)"))
        message = raised.value.message
        assert "备用服务器" in message and "重新连接主服务器" in message
        assert "read-only" not in message and "cannot execute" not in message
        assert db.engine.pool.checkedin() == 0  # no connection to the standby is reused
    finally:
        db.dispose()


def test_db_promote_refuses_while_the_primary_answers(pair: Pair) -> None:
    done = hall_cli(["db", "promote", "--data-dir", str(pair.standby_data)], pair.url())
    assert done.returncode == 1, done.stderr
    assert "仍在应答" in done.stderr and "--force" in done.stderr
    assert "Traceback" not in done.stderr
    with pytest.raises(NotAllowed, match="仍在应答"):
        promote(pair.url(), pair.standby_data)
    # still a standby: nothing was promoted
    roles = {state.host.port: state.role for state in probe_all(pair.url())}
    assert roles[pair.standby_port] == STANDBY


def test_db_promote_refuses_on_a_pc_without_a_standby(pair: Pair, tmp_path: Path) -> None:
    done = hall_cli(["db", "promote"], pair.url())
    assert done.returncode == 1 and "本机没有备用数据库服务器" in done.stderr
    done = hall_cli(["db", "promote", "--data-dir", str(tmp_path)], pair.url())
    assert done.returncode == 1 and "不是 PostgreSQL 数据文件夹" in done.stderr
    with pytest.raises(NotAllowed, match="已经是主服务器"):
        promote(pair.url(), pair.primary_dir / "data", force=True)


def test_standby_status_and_db_info_name_the_primary(pair: Pair) -> None:
    status = hall_cli(["db", "standby-status"], pair.url())
    assert status.returncode == 0, status.stderr
    assert f"127.0.0.1:{pair.primary_port}：主服务器" in status.stdout
    assert f"127.0.0.1:{pair.standby_port}：备用服务器" in status.stdout
    info = hall_cli(["db", "info"], pair.url(standby_first=True))
    assert info.returncode == 0, info.stderr
    assert f"当前主服务器：127.0.0.1:{pair.primary_port}" in info.stdout


def _wait(condition, seconds: float = 60.0) -> bool:  # type: ignore[no-untyped-def]
    """Poll a condition of another thread (no Qt here); the limit only bounds a broken test."""
    import threading

    done = threading.Event()
    for _ in range(int(seconds * 20)):
        if condition():
            return True
        done.wait(0.05)
    return bool(condition())


def test_the_change_feed_listens_on_the_primary_of_a_multi_host_url(pair: Pair) -> None:
    from hall_app.store.changes import announce_change, open_feed

    db = Database(pair.url(standby_first=True, attrs=False))
    feed = open_feed(db)
    try:
        assert _wait(lambda: feed.connected), "the feed never connected"
        before = feed.version()
        with db.write() as s:
            announce_change(s)
        assert _wait(lambda: feed.version() > before), "the feed heard nothing"
    finally:
        feed.close()
        db.dispose()


def test_a_backup_of_a_multi_host_url_dumps_the_primary(pair: Pair, tmp_path: Path) -> None:
    db = Database(pair.single(pair.primary_port))
    try:
        with db.write() as s:
            s.execute(text("CREATE TABLE IF NOT EXISTS dumped_t (x int)"))
    finally:
        db.dispose()
    done = hall_cli(["db", "backup", "--dir", str(tmp_path)], pair.url(standby_first=True))
    assert done.returncode == 0, done.stderr
    assert list(tmp_path.glob("*.pgdump"))


@pytest.fixture
def lone_pair() -> Iterator[Pair]:
    yield from start_pair()


def test_a_standby_that_is_gone_does_not_stop_the_hall(
    lone_pair: Pair, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A synchronous standby that died makes the primary wait for it at every commit, for
    ever (statement_timeout does not cover it). The terminal lets such a commit go after a
    bounded wait (committed on the primary), then commits locally for a while."""
    import threading

    from hall_app.store import sync_commit

    pair = lone_pair
    monkeypatch.setattr(sync_commit, "COMMIT_WAIT_S", 1.0)
    db = Database(pair.url())
    try:
        with db.write() as s:
            s.execute(text("CREATE TABLE kept_t (x int)"))  # the standby confirms this one
        assert db.commits is not None and db.commits.unconfirmed == 0
        pair.pg("halt", str(pair.standby_dir))
        returned = threading.Event()

        def write(x: int) -> None:
            with db.write() as s:
                s.execute(text("INSERT INTO kept_t VALUES (:x)"), {"x": x})
            returned.set()

        worker = threading.Thread(target=write, args=(1,), daemon=True)
        worker.start()
        # a bound for a broken test only: without the guard the commit never returns
        assert returned.wait(120), "the commit waited for the dead standby for ever"
        assert db.commits.unconfirmed == 1 and db.commits.local
        write(2)  # no wait now: committed locally straight away
        assert db.commits.unconfirmed == 1
        with db.read() as s:
            assert s.execute(text("SELECT array_agg(x ORDER BY x) FROM kept_t")).scalar() == [1, 2]
    finally:
        db.dispose()
