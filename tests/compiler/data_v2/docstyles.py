from typing import NamedTuple

from kfp import dsl


@dsl.component
def google_style(count: int, ratio: float = 0.5, label: str = "x") -> NamedTuple(
        "Outputs", [("total", int), ("summary", str)]):
    """Adds things up, Google style.

    The long description spans
    two lines.

    Args:
        count (int): How many.
        ratio: A ratio with a
            continuation line.
        unknown: Not an input at all.

    Returns:
        total: The total.
        summary (str): A summary.
    """
    return (count, label)


@dsl.component
def numpy_style(alpha: int, beta: str = "b") -> int:
    """Numpy style summary.

    Parameters
    ----------
    alpha : int
        The alpha value.
    beta : str, optional
        The beta
        value.

    Returns
    -------
    int
        Something.
    """
    return alpha


@dsl.component
def rest_style(gamma: int, delta: bool = True) -> str:
    """ReST style.

    :param gamma: the gamma
    :param bool delta: the delta,
        continued
    :returns: a string
    :rtype: str
    """
    return str(gamma)


@dsl.component
def epydoc_style(epsilon: int) -> int:
    """Epydoc style.

    @param epsilon: the epsilon
    @type epsilon: int
    @return: the same
    """
    return epsilon


@dsl.component
def broken_google(zeta: int):
    """Looks like Google but is not.

    Args:
        zeta has no colon
    """
    print(zeta)


@dsl.component
def single_line(eta: int) -> int:
    """Just one line."""
    return eta


@dsl.component
def no_docstring(theta: int) -> int:
    return theta


@dsl.pipeline
def docstyles_pipeline(n: int = 1, flag: bool = False):
    """Exercise every docstring style.

    Each component documents its inputs differently; kfp turns
    the docs into descriptions.

    Args:
        n: The number.
        flag: A flag.
    """
    g = google_style(count=n)
    numpy_style(alpha=g.outputs["total"])
    rest_style(gamma=n, delta=flag)
    epydoc_style(epsilon=n)
    broken_google(zeta=n)
    single_line(eta=n)
    no_docstring(theta=n)
