#!/usr/bin/env python3
"""Checks what libansinh.so exports (nm -D --defined-only): every function of
the C API (include/ansinh/ansinh.h) is there, and nothing but the public C
and C++ API is: no symbol of the library's internals (ansinh::internal,
anonymous namespaces), nor of yaml-cpp, fmt, simdjson, OpenSSL or Boost.

    check_exports.py LIBRARY HEADER [SONAME]

SONAME, when given, is the DT_SONAME the library must carry (libansinh.so.0.1).

Allowed besides the C API: ansinh:: symbols (the C++ API: its functions,
classes' members, typeinfo and vtables) and the linker's own (_init ...).
Weak instantiations of standard templates (std::vector<ansinh::Diagnostic>
...) stay local (lib/capi/libansinh.map): a program instantiates its own.
Exit status: 0 pass, 1 a check failed.
"""
import re
import subprocess
import sys

FORBIDDEN = re.compile(r"ansinh::internal|\(anonymous namespace\)|YAML::|fmt::|simdjson|boost::|\bBIO_|\bEVP_|"
                       r"\bSHA256|spirit|x3::")
LINKER = {"_init", "_fini", "__bss_start", "_edata", "_end"}


def main():
    library, header = sys.argv[1], sys.argv[2]
    nm = subprocess.run(["nm", "-D", "--defined-only", library], capture_output=True, text=True, check=True)
    raw = [line.split()[-1] for line in nm.stdout.splitlines() if line.strip()]
    demangled = subprocess.run(["c++filt"], input="\n".join(raw), capture_output=True, text=True,
                               check=True).stdout.splitlines()
    problems = []
    c_api, cpp = [], []
    for mangled, name in zip(raw, demangled):
        if FORBIDDEN.search(name):
            problems.append(f"internal symbol exported: {name}")
        elif mangled.startswith("ansinh_") or mangled in LINKER:
            c_api.append(mangled)
        elif re.match(r"^(typeinfo (name )?for |vtable for |VTT for |guard variable for )?ansinh::", name):
            cpp.append(name)
        else:
            problems.append(f"unexpected symbol exported: {name}")
    declared = set(re.findall(r"ANSINH_EXPORT [^;(]*?\b(ansinh_[a-z_]+)\(", open(header, encoding="utf-8").read()))
    for name in sorted(declared - set(c_api)):
        problems.append(f"C API function not exported: {name}")
    if len(sys.argv) > 3:
        dynamic = subprocess.run(["readelf", "-d", library], capture_output=True, text=True, check=True).stdout
        found = re.search(r"\(SONAME\)\s+Library soname: \[([^\]]+)\]", dynamic)
        if not found or found.group(1) != sys.argv[3]:
            problems.append(f"SONAME {found.group(1) if found else 'none'}, expected {sys.argv[3]}")
    for p in problems:
        print(p)
    print(f"{library}: {len(c_api)} C symbols ({len(declared)} declared), {len(cpp)} C++ API symbols, "
          f"{len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
