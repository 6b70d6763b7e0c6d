"""Acting as other Unix accounts in tests of team folders (not a test module itself).

Run as root, a forked child drops to another uid (its own primary group, the
team's group as a supplementary one, a strict umask) and runs a function;
what it returns comes back through a pipe. The child is forked rather than
started anew because this Python lives where other accounts cannot read:
everything the child needs is imported (and the recogniser loaded) before.
Places the accounts share are made under /tmp, open to both.
"""

from __future__ import annotations

import contextlib
import io
import os
import pickle
import shutil
import tempfile
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

TEAM = 4242
"""The team's group id (no name needed: sorot takes a number)."""
RINA, BUDI = 4101, 4102
"""The two colleagues' user ids (each with a primary group of the same number)."""
NAMES = {RINA: "rina", BUDI: "budi"}

needs_root = pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0,
    reason="acting as two Unix accounts needs root (CI runs as root)",
)


def become(uid: int, umask: int = 0o077) -> None:
    """In a child: drop to ``uid`` (primary group ``uid``, supplementary: the team)."""
    os.setgroups([TEAM])
    os.setgid(uid)
    os.setuid(uid)
    os.umask(umask)
    os.environ["SOROT_USER"] = NAMES.get(uid, f"uid{uid}")
    os.environ["HOME"] = "/tmp"
    # The test's own config folder is root's; this account has none (the defaults).
    os.environ["SOROT_CONFIG"] = f"/tmp/sorot-no-config-{uid}"


def as_user(uid: int, fn: Callable[..., Any], *args: Any, umask: int = 0o077, **kwargs: Any) -> Any:
    """Run ``fn(*args, **kwargs)`` as ``uid`` in a forked child; its result, or its error raised."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never return into pytest
        try:
            os.close(read_end)
            become(uid, umask)
            payload = pickle.dumps(("ok", fn(*args, **kwargs)))
        except BaseException:
            payload = pickle.dumps(("error", traceback.format_exc()))
        with os.fdopen(write_end, "wb") as out:
            out.write(payload)
        os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as source:
        data = source.read()
    os.waitpid(pid, 0)
    if not data:
        raise AssertionError(f"the child acting as uid {uid} died without a word")
    status, value = pickle.loads(data)
    if status == "error":
        raise AssertionError(f"as {NAMES.get(uid, uid)}:\n{value}")
    return value


def spawn_as(uid: int, fn: Callable[..., None], *args: Any, umask: int = 0o077) -> tuple[int, Any]:
    """Start ``fn(emit, *args)`` as ``uid`` in a forked child that runs until it is killed.

    ``emit(line)`` writes one line to the pipe in a single write(2), so a kill
    never leaves half a line. Returns the child's pid and the pipe to read.
    """
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            os.close(read_end)
            become(uid, umask)

            def emit(line: str) -> None:
                os.write(write_end, (line + "\n").encode())

            fn(emit, *args)
        except BaseException:
            os.write(
                write_end, ("error " + traceback.format_exc().replace("\n", " | ") + "\n").encode()
            )
        os._exit(0)
    os.close(write_end)
    return pid, os.fdopen(read_end, "rb", buffering=0)


def sorot(*argv: str) -> tuple[int, str, str]:
    """Run the ``sorot`` command in this process: (exit status, stdout, stderr)."""
    from tui.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = main(list(argv))
        except SystemExit as leaving:  # argparse's own exits
            status = int(leaving.code or 0)
    return status, out.getvalue(), err.getvalue()


@contextlib.contextmanager
def shared_place(seeds: Path) -> Iterator[Path]:
    """A folder under /tmp both accounts reach, with a copy of ``seeds`` in ``corpus/``."""
    base = Path(tempfile.mkdtemp(prefix="sorot-team-"))
    try:
        os.chmod(base, 0o1777)  # like /tmp: each may make their own things in it
        corpus = base / "corpus"
        shutil.copytree(seeds, corpus)
        for path in [corpus, *corpus.rglob("*")]:
            os.chmod(path, 0o755 if path.is_dir() else 0o644)
        yield base
    finally:
        shutil.rmtree(base, ignore_errors=True)


def warm_up() -> None:
    """Import and load, as root, what the children will need (they cannot read it later)."""
    import codecs
    import grp  # noqa: F401
    import pwd  # noqa: F401

    import charset_normalizer  # noqa: F401
    import watchfiles  # noqa: F401

    import store.entities.service
    import store.exchange.importing  # noqa: F401
    import tui.cli.articles
    import tui.cli.entities
    import tui.cli.exchange
    import tui.cli.team  # noqa: F401
    from store.entities.recognise import recognise

    recognise("Kim Jong Un bertemu Vladimir Putin di Moskwa pada Jumat (29/11).")
    for name in ("utf-8-sig", "ascii", "latin-1", "cp1252", "utf-16", "utf-32", "idna"):
        codecs.lookup(name)
