"""common.progress: a bar on a terminal, periodic lines in a log."""

import io

from common.progress import Progress


def test_log_gets_a_line_per_interval_and_one_at_the_end():
    out = io.StringIO()
    now = [0.0]
    with Progress(total=300, label="Articles", stream=out, interval=10, clock=lambda: now[0]) as p:
        p.advance(100)  # 0 s: too soon for a line
        now[0] = 11
        p.advance(100)  # 11 s: a line
        now[0] = 12
        p.advance(100)  # 12 s: too soon again
    lines = out.getvalue().splitlines()
    assert lines == [
        "Articles : 200/300 (67\u202f%, 11 s, encore ~6 s)",
        "Articles : 300/300 (100\u202f%, 12 s)",
    ]
    assert "\r" not in out.getvalue()


def test_terminal_gets_a_bar_redrawn_in_place():
    out = io.StringIO()
    with Progress(total=4, label="Lectures", stream=out, tty=True) as p:
        p.advance(2)
    text = out.getvalue()
    assert text.startswith("\r[###############...............] Lectures : 2/4 (50\u202f%")
    assert "4/4" not in text  # two of four done: the bar says so
    assert text.endswith(" 2/4 (50\u202f%, 0 s, encore ~0 s)\n") and text.count("\r") == 2


def test_unknown_total_counts_without_a_share():
    out = io.StringIO()
    with Progress(total=None, label="Lots", stream=out, interval=0) as p:
        p.advance(1_500)
    assert out.getvalue().splitlines()[-1] == "Lots : 1\u202f500 (0 s)"


def test_a_quick_run_in_a_log_writes_nothing():
    out = io.StringIO()
    with Progress(total=3, label="Lots", stream=out, interval=10) as p:
        p.advance(3)
    assert out.getvalue() == ""
