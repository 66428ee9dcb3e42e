"""Writing and reading the files a person names: nothing that is not ours is damaged.

Repros of issue 10 ("Never damage what is not ours"): -o onto a device node, a FIFO, a link
to /proc/self/fd/1, a symlink; modes, owners, read-only files; temp files of killed saves;
inputs that are not regular files.
"""
import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from designer import fileio, persist
from designer.ir.errors import InputError
from designer.resources_path import resources_dir

EXAMPLE = resources_dir() / "examples" / "example_pipeline.kfpd"


def cli(*args, **kw):
    return subprocess.run([sys.executable, "-m", "designer", *map(str, args)],
                          capture_output=True, text=True, **kw)


def _char_device(folder: Path) -> Path:
    """A character device node in ``folder``: a new one (mknod, as root), else a symlink to
    /dev/null (the rename would replace the link; the device must stay untouched either way)."""
    node = folder / "mynull"
    try:
        os.mknod(node, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except PermissionError:
        node.symlink_to("/dev/null")
    return node


def test_o_onto_a_device_writes_through_it(tmp_path):
    node = _char_device(tmp_path)
    before = os.lstat(node)
    res = cli("compile", "--example", "-o", node)
    assert res.returncode == 0, res.stderr
    after = os.lstat(node)
    assert (after.st_mode, after.st_ino) == (before.st_mode, before.st_ino)
    assert stat.S_ISCHR(os.stat(node).st_mode)
    assert os.stat(node).st_rdev == os.stat("/dev/null").st_rdev
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mynull"]   # no temp file left


def test_o_onto_a_fifo_writes_into_the_pipe(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE)
    res = cli("compile", "--example", "-o", fifo)
    out, _ = reader.communicate(timeout=60)
    assert res.returncode == 0, res.stderr
    assert out.startswith(b"apiVersion: argoproj.io/v1alpha1")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


@pytest.mark.parametrize("target", ["/proc/self/fd/1", "/dev/stdout", "-"])
def test_o_to_stdout_by_any_name_writes_stdout(tmp_path, target):
    if target == "-":
        out = "-"
    else:
        out = tmp_path / "out.yaml"
        out.symlink_to(target)
    res = cli("compile", "--example", "-o", out)
    assert res.returncode == 0, res.stderr
    assert res.stdout.startswith("apiVersion: argoproj.io/v1alpha1")
    if target != "-":
        assert os.readlink(out) == target            # still the link
        assert sorted(p.name for p in tmp_path.iterdir()) == ["out.yaml"]


def test_saving_through_a_symlink_keeps_the_link_and_the_target_mode(tmp_path):
    real = tmp_path / "real" / "p.kfpd"
    real.parent.mkdir()
    real.write_text("old")
    os.chmod(real, 0o640)
    link = tmp_path / "link.kfpd"
    link.symlink_to(Path("real") / "p.kfpd")       # relative, as people make them
    persist.save(persist.load(EXAMPLE), link)
    assert link.is_symlink() and os.readlink(link) == str(Path("real") / "p.kfpd")
    assert real.read_text() == EXAMPLE.read_text()
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
    assert sorted(p.name for p in real.parent.iterdir()) == ["p.kfpd"]


def test_saving_keeps_the_owner_where_we_may(tmp_path):
    target = tmp_path / "p.kfpd"
    target.write_text("old")
    owner = (65534, 65534) if os.geteuid() == 0 else (os.getuid(), os.getgid())
    if os.geteuid() == 0:
        os.chown(target, *owner)
    persist.atomic_write_text(target, "new")
    st = target.stat()
    assert (st.st_uid, st.st_gid) == owner and target.read_text() == "new"


def test_a_new_file_gets_the_umask_mode(tmp_path):
    old = os.umask(0o027)
    try:
        persist.atomic_write_text(tmp_path / "new.yaml", "x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.yaml").stat().st_mode) == 0o640


