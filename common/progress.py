"""Progress of a long command: a bar on a terminal, a line now and then in a log.

An operator who runs ``demo_content --articles 100000`` or a ``flush_reads`` with a
backlog should see that it moves and how far it is. On a terminal the bar is redrawn
in place, at most a few times a second; written to a file or a journal (cron,
systemd), a plain line every ``interval`` seconds and one at the end, so the log is
neither silent nor flooded (a run shorter than ``interval`` writes nothing).

    with Progress(total=len(rows), label="Articles", stream=self.stdout) as progress:
        for batch in batches:
            ...
            progress.advance(len(batch))
"""

import sys
import time


def _count(value: int) -> str:
    return f"{value:,}".replace(",", "\u202f")  # French thousands separator


class Progress:
    BAR_WIDTH = 30
    REDRAW_SECONDS = 0.2

    def __init__(
        self,
        *,
        total: int | None,
        label: str,
        stream=None,
        interval: float = 10.0,
        tty: bool | None = None,
        clock=time.monotonic,
    ):
        self.total = total
        self.label = label
        self.stream = stream if stream is not None else sys.stderr
        self.interval = interval
        self.tty = self._isatty() if tty is None else tty
        self.clock = clock
        self.done = 0
        self.started = clock()
        self._last_output = None  # nothing written yet
        self._closed = False

    def _isatty(self) -> bool:
        stream = getattr(self.stream, "_out", self.stream)  # Django's OutputWrapper
        return bool(getattr(stream, "isatty", lambda: False)())

    def _write(self, text: str) -> None:
        stream = getattr(self.stream, "_out", self.stream)
        stream.write(text)
        stream.flush()

    def line(self) -> str:
        elapsed = self.clock() - self.started
        if self.total:
            share = min(self.done / self.total, 1)
            text = f"{self.label} : {_count(self.done)}/{_count(self.total)} ({share:.0%}".replace("%", "\u202f%")
            text += f", {elapsed:.0f} s"
            if 0 < self.done < self.total:
                remaining = elapsed * (self.total - self.done) / self.done
                text += f", encore ~{remaining:.0f} s"
            return text + ")"
        return f"{self.label} : {_count(self.done)} ({elapsed:.0f} s)"

    def bar(self) -> str:
        share = min(self.done / self.total, 1) if self.total else 0
        filled = int(self.BAR_WIDTH * share)
        return f"[{'#' * filled}{'.' * (self.BAR_WIDTH - filled)}] {self.line()}"

    def advance(self, count: int = 1) -> None:
        self.done += count
        now = self.clock()
        if self.tty:
            if self._last_output is None or now - self._last_output >= self.REDRAW_SECONDS:
                self._write("\r" + self.bar())
                self._last_output = now
        elif now - (self._last_output if self._last_output is not None else self.started) >= self.interval:
            self._write(self.line() + "\n")
            self._last_output = now

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        if self.tty:
            self._write("\r" + self.bar() + "\n")
        elif self._last_output is not None or self.clock() - self.started >= self.interval:
            self._write(self.line() + "\n")  # a quick run (a cron job's usual one) stays silent

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()
