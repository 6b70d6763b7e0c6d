"""The reader's entities: recognised in a worker, toggled, jumped to, listed, corrected.

A mixin of ``ReaderScreen`` (its keys are bound there).
"""

from __future__ import annotations

import contextlib
from bisect import bisect_left, bisect_right
from collections import Counter
from typing import TYPE_CHECKING

from textual import work

from store.entities.corrections import apply_corrections, occurrences, touching
from store.entities.model import Entity
from tui.highlights import Layer, Span
from tui.screens.entity_form import EntityFields, EntityForm
from tui.screens.reader_common import FAILED, body_snippet, plural
from tui.widgets.entity_legend import TYPE_CLASSES
from tui.widgets.entity_panel import EntityPanel

if TYPE_CHECKING:
    pass


class EntitiesInReader:
    """Entities of the article being read, drawn once recognised, and their corrections."""

    # -- entities ---------------------------------------------------------------

    def _start_entities(self) -> None:
        """Show cached entities with the text's first paint, else find them in a worker.

        A cached result (memory or disk, well under a millisecond) is drawn
        before the first paint, so a reopened article paints once, entities
        and all; otherwise the worker starts after the first paint, so that
        the text is not kept waiting by the recogniser's thread.
        """
        try:
            auto = self.sorot.workspace.entities.cache.get(self.article)
        except OSError:
            auto = None
        if auto is not None:
            self._auto_ready(auto)
            return
        self.legend.show({}, self.sorot.hidden_entity_types, "pending")
        self._list_entities([], lambda _key: {}, self.sorot.title_of, (), True)
        self.sorot.entity_foreground.set()  # the corpus indexer waits until this is done
        self.call_after_refresh(self._recognise)

    def on_unmount(self) -> None:
        self.sorot.entity_foreground.clear()

    @work(thread=True, exclusive=True, group="entities")
    def _recognise(self) -> None:
        """The recogniser, off the event loop: the text is on screen meanwhile."""
        sorot = self.sorot
        try:
            auto = sorot.workspace.entities.auto(self.article)
        except Exception as error:  # a broken model must not take the reader down
            self._from_thread(self._entities_failed, f"{type(error).__name__}: {error}")
            return
        finally:
            sorot.entity_foreground.clear()
        self._from_thread(self._auto_ready, auto)

    def _from_thread(self, callback, *args) -> None:
        with contextlib.suppress(RuntimeError):  # the app is closing
            self.app.call_from_thread(callback, *args)

    def _entities_failed(self, error: str) -> None:
        if not self.is_attached:
            return
        self.legend.show({}, self.sorot.hidden_entity_types, "failed")
        self.notify(f"Could not find the entities: {error}", severity="error", timeout=10)

    def _auto_ready(self, auto: list[Entity]) -> None:
        if not self.is_attached:
            return
        self._auto = auto
        self._apply_corrections()
        key = self.sorot.take_entity_focus(self.article.id)
        if key is not None:
            first = next((e for e in self.entities if e.key == key), None)
            if first is not None:
                self.view.move_to(first.start, center=True)
                self._status(f"{key}: first of {self._mentions(key)} here.")

    def _apply_corrections(self) -> None:
        """The recogniser's entities with the user's corrections, drawn and counted."""
        if self._auto is None:
            return
        corrections = self._guard(
            "read the entity corrections",
            lambda: self.sorot.workspace.entities.corrections(self.article.id),
        )
        if corrections is FAILED:
            corrections = []
        self.entities = apply_corrections(self._auto, corrections, self.article.body)
        self.sorot.entities_changed(self.article.id, self.entities)
        self.redraw_entities()

    def redraw_entities(self) -> None:
        """Draw the entities of the types switched on; update the legend and the list."""
        hidden = self.sorot.hidden_entity_types
        self._visible = [e for e in self.entities if e.type not in hidden]
        self._visible_starts = [e.start for e in self._visible]
        self.view.set_layer(
            "entities",
            Layer.of(Span(e.start, e.end, TYPE_CLASSES[e.type]) for e in self._visible),
        )
        if self._auto is None:
            return
        self.legend.show(Counter(e.type for e in self.entities), hidden)
        index = self.sorot.entity_index
        article_id = self.article.id

        def others(key: str) -> dict[str, int]:
            return index.others(key, article_id)

        self._list_entities(self.entities, others, self.sorot.title_of, hidden)

    def _list_entities(self, *args) -> None:
        """What the entity list shows, kept for when it is first opened (see ``entity_panel``)."""
        self._entity_list = args
        panels = self.query(EntityPanel)
        if panels:
            panels.first().show(*args)

    def _mentions(self, key: str) -> str:
        return plural(sum(1 for e in self.entities if e.key == key), "mention")

    def entity_at(self, offset: int) -> Entity | None:
        """The entity shown at ``offset`` (one of a hidden type if none is shown there)."""
        for group in (self._visible, self.entities):
            for entity in group:
                if entity.start <= offset < entity.end:
                    return entity
        return None

    def action_toggle_type(self, kind: str) -> None:
        hidden = self.sorot.hidden_entity_types
        hidden.symmetric_difference_update({kind})
        self.redraw_entities()
        self._status(f"{kind} {'hidden' if kind in hidden else 'shown'}.")

    def action_entity_step(self, direction: int) -> None:
        if not self._visible:
            waiting = self._auto is None
            self._status("Still finding the entities…" if waiting else "No entities shown.")
            return
        cursor = self.view.cursor
        if direction > 0:
            index = bisect_right(self._visible_starts, cursor) % len(self._visible)
        else:
            index = bisect_left(self._visible_starts, cursor) - 1
        entity = self._visible[index]
        self.view.move_to(entity.start, center=True)
        others = len(self.sorot.entity_index.others(entity.key, self.article.id))
        parts = [f"{entity.type} · {entity.key}", self._mentions(entity.key)]
        if others:
            parts.append(f"also in {plural(others, 'other article')}")
        if entity.origin == "user":
            parts.append("corrected")
        self._status(" · ".join(parts))

    def action_entity_panel(self) -> None:
        panel = self.entity_panel
        if not panel.has_class("-open"):
            self._annotations_were_open = self.panel.has_class("-open")
            self.panel.remove_class("-open")  # the two panels share the side
            panel.open()
            panel.focus()
        elif panel.has_focus:
            panel.remove_class("-open")
            if self._annotations_were_open:
                self.panel.add_class("-open")
            self.view.focus()
        else:
            panel.focus()

    def on_entity_panel_leave(self) -> None:
        self.view.focus()

    def on_entity_panel_jump(self, message: EntityPanel.Jump) -> None:
        self.view.move_to(message.start, center=True)
        self._status(f"{message.key}: mention {message.number} of {message.total} · Enter: next")

    def on_entity_panel_open_article(self, message: EntityPanel.OpenArticle) -> None:
        self.sorot.open_entity(message.article_id, message.key)

    def action_tag_entity(self) -> None:
        """Correct the entity under the cursor, or mark the selection (or word) as one."""
        body = self.article.body
        selection = self.view.selection
        current: Entity | None = None
        if selection is not None:
            start, end = selection
            while start < end and body[start].isspace():
                start += 1
            while end > start and body[end - 1].isspace():
                end -= 1
            current = next((e for e in self.entities if (e.start, e.end) == (start, end)), None)
        else:
            current = self.entity_at(self.view.cursor)
            if current is not None:
                start, end = current.start, current.end
            else:
                word = self.view.units.word_at(self.view.cursor)
                if word is None or not word[0] <= self.view.cursor < word[1]:
                    self._status("No entity here: select its words (v) and press t.")
                    return
                start, end = word
        if end <= start:
            self._status("Select the words of the entity first (v).")
            return
        keys = self._keys_by_frequency()
        mentions = sum(1 for e in self.entities if current is not None and e.key == current.key)
        corrections = self._guard(
            "read the entity corrections",
            lambda: self.sorot.workspace.entities.corrections(self.article.id),
        )
        corrected = corrections is not FAILED and bool(
            touching(corrections, body, start, end)
            or (current is not None and current.origin == "user")
        )
        found = len(occurrences(body, body[start:end])) if current is None else 1
        form = EntityForm(
            body[start:end],
            keys,
            current,
            mentions=mentions,
            occurrences=found,
            corrected=corrected,
        )

        def done(fields: EntityFields | None) -> None:
            if fields is not None:
                self._correct(start, end, current, fields)

        self.app.push_screen(form, done)

    def _keys_by_frequency(self) -> list[str]:
        counts = Counter(e.key for e in self.entities)
        return sorted(counts, key=lambda k: (-counts[k], k))

    def _correct(self, start: int, end: int, current: Entity | None, fields: EntityFields) -> None:
        service = self.sorot.workspace.entities
        article = self.article
        if fields.action == "revert":
            done = self._guard(
                "undo the correction", lambda: service.revert(article, start, end, current)
            )
            message = "Correction taken back."
        else:
            if fields.action == "reject":
                action = "reject"
            elif current is None:
                action = "add"
            elif fields.type != current.type:
                action = "retype"
            else:
                action = "rekey"
            if current is not None and action == "rekey" and fields.key == current.key:
                self._status("Nothing changed.")
                return
            scope = "mention"
            if fields.every:
                scope = "key" if current is not None else "text"

            def save() -> object:
                return service.correct(
                    article,
                    start,
                    end,
                    action,
                    annotator=self.sorot.user,
                    type=fields.type,
                    key=fields.key,
                    scope=scope,
                    old=current,
                )

            try:
                done = self._guard("save the correction", save)
            except ValueError as error:
                self._status(f"Not saved: {error}.")
                return
            what = {"reject": "Rejected", "add": "Added", "retype": "Retyped", "rekey": "Re-keyed"}
            message = f"{what[action]}: {fields.type} · {fields.key}".rstrip(" ·")
            if scope == "text":
                count = len(occurrences(article.body, article.body[start:end]))
                message += f" · every occurrence ({count})"
            if action == "reject":
                message = f"Rejected: {body_snippet(article.body[start:end])} is no entity."
        if done is FAILED:
            return
        # Corrections are work too: u takes this one back, ctrl+r makes it again.
        if fields.action == "revert":
            taken = [c.to_dict() for c in done]  # type: ignore[union-attr]
            self.annotations.history.corrections(article.id, [], taken, "undo entity correction")
        else:
            made = [done.to_dict()]  # type: ignore[union-attr]
            self.annotations.history.corrections(article.id, made, [], f"{action} entity")
        self.view.clear_selection()
        self._apply_corrections()
        self._status(message)
