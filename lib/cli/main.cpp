// The `ansinh` executable: a shim over RunCli (lib/cli/cli.cpp).
#include <iostream>
#include <string>
#include <vector>

#include "cli/cli.hpp"
#include "cli/atomic_file.hpp"

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  ansinh::cli::InstallSignalCleanup();  // Ctrl-C removes a half-written --output temporary
  std::vector<std::string> args(argv + 1, argv + argc);
  return ansinh::cli::RunCli(args, std::cout, std::cerr);
}
