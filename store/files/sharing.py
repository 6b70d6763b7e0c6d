"""Making a data folder a team folder: ``sorot share DIR --group GROUP``.

Gives the folder and everything in it to the team's group, makes every
folder group-writable with the set-group-id bit (so what is made in it later
belongs to the group too: see :mod:`store.files.modes`), and every shared
file group-readable and writable. Each user's own files (``reading/`` and
``drafts/``) stay private. Running it again changes nothing and says so.
Only the owner of a file may change it: files of others that still need a
change are named, so their owners (or an admin) can run it too.
"""

from __future__ import annotations

import grp
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from store.files.jsonfile import StoreError
from store.files.modes import make_folders

PERSONAL = ("reading", "drafts")
"""Folders whose files belong to one user each: kept private in a team folder."""


@dataclass
class ShareReport:
    """What ``share`` changed, and what it could not."""

    folder: Path
    group: str
    folders: int = 0
    """Folders given to the group (or made group-writable)."""
    files: int = 0
    """Shared files given to the group (or made group-writable)."""
    personal: int = 0
    """Personal files left private (reading state, drafts)."""
    others: list[Path] = field(default_factory=list)
    """Files and folders of other users that still need a change."""

    @property
    def changed(self) -> bool:
        """True when anything was changed."""
        return bool(self.folders or self.files)

    def summary(self) -> str:
        """What happened, in one or two sentences."""
        if self.changed:
            text = (
                f"{self.folder} is a team folder for group {self.group}: "
                f"{_n(self.folders, 'folder')} and {_n(self.files, 'file')} now shared with it"
            )
        else:
            text = f"{self.folder} already is a team folder for group {self.group}; nothing changed"
        if self.personal:
            text += f"; {_n(self.personal, 'personal file')} (reading state, drafts) stay private"
        text += "."
        if self.others:
            shown = ", ".join(str(p) for p in self.others[:3]) + (
                " …" if len(self.others) > 3 else ""
            )
            text += (
                f" {_n(len(self.others), 'file')} of other users could not be changed ({shown}): "
                "their owners (or an admin) should run the same command."
            )
        return text


def _n(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def group_id(group: str) -> tuple[int, str]:
    """The id and name of ``group`` (a name or a number); ``StoreError`` when unknown."""
    try:
        if group.isdigit():
            gid = int(group)
            try:
                return gid, grp.getgrgid(gid).gr_name
            except KeyError:
                return gid, group
        return grp.getgrnam(group).gr_gid, group
    except KeyError:
        raise StoreError(f"there is no group named {group!r} on this system") from None


def _member(gid: int) -> bool:
    return os.geteuid() == 0 or gid == os.getegid() or gid in os.getgroups()


def share(folder: Path, group: str) -> ShareReport:
    """Make ``folder`` (created if missing) a team folder for ``group``; see the module."""
    gid, name = group_id(group)
    if not _member(gid):
        raise StoreError(
            f"you are not a member of group {name}; a team folder belongs to a group you are in"
        )
    folder = folder.expanduser()
    try:
        make_folders(folder)
    except OSError as error:
        raise StoreError(f"cannot make {folder}: {error.strerror or error}") from error
    if not folder.is_dir():
        raise StoreError(f"{folder} is not a folder")
    report = ShareReport(folder, name)
    _fit(folder, gid, True, False, report)
    for root, dirs, files in os.walk(folder, followlinks=False):
        base = Path(root)
        dirs[:] = [d for d in dirs if not (base / d).is_symlink()]
        for name_ in dirs:
            _fit(base / name_, gid, True, False, report)
        personal = base.parent == folder and base.name in PERSONAL
        for name_ in files:
            path = base / name_
            if path.is_symlink() or not path.is_file():
                continue
            private = personal and not name_.endswith(".lock")
            _fit(path, gid, False, private, report)
    return report


def _fit(path: Path, gid: int, is_folder: bool, private: bool, report: ShareReport) -> None:
    """Give ``path`` the group and the mode a team folder needs; count what changed."""
    try:
        info = path.stat()
    except OSError:
        return
    mode = stat.S_IMODE(info.st_mode)
    if is_folder:
        wanted = mode | 0o770 | stat.S_ISGID
    elif private:
        wanted = mode & 0o700
    else:
        wanted = mode | 0o660
    if info.st_gid == gid and mode == wanted:
        if private:
            report.personal += 1
        return
    if info.st_uid != os.geteuid() and os.geteuid() != 0:
        if not private:
            report.others.append(path)
        return
    try:
        if info.st_gid != gid:
            os.chown(path, -1, gid)
        # chown clears the set-group-id bit on some systems: the mode goes last.
        os.chmod(path, wanted)
    except OSError:
        report.others.append(path)
        return
    if private:
        report.personal += 1
    elif is_folder:
        report.folders += 1
    else:
        report.files += 1
