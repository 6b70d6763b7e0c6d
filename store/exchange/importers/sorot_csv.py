"""sorot's own CSV (``store.exchange.csvfile``), read back row by row.

Every cell loses the ``'`` the export put before text a spreadsheet would
run as a formula; ``tags`` is a JSON list (an older sorot wrote ``a; b``,
which is read too); a row of kind ``article`` holds no annotation. A row is
then checked and placed like a native annotation (``native``): a row that
fails is refused with its reason, the others go on. A row edited in a
spreadsheet comes back as a newer version only if its ``updated`` says so.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any

from store.exchange.csvfile import COLUMNS, restored
from store.exchange.importers import Context, Record, refused
from store.exchange.importers.native import annotation

REQUIRED = ("annotation_id", "article_id", "kind")


def looks_like(text: str) -> bool:
    """True when the text's first line is sorot's CSV header."""
    first = text.lstrip("\ufeff").split("\n", 1)[0]
    return first.startswith(f"{COLUMNS[0]},")


def _tags(cell: str) -> list[Any]:
    if not cell:
        return []
    if cell.startswith("["):
        try:
            tags = json.loads(cell)
        except json.JSONDecodeError:
            raise ValueError("has tags that are not a JSON list") from None
        if not isinstance(tags, list):
            raise ValueError("has tags that are not a list")
        return tags
    return [t.strip() for t in cell.split(";") if t.strip()]


def _offset(cell: str, what: str) -> int:
    if not cell.isdigit() or len(cell) > 12:
        raise ValueError(f"has a {what} that is not a whole number")
    return int(cell)


def _data(row: dict[str, str]) -> dict[str, Any]:
    cells = {key: restored(value or "") for key, value in row.items() if isinstance(key, str)}
    data: dict[str, Any] = {
        "id": cells["annotation_id"],
        "article_id": cells["article_id"],
        "kind": cells["kind"],
        "claim_type": cells.get("claim_type") or None,
        "status": cells.get("status") or None,
        "speaker": cells.get("speaker") or None,
        "tags": _tags(cells.get("tags", "")),
        "note": cells.get("note", ""),
        "annotator": cells.get("annotator", ""),
        "created": cells.get("created", ""),
        "updated": cells.get("updated", ""),
        "sha256": cells.get("sha256", ""),
    }
    orphaned = cells.get("orphaned", "false")
    if orphaned not in ("true", "false", ""):
        raise ValueError("has an orphaned cell that is not true or false")
    data["orphaned"] = orphaned == "true"
    if cells.get("start") or cells.get("end"):
        data["selector"] = {
            "start": _offset(cells.get("start", ""), "start"),
            "end": _offset(cells.get("end", ""), "end"),
            "exact": cells.get("exact", ""),
            "prefix": cells.get("prefix", ""),
            "suffix": cells.get("suffix", ""),
        }
    return data


def records(text: str, context: Context) -> Iterator[Record]:
    """One record per row (rows of kind ``article`` aside)."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline=""))
    missing = [c for c in REQUIRED if c not in (reader.fieldnames or ())]
    if missing:
        raise ValueError(f"is a CSV without the column {missing[0]}")
    try:
        for row in reader:
            where = f"row {reader.line_num}"
            if row.get("kind") == "article":
                continue
            try:
                made, note = annotation(_data(row), context)
            except ValueError as error:
                yield refused(where, str(error))
            else:
                yield Record(where, made, note=note)
    except csv.Error as error:
        yield refused(f"row {reader.line_num}", f"is not CSV ({error})")
