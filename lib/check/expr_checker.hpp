// Internal: parses one expression and types it against the schema, producing IR.
#ifndef ANSINH_LIB_CHECK_EXPR_CHECKER_HPP_
#define ANSINH_LIB_CHECK_EXPR_CHECKER_HPP_

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "check/checked.hpp"
#include "common/sources.hpp"
#include "expr/syntax.hpp"

namespace ansinh::check {

// Names known to expressions, built once per package.
struct NameTables {
  std::unordered_map<std::string, int> household_variables;  // name -> variable index
  std::unordered_map<std::string, int> person_variables;
  std::unordered_map<std::string, int> params;
  std::unordered_map<std::string, int> benefits;
  std::unordered_map<std::string, int> groups;
};

// What an expression depends on (for ordering and static checks).
struct Deps {
  std::vector<int> variables;
  std::vector<int> benefits;   // via receives/qualifies of an ungrouped benefit
  std::vector<int> groups;     // via receives/qualifies of a group or grouped benefit
  std::vector<int> params;
};

class ExprChecker {
 public:
  ExprChecker(CheckedPackage& package, const NameTables& names, internal::DiagnosticSink& sink,
              const expr::ParseOptions& parse_options)
      : pkg_(package), names_(names), sink_(sink), parse_options_(parse_options) {}

  // Parses `text` and checks it for `entity`. `expected` (may be null) is the
  // type the result must convert to. `what` names the expression in messages
  // ("condition 'under_3'" / "điều kiện 'under_3'"; the English is the
  // diagnostics' item). Returns a CheckedExpr whose root is null on errors
  // (already reported).
  CheckedExpr Check(const model::ExprText& text, Entity entity, const Type* expected, Deps* deps,
                    const internal::Message& what);

  // False once an expression could not be read (syntax error, too long): what
  // it refers to is then unknown.
  bool all_read() const noexcept { return all_read_; }

  // A readable name of a type for messages: "number", "money", "date",
  // "yes/no", "a value of household.area (rural, urban)", ...
  std::string TypeName(const Type& type) const;
  // The same in Vietnamese: "một số nguyên", "tiền", "một giá trị của household.area (rural, urban)".
  std::string TypeNameVi(const Type& type) const;

 private:
  struct Var {
    std::string name;  // "" = the current entity, "household", or a binding name
    Entity entity;
    Projection projection;
  };
  struct Scope {
    Level level = Level::kHousehold;
    std::vector<Var> vars;  // [0] = current entity
    const Var* Find(std::string_view name) const;
  };

  IrNode* Visit(const expr::Node& n, const Scope& s);
  IrNode* VisitLiteral(const expr::Node& n, const Scope& s);
  IrNode* VisitList(const expr::Node& n, const Scope& s);
  IrNode* VisitName(const expr::Node& n, const Scope& s);
  IrNode* VisitEntityMember(const expr::Node& n, const Scope& s, const Var& var, size_t part);
  IrNode* VisitParam(const expr::Node& n, const expr::Node* key, const Scope& s);
  IrNode* VisitUnary(const expr::Node& n, const Scope& s);
  IrNode* VisitBinary(const expr::Node& n, const Scope& s);
  IrNode* VisitLogic(const expr::Node& n, const Scope& s);
  IrNode* VisitCompare(const expr::Node& n, const Scope& s);
  IrNode* VisitArithmetic(const expr::Node& n, const Scope& s);
  IrNode* VisitMembership(const expr::Node& n, const Scope& s);
  IrNode* VisitIf(const expr::Node& n, const Scope& s);
  IrNode* VisitCall(const expr::Node& n, const Scope& s);
  IrNode* VisitAggregate(const expr::Node& n, const Scope& s);
  IrNode* VisitBenefitRef(const expr::Node& n, const Scope& s);
  IrNode* VisitIndex(const expr::Node& n, const Scope& s);

  // Conversions. Both report and return null on failure.
  // `context` says what the value is for, in both languages ("compare" / "phép so sánh").
  IrNode* Coerce(IrNode* node, const Type& target, const expr::Node& src, const internal::Message& context);
  bool Unify(IrNode*& a, IrNode*& b, const expr::Node& na, const expr::Node& nb, const internal::Message& context);
  IrNode* CastToScaled(IrNode* node, ValueType target);
  IrNode* MapEnum(IrNode* node, int target_enum, const expr::Node& src);

  IrNode* NewNode(IrKind kind, const Type& type, Level level, const expr::Node& n);
  static Level MaxLevel(Level a, Level b) { return a > b ? a : b; }
  bool IsStringLiteral(const IrNode* node) const;
  bool IsBool(const IrNode* node) const { return node->type.base == ValueType::kBool && !node->type.list; }

  void Error(DiagnosticCode code, const expr::Node& n, internal::Message message);
  void ErrorAt(DiagnosticCode code, uint32_t begin, uint32_t end, internal::Message message);
  std::string Source(const expr::Node& n) const;
  std::vector<std::string> NamesOf(Entity e) const;

  CheckedPackage& pkg_;
  const NameTables& names_;
  internal::DiagnosticSink& sink_;
  expr::ParseOptions parse_options_;
  bool all_read_ = true;
  // Per Check() call:
  const model::ExprText* text_ = nullptr;
  Deps* deps_ = nullptr;
  std::string what_;
  internal::Message what_words_{""};  // what_ in both languages, for messages
};

}  // namespace ansinh::check

#endif  // ANSINH_LIB_CHECK_EXPR_CHECKER_HPP_
