// PYBIND11_MODULE(_ansinh): the native part of the `ansinh` package. Each area
// is bound in its own bind_<area>.cpp; the pure-Python package
// (bindings/python/ansinh) adds the pandas, dates and Dask layers on top.
// New areas (e.g. reports) add a Bind<Area> call here and a file next to it.
#include "ansinh/version.hpp"
#include "bindings.hpp"

PYBIND11_MODULE(_ansinh, m) {
  namespace ap = ansinh::python;
  m.doc() = "ansinh native module (use the `ansinh` package)";
  m.attr("__version__") = ansinh::Version();
  ap::BindErrors(m);
  ap::BindRules(m);
  ap::BindRecords(m);
  ap::BindEvaluate(m);
  ap::BindDecisions(m);
  ap::BindReport(m);
  ap::BindWhatIf(m);
}
