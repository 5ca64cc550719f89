"""A cache of checked plan files in ``.cascade_cache/``, keyed by each file's content.

Reading and checking a file against the format is most of the cost of a run, and in a
directory plan most files do not change between two runs. Each file's outcome (its
validated records, where each one is written, its source map and its faults) is stored
under the hash of its bytes, of the cascade version and of the safety caps, like mypy's
and ruff's caches. The rules still run on the whole plan, so the diagnostics are exactly
those of a cold run. (When no file changed at all, :mod:`cascade.store.verdicts` replays the
last report instead, from the same folder.)

Entries are pickles, and unpickling runs code named in the data: an entry is only read
when it carries a MAC made with a secret kept outside the project
(``$XDG_CACHE_HOME/cascade/cache-key``, made on first use, readable by its owner only).
A cache folder that arrives with a clone or a pull request is therefore never trusted:
its entries fail the check and the files are read again.

To find a file's entry without reading and hashing the file, the cache also keeps, for
each file, its size, inode, and change and modification times (``stat``) with the key its
content had, like git's index. A file whose status is unchanged has unchanged content: any
write sets its change time (ctime), which no tool can set back. A file changed within a
second or two of the run that recorded it could share a change time with its old content,
so such "racy" files are not recorded (git's "racily clean" rule) and are hashed again.

The folder itself comes with the project, so a pull request can put anything in its place:
a symlink to another folder, a file, a folder of its own. cascade uses only a folder it made
itself: it creates it whole (marker included) under a temporary name and renames it into
place, marks it with a MAC of its real path made with the secret key, and then reaches
every entry through a descriptor of that folder, never following a symlink. A folder that
is a symlink, belongs to another user, or lacks our mark is not read, written or pruned:
the run goes on without a cache and says so once (:class:`CacheWarning`).
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import itertools
import marshal
import os
import stat
import time
import warnings
from pathlib import Path
from types import ModuleType
from typing import Any, BinaryIO

from cascade._version import __version__
from cascade.limits import Limits
from cascade.store.atomic import left_over, replacing_at

CACHE_DIR = ".cascade_cache"
_FORMAT = 3  # bump when what is stored changes shape (3: amounts are int or Decimal, never float)
_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# This folder is a cache made by cascade.\n"
_MAC_SIZE = 32
LARGEST_CACHED = 64 * 2**20
"""Bigger files are not cached. The cache pays off for plans kept as many files, most of them
unchanged between two runs; a file this big (a whole plan of some 200,000 nodes) is read
whole whenever any line of it changes, and storing it would add a third to the run and as
much memory again as its records. A directory plan's people file stays well below it."""
_STATUS = "files"  # the record of each file's status and key, beside the entries
_MARK = ".made-by-cascade"
"""The folder's mark: a MAC of its real path with the secret key, so only a folder this
user's cascade made on this machine, where it stands, is used."""
_LARGEST_ENTRY = 2**30
"""Entries bigger than this are not read (ours are far smaller: see LARGEST_CACHED)."""
_NUMBERS = itertools.count()
_DIR_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
_NEW_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
SUPPORTED = (
    hasattr(os, "O_NOFOLLOW")
    and hasattr(os, "O_DIRECTORY")
    and {os.open, os.rename, os.unlink, os.stat} <= os.supports_dir_fd
    and os.scandir in os.supports_fd
)
"""Whether this system can reach files through a folder's descriptor without following
symlinks (POSIX systems can; Windows cannot, and there nothing is cached)."""


class CacheWarning(UserWarning):
    """The cache folder cannot be used safely; the run goes on without it."""


RACY_NS = 2_000_000_000
"""A file changed this close to the end of a run may change again within the same timestamp:
its status proves nothing, so it is hashed again next time."""

Status = tuple[int, int, int, int, int]
"""(size, inode, device, ctime ns, mtime ns) of a file."""


def _pickle() -> ModuleType:
    import pickle  # parts only: a replayed verdict is plain data and needs no pickle

    return pickle


