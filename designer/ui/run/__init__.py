"""Local runs in the window: parameter dialog, controller thread, run panel, and the session tying them."""
