"""sorot's screens: one a file."""