def status_of(info: os.stat_result) -> Status:
    return (info.st_size, info.st_ino, info.st_dev, info.st_ctime_ns, info.st_mtime_ns)


def secret_path() -> Path:
    """Where the key that signs cache entries lives: the user's cache folder, not the project."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base, "cascade", "cache-key")


def machine_secret() -> bytes | None:
    """The signing key, made on first use; None when it cannot be kept (then nothing is cached)."""
    path = secret_path()
    try:
        key = path.read_bytes()
        if len(key) >= 32:
            return key
    except OSError:
        pass
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fresh = os.urandom(32)  # what secrets.token_bytes does, without importing it
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as out:
            out.write(fresh)
        return fresh
    except FileExistsError:  # another run made it first: use theirs
        with contextlib.suppress(OSError):
            key = path.read_bytes()
            if len(key) >= 32:
                return key
        return None
    except OSError:
        return None


class _Signing:
    """A stream that signs what goes through it."""

    def __init__(self, stream: BinaryIO, mac: hashlib.blake2b) -> None:
        self.stream = stream
        self.mac = mac

    def write(self, data: bytes) -> int:
        self.mac.update(data)
        return self.stream.write(data)


class FileCache:
    """Cached outcomes for the files below one folder; unused entries are pruned by :meth:`close`."""

    def __init__(self, folder: Path, secret: bytes | None = None, *, layout: str = "") -> None:
        self.folder = folder / CACHE_DIR
        self._where = os.fspath(self.folder)
        self.secret = secret if secret is not None else machine_secret()
        self.layout = layout
        """The shape of what is stored (its classes and their fields): a new shape, new keys."""
        self.used: set[str] = set()
        self._known: dict[str, tuple[Status, str]] | None = None
        self._seen: dict[str, tuple[Status, str]] = {}
        self._salts: dict[Limits, str] = {}
        self._fd: int | None = None
        """A descriptor of the folder, once it is known to be ours."""
        self.refused: str | None = None
        """Why the folder is not used, when it is not (also given as a :class:`CacheWarning`)."""

    # -- the folder ------------------------------------------------------------------------

    def _folder(self, *, create: bool) -> int | None:
        """The folder's descriptor, if it is ours; made first when ``create`` and missing."""
        if self._fd is not None or self.refused is not None or self.secret is None or not SUPPORTED:
            return self._fd
        try:
            fd = os.open(self._where, _DIR_FLAGS)
        except FileNotFoundError:
            if not create or not self._make():
                return None
            try:
                fd = os.open(self._where, _DIR_FLAGS)
            except OSError as exc:
                return self._refuse(exc)
        except OSError as exc:  # a symlink (ELOOP), a file (ENOTDIR), no permission
            return self._refuse(exc)
        try:
            info = os.fstat(fd)
            if info.st_uid != _euid():
                os.close(fd)
                return self._refuse("it belongs to another user")
            if not self._marked(fd):
                os.close(fd)
                return self._refuse("cascade did not make it here; delete it to let cascade make its own")
        except OSError as exc:
            os.close(fd)
            return self._refuse(exc)
        self._fd = fd
        return fd

    def _refuse(self, why: OSError | str) -> int | None:
        if isinstance(why, OSError):
            why = _what_stands(self._where) or why.strerror or str(why)
        self.refused = f"not using the cache folder {self._where}: {why}"
        warnings.warn(self.refused, CacheWarning, stacklevel=4)
        return None

    def _make(self) -> bool:
        """Make the folder whole under a temporary name, then move it into place: no run ever
        sees it without its mark. False when it cannot be made (a read-only checkout)."""
        temporary = f"{self._where}.{os.getpid()}.{next(_NUMBERS)}.tmp"
        try:
            os.mkdir(temporary, 0o700)  # a plan is confidential, and so is what is kept of it
        except OSError:
            return False
        made = False
        try:
            fd = os.open(temporary, _DIR_FLAGS)
            try:
                _write_new(fd, "CACHEDIR.TAG", _TAG.encode())
                _write_new(fd, ".gitignore", b"*\n")
                _write_new(fd, _MARK, self._mark(os.path.realpath(self._where)))
            finally:
                os.close(fd)
            os.rename(temporary, self._where)  # fails when something stands there now
            made = True
        except OSError:
            pass
        if not made:
            _remove_tree(temporary)
        return True  # made here, or by another run meanwhile: open() decides which

    def _mark(self, real_path: str) -> bytes:
        assert self.secret is not None
        return hmac.new(self.secret, b"cascade cache folder\0" + os.fsencode(real_path), "blake2b").digest()

    def _marked(self, fd: int) -> bool:
        found = _read_regular(fd, _MARK, 1024)
        return found is not None and hmac.compare_digest(found, self._mark(os.path.realpath(self._where)))

    def known(self, name: str, status: Status) -> str | None:
        """The key of a file (``name`` says which file, and under which caps) whose status has
        not changed since the last run recorded it; None if unknown or changed."""
        if self._known is None:
            self._known = self._read_status()
        found = self._known.get(name)
        return found[1] if found is not None and found[0] == status else None

    def remember(self, name: str, status: Status, key: str) -> None:
        """Record the key of a file's content and the file's status when it was read."""
        self._seen[name] = (status, key)

    def _read_status(self) -> dict[str, tuple[Status, str]]:
        table = self.read_data(_STATUS)
        return table if isinstance(table, dict) else {}

    def _write_status(self) -> None:
        racy = time.time_ns() - RACY_NS
        table = {name: (status, key) for name, (status, key) in self._seen.items() if status[3] < racy}
        self.write_data(_STATUS, table)

    def read_data(self, name: str) -> object | None:
        """Plain data (marshal: no code runs to read it) kept in the file ``name`` and signed by
        :meth:`write_data`; None when missing, damaged or not signed with this machine's key."""
        payload = self._verified(name, name)
        if payload is None:
            return None
        try:
            data: object = marshal.loads(payload)
        except (ValueError, EOFError, TypeError):
            return None
        return data

    def _verified(self, file: str, signed_as: str) -> memoryview | None:
        """What the file holds after its MAC, if the MAC is ours for ``signed_as``; else None."""
        fd = self._folder(create=False)
        if fd is None:
            return None
        blob = _read_regular(fd, file, _LARGEST_ENTRY)
        if blob is None:
            return None
        mac, payload = blob[:_MAC_SIZE], memoryview(blob)[_MAC_SIZE:]
        return payload if hmac.compare_digest(mac, self._mac(signed_as, payload)) else None

    def write_data(self, name: str, data: Any) -> None:
        """Keep plain data (str, int, tuples, lists, dicts, None) signed in the file ``name``."""
        fd = self._folder(create=True)
        if fd is None:
            return
        payload = marshal.dumps(data)
        with contextlib.suppress(OSError), replacing_at(fd, name) as stream:  # read-only: no cache
            stream.write(self._mac(name, payload) + payload)

    def key(self, raw: bytes, limits: Limits) -> str:
        """The entry's name: the file's bytes, this cascade, the shape stored, and the caps it was read under."""
        digest = hashlib.blake2b(raw, digest_size=20)
        digest.update(self._salt(limits).encode())
        return digest.hexdigest()

    def file_name(self, display: str, limits: Limits) -> str:
        """How the status record names a file: the status then decides whether it changed, and
        the same salt as :meth:`key` keeps a record from another cascade or other caps apart."""
        return f"{display}\0{self._salt(limits)}"

    def _salt(self, limits: Limits) -> str:
        salt = self._salts.get(limits)  # asked once a file: worked out once a run
        if salt is None:
            caps = f"{limits.max_file_size}:{limits.max_depth}:{limits.max_alias_nodes}"
            salt = self._salts[limits] = f"{_FORMAT}:{__version__}:{self.layout}:{caps}"
        return salt

    def get(self, key: str) -> object | None:
        """The stored value, or None when there is none, or it is damaged or not signed by us."""
        name = f"{key}.bin"
        payload = self._verified(name, key)
        if payload is None:
            return None
        try:
            value: object = _pickle().loads(payload)
        except Exception:
            return None
        self.used.add(name)
        return value

    def put(self, key: str, value: object) -> None:
        fd = self._folder(create=True)
        if fd is None:
            return
        try:
            # Signed as it is written, so that the pickle is not copied once more with its signature.
            with replacing_at(fd, f"{key}.bin") as stream:
                stream.write(bytes(_MAC_SIZE))
                signing = _Signing(stream, self._signer(key))
                pickle = _pickle()
                pickle.Pickler(signing, protocol=pickle.HIGHEST_PROTOCOL).dump(value)
                stream.seek(0)
                stream.write(signing.mac.digest())
        except OSError:  # a read-only checkout: run without a cache
            return
        self.used.add(f"{key}.bin")

    def keep(self, key: str) -> None:
        """Keep the entry ``key`` through :meth:`close` although this run has not read it (yet)."""
        self.used.add(f"{key}.bin")

    def _signer(self, key: str) -> hashlib.blake2b:
        # The entry's name is signed too, so a valid entry cannot be copied under another file's key.
        assert self.secret is not None
        return hashlib.blake2b(key.encode(), key=self.secret[:64], digest_size=_MAC_SIZE)

    def _mac(self, key: str, payload: bytes | memoryview) -> bytes:
        mac = self._signer(key)
        mac.update(payload)
        return mac.digest()

    def close(self) -> None:
        """Forget entries this run did not use, so the cache never outgrows the plan, and
        remove what killed runs left behind."""
        if self._seen:
            self._write_status()
        fd = self._fd
        if fd is None:
            return
        self._fd = None
        try:
            _prune(fd, self.used)
        except OSError:  # unreadable now: nothing to prune
            pass
        finally:
            os.close(fd)


