"""Pure tests of the known-error family: titles, headlines, masking, OS error texts."""

from __future__ import annotations

import errno

import pytest

from hall_app.domain import errors as e


@pytest.mark.parametrize(
    ("cls", "title"),
    [
        (e.KnownError, "操作未完成"),
        (e.InvalidInput, "输入有误"),
        (e.NotAllowed, "不允许的操作"),
        (e.NotFound, "未找到"),
        (e.DatabaseError, "数据库错误"),
        (e.DatabaseUnavailable, "数据库无法连接"),
        (e.DatabaseLocked, "数据库忙"),
        (e.DatabaseBlocked, "数据库写入受阻"),
        (e.DatabaseTimeout, "数据库操作超时"),
        (e.DatabaseCorrupt, "数据库文件损坏"),
        (e.RestoreIncomplete, "恢复未完成"),
        (e.DiskFull, "磁盘已满"),
        (e.DiskReadOnly, "数据库只读"),
        (e.PrintError, "打印失败"),
        (e.FontMissing, "缺少中文字体"),
    ],
)
def test_titles_and_headline(cls: type[e.KnownError], title: str) -> None:
    error = cls("出错了")
    assert cls.title == title
    assert (error.message, str(error), error.args) == ("出错了", "出错了", ("出错了",))
    assert error.headline() == f"{title}：出错了"
    assert cls(f"{title}，请重试").headline() == f"{title}，请重试"


def test_hierarchy() -> None:
    assert issubclass(e.DatabaseBlocked, e.DatabaseLocked)
    assert issubclass(e.DatabaseLocked, e.DatabaseError)
    assert issubclass(e.WindowHeld, e.NotAllowed)
    assert issubclass(e.CoverageRefused, e.NotAllowed)
    assert issubclass(e.DiskFull, e.DatabaseError)


def test_window_held_and_coverage_refused_keep_their_data() -> None:
    held = e.WindowHeld("已有人", 5, "holder")
    assert (held.message, held.number, held.holder, held.title) == (
        "已有人",
        5,
        "holder",
        "窗口已有人登录",
    )
    refused = e.CoverageRefused("不行", ["绿色通道"])
    assert (refused.message, refused.problems, refused.title) == (
        "不行",
        ["绿色通道"],
        "调整被拒绝",
    )


def test_messages_are_masked() -> None:
    error = e.InvalidInput("身份证 11010519491231002X 手机 13800138000")
    assert "11010519491231002X" not in error.message
    assert "13800138000" not in error.message
    assert str(error) == error.message


@pytest.mark.parametrize(
    ("code", "text"),
    [
        (errno.ENOSPC, "磁盘已满"),
        (errno.EROFS, "磁盘为只读"),
        (errno.EACCES, "没有权限"),
        (errno.EPERM, "没有权限"),
        (errno.ENOENT, "文件或文件夹不存在"),
        (errno.EEXIST, "目标文件已存在"),
        (errno.EBUSY, "文件正被其他程序使用"),
        (errno.EIO, f"系统错误（代码 {errno.EIO}）"),
        (None, "系统错误"),
        (0, "系统错误"),
    ],
)
def test_os_error_text(code: int | None, text: str) -> None:
    error = OSError(code, "x") if code is not None else OSError("x")
    assert e.os_error_text(error) == text
