"""Builds the native module with CMake for `pip install --no-build-isolation ./bindings/python`.

Offline: only Debian's setuptools, wheel, CMake, a C++17 compiler and the -dev
packages of tools/deps.txt are needed. The whole project (this folder's
../..) is configured with ANSINH_BUILD_PYTHON=ON for the interpreter running
pip, only the _ansinh target is built, and the module is copied into the
package.

Environment (optional):
  ANSINH_SOURCE_DIR       the project's source tree (default: ../.. of this file)
  ANSINH_CMAKE_BUILD_DIR  an existing CMake build tree to build _ansinh in (reuses
                          its objects; it must be configured for this Python)
  CMAKE_BUILD_PARALLEL_LEVEL  parallel compile jobs (default 2)
"""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

HERE = Path(__file__).resolve().parent
SOURCE = Path(os.environ.get("ANSINH_SOURCE_DIR", HERE.parent.parent)).resolve()


def project_version():
    text = (SOURCE / "include" / "ansinh" / "version.hpp").read_text(encoding="utf-8")
    parts = [re.search(rf"#define ANSINH_VERSION_{k} (\d+)", text).group(1) for k in ("MAJOR", "MINOR", "PATCH")]
    return ".".join(parts)


class CMakeExtension(Extension):
    def __init__(self, name):
        super().__init__(name, sources=[])


class CMakeBuild(build_ext):
    """build_ext that runs CMake instead of compiling sources itself."""

    def build_extension(self, ext):
        target = Path(self.get_ext_fullpath(ext.name)).resolve()
        given = os.environ.get("ANSINH_CMAKE_BUILD_DIR")
        build_dir = Path(given).resolve() if given else Path(self.build_temp).resolve() / "cmake"
        jobs = os.environ.get("CMAKE_BUILD_PARALLEL_LEVEL", "2")
        if not given:
            configure = [
                "cmake", "-S", str(SOURCE), "-B", str(build_dir),
                "-DCMAKE_BUILD_TYPE=Release",
                "-DANSINH_BUILD_PYTHON=ON", "-DANSINH_BUILD_TESTS=OFF", "-DANSINH_BUILD_CLI=OFF",
                "-DANSINH_BUILD_BENCH=OFF", "-DANSINH_INSTALL=OFF",
                f"-DPython_EXECUTABLE={sys.executable}",
                f"-DANSINH_PYTHON_DIR={build_dir / 'python'}",
            ]
            if shutil.which("ninja"):
                configure += ["-G", "Ninja"]
            subprocess.check_call(configure)
        subprocess.check_call(["cmake", "--build", str(build_dir), "--target", "_ansinh", "-j", jobs])
        python_dir = Path(_cache_value(build_dir, "ANSINH_PYTHON_DIR") or build_dir / "python")
        suffix = self.get_ext_filename("_ansinh")  # e.g. _ansinh.cpython-311-x86_64-linux-gnu.so
        built = python_dir / "ansinh" / Path(suffix).name
        if not built.exists():
            raise RuntimeError(f"CMake did not produce {built} (is the build tree configured for {sys.executable}?)")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(built, target)


def _cache_value(build_dir, name):
    cache = Path(build_dir) / "CMakeCache.txt"
    if not cache.exists():
        return None
    for line in cache.read_text(encoding="utf-8", errors="replace").splitlines():
        if line.startswith(name + ":"):
            return line.split("=", 1)[1]
    return None


setup(
    version=project_version(),
    ext_modules=[CMakeExtension("ansinh._ansinh")],
    cmdclass={"build_ext": CMakeBuild},
    zip_safe=False,
)
