"""A cache of checked plan files in ``.cascade_cache/``, keyed by each file's content.

Reading and checking a file against the format is most of the cost of a run, and in a
directory plan most files do not change between two runs. Each file's outcome (its
validated records, where each one is written, its source map and its faults) is stored
under the hash of its bytes, of the cascade version and of the safety caps, like mypy's
and ruff's caches. The rules still run on the whole plan, so the diagnostics are exactly
those of a cold run. (When no file changed at all, :mod:`cascade.verdicts` replays the
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
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import marshal
import os
import time
from pathlib import Path
from types import ModuleType
from typing import Any, BinaryIO

from ._version import __version__
from .atomic import atomic_writer, write_bytes_atomic
from .limits import Limits

CACHE_DIR = ".cascade_cache"
_FORMAT = 2  # bump when what is stored changes shape
_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# This folder is a cache made by cascade.\n"
_MAC_SIZE = 32
LARGEST_CACHED = 64 * 2**20
"""Bigger files are not cached. The cache pays off for plans kept as many files, most of them
unchanged between two runs; a file this big (a whole plan of some 200,000 nodes) is read
whole whenever any line of it changes, and storing it would add a third to the run and as
much memory again as its records. A directory plan's people file stays well below it."""
_STATUS = "files"  # the record of each file's status and key, beside the entries
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
        if self.secret is None:
            return None
        try:  # plain strings and open(): a run reads tens of thousands of entries
            with open(f"{self._where}{os.sep}{file}", "rb") as stream:
                blob = stream.read()
        except OSError:
            return None
        mac, payload = blob[:_MAC_SIZE], memoryview(blob)[_MAC_SIZE:]
        return payload if hmac.compare_digest(mac, self._mac(signed_as, payload)) else None

    def write_data(self, name: str, data: Any) -> None:
        """Keep plain data (str, int, tuples, lists, dicts, None) signed in the file ``name``."""
        if self.secret is None:
            return
        payload = marshal.dumps(data)
        with contextlib.suppress(OSError):  # a read-only checkout: run without a cache
            self._prepare()
            write_bytes_atomic(self.folder / name, self._mac(name, payload) + payload, durable=False)

    def _prepare(self) -> None:
        """Make the folder, marked as a cache (CACHEDIR.TAG) that git leaves out."""
        self.folder.mkdir(exist_ok=True)
        tag = self.folder / "CACHEDIR.TAG"
        if not tag.exists():
            tag.write_text(_TAG, encoding="utf-8")
            (self.folder / ".gitignore").write_text("*\n", encoding="utf-8")

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
        if self.secret is None:
            return
        try:
            self._prepare()
            # Signed as it is written, so that the pickle is not copied once more with its signature.
            with atomic_writer(self.folder / f"{key}.bin", durable=False, keep_mode=False) as stream:
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
        """Forget entries this run did not use, so the cache never outgrows the plan."""
        if self.secret is None or not self.folder.is_dir():
            return
        if self._seen:
            self._write_status()
        for entry in os.scandir(self.folder):
            if entry.name.endswith(".bin") and entry.name not in self.used:
                with contextlib.suppress(OSError):  # another run may have removed it
                    os.unlink(entry.path)
