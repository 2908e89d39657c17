#include "check/deps_graph.hpp"

#include <algorithm>
#include <functional>
#include <set>

namespace ansinh::check {

void DepsGraph::Resize(const CheckedPackage& pkg) {
  variables_ = static_cast<int>(pkg.variables.size());
  benefits_ = static_cast<int>(pkg.benefits.size());
  groups_ = static_cast<int>(pkg.groups.size());
  // The package's checks, then one per schema value marked `not_encoded:` (checker.cpp).
  size_t checks = pkg.package->checks.size();
  for (const model::FieldDef& f : pkg.package->fields) {
    for (const Label& why : f.value_not_encoded) checks += !why.vi.empty() || !why.en.empty();
  }
  checks_ = static_cast<int>(checks);
  indicators_ = static_cast<int>(pkg.package->indicators.size());
  const size_t n = static_cast<size_t>(variables_ + benefits_ + groups_ + checks_ + indicators_);
  edges_.assign(n, {});
  params_.assign(n, {});
}

int DepsGraph::Id(const Item& item) const {
  switch (item.kind) {
    case Item::Kind::kVariable: return item.index;
    case Item::Kind::kBenefit: return variables_ + item.index;
    case Item::Kind::kGroup: return variables_ + benefits_ + item.index;
    case Item::Kind::kCheck: return variables_ + benefits_ + groups_ + item.index;
    case Item::Kind::kIndicator: return variables_ + benefits_ + groups_ + checks_ + item.index;
  }
  return 0;
}

Item DepsGraph::ItemOf(int id) const {
  if (id < variables_) return {Item::Kind::kVariable, id};
  id -= variables_;
  if (id < benefits_) return {Item::Kind::kBenefit, id};
  id -= benefits_;
  if (id < groups_) return {Item::Kind::kGroup, id};
  id -= groups_;
  if (id < checks_) return {Item::Kind::kCheck, id};
  return {Item::Kind::kIndicator, id - checks_};
}

void DepsGraph::Set(const Item& item, const Deps& deps) {
  const int id = Id(item);
  if (id < 0 || static_cast<size_t>(id) >= edges_.size()) return;
  std::set<int> out;
  for (int v : deps.variables) out.insert(Id({Item::Kind::kVariable, v}));
  for (int b : deps.benefits) out.insert(Id({Item::Kind::kBenefit, b}));
  for (int g : deps.groups) out.insert(Id({Item::Kind::kGroup, g}));
  edges_[id].assign(out.begin(), out.end());
  std::set<int> params(deps.params.begin(), deps.params.end());
  params_[id].assign(params.begin(), params.end());
}

std::string DepsGraph::Name(const CheckedPackage& pkg, int id) const {
  const Item item = ItemOf(id);
  switch (item.kind) {
    case Item::Kind::kVariable: return pkg.variables[item.index].def->name;
    case Item::Kind::kBenefit: return pkg.benefits[item.index].def->id;
    case Item::Kind::kGroup: return "group " + pkg.groups[item.index].def->id;
    case Item::Kind::kCheck: return "check " + pkg.checks[item.index].def->id;
    case Item::Kind::kIndicator: return "indicator " + pkg.package->indicators[item.index].id;
  }
  return {};
}

internal::Loc DepsGraph::LocOf(const CheckedPackage& pkg, int id) const {
  const Item item = ItemOf(id);
  switch (item.kind) {
    case Item::Kind::kVariable: return pkg.variables[item.index].def->loc;
    case Item::Kind::kBenefit: return pkg.benefits[item.index].def->loc;
    case Item::Kind::kGroup: return pkg.groups[item.index].def->loc;
    case Item::Kind::kCheck: return pkg.checks[item.index].def->loc;
    case Item::Kind::kIndicator: return pkg.package->indicators[item.index].loc;
  }
  return {};
}

std::vector<Item> DepsGraph::Order(const CheckedPackage& pkg, internal::DiagnosticSink& sink) const {
  const size_t n = edges_.size();
  std::vector<uint8_t> state(n, 0);  // 0 new, 1 on stack, 2 done
  std::vector<int> stack;
  std::vector<Item> order;
  std::set<std::set<int>> reported;
  // Iterative DFS (the graph can be deep; no recursion).
  for (size_t root = 0; root < n; ++root) {
    if (state[root] != 0) continue;
    std::vector<std::pair<int, size_t>> work = {{static_cast<int>(root), 0}};
    state[root] = 1;
    stack.push_back(static_cast<int>(root));
    while (!work.empty()) {
      auto& [node, next] = work.back();
      if (next < edges_[node].size()) {
        const int dep = edges_[node][next++];
        if (state[dep] == 0) {
          state[dep] = 1;
          stack.push_back(dep);
          work.push_back({dep, 0});
        } else if (state[dep] == 1) {
          auto from = std::find(stack.begin(), stack.end(), dep);
          std::set<int> members(from, stack.end());
          if (reported.insert(members).second) {
            // Print the cycle in dependency order: dep → ... → node → dep reversed reads
            // "x needs y needs ... needs x".
            std::string path;
            for (auto it = from; it != stack.end(); ++it) path += Name(pkg, *it) + " → ";
            path += Name(pkg, dep);
            // A variable's place is its name (the key): underline it.
            const uint32_t length = ItemOf(dep).kind == Item::Kind::kVariable
                                        ? static_cast<uint32_t>(Name(pkg, dep).size())
                                        : 1;
            sink.Error(DiagnosticCode::kVariableCycle, LocOf(pkg, dep),
                       {"these rules depend on each other in a circle: " + path +
                            ". Break the circle: one of them must be computed without the others",
                        "các quy tắc này phụ thuộc nhau thành vòng tròn: " + path +
                            ". Hãy phá vòng: một trong số chúng phải tính được mà không cần các quy tắc kia"},
                       length);
          }
        }
      } else {
        state[node] = 2;
        order.push_back(ItemOf(node));
        stack.pop_back();
        work.pop_back();
      }
    }
  }
  return order;
}

std::vector<std::vector<int>> DepsGraph::ParamsThroughVariables(const CheckedPackage&) const {
  std::vector<std::vector<int>> out(static_cast<size_t>(variables_));
  std::vector<uint8_t> done(static_cast<size_t>(variables_), 0);
  // Memoized, iterative: repeat until stable (graphs are small; cycles are errors anyway).
  std::vector<std::set<int>> acc(static_cast<size_t>(variables_));
  for (int v = 0; v < variables_; ++v) acc[v].insert(params_[v].begin(), params_[v].end());
  for (bool changed = true; changed;) {
    changed = false;
    for (int v = 0; v < variables_; ++v) {
      for (int dep : edges_[v]) {
        if (dep >= variables_) continue;
        const size_t before = acc[v].size();
        acc[v].insert(acc[dep].begin(), acc[dep].end());
        changed = changed || acc[v].size() != before;
      }
    }
  }
  for (int v = 0; v < variables_; ++v) out[v].assign(acc[v].begin(), acc[v].end());
  return out;
}

std::vector<int> DepsGraph::VariablesOf(const Item& item) const {
  std::vector<int> out;
  for (int dep : edges_[Id(item)]) {
    if (dep < variables_) out.push_back(dep);
  }
  return out;
}

std::vector<int> DepsGraph::AllParams() const {
  std::set<int> all;
  for (const auto& p : params_) all.insert(p.begin(), p.end());
  return {all.begin(), all.end()};
}

}  // namespace ansinh::check
