"""Entity corrections as Web Annotations, and back: a team's corrections travel in W3C too.

A correction says what a span of an article is (``add``, ``retype``,
``rekey``: an entity of this type with this key) or is not (``reject``). As
a Web Annotation it targets its span like any annotation (quote and
position selectors, the article, the text version) and says what it is
with two bodies a generic client understands, the type (purpose
``classifying``) and the key (purpose ``identifying``); the motivation is
``identifying``, or ``editing`` for a rejection (the recogniser's entity is
struck out). The rest of what sorot needs to apply it again, losslessly,
is under ``sorot:correction`` (the action, its scope, the entity it was
made on)::

    {"@context": [...], "id": "urn:uuid:…", "type": "Annotation",
     "motivation": "identifying" | "editing", "created": "…Z", "creator": {…},
     "body": [{"type": "TextualBody", "value": "PER", "purpose": "classifying",
               "sorot:field": "entity_type"},
              {"type": "TextualBody", "value": "Kim Jong Un", "purpose": "identifying",
               "sorot:field": "entity_key"}],
     "target": {… as an annotation's …},
     "sorot:kind": "correction",
     "sorot:correction": {"sorot:action": "rekey", "sorot:scope": "key",
                          "sorot:old_type": "PER", "sorot:old_key": "Kim"}}
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from store.exchange.times import canonical, zulu

KIND = "correction"
"""``sorot:kind`` of a correction (an annotation's is ``claim`` or ``note``)."""

_DETAILS = ("action", "scope", "old_type", "old_key")


def correction_to_w3c(
    doc: Mapping[str, Any], target: dict[str, Any], context: list[Any], iri: str, agent: Any
) -> dict[str, Any]:
    """A stored correction (``Correction.to_dict``) as a Web Annotation.

    ``target`` is built by the caller as for an annotation (so both are
    placed the same way); ``agent`` is the creator node or ``None``.
    """
    rejects = doc.get("action") == "reject"
    data: dict[str, Any] = {
        "@context": context,
        "id": iri,
        "type": "Annotation",
        "motivation": "editing" if rejects else "identifying",
    }
    when = zulu(str(doc.get("created") or ""))
    if when is not None:
        data["created"] = when
    if agent is not None:
        data["creator"] = agent
    bodies = []
    for name, purpose in (("type", "classifying"), ("key", "identifying")):
        value = doc.get(name)
        if value:
            bodies.append(
                {
                    "type": "TextualBody",
                    "value": str(value),
                    "purpose": purpose,
                    "sorot:field": f"entity_{name}",
                }
            )
    if bodies:
        data["body"] = bodies
    data["target"] = target
    data["sorot:kind"] = KIND
    data["sorot:correction"] = {
        f"sorot:{name}": doc[name] for name in _DETAILS if doc.get(name) not in (None, "")
    }
    return data


def correction_from_w3c(
    data: Mapping[str, Any], article_id: str, correction_id: str
) -> dict[str, Any]:
    """The stored form of a correction written by :func:`correction_to_w3c` (``ValueError``)."""
    details = data.get("sorot:correction")
    if not isinstance(details, Mapping):
        raise ValueError("is a correction without its sorot:correction")
    # Empty fields are left out of the export: they come back as stored, empty.
    found: dict[str, Any] = {
        "type": "",
        "key": "",
        "scope": "mention",
        "old_type": "",
        "old_key": "",
    }
    found.update(
        {name: details.get(f"sorot:{name}") for name in _DETAILS if f"sorot:{name}" in details}
    )
    bodies = data.get("body")
    for body in bodies if isinstance(bodies, list) else [bodies] if bodies else []:
        if isinstance(body, Mapping) and body.get("sorot:field") in ("entity_type", "entity_key"):
            found[str(body["sorot:field"]).removeprefix("entity_")] = body.get("value")
    targets = data.get("target")
    target = targets[0] if isinstance(targets, list) and targets else targets
    if not isinstance(target, Mapping):
        raise ValueError("has no target")
    quote = position = None
    selectors = target.get("selector")
    for selector in selectors if isinstance(selectors, list) else [selectors]:
        if isinstance(selector, Mapping) and selector.get("type") == "TextQuoteSelector":
            quote = selector
        elif isinstance(selector, Mapping) and selector.get("type") == "TextPositionSelector":
            position = selector
    if quote is None or position is None:
        raise ValueError("is a correction without its quote and position")
    return {
        "id": correction_id,
        "article_id": article_id,
        "selector": {
            "exact": quote.get("exact"),
            "prefix": quote.get("prefix", ""),
            "suffix": quote.get("suffix", ""),
            "start": position.get("start"),
            "end": position.get("end"),
        },
        "sha256": target.get("sorot:sha256", ""),
        "created": canonical(data.get("created")) or data.get("created"),
        **found,
    }
