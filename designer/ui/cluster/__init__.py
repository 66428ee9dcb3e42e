"""Kubeflow Pipelines in the window: Settings ▸ Kubeflow (endpoints), Pipeline ▸ Upload to
Kubeflow, Run ▸ Run on Kubeflow, Run ▸ Kubeflow Runs; remote task states on the canvas.

The cluster work itself is ``designer.cluster`` (Qt-free); these modules only ask, show,
and run its blocking calls on worker threads (``worker.py``)."""
