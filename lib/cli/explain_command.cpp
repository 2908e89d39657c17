// `ansinh explain <package> <records> --household ID`: one household, readable.
#include <CLI/CLI.hpp>

#include <ostream>

#include "ansinh/error.hpp"
#include "ansinh/reader.hpp"
#include "ansinh/whatif.hpp"
#include "cli/common.hpp"

namespace ansinh::cli {

void RegisterExplain(CLI::App& app, Options& o) {
  CLI::App* c = app.add_subcommand("explain",
                                    "Explain one household in words (Vietnamese by default): its total, what each "
                                    "member receives, the questions for the family, what waits on a legal text, "
                                    "and the near misses");
  c->add_option("package", o.rules, "Rule package folder")->required();
  c->add_option("records", o.records, "Records file(s) holding the household")->required();
  c->add_option("--household", o.household, "Id of the household (needed when the file holds several)");
  c->add_option("--as-of", o.as_of, "Evaluate as of this day (YYYY-MM-DD)");
  c->add_option("--period", o.period, "Evaluate for this month (YYYY-MM)");
  c->add_option("--lang", o.lang, "vi (default) or en")->check(CLI::IsMember({"vi", "en"}));
  c->add_flag("--trace", o.explain, "Also show each condition with the values it read");
  c->add_flag("--all", o.all,
              "Show every benefit: also those not received for a reason outside the person's target group, "
              "superseded and not in force (the same as --detail full)");
  c->add_option("--detail", o.detail, "reasons (default: near misses only), summary (no near misses) or full")
      ->check(CLI::IsMember({"summary", "reasons", "full"}));
  c->add_option("--set", o.sets,
                 "What if: change a fact and show what changes, e.g. --set income_per_capita=1400000 or "
                 "--set 'members[CL-0001-02].disability=severe' (repeatable); also lists what would make "
                 "the near misses eligible")
      ->allow_extra_args(false);
  c->add_flag("--counterfactuals", o.counterfactuals,
              "After the explanation, what change of one fact would make each near miss eligible (each verified)");
  c->add_option("--root", o.roots, "Folder that `extends` may resolve into (repeatable)");
  AddRecordsFormat(c, o);
  c->add_flag("--allow-outside", o.allow_outside,
              "Follow symbolic links that lead out of the package folder (refused by default: E_LINK_OUTSIDE)");
}

int RunExplain(const Options& o, std::ostream& out, std::ostream& err) {
  const When when = ParseWhen(o);
  std::optional<RuleSet> rules = LoadOrReport(o.rules, o, err);
  if (!rules) return 1;
  RecordReader reader(*rules, o.records, ParseReadOptions(o));
  RecordBatch batch(*rules);
  EvaluateOptions options;
  options.explain = true;
  std::vector<std::string> seen;
  while (reader.Next(batch, 4096)) {
    for (size_t i = 0; i < batch.size(); ++i) {
      const std::string id(batch.household_id(i));
      if (seen.size() < 6) seen.push_back(id);
      if (!o.household.empty() && id != o.household) continue;
      if (o.household.empty() && (batch.size() > 1 || seen.size() > 1)) {
        throw UsageError("the records hold several households: choose one with --household (e.g. --household " +
                             seen.front() + ")",
                         "hồ sơ có nhiều hộ: chọn một hộ bằng --household (ví dụ --household " + seen.front() + ")");
      }
      if (!o.sets.empty()) {
        const WhatIfResult r = WhatIf(*rules, HouseholdOf(batch, i), when, o.sets);
        out << WhatIfText(r, ParseLang(o.lang));
        return r.after.ok() ? 0 : 1;
      }
      DecisionBatch all = Evaluate(*rules, batch, when, options);
      TextOptions text;
      text.lang = ParseLang(o.lang);
      text.trace = o.explain;
      text.detail = o.all ? Detail::kFull : o.detail.empty() ? Detail::kReasons : *ParseDetail(o.detail);
      out << ToText(all[i], text);
      if (o.counterfactuals && all[i].ok()) {
        WhatIfOptions whatif;
        out << '\n' << WhatIfText(WhatIf(*rules, HouseholdOf(batch, i), when, {}, whatif), text.lang);
      }
      return all[i].ok() ? 0 : 1;
    }
  }
  std::string ids;
  for (const std::string& s : seen) ids += (ids.empty() ? "" : ", ") + s;
  throw UsageError("no household '" + o.household + "' in the records (first ids: " + ids + ")",
                   "không có hộ '" + o.household + "' trong hồ sơ (các mã đầu tiên: " + ids + ")");
}

}  // namespace ansinh::cli
