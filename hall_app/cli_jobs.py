"""Automatic jobs a scheduler (cron, a Windows task) runs as system actors: the no-show
sweep. Terminals run the same jobs from their timers; whichever claims a slot first runs it."""

from __future__ import annotations

import argparse

from hall_app.cli_common import EXIT_OK, _hall, _out


def cmd_appointments_sweep(args: argparse.Namespace) -> int:
    """Bookings whose slot has ended without a check-in become no-shows (audited)."""
    with _hall(args) as hall:
        swept = hall.appointments.sweep_no_shows()
    if swept is None:
        _out(args, {"swept": None}, "本时段的爽约处理已由其他终端完成")
    else:
        _out(args, {"swept": swept}, f"已将 {swept} 个过时未签到的预约记为爽约")
    return EXIT_OK
