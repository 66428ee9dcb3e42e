"""Can the designer window open here? Asked before Qt is loaded, because Qt cannot be asked:
when its platform plugin fails to load or its display cannot be opened it aborts the
process (SIGABRT, exit 134) with a message that names neither the missing packages nor
what to do instead.

``display_problem(env)`` returns what is wrong (or None):

* no display at all (neither ``DISPLAY`` nor ``WAYLAND_DISPLAY``);
* the X11 platform plugin (``libqxcb.so`` of the installed PySide6, or the one under
  ``QT_QPA_PLATFORM_PLUGIN_PATH``) needs shared libraries the system lacks: ``ldd`` lists
  them, and the Debian packages that ship them are named;
* the X display named by ``DISPLAY`` does not accept a connection (tried with libxcb
  through ctypes, as Qt would);
* a Wayland display whose socket does not exist.

A platform chosen with ``QT_QPA_PLATFORM`` other than xcb/wayland (offscreen, vnc, ...) is
trusted as is. ``KFP_DESIGNER_SKIP_DISPLAY_CHECK=1`` skips the check. No Qt is imported.
"""
from __future__ import annotations

import ctypes
import importlib.util
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

SKIP_ENV = "KFP_DESIGNER_SKIP_DISPLAY_CHECK"

# Shared libraries the xcb platform plugin of PySide6 6.8-6.11 loads (``ldd libqxcb.so``,
# Qt's own libraries aside) -> the Debian/Ubuntu package that ships each.
DEBIAN_PACKAGES: dict[str, str] = {
    "libxcb.so.1": "libxcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb-xinerama.so.0": "libxcb-xinerama0",
    "libxcb-xinput.so.0": "libxcb-xinput0",
    "libxcb-glx.so.0": "libxcb-glx0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libXau.so.6": "libxau6",
    "libXdmcp.so.6": "libxdmcp6",
    "libSM.so.6": "libsm6",
    "libICE.so.6": "libice6",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libGLX.so.0": "libglx0",
    "libGLdispatch.so.0": "libglvnd0",
    "libOpenGL.so.0": "libopengl0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libpng16.so.16": "libpng16-16",
    "libbrotlicommon.so.1": "libbrotli1",
    "libbrotlidec.so.1": "libbrotli1",
    "libwayland-client.so.0": "libwayland-client0",
    "libwayland-cursor.so.0": "libwayland-cursor0",
    "libwayland-egl.so.1": "libwayland-egl1",
}
# What the README tells a bare Debian/Ubuntu to install: the packages above that a minimal
# system (no desktop) usually lacks.
README_PACKAGES = ("libegl1", "libgl1", "libfontconfig1", "libdbus-1-3", "libglib2.0-0",
                   "libxkbcommon0", "libxkbcommon-x11-0", "libxcb-cursor0", "libxcb-icccm4",
                   "libxcb-image0", "libxcb-keysyms1", "libxcb-randr0", "libxcb-render-util0",
                   "libxcb-shape0", "libxcb-xfixes0", "libxcb-xkb1", "libx11-xcb1")

CLI_HINT = ("The command line works without a display, e.g.:\n"
            "  kfp-designer compile pipeline.py -o pipeline.yaml\n"
            "  kfp-designer compile --example -o example_pipeline.yaml\n"
            "  kfp-designer run --example --param number_1=1 --param number_2=2")


@dataclass
class Missing:
    """Shared libraries a plugin needs that the loader cannot find."""
    plugin: Path
    libraries: list[str] = field(default_factory=list)

    def packages(self) -> list[str]:
        return sorted({DEBIAN_PACKAGES[lib] for lib in self.libraries if lib in DEBIAN_PACKAGES})

    def unknown(self) -> list[str]:
        return [lib for lib in self.libraries if lib not in DEBIAN_PACKAGES]


def plugin_dir(env: Mapping[str, str]) -> Path | None:
    """Where Qt will look for its platform plugins: QT_QPA_PLATFORM_PLUGIN_PATH, else the
    installed PySide6's (found without importing it)."""
    if env.get("QT_QPA_PLATFORM_PLUGIN_PATH"):
        return Path(env["QT_QPA_PLATFORM_PLUGIN_PATH"])
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(list(spec.submodule_search_locations)[0]) / "Qt" / "plugins" / "platforms"


def parse_ldd(text: str) -> list[str]:
    """Sonames ``ldd`` reports as ``not found``, each once, in order."""
    seen: list[str] = []
    for m in re.finditer(r"^\s*(\S+)\s+=>\s+not found", text, re.MULTILINE):
        if m.group(1) not in seen:
            seen.append(m.group(1))
    return seen


