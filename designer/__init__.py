"""Kubeflow Pipeline Designer: build Kubeflow pipelines visually."""

__version__ = "0.1.0"
