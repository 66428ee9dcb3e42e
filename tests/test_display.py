"""A display that cannot be opened is caught before Qt aborts: `kfp-designer` says what is
wrong (no display, which Debian packages the X11 plugin lacks), points to the CLI and
exits 2 instead of dying with SIGABRT. Each path runs the real command in a subprocess."""
from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from designer import display
from designer.logs import FILE_NAME, setup_logging, stop_logging

REPO = Path(__file__).resolve().parents[1]


def gui(env_changes: dict[str, str | None], *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    for key in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM_PLUGIN_PATH",
                display.SKIP_ENV):
        env.pop(key, None)
    for key, value in env_changes.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return subprocess.run([sys.executable, "-m", "designer", *args], capture_output=True,
                          text=True, env=env, cwd=REPO, timeout=120)


def assert_clean_refusal(out: subprocess.CompletedProcess) -> None:
    assert out.returncode == 2, (out.returncode, out.stderr)
    assert "the designer window cannot open" in out.stderr
    assert "kfp-designer compile --example" in out.stderr        # the way without a display
    assert "qt.qpa" not in out.stderr and "Aborted" not in out.stderr
    assert "Traceback" not in out.stderr


def test_no_display_at_all():
    out = gui({"DISPLAY": None})
    assert_clean_refusal(out)
    assert "neither DISPLAY nor WAYLAND_DISPLAY" in out.stderr


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11 is Linux's")
def test_an_x_display_nobody_serves():
    out = gui({"DISPLAY": ":987"}, "--example")
    assert_clean_refusal(out)
    assert "cannot open the X display “:987”" in out.stderr


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11 is Linux's")
def test_a_plugin_path_whose_plugin_lacks_its_libraries(tmp_path):
    """A copy of the xcb plugin away from PySide6's Qt libraries: ldd finds them missing."""
    real = display.plugin_dir({}) / "libqxcb.so"
    platforms = tmp_path / "platforms"
    platforms.mkdir()
    shutil.copy(real, platforms / "libqxcb.so")
    out = gui({"DISPLAY": ":987", "QT_QPA_PLATFORM_PLUGIN_PATH": str(platforms)})
    assert_clean_refusal(out)
    assert f"({platforms / 'libqxcb.so'}) cannot load" in out.stderr
    assert "libQt6XcbQpa.so.6" in out.stderr and "reinstall PySide6-Essentials" in out.stderr


def test_a_plugin_path_without_the_plugin(tmp_path):
    out = gui({"DISPLAY": ":987", "QT_QPA_PLATFORM_PLUGIN_PATH": str(tmp_path)})
    assert_clean_refusal(out)
    assert "platform plugin for X11 is missing" in out.stderr


# ldd's report on Debian 12 without libxcb-cursor0 and libxcb-icccm4 (trimmed).
LDD_BOOKWORM = """\
\tlinux-vdso.so.1 (0x00007ffd5b5f3000)
\tlibQt6XcbQpa.so.6 => /venv/PySide6/Qt/plugins/platforms/../../lib/libQt6XcbQpa.so.6 (0x1)
\tlibxcb-cursor.so.0 => not found
\tlibxcb-icccm.so.4 => not found
\tlibxcb-icccm.so.4 => not found
\tlibxkbcommon-x11.so.0 => /lib/x86_64-linux-gnu/libxkbcommon-x11.so.0 (0x2)
\tlibweird.so.3 => not found
"""


def test_missing_libraries_are_named_with_their_debian_packages():
    missing = display.Missing(Path("/p/libqxcb.so"), display.parse_ldd(LDD_BOOKWORM))
    assert missing.libraries == ["libxcb-cursor.so.0", "libxcb-icccm.so.4", "libweird.so.3"]
    assert missing.packages() == ["libxcb-cursor0", "libxcb-icccm4"]
    text = display.describe_missing(missing)
    assert "sudo apt-get install libxcb-cursor0 libxcb-icccm4" in text
    assert "apt-file search NAME`: libweird.so.3" in text


def test_every_library_the_installed_xcb_plugin_loads_has_a_package_or_is_base():
    """The table covers what PySide6's xcb plugin really needs here (ldd, found or not)."""
    ldd = shutil.which("ldd")
    if ldd is None or not sys.platform.startswith("linux"):
        pytest.skip("needs ldd (Linux)")
    text = subprocess.run([ldd, str(display.plugin_dir({}) / "libqxcb.so")],
                          capture_output=True, text=True).stdout
    names = {line.split()[0] for line in text.splitlines() if "=>" in line}
    base = ("libc.", "libm.", "libdl.", "libpthread.", "librt.", "libgcc_s.", "libstdc++.",
            "libz.", "libzstd.", "liblzma.", "liblz4.", "libexpat.", "libbsd.", "libmd.",
            "libcap.", "libgcrypt.", "libgpg-error.", "libsystemd.", "libpcre2", "libffi.",
            "libQt6", "libicu", "libselinux.", "libmount.", "libblkid.", "libuuid.")
    uncovered = sorted(n for n in names
                       if n not in display.DEBIAN_PACKAGES and not n.startswith(base))
    assert uncovered == []
    # and the README names every non-base package among them
    readme = (REPO / "README.md").read_text()
    for name in names:
        package = display.DEBIAN_PACKAGES.get(name)
        if package and package in display.README_PACKAGES:
            assert package in readme, package


def test_a_chosen_platform_is_trusted_and_the_check_can_be_skipped():
    assert display.display_problem({"QT_QPA_PLATFORM": "offscreen"}) is None
    assert display.display_problem({display.SKIP_ENV: "1"}) is None
    assert "neither DISPLAY" in display.display_problem({})


def test_the_log_level_comes_from_the_environment(tmp_path, monkeypatch):
    log = logging.getLogger("designer.test_display")
    monkeypatch.setenv("KFP_DESIGNER_LOG", "DEBUG")
    path = setup_logging(tmp_path / "a")
    log.debug("a debug line")
    monkeypatch.setenv("KFP_DESIGNER_LOG", "WARNING")
    setup_logging(tmp_path / "b")
    log.info("an info line")
    log.warning("a warning line")
    for handler in logging.getLogger("designer").handlers:
        handler.flush()
    assert path.name == FILE_NAME and "DEBUG designer.test_display" in path.read_text()
    second = (tmp_path / "b" / FILE_NAME).read_text()
    assert "an info line" not in second and "a warning line" in second
    stop_logging()