def _what_stands(path: str) -> str | None:
    """Why ``path`` cannot be opened as a folder, when what stands there says it."""
    try:
        mode = os.lstat(path).st_mode
    except OSError:
        return None
    if stat.S_ISLNK(mode):
        return "it is a symlink"
    return None if stat.S_ISDIR(mode) else "it is not a folder"


def _euid() -> int:
    return os.geteuid() if hasattr(os, "geteuid") else 0


def _read_regular(fd: int, name: str, largest: int) -> bytes | None:
    """The bytes of the regular file ``name`` in the folder ``fd``; None for anything else
    (missing, a symlink, a FIFO, a device, too big, unreadable). Never follows a symlink and
    never waits on a FIFO."""
    try:
        handle = os.open(name, _READ_FLAGS, dir_fd=fd)
    except OSError:
        return None
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode) or info.st_size > largest:
            return None
        with open(handle, "rb", closefd=False) as stream:
            return stream.read(largest + 1)
    except OSError:
        return None
    finally:
        os.close(handle)


def _write_new(fd: int, name: str, data: bytes) -> None:
    handle = os.open(name, _NEW_FLAGS, 0o600, dir_fd=fd)
    with open(handle, "wb") as stream:
        stream.write(data)


def _prune(fd: int, used: set[str]) -> None:
    now = time.time()
    with os.scandir(fd) as listing:
        for entry in listing:
            name = entry.name
            if (name.endswith(".bin") and name not in used) or left_over(entry, now):
                with contextlib.suppress(OSError):  # another run may have removed it
                    os.unlink(name, dir_fd=fd)


def _remove_tree(folder: str) -> None:
    """Remove a folder this run made (a few plain files), without following symlinks."""
    with contextlib.suppress(OSError):
        for name in os.listdir(folder):
            os.unlink(os.path.join(folder, name))
        os.rmdir(folder)
