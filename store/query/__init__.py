"""One query language for the library, the command line and saved sets.

A query (``status:false speaker:kcna kremlin``) is parsed once, here, into a
:class:`Query` that selects articles and annotations; the library's filter,
``sorot list --where``, ``sorot export --where`` and its flags, and saved
sets all go through it, so one query means the same everywhere.

May import: ``store.annotations``, ``store.news``, ``store.files``.
"""
