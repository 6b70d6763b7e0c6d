"""sorot's front ends: the Textual app and the ``sorot`` command line.

Importing this package imports no Textual: the headless commands stay quick
and work where Textual is not wanted.
"""
