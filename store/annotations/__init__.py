"""What users keep about an article: claims, notes, their store and their history.

The annotation model and selectors, the per-article TinyDB store (atomic
files under a lock, schema migrations), placing annotations again when an
article's text changes, undo history, one article's annotations as the
reader edits them, and drafts of forms not saved yet.

May import: ``store.news``, ``store.files``.
"""
