"""A terminal that goes away (a dropped SSH connection) ends sorot cleanly.

sorot runs on a pseudo-terminal, an article open, the cursor moved and a
note half typed; then the terminal closes. With the terminal as its
controlling one the kernel sends SIGHUP; without (a multiplexer's pane, a pty
handed over as plain file descriptors) nothing is sent and Textual's input
thread used to spin on the dead terminal at 100% CPU. Either way sorot must
leave within seconds, with status 0, having kept the reading position and
the note being written.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import pty
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def _read_until(master: int, needle: bytes, seconds: float) -> bytes:
    shown, deadline = b"", time.monotonic() + seconds
    while needle not in shown and time.monotonic() < deadline:
        if select.select([master], [], [], 0.5)[0]:
            shown += os.read(master, 1 << 16)
    return shown


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
@pytest.mark.parametrize("controlling", [True, False], ids=["sighup", "no-signal"])
def test_sorot_leaves_cleanly_when_its_terminal_hangs_up(tmp_path: Path, controlling: bool) -> None:
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    env = dict(os.environ, TERM="xterm-256color", SOROT_DATA=str(tmp_path / "data"))
    env.update(SOROT_CONFIG=str(tmp_path / "config"), SOROT_USER="rina")

    def session() -> None:
        os.setsid()
        if controlling:
            fcntl.ioctl(0, termios.TIOCSCTTY, 0)

    proc = subprocess.Popen(
        [sys.executable, "-m", "tui.cli"],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        cwd=REPO,
        preexec_fn=session,  # its own session, with or without the pty as its terminal
    )
    os.close(slave)
    try:
        assert b"Kim" in _read_until(master, b"Kim", 60), "the library never painted"
        os.write(master, b"\r")  # open the first article
        assert b"0 notes" in _read_until(master, b"0 notes", 20), "the reader never opened"
        time.sleep(0.3)
        os.write(master, b"jjj")  # three lines down
        time.sleep(0.5)
        os.write(master, b"a")  # a note on the sentence there, left half written
        assert b"New note" in _read_until(master, b"New note", 20), "the note form never opened"
        os.write(master, b"belum selesai")
        time.sleep(0.3)
        while select.select([master], [], [], 0.2)[0]:
            os.read(master, 1 << 16)
        os.close(master)
        status = proc.wait(timeout=15)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert status == 0
    log = json.loads((tmp_path / "data" / "reading" / "rina.json").read_text("utf-8"))
    positions = [entry.get("position", 0) for entry in log.values()]
    assert any(position > 0 for position in positions), log
    drafts = json.loads((tmp_path / "data" / "drafts" / "rina.json").read_text("utf-8"))
    assert [draft["note"] for draft in drafts.values()] == ["belum selesai"]


def _start_then_hang_up(tmp_path: Path, delay: float, controlling: bool) -> int | None:
    """Start sorot on a pty, close the pty ``delay`` s after its first output; its exit status."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    env = dict(os.environ, TERM="xterm-256color", SOROT_DATA=str(tmp_path / "data"))
    env.update(SOROT_CONFIG=str(tmp_path / "config"), SOROT_USER="rina")

    def session() -> None:
        os.setsid()
        if controlling:
            fcntl.ioctl(0, termios.TIOCSCTTY, 0)

    proc = subprocess.Popen(
        [sys.executable, "-m", "tui.cli"],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        cwd=REPO,
        preexec_fn=session,
    )
    os.close(slave)
    try:
        assert _read_until(master, b"\x1b", 60), "sorot never wrote to its terminal"
        hang_up_at = time.monotonic() + delay
        while time.monotonic() < hang_up_at:
            if select.select([master], [], [], 0.02)[0]:
                os.read(master, 1 << 16)
        os.close(master)
        return proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        return None
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_a_terminal_gone_in_the_first_second_ends_sorot_every_time(tmp_path: Path) -> None:
    # Twenty hang-ups between 0.1 and 1 s after sorot first drew: while Textual sets the
    # terminal up, the library mounts, the corpus loads. Its shutdown used to block for
    # ever on the writer thread's queue once the thread had died of the dead terminal.
    # Half with SIGHUP (a controlling terminal), half without (a multiplexer's pane).
    delays = [0.1 + 0.9 * n / 19 for n in range(20)]
    with ThreadPoolExecutor(max_workers=4) as pool:
        statuses = list(
            pool.map(
                lambda n: _start_then_hang_up(tmp_path / str(n), delays[n], n % 2 == 0),
                range(20),
            )
        )
    hung = [f"{delays[n]:.2f} s" for n, status in enumerate(statuses) if status is None]
    assert not hung, f"sorot was still running 20 s after hang-ups at {', '.join(hung)}"


def _descendants(pid: int) -> set[int]:
    """Every process below ``pid`` now (the fork server, its workers, the resource tracker)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("small", [30, 2], ids=["worker-processes", "in-process"])
def test_a_terminal_gone_mid_entity_pass_leaves_nothing_running(tmp_path: Path, small: int) -> None:
    # A 19 MB scrape took its worker 13 minutes to recognise, and a closed terminal
    # left sorot running for 71: leaving waited for the article to be done. Here a 6 MB
    # one (a minute or more of work) is being recognised when the terminal closes; with
    # many articles the pass runs in worker processes, with few in sorot itself.
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    sentence = (
        "Menurut Menteri Pertahanan Sjafrie Sjamsoeddin di Jakarta pada Jumat (29/11), "
        "lebih dari {n}.000 tentara dikirim ke perbatasan, kata juru bicara TNI. "
    )
    body = "".join(sentence.format(n=n % 97) for n in range(6_000_000 // len(sentence)))
    (corpus / "0-huge.txt").write_text("Laporan yang sangat panjang\n\n" + body, "utf-8")
    for n in range(small):
        text = f"Berita {n}\n\nGubernur Dedi Mulyadi meresmikan jalan ke-{n} di Bandung.\n"
        (corpus / f"{n + 1:02d}.txt").write_text(text, "utf-8")
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    env = dict(os.environ, TERM="xterm-256color", SOROT_DATA=str(tmp_path / "data"))
    env.update(SOROT_CONFIG=str(tmp_path / "config"), SOROT_USER="rina")

    def session() -> None:
        os.setsid()
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)

    proc = subprocess.Popen(
        [sys.executable, "-m", "tui.cli", str(corpus)],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        cwd=REPO,
        preexec_fn=session,
    )
    os.close(slave)
    left: set[int] = set()
    try:
        shown = _read_until(master, b"Finding entities", 90)
        assert b"Finding entities" in shown, "the entity pass never started"
        time.sleep(1.5)  # well into the long article
        left = _descendants(proc.pid)
        os.close(master)
        status = proc.wait(timeout=20)
        gone_by = time.monotonic() + 10
        while any(_running(pid) for pid in left) and time.monotonic() < gone_by:
            time.sleep(0.1)
        still = [pid for pid in left if _running(pid)]
    finally:
        for pid in [proc.pid, *left]:
            if _running(pid):
                with contextlib.suppress(OSError):
                    os.kill(pid, signal.SIGKILL)
        proc.wait()
    assert status == 0
    assert not still, f"processes of sorot's still running after it left: {still}"
