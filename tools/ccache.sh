# Sourced by tools/test.sh, tools/quickstart.sh and tools/fuzz.sh: when ccache is
# installed (it is not required: a fresh machine starts without it), sets
# `launcher` to the CMake option that compiles through it, and the ccache
# settings this repository needs. Otherwise `launcher` is empty.
launcher=()
if command -v ccache >/dev/null 2>&1; then
  launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  # What ccache needs to cache the files compiled with a precompiled header (the CLI's).
  export CCACHE_SLOPPINESS=${CCACHE_SLOPPINESS:-pch_defines,time_macros,include_file_mtime,include_file_ctime}
  # Paths relative to the clone, and the working directory left out of the
  # hash (the sanitizer builds' -g1): another clone of the same commit, in
  # another folder, finds the library's objects in the cache (the test
  # programs carry the clone's path in their definitions and do not).
  export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$PWD} CCACHE_NOHASHDIR=${CCACHE_NOHASHDIR:-1}
fi
