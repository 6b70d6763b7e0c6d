"""The news parser's development set: its builder and its gold file (see ``build_devset``)."""
