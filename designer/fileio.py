"""Reading and writing the files a person names, without damaging what is not ours.

Writing: a regular file (or a new one) is replaced atomically: a temp file in the same folder,
fsync, rename, so a crash leaves the old or the new content, never half of it. A symlink is
saved through to its target and stays a link; the target keeps its mode and, where we may, its
owner. Anything else (a device, a FIFO, a terminal, ``/proc/self/fd/N``, ``/dev/stdout``) is
written through in place: renaming over it would replace the node itself (as root,
``/dev/null``). Temp files carry our pid in their name, so the next save next to them removes
those a killed save left behind (and only those: a live process's temp file is left alone).

Reading: regular files only, up to a size limit, so a FIFO cannot block us, ``/dev/zero``
cannot exhaust memory and ``/dev/urandom`` cannot grow without bound.
"""
from __future__ import annotations

import errno
import os
import re
import secrets
import stat
import time

from designer.ir.errors import InputError

# Far above any real pipeline (a 20,000-task project is ~10 MB) and far below a memory problem.
MAX_INPUT_BYTES = 64 * 1024 * 1024
TEMP_SUFFIX = ".designer-tmp"
_NAME_KEEP = 100        # characters of the target's name kept in a temp name (NAME_MAX is 255)
_LEGACY_AGE = 600.0     # seconds: temp files of older designers (no pid) older than this are stale
_MAX_HOPS = 40          # symlinks followed, as the kernel does (ELOOP beyond)
_writing: set[str] = set()   # temp files this process is writing right now


class ReadOnlyError(PermissionError):
    """The target exists and is read-only; a caller that asked may pass overwrite_readonly."""


# --- reading ---------------------------------------------------------------------------------

