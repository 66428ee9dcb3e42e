"""Help: Kubeflow concept pages in a help window, F1 and "What's this?" on the canvas, the
properties pane and the YAML previews (``controller.py``)."""
