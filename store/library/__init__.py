"""The corpus as a library: every article's summary, filtered and sorted, and who read what.

The corpus (entries cached per file, texts parsed on demand), the catalog
the library screen lists, and each user's reading state.

May import: ``store.query``, ``store.annotations``, ``store.news``, ``store.files``.
"""
