"""Who may read and write what sorot creates: private to the user, or shared with a team.

A **team folder** is a data folder whose folders carry the set-group-id bit
and belong to the team's Unix group (``sorot share DIR --group G`` makes
one; see :mod:`store.files.sharing`). The bit is the whole signal: Linux
gives every file and folder made inside such a folder the folder's group,
and new folders inherit the bit, so no configuration has to be found or
trusted. Inside a team folder:

- shared files (annotations, sets, caches, the corpus index, lock files)
  are created readable and writable by the group; the permissions of
  others follow the user's umask;
- each user's own files (reading state, drafts) stay private (0600);
- replacing a file keeps the file's group and mode, so a colleague's save
  never takes a file away from its team.

Outside a team folder, as before, folders are 0700 and files 0600.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

_UMASK: int | None = None


def umask() -> int:
    """The process's umask, read without changing it where the system allows.

    Linux shows it in /proc (read each time: cheap, and a process may change
    it); elsewhere the classic two calls are made once, at first use.
    """
    global _UMASK
    try:
        with open("/proc/self/status", "rb") as status:
            for line in status:
                if line.startswith(b"Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    if _UMASK is None:
        _UMASK = os.umask(0o022)
        os.umask(_UMASK)
    return _UMASK


def is_team_folder(folder: Path) -> bool:
    """True when ``folder`` is part of a team folder (it has the set-group-id bit)."""
    try:
        return bool(folder.stat().st_mode & stat.S_ISGID)
    except OSError:
        return False


def folder_mode(shared: bool) -> int:
    """The mode of a new folder: group-writable and set-group-id when shared."""
    if not shared:
        return 0o700
    return (0o777 & ~umask()) | 0o770 | stat.S_ISGID


def file_mode(shared: bool) -> int:
    """The mode of a new file: readable and writable by the group when shared."""
    if not shared:
        return 0o600
    return (0o666 & ~umask()) | 0o660


def lock_mode(folder: Path) -> int:
    """The mode for lock files in ``folder``: every member must be able to take them."""
    return file_mode(is_team_folder(folder))


def make_folders(path: Path) -> Path:
    """Create ``path`` and any missing parents, private or shared as their parent is.

    ``Path.mkdir(parents=True)`` gives only the last folder the mode, and the
    umask would narrow it, so the missing folders are made one by one, top
    down, each given its mode explicitly. Folders that exist are left alone.
    """
    if path.is_dir():
        return path
    missing = []
    for folder in [path, *path.parents]:
        if folder.is_dir():
            break
        missing.append(folder)
    for folder in reversed(missing):
        if is_team_folder(folder.parent):
            _make_team_folder(folder)
        else:
            try:
                folder.mkdir(mode=0o700)
            except FileExistsError:
                if not folder.is_dir():
                    raise
                continue
        # A new folder is only durable once its parent's entry is on disk.
        sync_folder(folder.parent)
    return path


def _make_team_folder(folder: Path) -> None:
    """Make ``folder`` with the team's mode in one step.

    mkdir's mode passes through the umask, and a member killed between mkdir
    and chmod would leave a folder the others cannot enter: it is made aside,
    given its mode, then renamed into place (or dropped, if a colleague's
    appeared meanwhile).
    """
    aside = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".tmp", dir=folder.parent))
    try:
        os.chmod(aside, folder_mode(True))
        os.rename(aside, folder)
    except OSError:
        with contextlib.suppress(OSError):
            aside.rmdir()
        if not folder.is_dir():
            raise


def sync_folder(folder: Path) -> None:
    """fsync ``folder``, so that entries just made in it survive a crash."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def fit_new_file(fd: int, target: Path, *, private: bool = False) -> None:
    """Give a temporary file (open as ``fd``) the mode and group ``target`` must have.

    When ``target`` exists its mode and group are kept (a colleague's save
    must not make a shared file private). A new file is private, or shared
    when it is made inside a team folder and is not one of ``private``'s
    personal files.
    """
    try:
        current = os.stat(target)
    except OSError:
        current = None
    if current is not None:
        mode = stat.S_IMODE(current.st_mode)
        if current.st_gid != os.fstat(fd).st_gid:
            # Without the set-group-id bit the new file takes our primary group:
            # give it the file's group (allowed when we are a member of it).
            with contextlib.suppress(OSError):
                os.fchown(fd, -1, current.st_gid)
    else:
        mode = file_mode(not private and is_team_folder(target.parent))
    os.fchmod(fd, mode)


def _name(number: int, kind: str) -> str:
    try:
        if kind == "user":
            import pwd

            return pwd.getpwuid(number).pw_name
        import grp

        return grp.getgrgid(number).gr_name
    except (ImportError, KeyError):
        return f"{kind} {number}"


def data_root(path: Path) -> Path:
    """The top of the team folder ``path`` is in (the highest set-group-id folder above it)."""
    top = path if path.is_dir() else path.parent
    for folder in [top, *top.parents]:
        if not is_team_folder(folder):
            break
        top = folder
    return top


def denied(path: Path, doing: str) -> str:
    """One sentence for a permission refused on ``path``: whose it is, and what to do.

    ``doing`` is what was refused ("save", "read"). The file or the nearest
    folder that exists is described (owner, group, mode); the advice depends
    on whether it is in a team folder.
    """
    # The nearest entry that can be looked at: a folder one cannot enter hides
    # what is in it, and it is that folder which refuses.
    shown = path
    while True:
        try:
            info = os.stat(shown)
            break
        except OSError:
            if shown == shown.parent:
                return f"cannot {doing} {path}: permission denied"
            shown = shown.parent
    owner, group = _name(info.st_uid, "user"), _name(info.st_gid, "group")
    mode = stat.S_IMODE(info.st_mode)
    what = "folder" if stat.S_ISDIR(info.st_mode) else "file"
    if info.st_uid == os.geteuid():
        # One's own file or folder: it was made read-only (or the disk was).
        return f"cannot {doing} {path}: the {what} {shown} is read-only (mode {mode:04o})"
    where = f"{shown} ({what} of {owner}, group {group}, mode {mode:04o})"
    if is_team_folder(shown if what == "folder" else shown.parent):
        root = data_root(shown)
        advice = f"ask {owner} (or an admin) to run `sorot share {root} --group {group}`"
    else:
        advice = (
            "it is private to its owner; to share a data folder, its owner runs "
            "`sorot share DIR --group GROUP`"
        )
    return f"cannot {doing} {path}: permission denied by {where}; {advice}"
