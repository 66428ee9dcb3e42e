"""Help ▸ Lessons: the dock that walks a person through a lesson (``panel``), what it
remembers (``progress``) and what a step added to the Python and YAML (``added``)."""
