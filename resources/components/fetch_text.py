"""Download a web page or file as text."""


def fetch_text(url: str, timeout_seconds: int = 30) -> str:
    from urllib.request import urlopen
    with urlopen(url, timeout=timeout_seconds) as response:
        return response.read().decode("utf-8", errors="replace")
