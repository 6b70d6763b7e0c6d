"""Outlets: the names news agencies and sites go by, in leads, titles and addresses.

- :data:`KNOWN_OUTLETS`: plain names that lead stories (``ANTARA -``) or end
  them as a source (``(AP)``); any name with a dot (``LOGIC.co.id``) or an
  inner capital (``BaperaNews``) reads as an outlet anyway (:func:`outlet_like`).
- :func:`outlet_from_url`: the site an article's address names, the fallback
  when its text names none (``https://regional.kompas.com/read/...`` ->
  ``kompas.com``).
- :func:`split_title`: a headline as a page's ``<title>`` gives it, with the
  site's name after it (``... - Kompas.com``, ``... | Republika Online``) or
  before it (``KapanLagi.com: ...``), into the headline and that name.
- :func:`url_date`: the date in an address (``/2015/11/05/``).
"""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import urlsplit

_OUTLET_NAMES = (
    "reuters ap afp antara bloomberg xinhua yonhap bernama tass ria kyodo upi dpa "
    "kompas tempo detik detikcom okezone republika tirto kumparan viva cnn bbc voa "
    "sindonews tribunnews liputan6 suara merdeka inews kapanlagi wikinews"
)
#: Outlets whose plain name leads stories (``ANTARA - ...``) or credits them (``(AP)``).
KNOWN_OUTLETS = frozenset(_OUTLET_NAMES.split())

# Second-level labels under which a country's sites register (republika.co.id).
_SECOND_LEVEL_NAMES = "co com net org or go ac web my sch gov edu ne "
_SECOND_LEVEL = frozenset(_SECOND_LEVEL_NAMES.split())


def outlet_like(name: str) -> bool:
    """A name that can only be an outlet: a domain, a CamelCase brand, a known one."""
    core = name.strip(".")
    return (
        "." in core
        or re.search(r"[a-z][A-Z]", name) is not None
        or name.lower() in KNOWN_OUTLETS
        or core.split(".")[0].lower() in KNOWN_OUTLETS
    )


def outlet_from_url(url: str | None) -> str | None:
    """The registered site name of ``url`` (``regional.kompas.com`` -> ``kompas.com``)."""
    if not url:
        return None
    try:
        host = urlsplit(url if "//" in url else "//" + url).hostname
    except ValueError:
        return None
    if not host or "." not in host or host.replace(".", "").isdigit():
        return None
    labels = host.lower().split(".")
    keep = 3 if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL and len(labels[-1]) == 2 else 2
    return ".".join(labels[-keep:])


# "/2015/11/05/", "/read/2015/11/05/100026/", "/2024-11-29/"
_URL_DATE = re.compile(r"/((?:19|20)\d\d)[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\d|3[01])(?=[/-])")


def url_date(url: str | None) -> str | None:
    """The ISO date an address names as ``/YYYY/MM/DD/``, or ``None``."""
    m = _URL_DATE.search(url or "")
    if m is None:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
    except ValueError:
        return None


# "... - Kompas.com Regional", "... | Republika Online", "... | Tempo Gaya"
_SUFFIX = re.compile(r"\s+(?:[|–—-]|::)\s+(?P<site>[^|–—]{2,40})$")
# "KapanLagi.com: ..."
_PREFIX = re.compile(r"(?P<site>[\w-]+\.(?:com|co\.id|id|net|org|tv))\s*[:|]\s+(?=\S)", re.I)


def split_title(title: str) -> tuple[str, str | None, str]:
    """``(headline, site, affix)``: the headline without a site's name on it.

    ``affix`` is the text removed (``" - Kompas.com"``) and ``site`` the name in
    it; both empty when the title names no site. Only a name that reads as an
    outlet (a domain, a known outlet, ``Online``/``News`` after one) is cut: a
    headline's own ``-`` or ``|`` stays.
    """
    m = _PREFIX.match(title)
    if m and len(title) - m.end() >= 10:
        return title[m.end() :], m.group("site"), title[: m.end()]
    m = _SUFFIX.search(title)
    if m and m.start() >= 10 and _site_name(m.group("site")):
        return title[: m.start()], m.group("site").strip(), title[m.start() :]
    return title, None, ""


def _site_name(text: str) -> bool:
    """True for a site's name as pages put it after a headline."""
    words = text.split()
    if not 1 <= len(words) <= 3:
        return False
    return outlet_like(words[0]) or text.lower() in KNOWN_OUTLETS
