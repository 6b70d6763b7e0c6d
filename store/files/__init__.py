"""The folders sorot keeps things in and how it writes them.

The data and config folders, who the user is, the user's settings, atomic
writes and locked JSON files, the SQLite file the corpus index lives in
(``database``) and work spread over worker processes (``workers``). The
bottom room: it imports nothing of sorot.
"""