def missing_libraries(plugin: Path) -> Missing | None:
    """What ``plugin`` cannot load (None when ldd is not there to ask)."""
    ldd = shutil.which("ldd")
    if ldd is None:
        return None
    out = subprocess.run([ldd, str(plugin)], capture_output=True, text=True,
                         env={"PATH": os.environ.get("PATH", ""), "LC_ALL": "C"})
    return Missing(plugin, parse_ldd(out.stdout + out.stderr))


def x_display_error(display: str) -> str | None:
    """Why libxcb cannot connect to ``display`` (None: it can, or libxcb is not there to
    ask, which the library check reports)."""
    try:
        xcb = ctypes.CDLL("libxcb.so.1")
    except OSError:
        return None
    xcb.xcb_connect.restype = ctypes.c_void_p
    xcb.xcb_connect.argtypes = [ctypes.c_char_p, ctypes.c_void_p]
    xcb.xcb_connection_has_error.restype = ctypes.c_int
    xcb.xcb_connection_has_error.argtypes = [ctypes.c_void_p]
    xcb.xcb_disconnect.argtypes = [ctypes.c_void_p]
    conn = xcb.xcb_connect(display.encode(), None)
    error = xcb.xcb_connection_has_error(conn) if conn else 1
    if conn:
        xcb.xcb_disconnect(conn)
    if error:
        return (f"cannot open the X display “{display}” (DISPLAY): no X server accepts a "
                "connection there, or this user may not use it")
    return None


def wayland_socket(env: Mapping[str, str]) -> Path:
    name = env.get("WAYLAND_DISPLAY", "")
    if os.path.isabs(name):
        return Path(name)
    return Path(env.get("XDG_RUNTIME_DIR", f"/run/user/{os.getuid()}")) / name


def _platform(env: Mapping[str, str]) -> str:
    """The plugin Qt will try first (its own rule, simplified)."""
    chosen = env.get("QT_QPA_PLATFORM", "").split(";")[0].split(":")[0].strip()
    if chosen:
        return chosen
    if env.get("WAYLAND_DISPLAY") and (env.get("XDG_SESSION_TYPE") == "wayland"
                                       or not env.get("DISPLAY")):
        return "wayland"
    return "xcb"


def display_problem(env: Mapping[str, str] | None = None) -> str | None:
    """What keeps the window from opening, as lines for the terminal; None when nothing."""
    env = os.environ if env is None else env
    if not sys.platform.startswith("linux") or env.get(SKIP_ENV):
        return None
    platform = _platform(env)
    if platform not in ("xcb", "wayland"):
        return None          # offscreen, vnc, eglfs...: the user chose it
    if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        return "no display found (neither DISPLAY nor WAYLAND_DISPLAY is set)"
    if platform == "wayland":
        socket = wayland_socket(env)
        if socket.exists():
            return None
        if not env.get("DISPLAY"):
            return f"the Wayland display “{env.get('WAYLAND_DISPLAY')}” has no socket ({socket})"
        # Qt falls back to xcb: check that instead.
    folder = plugin_dir(env)
    problems: list[str] = []
    plugin = folder / "libqxcb.so" if folder is not None else None
    if plugin is None or not plugin.exists():
        problems.append(f"the Qt platform plugin for X11 is missing ({plugin or 'PySide6'}): "
                        "reinstall PySide6-Essentials")
    else:
        missing = missing_libraries(plugin)
        if missing is not None and missing.libraries:
            problems.append(describe_missing(missing))
    error = x_display_error(env.get("DISPLAY", ""))
    if error:
        problems.append(error)
    return "\n".join(problems) or None


def describe_missing(missing: Missing) -> str:
    lines = [f"the Qt platform plugin for X11 ({missing.plugin}) cannot load: "
             f"{', '.join(missing.libraries)} not found."]
    packages = missing.packages()
    if packages:
        lines.append("On Debian or Ubuntu install them with:\n"
                     f"  sudo apt-get install {' '.join(packages)}")
    unknown = missing.unknown()
    qt_own = [lib for lib in unknown if lib.startswith(("libQt6", "libicu", "libpyside6",
                                                        "libshiboken6"))]
    if qt_own:
        lines.append(f"{', '.join(qt_own)} belong to PySide6 itself: reinstall "
                     "PySide6-Essentials (or unset QT_QPA_PLATFORM_PLUGIN_PATH).")
    others = [lib for lib in unknown if lib not in qt_own]
    if others:
        lines.append("Find the packages of the others with `apt-file search NAME`: "
                     + ", ".join(others))
    return "\n".join(lines)


def report(problem: str) -> str:
    """The whole message printed before exiting with status 2."""
    return f"kfp-designer: the designer window cannot open: {problem}\n{CLI_HINT}"


__all__ = ["display_problem", "report", "missing_libraries", "parse_ldd", "x_display_error",
           "DEBIAN_PACKAGES", "README_PACKAGES", "SKIP_ENV"]
