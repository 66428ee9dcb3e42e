"""Print a dictionary of metrics, one per line, sorted by name."""


def log_metrics(metrics: dict):
    for name in sorted(metrics):
        print(f"{name}: {metrics[name]}")
