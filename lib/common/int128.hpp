// Internal: 128-bit integers for exact intermediate products (GCC/Clang extension).
#ifndef ANSINH_LIB_COMMON_INT128_HPP_
#define ANSINH_LIB_COMMON_INT128_HPP_

namespace ansinh::internal {
__extension__ typedef __int128 Int128;
__extension__ typedef unsigned __int128 UInt128;
}  // namespace ansinh::internal

#endif  // ANSINH_LIB_COMMON_INT128_HPP_
