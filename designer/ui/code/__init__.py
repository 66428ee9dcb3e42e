"""Text widgets shared by the code pane and the previews: the editor and its highlighting."""
