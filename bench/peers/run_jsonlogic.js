#!/usr/bin/env node
// vn-core on JsonLogic (json-logic-js). The rules (peers/vn_core.jsonlogic.json)
// are JsonLogic expressions; this driver applies them the way an integration
// would: household variables, then per member the person variables, every
// benefit's `when` and `amount`, and "highest wins" inside a group.
// Dates: JsonLogic has none, so months_between/years_between are added as
// custom operations (json-logic-js add_operation), per Civil Code Art. 147.
//
//   node run_jsonlogic.js --data FILE --canonical OUT --runs 0     verification output only
//   node run_jsonlogic.js --data FILE --runs 3 --expect-checksum N  timing; every pass must
//                                                                   give N (sum of totals)
'use strict';

const fs = require('fs');
const path = require('path');
const common = require('./common');

const args = common.parseArgs(process.argv.slice(2), {
  data: '', canonical: '', runs: 3, as_of: '2026-01-01', expect_checksum: -1,
});
if (!args.data) throw new Error('--data is required');

const jsonLogic = require(path.join(__dirname, '..', 'node_modules', 'json-logic-js'));

function daysInMonth(y, m) {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
}

function parseDate(text) {
  if (typeof text !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    throw new Error(`not a date: ${text}`);
  }
  return [Number(text.slice(0, 4)), Number(text.slice(5, 7)), Number(text.slice(8, 10))];
}

// Completed months from `from` to `to`: a month period ending on a day its month
// lacks ends on that month's last day.
function monthsBetween(fromText, toText) {
  if (fromText > toText) return -monthsBetween(toText, fromText);
  const [fy, fm, fd] = parseDate(fromText);
  const [ty, tm, td] = parseDate(toText);
  let n = (ty - fy) * 12 + (tm - fm);
  if (Math.min(fd, daysInMonth(ty, tm)) > td) n -= 1;
  return n;
}

jsonLogic.add_operation('months_between', monthsBetween);
jsonLogic.add_operation('years_between', (a, b) => Math.trunc(monthsBetween(a, b) / 12));

const rules = JSON.parse(fs.readFileSync(path.join(__dirname, 'vn_core.jsonlogic.json'), 'utf8'));

// Evaluates one household; returns {status, total, members: [{id, total, benefits}]}.
function evaluateHousehold(household) {
  const data = { household, member: null, as_of: args.as_of, parameters: rules.parameters };
  for (const v of rules.household_variables) data[v.name] = jsonLogic.apply(v.rule, data);
  let total = 0;
  const members = [];
  for (const member of household.members) {
    data.member = member;
    for (const v of rules.person_variables) data[v.name] = jsonLogic.apply(v.rule, data);
    const paid = [];
    const groupWinner = {};  // group -> index into paid
    let memberTotal = 0;
    for (const b of rules.benefits) {
      if (!jsonLogic.truthy(jsonLogic.apply(b.when, data))) continue;
      const amount = jsonLogic.apply(b.amount, data);
      if (b.group) {
        const w = groupWinner[b.group];
        if (w !== undefined) {
          if (amount > paid[w][1]) paid[w] = [b.id, amount];  // a tie keeps the earlier one
          continue;
        }
        groupWinner[b.group] = paid.length;
      }
      paid.push([b.id, amount]);
    }
    for (const [, amount] of paid) memberTotal += amount;
    total += memberTotal;
    members.push({ id: member.id, total: memberTotal, benefits: paid });
  }
  return { status: data.status, total, members };
}

function main() {
  const population = common.readJsonLines(args.data);
  const households = population.households;
  // Verification output first (bench/run.sh checks it before any timing counts).
  let expected = args.expect_checksum;
  if (args.canonical || expected < 0) {
    const lines = [];
    expected = 0;
    for (const h of households) {
      const r = evaluateHousehold(h);
      expected += r.total;
      lines.push(common.canonicalLine(h.id, r.status, r.total, r.members));
    }
    if (args.canonical) fs.writeFileSync(args.canonical, lines.join(''));
  }

  const rates = [];
  const cpuRates = [];  // per CPU second of the whole process (all its threads)
  for (let run = 0; run < args.runs; run++) {
    let checksum = 0;
    const start = common.nowSeconds();
    const cpuStart = common.cpuSeconds();
    for (const h of households) checksum += evaluateHousehold(h).total;
    const seconds = common.nowSeconds() - start;
    if (checksum !== expected) throw new Error(`run ${run}: checksum ${checksum} != ${expected}`);
    rates.push(population.persons / seconds);
    cpuRates.push(population.persons / (common.cpuSeconds() - cpuStart));
  }
  common.report({
    engine: 'jsonlogic', version: require(path.join(__dirname, '..', 'node_modules',
      'json-logic-js', 'package.json')).version,
    households: households.length, persons: population.persons, runs: args.runs,
    persons_per_s: rates.length ? common.median(rates) : null,
    persons_per_cpu_s: cpuRates.length ? common.median(cpuRates) : null,
  });
}

try {
  main();
} catch (e) {
  console.error(`run_jsonlogic: ${e.stack || e}`);
  process.exit(1);
}
