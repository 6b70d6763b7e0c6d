"""sorot's widgets: one a file."""
