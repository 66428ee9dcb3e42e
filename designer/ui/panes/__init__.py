"""Docked panes around the canvas: code, properties, pipeline form, problems, library."""
