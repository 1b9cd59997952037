"""A lock between processes on one file: shared or exclusive, tried without blocking.

Why the operating system's locks and not a file that says "taken": they belong to
the process.  A process killed with kill -9, or a laptop that loses power, holds
nothing afterwards, so a lock is never stale and nobody has to guess whether its
holder still lives; the next process simply gets it ("taken over safely").

POSIX: `flock` on the whole file (it belongs to the open file, so closing some
other descriptor of the same file releases nothing).  Windows: `LockFileEx` on
one byte far past the end of the file: Windows locks are mandatory, and locking
the bytes of the text inside would keep other processes from reading who holds it.

Waiting, messages and re-entry within a process are `models.storage.database_lock`'s job.
"""

from __future__ import annotations

import os
from pathlib import Path

WINDOWS = os.name == "nt"

if WINDOWS:  # pragma: no cover - CI runs on Linux; kept small and plain for the Windows laptops
    import ctypes
    import msvcrt
    from ctypes import wintypes

    _LOCKFILE_FAIL_IMMEDIATELY = 0x1
    _LOCKFILE_EXCLUSIVE_LOCK = 0x2
    _ERROR_LOCK_VIOLATION = 33
    _ERROR_IO_PENDING = 997
    _REGION_OFFSET_HIGH = 1  # the byte at 4 GiB: never part of the file's text

    class _Overlapped(ctypes.Structure):
        _fields_ = [("Internal", ctypes.c_size_t), ("InternalHigh", ctypes.c_size_t),
                    ("Offset", wintypes.DWORD), ("OffsetHigh", wintypes.DWORD), ("hEvent", wintypes.HANDLE)]

    _kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    _kernel32.LockFileEx.argtypes = (wintypes.HANDLE, wintypes.DWORD, wintypes.DWORD, wintypes.DWORD, wintypes.DWORD,
                                     ctypes.POINTER(_Overlapped))
    _kernel32.LockFileEx.restype = wintypes.BOOL
    _kernel32.UnlockFileEx.argtypes = (wintypes.HANDLE, wintypes.DWORD, wintypes.DWORD, wintypes.DWORD,
                                       ctypes.POINTER(_Overlapped))
    _kernel32.UnlockFileEx.restype = wintypes.BOOL

    def _region() -> _Overlapped:
        overlapped = _Overlapped()
        overlapped.OffsetHigh = _REGION_OFFSET_HIGH
        return overlapped

    def _try_lock(fd: int, shared: bool) -> bool:
        flags = _LOCKFILE_FAIL_IMMEDIATELY | (0 if shared else _LOCKFILE_EXCLUSIVE_LOCK)
        if _kernel32.LockFileEx(msvcrt.get_osfhandle(fd), flags, 0, 1, 0, ctypes.byref(_region())):
            return True
        error = ctypes.get_last_error()
        if error in (_ERROR_LOCK_VIOLATION, _ERROR_IO_PENDING):
            return False
        raise ctypes.WinError(error)

    def _unlock(fd: int) -> None:
        _kernel32.UnlockFileEx(msvcrt.get_osfhandle(fd), 0, 1, 0, ctypes.byref(_region()))

else:
    import errno
    import fcntl

    def _try_lock(fd: int, shared: bool) -> bool:
        try:
            fcntl.flock(fd, (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)
        except OSError as error:
            if error.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                return False
            raise
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


class FileLock:
    """One lock file; `try_acquire` opens it (creating it) and locks, `release` unlocks and closes.

    The file is never deleted: deleting a lock file while another process waits
    on it lets two processes hold "the" lock on two different files.
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._fd: int | None = None
        self.shared = False

    @property
    def held(self) -> bool:
        return self._fd is not None

    def try_acquire(self, shared: bool = False) -> bool:
        """Lock without waiting; False if another process holds it in a conflicting way.

        Raises OSError when the file cannot be opened (a read-only folder, say).
        To change the mode of a held lock, release it and try again: neither
        flock nor LockFileEx converts a lock without letting go of it first.
        """
        if self._fd is not None:
            raise RuntimeError(f"{self.path} is already locked by this process")
        self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o666)
        try:
            locked = _try_lock(self._fd, shared)
        except OSError:
            self._close()
            raise
        if not locked:
            self._close()
            return False
        self.shared = shared
        return True

    def release(self) -> None:
        if self._fd is not None:
            try:
                _unlock(self._fd)
            finally:
                self._close()

    def _close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
            self.shared = False

    def write_text(self, text: str) -> None:
        """Replace the file's text (who holds the lock); only its holder writes."""
        if self._fd is None:
            raise RuntimeError("write_text needs the lock")
        data = text.encode("utf-8")
        os.lseek(self._fd, 0, os.SEEK_SET)
        os.write(self._fd, data)
        os.ftruncate(self._fd, len(data))

    def read_text(self) -> str:
        """The file's text, read through a separate handle; '' if there is none."""
        try:
            return self.path.read_bytes()[:4096].decode("utf-8", "replace")
        except OSError:
            return ""
