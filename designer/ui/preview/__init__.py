"""Live previews of the compiled YAML and exported Python, linked to the canvas selection."""
