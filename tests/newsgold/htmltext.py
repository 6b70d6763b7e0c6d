"""Web pages into text as a scraper gets it: a small tree over ``html.parser``.

Only what building the development set needs: find an element by tag, id or
class, and its text with block elements (``p``, ``div``, ``br``, headings, list
items) as line breaks, scripts and styles left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

_VOID_TAGS = "area base br col embed hr img input link meta param source track wbr "
_VOID = frozenset(_VOID_TAGS.split())
_BLOCK_TAGS = (
    "p div br h1 h2 h3 h4 h5 h6 li ul ol blockquote figure figcaption table tr "
    "section article header footer aside "
)
_BLOCK = frozenset(_BLOCK_TAGS.split())
_SKIP = frozenset({"script", "style", "noscript", "iframe", "svg", "template"})


@dataclass
class Node:
    """An element: its tag, attributes and children (nodes or text)."""

    tag: str
    attrs: dict[str, str]
    children: list[Node | str] = field(default_factory=list)
    parent: Node | None = None

    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def iter(self):
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.iter()

    def find(self, tag: str | None = None, *, id: str | None = None, cls: str | None = None):
        """The first element (depth first) with this tag, id and/or class."""
        for node in self.iter():
            if tag and node.tag != tag:
                continue
            if id and node.attrs.get("id") != id:
                continue
            if cls and cls not in node.classes():
                continue
            return node
        return None

    def text(self, *, drop: frozenset[str] = frozenset()) -> str:
        """The text, block elements as line breaks; elements of class ``drop`` left out."""
        parts: list[str] = []
        self._text(parts, drop)
        lines = [re.sub(r"[ \t\r\f\v]+", " ", line).strip() for line in "".join(parts).split("\n")]
        return "\n".join(line for line in lines if line)

    def _text(self, parts: list[str], drop: frozenset[str]) -> None:
        if self.tag in _SKIP or (drop and self.classes() & drop):
            return
        block = self.tag in _BLOCK
        if block:
            parts.append("\n")
        for child in self.children:
            if isinstance(child, Node):
                child._text(parts, drop)
            else:
                parts.append(child.replace("\n", " "))
        if block:
            parts.append("\n")


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("document", {})
        self.current = self.root

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs}, parent=self.current)
        self.current.children.append(node)
        if tag not in _VOID:
            self.current = node

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.current.children.append(Node(tag, {k: v or "" for k, v in attrs}, parent=self.current))

    def handle_endtag(self, tag: str) -> None:
        node: Node | None = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data: str) -> None:
        self.current.children.append(data)


def parse_html(markup: str) -> Node:
    """The document tree of ``markup``; never raises on broken HTML."""
    builder = _TreeBuilder()
    builder.feed(markup)
    builder.close()
    return builder.root


def meta(root: Node, name: str) -> str | None:
    """The content of ``<meta property=name>`` or ``<meta name=name>``."""
    for node in root.iter():
        if node.tag == "meta" and name in (node.attrs.get("property"), node.attrs.get("name")):
            return node.attrs.get("content")
    return None
