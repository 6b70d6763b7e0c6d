"""The app's side of this user's reading state: read, unread, positions, the last article, drafts.

A mixin of ``SorotApp``. Reading state fails the same way every time (a
read-only data folder): it is said once, and reading goes on.
"""

from __future__ import annotations

from textual import work
from textual.app import App

from store.files.jsonfile import StoreError
from store.news.article import Article
from store.workspace import Workspace


class ReadingInApp(App[None]):
    """Who read what, where they left off, and which articles hold their unsaved drafts."""

    workspace: Workspace
    _read: set[str] | None = None
    _unread: int | None = None
    _warned_save = False

    def _guard(self, what: str, action) -> object:
        try:
            return action()
        except StoreError as error:
            self._report(what, error)
            return None

    def _report(self, what: str, error: StoreError) -> None:
        # Reading state fails the same way every time (read-only folder): say it once.
        if not self._warned_save:
            self._warned_save = True
            self.notify(f"Cannot {what}: {error}", severity="error", timeout=10)

    def read_ids(self) -> set[str]:
        """Ids of the articles this user has read."""
        if self._read is None:
            self._read = self._guard("read the reading history", self.workspace.read_ids) or set()
        return self._read

    def unread_count(self) -> int:
        """How many articles of the corpus this user has not opened (counted once per change)."""
        if self._unread is None:
            self._unread = self.workspace.unread(self.read_ids())
        return self._unread

    def last_read(self) -> str | None:
        """The article this user opened last (the library opens on its row)."""
        found = self._guard("read the reading history", self.workspace.last_read)
        return found if isinstance(found, str) else None

    def draft_ids(self) -> set[str]:
        """Articles holding this user's unsaved claim or note (marked in the library)."""
        found = self._guard("read the unsaved drafts", self.workspace.draft_ids)
        return found if isinstance(found, set) else set()

    def toggle_read(self, article_id: str) -> None:
        """Flip an article between read and unread."""
        read = self.read_ids()
        now = article_id not in read
        self._guard("save the read state", lambda: self.workspace.set_read(article_id, now))
        (read.add if now else read.discard)(article_id)
        self._unread = None

    def save_position(self, article: Article, cursor: int) -> None:
        """Remember the cursor in ``article`` for this user."""
        self._guard("save the reading position", lambda: self.workspace.left(article, cursor))

    @work(thread=True, group="reading")
    def _mark_opened(self, article_id: str, sha256: str) -> None:
        # Two fsyncs: off the UI thread, so opening paints at once even on a slow disk.
        # (Plain strings: Textual's worker describes itself with repr() of its arguments.)
        try:
            self.workspace.opened(article_id, sha256)
        except StoreError as error:
            self.call_from_thread(self._report, "save the read state", error)