def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO (named pipe)"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
                       (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return name
    return "not a regular file"


def read_input_bytes(path: str | os.PathLike, limit: int = MAX_INPUT_BYTES) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; InputError saying why not."""
    where = os.fspath(path)
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer; fstat then refuses it.
        fd = os.open(where, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)
                     | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise InputError("cannot read: no such file", where) from None
    except OSError as e:
        raise InputError(f"cannot read: {e.strerror or e}", where) from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise InputError(f"cannot read {_kind(st.st_mode)}: give a regular file", where)
        if st.st_size > limit:
            raise InputError(f"too large to be a pipeline ({st.st_size:,} bytes; the limit is "
                             f"{limit:,})", where)
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:   # it grew while we read
            raise InputError(f"too large to be a pipeline (over {limit:,} bytes)", where)
        return b"".join(chunks)
    except OSError as e:
        raise InputError(f"cannot read: {e.strerror or e}", where) from None
    finally:
        os.close(fd)


def read_input_text(path: str | os.PathLike, limit: int = MAX_INPUT_BYTES) -> str:
    """A regular UTF-8 text file (a BOM is dropped); InputError with the line of a bad byte."""
    data = read_input_bytes(path, limit)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[:e.start].count(b"\n") + 1
        raise InputError(f"not UTF-8 text (byte {e.start} cannot be decoded)", os.fspath(path),
                         line) from None


# --- writing ---------------------------------------------------------------------------------

def _in_proc(path: str) -> bool:
    """Whether ``path`` names an entry of /proc (``/proc/self/fd/1``, ``/dev/fd/1``...):
    a magic link whose target text is no path to rename over."""
    real_dir = os.path.realpath(os.path.dirname(os.path.abspath(path)))
    return real_dir == "/proc" or real_dir.startswith("/proc/")


def _resolve(path: str) -> tuple[str, bool]:
    """(the file to write, whether to write through it in place rather than replace it).

    Symlinks are followed one hop at a time so a hop into /proc is seen before the kernel's
    magic links turn it into ``pipe:[123]`` or into a file opened in append mode.
    """
    current = os.path.abspath(path)
    for _ in range(_MAX_HOPS):
        if _in_proc(current):
            return path, True
        try:
            link = os.readlink(current)
        except OSError:
            break          # not a link, or missing: ``current`` is the file
        current = os.path.join(os.path.dirname(current), link)
    else:
        raise OSError(errno.ELOOP, os.strerror(errno.ELOOP), path)
    final = os.path.join(os.path.realpath(os.path.dirname(current)), os.path.basename(current))
    try:
        st = os.stat(final)
    except FileNotFoundError:
        return final, False
    if stat.S_ISDIR(st.st_mode):
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), path)
    return final, not stat.S_ISREG(st.st_mode)


def _temp_prefix(target: str) -> str:
    return f".{os.path.basename(target)[:_NAME_KEEP]}."


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if os.name == "nt":        # os.kill(pid, 0) would terminate it there
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True            # someone else's process
    return True


def clean_stale_temps(target: str | os.PathLike) -> list[str]:
    """Remove temp files a killed save of ``target`` left next to it; the removed paths.

    Ours are ``.NAME.PID.RANDOM.designer-tmp``: stale when PID is no live process (or is us and
    we are not writing it). Older designers named them ``.NAME.RANDOM8.tmp`` (mkstemp), with no
    pid: those are stale once some minutes old.
    """
    target = os.fspath(target)
    folder = os.path.dirname(os.path.abspath(target))
    prefix = _temp_prefix(target)
    ours = re.compile(re.escape(prefix) + r"(\d+)\.[0-9a-f]{16}" + re.escape(TEMP_SUFFIX) + "$")
    legacy = re.compile(re.escape(f".{os.path.basename(target)}.") + r"[a-z0-9_]{8}\.tmp$")
    removed = []
    try:
        names = [n for n in os.listdir(folder)
                 if n.startswith((prefix, f".{os.path.basename(target)}."))]
    except OSError:
        return removed
    now = time.time()
    for name in names:
        full = os.path.join(folder, name)
        m = ours.match(name)
        try:
            if m:
                stale = full not in _writing and (int(m.group(1)) == os.getpid()
                                                  or not _alive(int(m.group(1))))
            elif legacy.match(name):
                stale = now - os.lstat(full).st_mtime > _LEGACY_AGE
            else:
                continue
            if stale and stat.S_ISREG(os.lstat(full).st_mode):
                os.unlink(full)
                removed.append(full)
        except OSError:
            continue           # gone already, or not ours to remove
    return removed


def is_read_only(path: str | os.PathLike) -> bool:
    """Whether an existing file is read-only: no write bit at all, or none for us.

    The mode bits count even for root (who may write anyway): a person made it read-only.
    """
    try:
        target, through = _resolve(os.fspath(path))
        st = os.stat(target)
    except OSError:
        return False
    if through or not stat.S_ISREG(st.st_mode):
        return False
    return not (st.st_mode & 0o222) or not os.access(target, os.W_OK)


def _utf8(text: str, path: str | os.PathLike) -> bytes:
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as e:      # a lone surrogate: no UTF-8 file can hold it
        raise OSError(errno.EILSEQ, f"character {e.start} ({text[e.start]!a}) cannot be "
                      "written as UTF-8", os.fspath(path)) from None


def _write_through(path: str, data: bytes) -> None:
    with open(path, "wb") as f:
        f.write(data)
        f.flush()


def _fsync_folder(folder: str) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_text(path: str | os.PathLike, text: str, *, overwrite_readonly: bool = False) -> None:
    """Write ``text`` (UTF-8, ``\\n`` line ends) to ``path`` without damaging anything else.

    Raises OSError (ReadOnlyError for a read-only target unless ``overwrite_readonly``).
    """
    data = _utf8(text, path)
    target, through = _resolve(os.fspath(path))
    if through:
        _write_through(target, data)
        return
    try:
        old = os.stat(target)
    except FileNotFoundError:
        old = None
    if old is not None and not overwrite_readonly and is_read_only(target):
        raise ReadOnlyError(errno.EACCES, "the file is read-only", os.fspath(path))
    folder = os.path.dirname(target)
    clean_stale_temps(target)
    tmp = os.path.join(folder, f"{_temp_prefix(target)}{os.getpid()}.{secrets.token_hex(8)}"
                               f"{TEMP_SUFFIX}")
    _writing.add(tmp)
    try:
        # 0o666 less the umask, as any new file; an existing target's mode is copied below.
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0),
                     0o666)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
            os.fsync(fd)
            if old is not None:
                _copy_owner_and_mode(fd, old)
        finally:
            os.close(fd)
        os.replace(tmp, target)
        _fsync_folder(folder)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    finally:
        _writing.discard(tmp)


def _copy_owner_and_mode(fd: int, old: os.stat_result) -> None:
    if hasattr(os, "fchown"):
        mine = os.fstat(fd)
        if (mine.st_uid, mine.st_gid) != (old.st_uid, old.st_gid):
            try:
                os.fchown(fd, old.st_uid, old.st_gid)
            except OSError:
                try:                       # not root: our group may still be theirs
                    os.fchown(fd, -1, old.st_gid)
                except OSError:
                    pass
    if hasattr(os, "fchmod"):
        os.fchmod(fd, stat.S_IMODE(old.st_mode))     # after chown, which drops set-id bits


def write_output(text: str, path: str | os.PathLike) -> None:
    """``write_text`` for a command line's ``-o``: ``-`` is stdout (bytes, UTF-8)."""
    if os.fspath(path) == "-":
        import sys
        data = _utf8(text, path)
        buffer = getattr(sys.stdout, "buffer", None)
        if buffer is None:          # replaced by a text stream (tests, embedding)
            sys.stdout.write(text)
            sys.stdout.flush()
            return
        sys.stdout.flush()
        buffer.write(data)          # UTF-8 whatever the locale says, like the files
        buffer.flush()
        return
    write_text(path, text)
