/* ansinh — the mark of the public symbols (C and C++).
 *
 * The library is compiled with hidden visibility (-fvisibility=hidden
 * -fvisibility-inlines-hidden): libansinh.so exports only what carries
 * ANSINH_EXPORT — the C API (ansinh.h) and the classes and functions of the
 * public C++ API (the headers include/ansinh/...hpp). Nothing else (the library's
 * internals, yaml-cpp, fmt, simdjson, Boost) is visible to a program that
 * links it. With the static library the mark changes nothing for its user.
 */
#ifndef ANSINH_EXPORT_H_
#define ANSINH_EXPORT_H_

#if defined(__GNUC__) || defined(__clang__)
#define ANSINH_EXPORT __attribute__((visibility("default")))
#else
#define ANSINH_EXPORT
#endif

#endif /* ANSINH_EXPORT_H_ */