def test_a_read_only_file_is_refused_unless_asked(tmp_path):
    target = tmp_path / "ro.yaml"
    target.write_text("keep me")
    os.chmod(target, 0o444)
    res = cli("compile", "--example", "-o", target)
    assert res.returncode == 2
    assert res.stderr.strip() == f"{target}: cannot write: the file is read-only"
    assert target.read_text() == "keep me"
    with pytest.raises(fileio.ReadOnlyError):
        persist.atomic_write_text(target, "x")
    persist.atomic_write_text(target, "x", overwrite_readonly=True)
    assert target.read_text() == "x" and stat.S_IMODE(target.stat().st_mode) == 0o444


def test_a_folder_or_a_link_loop_is_a_message(tmp_path):
    res = cli("compile", "--example", "-o", tmp_path)
    assert res.returncode == 2 and "cannot write: Is a directory" in res.stderr
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    res = cli("compile", "--example", "-o", loop)
    assert res.returncode == 2 and "cannot write: Too many levels of symbolic links" in res.stderr
    assert "Traceback" not in res.stderr


def _temp_name(target: Path, pid: int) -> Path:
    return target.parent / f".{target.name}.{pid}.{'0' * 16}{fileio.TEMP_SUFFIX}"


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_the_next_save_removes_temp_files_of_killed_saves_only(tmp_path):
    target = tmp_path / "p.kfpd"
    stale = _temp_name(target, _dead_pid())
    live = _temp_name(target, os.getppid())            # a live process may still be saving
    legacy_old = tmp_path / ".p.kfpd.ab12cd34.tmp"      # mkstemp names of older designers
    legacy_new = tmp_path / ".p.kfpd.zz99yy88.tmp"
    other = tmp_path / ".q.kfpd.1.0000000000000000.designer-tmp"   # another file's
    for path in (stale, live, legacy_old, legacy_new, other):
        path.write_text("half a save")
    an_hour_ago = time.time() - 3600
    os.utime(legacy_old, (an_hour_ago, an_hour_ago))
    persist.save(persist.load(EXAMPLE), target)
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == sorted([target.name, live.name, legacy_new.name, other.name])


def test_a_failed_save_keeps_the_old_file_and_leaves_no_temp(tmp_path, monkeypatch):
    target = tmp_path / "p.kfpd"
    target.write_text("old")

    def full(*a, **k):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OSError):
        fileio.write_text(target, "new")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["p.kfpd"]


def test_a_lone_surrogate_is_refused_before_anything_is_written(tmp_path):
    target = tmp_path / "p.yaml"
    with pytest.raises(OSError, match="cannot be written as UTF-8"):
        fileio.write_text(target, "a\ud800b")
    assert not target.exists() and list(tmp_path.iterdir()) == []


# --- reading -------------------------------------------------------------------------------

@pytest.mark.parametrize("make, words", [
    (lambda d: os.mkfifo(d / "p.kfpd"), "cannot read a FIFO (named pipe): give a regular file"),
    (lambda d: (d / "p.kfpd").symlink_to("/dev/zero"), "cannot read a character device"),
    (lambda d: (d / "p.kfpd").symlink_to("/dev/urandom"), "cannot read a character device"),
    (lambda d: (d / "p.kfpd").mkdir(), "cannot read a folder"),
])
def test_inputs_must_be_regular_files(tmp_path, make, words):
    make(tmp_path)
    path = tmp_path / "p.kfpd"
    # A hang would be the bug (a FIFO without a writer): the timeout turns it into a failure.
    res = cli("validate", path, timeout=60)
    assert res.returncode == 2
    assert res.stderr.strip() == f"{path}: {words}" or words in res.stderr, res.stderr
    assert "Traceback" not in res.stderr and "MemoryError" not in res.stderr


def test_inputs_over_the_size_limit_are_refused(tmp_path):
    path = tmp_path / "big.kfpd"
    path.write_bytes(b"#" * 2001)
    with pytest.raises(InputError, match=r"too large to be a pipeline \(2,001 bytes; the limit "
                                         r"is 2,000\)"):
        fileio.read_input_bytes(path, limit=2000)
    assert fileio.read_input_bytes(path, limit=2001) == b"#" * 2001
