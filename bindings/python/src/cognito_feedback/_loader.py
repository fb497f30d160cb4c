"""Finds and loads the cognito_feedback shared library, once per process.

Places searched, in order:

1. beside this package (a wheel ships ``cognito_feedback/libcognito_feedback.so``);
2. the file named by the environment variable ``COGNITO_FEEDBACK_LIBRARY``;
3. the cargo target directory of the source tree this package sits in (``$CARGO_TARGET_DIR``
   if set, else ``target/``), first ``release/`` then ``debug/``.

When none has the library, :class:`~cognito_feedback.exceptions.LibraryNotFoundError` lists every
place it looked.
"""

from __future__ import annotations

import ctypes
import os
import sys
import threading
from pathlib import Path
from typing import List, Optional, Tuple

from . import _native
from .exceptions import LibraryNotFoundError

#: The environment variable naming the shared library file to load.
ENV_VAR = "COGNITO_FEEDBACK_LIBRARY"

_lock = threading.Lock()
_library: Optional[ctypes.CDLL] = None
_library_path: Optional[Path] = None


def library_file_name() -> str:
    """The shared library's file name on this platform."""
    if sys.platform == "win32":
        return "cognito_feedback.dll"
    if sys.platform == "darwin":
        return "libcognito_feedback.dylib"
    return "libcognito_feedback.so"


def _cargo_target_dirs() -> List[Path]:
    """``target/release`` and ``target/debug`` of the cargo workspace above this package, if any."""
    here = Path(__file__).resolve().parent
    for directory in here.parents:
        if (directory / "Cargo.toml").is_file():
            target = Path(os.environ.get("CARGO_TARGET_DIR") or "target")
            if not target.is_absolute():
                target = directory / target
            return [target / "release", target / "debug"]
    return []


def candidates() -> List[Tuple[Path, str]]:
    """Every place the library is looked for, in search order, each with where it came from."""
    name = library_file_name()
    places = [(Path(__file__).resolve().parent / name, "beside the package")]
    from_env = os.environ.get(ENV_VAR)
    if from_env:
        places.append((Path(from_env).expanduser(), ENV_VAR))
    places.extend((directory / name, "cargo target directory") for directory in _cargo_target_dirs())
    return places


def _find() -> Path:
    """The first existing candidate; an error listing every place looked at when there is none.

    A ``COGNITO_FEEDBACK_LIBRARY`` that names no file is an error of its own: the search does not
    silently go on to some other build.
    """
    looked = []
    for path, origin in candidates():
        looked.append(f"  - {path} ({origin})")
        if path.is_file():
            return path
        if origin == ENV_VAR:
            raise LibraryNotFoundError(f"{ENV_VAR} names {path}, which is not a file; looked at:\n" + "\n".join(looked))
    raise LibraryNotFoundError(
        f"cannot find the cognito_feedback shared library ({library_file_name()}); looked at:\n"
        + "\n".join(looked)
        + f"\nBuild it with `cargo build --release`, or set {ENV_VAR} to its path."
    )


def _open(path: Path) -> ctypes.CDLL:
    """Loads ``path`` and declares every function; a clear error if it is not our library."""
    try:
        library = ctypes.CDLL(str(path))
    except OSError as error:
        raise LibraryNotFoundError(f"cannot load the cognito_feedback library {path}: {error}") from error
    try:
        _native.declare(library)
    except AttributeError as error:
        raise LibraryNotFoundError(
            f"{path} is not a compatible cognito_feedback library (a function is missing: {error})"
        ) from error
    return library


def library() -> ctypes.CDLL:
    """The loaded library, found and declared on first use."""
    global _library, _library_path
    with _lock:
        if _library is None:
            path = _find()
            _library = _open(path)
            _library_path = path
        return _library


def library_path() -> Path:
    """The path the library was loaded from (loading it first if needed)."""
    library()
    assert _library_path is not None
    return _library_path
