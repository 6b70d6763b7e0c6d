"""Typing in the library, measured in a real terminal: ``make bench ARGS="--size scale"``.

sorot runs as a user runs it, in a pseudo-terminal with Textual's own Linux
driver, and keys are written to it as a terminal would. What a key costs is
read from the kernel: the UI (main) thread's time on the CPU
(``/proc/PID/task/PID/schedstat``, nanoseconds) from just before the key is
written until its rows, status line and sentence are on screen and the
screen has been quiet for a while, so it is the key's whole cost to the UI
thread, drawing included; the process's threads together (the query runs in
a worker) are given beside it. Pilot is not used: its own waiting costs the
UI thread more than a key of a small app does.

Run as a module (``python -m tests.bench_typing CORPUS --db DIR``), this is
the app the measurement starts: sorot with the entity pass off (it is
measured alone, and would share the cores) and the filter box's cursor
steady (its blink would redraw the box twice a second, which is not typing).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
LINES, COLUMNS = 40, 120
QUIET = 0.3
"""Seconds without output after which a key's drawing is taken as done."""
_ESCAPES = re.compile(rb"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[()][0-~]|.)")
"""A terminal's escape sequences (CSI, OSC, charset and two-byte ones): taken out of what
is read before looking for a text on screen."""


def _oncpu(pid: int, tid: int) -> float:
    """Milliseconds thread ``tid`` of ``pid`` has run on a CPU."""
    return int(Path(f"/proc/{pid}/task/{tid}/schedstat").read_text().split()[0]) / 1e6


def _process_oncpu(pid: int) -> float:
    total = 0.0
    for tid in os.listdir(f"/proc/{pid}/task"):
        with contextlib.suppress(OSError):  # a worker thread that ended meanwhile
            total += _oncpu(pid, int(tid))
    return total


class Terminal:
    """sorot in a pseudo-terminal of LINES x COLUMNS, read as it writes.

    ``module`` is what runs: this module's launcher (no entity pass, no
    cursor blink: typing measured alone) or ``tui.cli``, sorot as a user
    starts it (the bench's starts).
    """

    def __init__(
        self,
        corpus: Path,
        db: Path,
        *,
        module: str = "tests.bench_typing",
        config: Path | None = None,
    ) -> None:
        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", LINES, COLUMNS, 0, 0))
        env = dict(os.environ, TERM="xterm-256color", SOROT_DATA=str(db), SOROT_USER="bench")
        env["SOROT_CONFIG"] = str(config or db / "config")
        for name in ("COLORTERM", "NO_COLOR", "TEXTUAL"):
            env.pop(name, None)
        command = [sys.executable, "-m", module, str(corpus), "--db", str(db)]
        self.proc = subprocess.Popen(
            command, stdin=slave, stdout=slave, stderr=slave, env=env, cwd=REPO,
            start_new_session=True,
        )  # fmt: skip
        os.close(slave)
        self.pid = self.proc.pid

    def read_until(self, needle: bytes, limit: float) -> float | None:
        """Read until ``needle`` is on screen (escapes aside); when it came, or None."""
        seen, end = b"", time.monotonic() + limit
        while time.monotonic() < end:
            if select.select([self.master], [], [], 0.05)[0]:
                seen += self._read()
                if needle in _ESCAPES.sub(b"", seen):
                    return time.perf_counter()
        return None

    def quiet(self, seconds: float = QUIET) -> float | None:
        """Read until nothing has come for ``seconds``; when the last output came, if any."""
        last = None
        while select.select([self.master], [], [], seconds)[0]:
            self._read()
            last = time.perf_counter()
        return last

    def _read(self) -> bytes:
        try:
            return os.read(self.master, 1 << 16)
        except OSError as error:  # EIO: the app has gone
            raise RuntimeError("sorot exited while in the bench's terminal") from error

    def write(self, data: bytes) -> None:
        os.write(self.master, data)

    def close(self) -> None:
        try:
            self.write(b"\x11")  # ctrl+q
            deadline = time.monotonic() + 5
            while self.proc.poll() is None and time.monotonic() < deadline:
                if select.select([self.master], [], [], 0.05)[0]:
                    self._read()
        except RuntimeError:
            pass
        finally:
            if self.proc.poll() is None:
                os.killpg(self.pid, signal.SIGKILL)
            self.proc.wait()
            os.close(self.master)


GAP = 0.12
"""Seconds between keys typed quickly (a touch typist's 100 words a minute)."""


def typing(
    corpus: Path,
    db: Path,
    total: int,
    texts: dict[str, str],
    rounds: int,
    quick: str | None = None,
):
    """Type each of ``texts`` (label: text) ``rounds`` times into the library's filter.

    Returns, per label, ``cpu`` (the UI thread's ms per key until drawn),
    ``all`` (every thread's ms) and ``wait`` (ms from the key until its count
    is on the status line). With ``quick``, that text is also typed a key
    every ``GAP`` seconds, each key over the query of the one before: ``quick
    wait`` is the ms from its last key until the screen's last change.
    """
    terminal = Terminal(corpus, db)
    counted = f" of {total:,} articles".encode()
    figures: dict[str, list[float]] = {}
    try:
        if terminal.read_until(f"{total:,} articles".encode(), 600) is None:
            raise TimeoutError("the library never showed the corpus")
        terminal.quiet(1.0)  # the index's check of the folder, after the first paint
        pid = terminal.pid
        for label, text in texts.items():
            cpu, every, wait = [], [], []
            for _ in range(rounds):
                terminal.write(b"/")
                terminal.quiet()
                for char in text:
                    ui, all_threads = _oncpu(pid, pid), _process_oncpu(pid)
                    began = time.perf_counter()
                    terminal.write(char.encode())
                    shown = terminal.read_until(counted, 30)
                    terminal.quiet()
                    cpu.append(_oncpu(pid, pid) - ui)
                    every.append(_process_oncpu(pid) - all_threads)
                    wait.append((shown - began) * 1000 if shown else 30_000)
                terminal.write(b"\x1b")
                terminal.quiet()
            figures[f"{label} cpu"], figures[f"{label} all"] = cpu, every
            figures[f"{label} wait"] = wait
        if quick is not None:
            figures["quick wait"] = _typed_quickly(terminal, quick, rounds)
    finally:
        terminal.close()
    return figures


def _typed_quickly(terminal: Terminal, text: str, rounds: int) -> list[float]:
    # Its rows are the last thing drawn: the time of the last output before the screen
    # goes quiet. (A count on the status line would not do: a word being typed often
    # selects as many articles as the one before it.)
    waits = []
    for _ in range(rounds):
        terminal.write(b"/")
        terminal.quiet()
        for number, char in enumerate(text):
            if number:
                time.sleep(GAP)
            terminal.write(char.encode())
            last = time.perf_counter()
        drawn = terminal.quiet(1.0)
        waits.append((drawn - last) * 1000 if drawn else 0.0)
        terminal.write(b"\x1b")
        terminal.quiet()
    return waits


def main() -> int:
    from textual.widgets import Input

    from tui import cli
    from tui.app import SorotApp

    Input.cursor_blink._default = False  # type: ignore[attr-defined]
    SorotApp.find_entities = lambda self: None  # type: ignore[method-assign]
    return cli.main()


if __name__ == "__main__":
    sys.exit(main())
