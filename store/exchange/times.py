"""Times as the formats want them: ``Z`` going out, sorot's own spelling coming in.

sorot stores times as UTC ISO 8601 with microseconds and ``+00:00``
(``now_iso``). The Web Annotation model writes UTC as ``Z``
(``2024-12-01T08:00:00Z``); other tools write ``Z``, offsets, or no zone.
An imported time is put back in sorot's spelling, so the same moment
written two ways is one time, and a round trip gives back the same text.
"""

from __future__ import annotations

from datetime import UTC, datetime


def moment(value: object) -> datetime | None:
    """``value`` as an aware UTC datetime, or ``None`` when it is not an ISO time."""
    if not isinstance(value, str) or not 10 <= len(value) <= 64:
        return None
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo is None:  # no zone given: sorot's times are UTC, and so are most tools'
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def zulu(value: str) -> str | None:
    """``value`` as UTC with ``Z`` (fractions only when there are some); ``None`` if no time."""
    when = moment(value)
    if when is None:
        return None
    spec = "microseconds" if when.microsecond else "seconds"
    return when.replace(tzinfo=None).isoformat(timespec=spec) + "Z"


def canonical(value: object) -> str | None:
    """``value`` in sorot's own spelling (``now_iso``); ``None`` when it is not a time."""
    when = moment(value)
    return when.isoformat(timespec="microseconds") if when is not None else None
