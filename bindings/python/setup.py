"""Tags a wheel that carries the shared library as platform-specific; everything else is in pyproject.toml.

The package itself is pure Python and loads the library with ctypes, so it suits any Python 3:
a wheel with ``cognito_feedback/libcognito_feedback.so`` inside is ``py3-none-<platform>`` and
installs into platlib. The platform is setuptools' (``linux_x86_64``) unless ``--plat-name`` says
otherwise (``build-wheel.sh`` passes the manylinux tag the library's glibc needs). Without the
library the wheel stays ``py3-none-any``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Tuple

from setuptools import Distribution, setup
from setuptools.command.bdist_wheel import bdist_wheel

PACKAGE = Path(__file__).resolve().parent / "src" / "cognito_feedback"
LIBRARY_NAMES = ("libcognito_feedback.so", "libcognito_feedback.dylib", "cognito_feedback.dll")


def carries_library() -> bool:
    """Whether the shared library sits in the package directory, to be shipped in the wheel."""
    return any((PACKAGE / name).is_file() for name in LIBRARY_NAMES)


class LibraryDistribution(Distribution):
    """A distribution that counts the shared library as its binary part: it then installs into platlib."""

    def has_ext_modules(self) -> bool:
        return carries_library()


class PlatformWheel(bdist_wheel):
    """bdist_wheel that tags an impure wheel (one carrying the library) for any Python 3 on its platform."""

    def get_tag(self) -> Tuple[str, str, str]:
        python, abi, platform = super().get_tag()
        if self.root_is_pure:
            return python, abi, platform
        return self.python_tag, "none", platform


setup(distclass=LibraryDistribution, cmdclass={"bdist_wheel": PlatformWheel})
