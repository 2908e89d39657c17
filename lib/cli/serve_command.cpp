// `ansinh serve <package>...`: the packages as an HTTP/JSON service (docs/service.md).
#include <CLI/CLI.hpp>

#include <ostream>

#include "cli/common.hpp"

namespace ansinh::cli {

void RegisterServe(CLI::App& app, Options& o) {
  ServeOptions& s = o.serve;
  CLI::App* c = app.add_subcommand(
      "serve", "Serve rule packages over HTTP/JSON (/v1/evaluate, /v1/explain ...) and the intake page at /; "
               "SIGHUP reloads the packages, SIGTERM stops (docs/service.md)");
  c->add_option("packages", s.packages, "Rule package folders")->required();
  c->add_option("--listen", s.listen, "HOST:PORT to listen on (default 127.0.0.1:8080; port 0 = any free port)");
  c->add_option("--token-file", s.token_file,
                "File holding the bearer token clients must send (needed to listen beyond loopback)");
  c->add_option("--cors-origin", s.cors_origins, "Origin allowed to call the API from a browser (repeatable; none = no CORS)");
  c->add_option("--threads", s.threads, "Threads (default: all cores)");
  c->add_option("--max-body", s.max_body_bytes, "Largest request body in bytes (413 beyond; default 4 MiB)");
  c->add_option("--max-header", s.max_header_bytes, "Largest request header in bytes (431 beyond; default 16 KiB)");
  c->add_option("--max-connections", s.max_connections, "Connections open at once (503 with Retry-After beyond; default 1024)");
  c->add_option("--read-timeout-ms", s.read_timeout_ms, "A request must arrive whole within this (default 10000)");
  c->add_option("--write-timeout-ms", s.write_timeout_ms, "An answer must be taken within this (default 10000)");
  c->add_option("--access-log", s.access_log, "Access log: - (standard error, default), none, or a file");
  c->add_option("--root", o.roots, "Folder that `extends` may resolve into (repeatable)");
  c->add_flag("--allow-outside", o.allow_outside,
              "Follow symbolic links that lead out of the package folder (refused by default: E_LINK_OUTSIDE)");
  // The answers choose their language per request (lang=, Accept-Language): this is the start-up's.
  c->add_option("--lang", o.lang, "Language: vi (default) or en")->check(CLI::IsMember({"vi", "en"}));
}

int RunServe(const Options& o, std::ostream& out, std::ostream& err) {
  ServeOptions s = o.serve;
  s.load.roots = o.roots;
  s.load.allow_outside = o.allow_outside;
  if (s.access_log == "none") s.access_log.clear();
  (void)out;
  return Serve(s, err);
}

}  // namespace ansinh::cli
