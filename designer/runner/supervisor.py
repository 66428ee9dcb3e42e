"""The process between the run engine and one task: nothing the task starts outlives it.

    python -I -S supervisor.py     (stdin: what to run, then the control pipe)

What to run comes first on stdin (it may be megabytes): a line with three sizes in bytes,
then the arguments and the environment's NAME=VALUE entries, each ended by a NUL byte,
and the working folder. The engine starts a supervisor before it has a task for it (so
no task waits for an interpreter to start); one that gets end of file instead exits.
Run as a script by path with the standard library only (the task's environment may have
no designer in it), importing little: its start-up is paid once per task. It makes itself a *child subreaper* (Linux ``PR_SET_CHILD_SUBREAPER``),
so a double-forked daemon of the task is reparented to it instead of to init and stays
findable among its descendants; then it starts the task in a process group of its own,
with stdout/stderr inherited (the engine's pipes) and stdin from /dev/null. It ends
every descendant when

  * the task's main process exits (a cluster container ends with its program),
  * it gets SIGTERM/SIGINT/SIGHUP (the engine's cancel or timeout), or
  * its stdin reaches end of file: the engine died, even by ``kill -9``,

politely first (SIGTERM, GRACE seconds) on a stop, at once (SIGKILL) once the task is
done, and exits with the task's status (a task killed by a signal: the same signal).

Where there is no subreaper (not Linux) or no /proc, it still kills the task's process
group on all three events; a task that leaves its group (``setsid``) and whose parent
exits can then escape.
"""
import _signal as signal  # the C module: `signal` would import enum, ~5 ms per task
import os
import select
import sys
import time

GRACE = 1.0
PR_SET_CHILD_SUBREAPER = 36


def become_subreaper() -> bool:
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def descendants(root: int) -> list[int]:
    """Live (not zombie) descendants of ``root``, from /proc (empty without /proc). The
    command name in /proc/<pid>/stat may hold spaces and parentheses: the fields follow
    its last ')'."""
    children: dict[int, list[int]] = {}
    zombies = set()
    try:
        entries = os.listdir("/proc")
    except OSError:
        return []
    for entry in entries:
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue
        fields = stat[stat.rfind(b")") + 2:].split()
        if len(fields) > 1:
            children.setdefault(int(fields[1]), []).append(int(entry))
            if fields[0] == b"Z":
                zombies.add(int(entry))
    out, todo = [], [root]
    while todo:
        for child in children.get(todo.pop(), []):
            todo.append(child)
            if child not in zombies:
                out.append(child)
    return out


def reap() -> dict[int, int]:
    """Collects every exited child; pid -> wait status."""
    done = {}
    while True:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return done
        if pid == 0:
            return done
        done[pid] = status


def signal_all(task_pgid: int, sig: int) -> int:
    """Sends ``sig`` to the task's group and every descendant; how many were found alive."""
    try:
        os.killpg(task_pgid, sig)
    except OSError:
        pass
    pids = descendants(os.getpid())
    for pid in pids:
        try:
            os.kill(pid, sig)
        except OSError:
            pass
    return len(pids)


def read_task() -> tuple[list[bytes], dict[bytes, bytes], bytes] | None:
    """(argv, environment, working folder), or None at end of file (never used)."""
    control = sys.stdin.buffer
    header = control.readline().split()
    if len(header) != 3:
        return None
    argv_size, env_size, cwd_size = (int(x) for x in header)
    argv = control.read(argv_size).split(b"\0")[:-1]
    env = dict(entry.partition(b"=")[::2] for entry in control.read(env_size).split(b"\0")[:-1])
    return argv, env, control.read(cwd_size)


def main() -> int:
    task = read_task()
    if task is None:
        return 0
    argv, env, cwd = task
    become_subreaper()
    wake_r, wake_w = os.pipe()          # not inherited by the task (PEP 446)
    os.set_blocking(wake_w, False)
    asked_to_stop = []

    def on_stop(signum, frame):
        asked_to_stop.append(signum)

    for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(sig, on_stop)
    signal.signal(signal.SIGCHLD, lambda signum, frame: None)  # only to wake select
    signal.set_wakeup_fd(wake_w, warn_on_full_buffer=False)
    pid = os.fork()
    if pid == 0:  # the task
        try:
            os.setpgid(0, 0)
            for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP, signal.SIGCHLD):
                signal.signal(sig, signal.SIG_DFL)
            devnull = os.open(os.devnull, os.O_RDONLY)
            os.dup2(devnull, 0)
            os.chdir(cwd)
            os.execvpe(argv[0], argv, env)
        except (OSError, ValueError) as e:
            what = getattr(e, "strerror", None) or str(e)
            os.write(2, b"kfp-designer: cannot run `" + argv[0] + b"`: " + what.encode() + b"\n")
            os._exit(127 if isinstance(e, FileNotFoundError) else 126)
    try:
        os.setpgid(pid, pid)  # here too, so the group exists before any kill
    except OSError:
        pass
    status = None
    while status is None and not asked_to_stop:
        ready, _, _ = select.select([0, wake_r], [], [], 5.0)
        if wake_r in ready:
            os.read(wake_r, 512)
        status = reap().get(pid)
        if 0 in ready and not os.read(0, 512):   # end of file: the engine is gone
            break
    if status is None:  # a stop, or no engine: TERM, a grace period, then KILL
        signal_all(pid, signal.SIGTERM)
        deadline = time.monotonic() + GRACE
        while time.monotonic() < deadline:
            status = reap().get(pid, status)
            if status is not None and not descendants(os.getpid()):
                break
            select.select([wake_r], [], [], 0.02)
    for _ in range(1000):  # what is left, late children of dying processes included
        found = signal_all(pid, signal.SIGKILL)
        status = reap().get(pid, status)
        if not found and status is not None:
            break
        select.select([wake_r], [], [], 0.005)
    if status is None:
        _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status):  # die of the same signal, so the engine sees it
        sig = os.WTERMSIG(status)
        signal.set_wakeup_fd(-1)
        if sig not in (signal.SIGKILL, signal.SIGSTOP):   # those cannot be caught anyway
            signal.signal(sig, signal.SIG_DFL)
        os.kill(os.getpid(), sig)
        return 128 + sig
    return os.WEXITSTATUS(status) if os.WIFEXITED(status) else 1


if __name__ == "__main__":
    sys.exit(main())
