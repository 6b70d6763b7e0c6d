"""The sorot application: loads the corpus, then hands over to its screens."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from rich.console import RenderableType
from textual import events
from textual.app import App
from textual.binding import Binding
from textual.driver import Driver
from textual.theme import Theme
from textual.timer import Timer

from store.annotations.article_annotations import ArticleAnnotations
from store.entities.index import EntityIndex
from store.entities.model import Entity
from store.files.jsonfile import StoreError
from store.files.settings import Settings
from store.query import Query
from store.workspace import Workspace
from tui.commands import SorotCommands
from tui.jumps import JumpsInApp
from tui.keymap import load_keymap
from tui.live import LiveFolder
from tui.loading import CorpusLoading, reader_screen
from tui.memory import release
from tui.notices import NoticeLog, NoticesInApp
from tui.reading import ReadingInApp
from tui.safe import SafeApp
from tui.screens.help import HelpScreen
from tui.screens.library import LibraryScreen
from tui.terminal import LEAVE_WITHIN, driver_for, leave_within, watch_terminal

THEME_SETTLE = 1.0
"""Seconds a theme must stay chosen before it is written into the config file."""


class SorotApp(CorpusLoading, NoticesInApp, ReadingInApp, JumpsInApp, SafeApp):
    """Reads a corpus of news articles from the terminal."""

    TITLE = "sorot"
    CSS_PATH = "sorot.tcss"
    COMMANDS = App.COMMANDS | {SorotCommands}
    BINDINGS = [
        Binding("question_mark", "help", "Help", id="app.help", key_display="?"),
        Binding("ctrl+l", "notices", "Notices", show=False, id="app.notices"),
        Binding("B", "board", "Claims board", show=False, id="app.board"),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True, id="app.ctrl-quit"),
    ]

    def __init__(
        self,
        paths: list[Path],
        data_dir: Path,
        user: str | None = None,
        keymap_file: Path | None = None,
        settings_file: Path | None = None,
    ) -> None:
        super().__init__()
        self.paths = paths
        self.workspace = Workspace(data_dir, user, settings_file=settings_file)
        """The data folder as this user sees it: every article, annotation and entity."""
        self.hidden_entity_types: set[str] = set()
        """Entity types switched off in the reader (keys 1–5), for the whole session."""
        self.entity_foreground = threading.Event()
        self._leaving: threading.Timer | None = None
        """Set while the reader recognises an article: the index builder waits meanwhile."""
        self._last_key = 0.0
        self._entity_focus: tuple[str, str] | None = None
        self.jumps: list[tuple[str, int]] = []
        """Places jumped away from (article id, cursor), latest last: ``ctrl+o`` goes back."""
        self.landing: tuple[str, int, int] | None = None
        self._read: set[str] | None = None
        self._unread: int | None = None
        self._keymap_file = keymap_file
        self._warned_save = False
        self.loaded = False
        self._corpus_changes: set[str] | None = None
        """Paths of corpus files that changed, waiting for a reading to end."""
        self._corpus_rest = 0.0
        self._corpus_timer: Timer | None = None
        """The wake-up at the end of the watcher's rest, while one is set."""
        """When the corpus's watcher may read the folders again (``time.monotonic``)."""
        self.live = LiveFolder(self)
        """Colleagues' saves, followed as they land."""
        self._theme_timer: Timer | None = None
        self.last_claim_type: str | None = None
        """The type of the last claim saved this session (a new claim elsewhere starts so)."""
        self.notices = NoticeLog()
        """Every notice of the session, for ctrl+l (toasts go; the log stays)."""

    @property
    def settings(self) -> Settings:
        """The user's settings (claim types and statuses, the annotator's name)."""
        return self.workspace.settings

    @property
    def user(self) -> str:
        """Whose name goes on new annotations."""
        return self.workspace.user

    @property
    def entity_index(self) -> EntityIndex:
        """Entity key → articles (complete once the entity pass has run)."""
        return self.workspace.entity_index

    def get_driver_class(self) -> type[Driver]:
        return driver_for(super().get_driver_class())  # one that outlives a hang-up

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key):
            self._last_key = time.monotonic()
        await super().on_event(event)

    def on_mount(self) -> None:
        keymap, problem = load_keymap(self._keymap_file)
        if keymap:
            self.set_keymap(keymap)
        for note in (problem, self.workspace.settings_problem, self._use_saved_theme()):
            if note:
                self.notify(note, severity="warning", timeout=8)
        self.theme_changed_signal.subscribe(self, self._theme_chosen)
        self.push_screen(LibraryScreen())
        self.load_corpus()
        watch_terminal(self, self._terminal_gone)

    def _use_saved_theme(self) -> str | None:
        """Start in the theme last chosen; a problem in one sentence if it cannot be used."""
        theme = self.settings.theme
        if not theme or theme == self.theme:
            return None
        if theme not in self.available_themes:
            return (
                f"{self.workspace.settings_file}: no theme called {theme!r}; "
                "ctrl+p → Theme chooses another."
            )
        self.theme = theme
        return None

    def _theme_chosen(self, theme: Theme) -> None:
        """Keep the theme chosen (in the palette) in the config file for the next start.

        Written a second after the last change: the palette previews each theme
        the user moves over, and only the one they stay on is worth writing.
        """
        if self._theme_timer is not None:
            self._theme_timer.stop()
        self._theme_timer = self.set_timer(THEME_SETTLE, self._save_theme)

    def _save_theme(self) -> None:
        self._theme_timer = None
        if self.theme == self.settings.theme:
            return
        try:
            self.workspace.save_theme(self.theme)
        except StoreError as error:
            self.notify(f"The theme is not kept for next time: {error}", severity="warning")

    def on_unmount(self) -> None:
        if self._theme_timer is not None:  # chosen less than a second ago: kept all the same
            self._theme_timer.stop()
            self._save_theme()
        self.live.close()
        release()

    def _terminal_gone(self) -> None:
        """The terminal hung up: keep where each open article was read, and leave.

        Claims and notes are already on disk (each is written when it is made); a
        form still open is kept as a draft, offered when its article is next opened.
        """
        self._keep_work()
        self.live.close()
        self.exit()

    def exit(
        self, result: None = None, return_code: int = 0, message: RenderableType | None = None
    ) -> None:
        """Leave; whatever is still at work a few seconds later does not keep sorot running."""
        if not self.is_headless and self._leaving is None:  # tests run apps in their process
            self._leaving = leave_within(LEAVE_WITHIN, return_code)
        super().exit(result, return_code, message)

    def _keep_work(self) -> None:
        """Keep each open article's position and any claim or note form's unsaved work."""
        reader = reader_screen()
        for screen in self.screen_stack:
            if isinstance(screen, reader):
                screen.keep_work()

    def report_store_problems(self) -> None:
        """Notify each problem the store met since last asked (files set aside, unreadable)."""
        for problem in self.workspace.take_problems():
            self.notify(problem, severity="error", timeout=15)

    def annotations_changed(self, article_id: str) -> None:
        """Refresh the library's counts for ``article_id`` after a change."""
        self.workspace.annotations_changed(article_id)

    def speaker_candidates(self, annotations: ArticleAnnotations) -> list[str]:
        """Names offered for a claim's speaker (``Workspace.speaker_candidates``)."""
        return self.workspace.speaker_candidates(annotations)

    def entities_changed(self, article_id: str, entities: list[Entity]) -> None:
        """The reader found or corrected ``article_id``'s entities: keep the index in step."""
        self.workspace.entities_changed(article_id, entities)

    def title_of(self, article_id: str) -> str:
        """The title of ``article_id`` as the library shows it."""
        return self.workspace.title_of(article_id)

    def open_entity(self, article_id: str, key: str) -> None:
        """Open ``article_id`` with the cursor on the first mention of ``key``."""
        self._entity_focus = (article_id, key)
        self.open_article(article_id)

    def take_entity_focus(self, article_id: str) -> str | None:
        """The key to put the cursor on in ``article_id`` just opened (once)."""
        if self._entity_focus is None or self._entity_focus[0] != article_id:
            return None
        key = self._entity_focus[1]
        self._entity_focus = None
        return key

    @property
    def library(self) -> LibraryScreen | None:
        """The library screen (the bottom of the stack)."""
        for screen in self.screen_stack:
            if isinstance(screen, LibraryScreen):
                return screen
        return None

    def open_article(self, article_id: str, at: int | None = None) -> None:
        """Open ``article_id`` in the reader at ``at``, else at the user's last position."""
        article = self.workspace.article(article_id)
        if article is None:
            self.notify(f"No article {article_id} in this corpus.", severity="error")
            return
        position = (
            at
            if at is not None
            else self._guard("read the reading position", lambda: self.workspace.position(article))
            or 0
        )
        self._mark_opened(article.id, article.sha256)
        self.read_ids().add(article.id)
        self._unread = None

        def back(_: None = None) -> None:
            library = self.library
            if library is not None:
                library.refresh_drafts()
                library.list.mark_read(self.read_ids())
                library.refilter(keep_id=article.id)  # claims may have changed the order

        try:
            annotations = self.workspace.annotations_of(article)
        except StoreError as error:
            self.notify(f"Could not read the annotations: {error}", severity="error", timeout=10)
            return
        self.report_store_problems()
        # What was read may hold a colleague's new claims: the library's counts follow.
        self.annotations_changed(article.id)
        reader = reader_screen()
        if isinstance(self.screen, reader):
            # Opened from the palette while reading: replace the reader, so `q`
            # still goes back to the library.
            self.screen.save_position()
            self.pop_screen()
        self.push_screen(reader(article, annotations, int(position)), back)

    # -- actions ------------------------------------------------------------------

    def open_export(self, query: Query | None = None) -> None:
        """Open the export dialog (the library's filter is the current query)."""
        if query is None:
            library = self.library
            query = library.filter_query if library is not None else Query()

        # Imported here: the export machinery is not needed to start reading.
        from tui.screens.export_dialog import ExportDialog

        self.push_screen(ExportDialog(self.workspace, query))

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    async def action_quit(self) -> None:
        self._keep_work()
        self.live.close()
        self.exit()
