"""The canvas: scene, view, node and wire items, gestures, and the editor turning them into commands."""
