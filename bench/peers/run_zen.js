#!/usr/bin/env node
// vn-core on GoRules ZEN (@gorules/zen-engine, Rust core, Node binding).
// The decision (peers/vn_core.zen.json) is created once; each household is one
// evaluate() call, awaited in turn (one household in flight = one core).
//
//   node run_zen.js --data FILE --canonical OUT --runs 0     verification output only
//   node run_zen.js --data FILE --runs 3 --expect-checksum N  timing; every pass must give
//                                                             N = the sum of household totals
'use strict';

const fs = require('fs');
const path = require('path');
const common = require('./common');

const args = common.parseArgs(process.argv.slice(2), {
  data: '', canonical: '', runs: 3, as_of: '2026-01-01', concurrency: 1, expect_checksum: -1,
});
if (!args.data) throw new Error('--data is required');

const zen = require(path.join(__dirname, '..', 'node_modules', '@gorules', 'zen-engine'));

function memberOutcome(m, total) {
  const benefits = [];
  for (const b of ['child_under_36_months', 'pregnant_woman', 'disability_particularly_severe',
    'disability_severe', 'meritorious']) {
    if (m[b] !== undefined && m[b] !== null) benefits.push([b, m[b]]);
  }
  if (m.elderly_benefit) benefits.push([m.elderly_benefit, m.elderly_amount]);
  return { id: m.id, total, benefits };
}

// The decision's result: {id, status, members: [...], member_totals: [...], total}.
function canonical(result) {
  return common.canonicalLine(result.id, result.status, result.total,
    result.members.map((m, i) => memberOutcome(m, result.member_totals[i])));
}

// Evaluates every household; returns the sum of household totals (a checksum
// that every timed pass must reproduce) and, if `lines` is given, the outputs.
async function pass(decision, inputs, concurrency, lines) {
  let checksum = 0;
  if (concurrency <= 1) {
    for (const input of inputs) {
      const { result } = await decision.evaluate(input);
      checksum += result.total;
      if (lines) lines.push(canonical(result));
    }
    return checksum;
  }
  for (let i = 0; i < inputs.length; i += concurrency) {
    const batch = inputs.slice(i, i + concurrency).map((input) => decision.evaluate(input));
    for (const { result } of await Promise.all(batch)) {
      checksum += result.total;
      if (lines) lines.push(canonical(result));
    }
  }
  return checksum;
}

async function main() {
  const population = common.readJsonLines(args.data);
  const inputs = population.households.map((h) => Object.assign({ as_of: args.as_of }, h));
  const loadStart = common.nowSeconds();
  const engine = new zen.ZenEngine();
  const decision = engine.createDecision(
    JSON.parse(fs.readFileSync(path.join(__dirname, 'vn_core.zen.json'), 'utf8')));
  const loadMs = (common.nowSeconds() - loadStart) * 1e3;

  // Verification output first (bench/run.sh checks it before any timing counts).
  let expected = args.expect_checksum;
  if (args.canonical || expected < 0) {
    const lines = args.canonical ? [] : null;
    expected = await pass(decision, inputs, args.concurrency, lines);
    if (args.canonical) fs.writeFileSync(args.canonical, lines.join(''));
  }

  const rates = [];
  const cpuRates = [];  // per CPU second of the whole process (all its threads)
  for (let r = 0; r < args.runs; r++) {
    const start = common.nowSeconds();
    const cpuStart = common.cpuSeconds();
    const checksum = await pass(decision, inputs, args.concurrency, null);
    const seconds = common.nowSeconds() - start;
    if (checksum !== expected) throw new Error(`run ${r}: checksum ${checksum} != ${expected}`);
    rates.push(population.persons / seconds);
    cpuRates.push(population.persons / (common.cpuSeconds() - cpuStart));
  }
  engine.dispose();
  common.report({
    engine: 'zen', version: require(path.join(__dirname, '..', 'node_modules', '@gorules',
      'zen-engine', 'package.json')).version,
    households: population.households.length, persons: population.persons,
    concurrency: args.concurrency, runs: args.runs, load_ms: loadMs,
    persons_per_s: rates.length ? common.median(rates) : null,
    persons_per_cpu_s: cpuRates.length ? common.median(cpuRates) : null,
  });
}

main().catch((e) => { console.error(`run_zen: ${e.stack || e}`); process.exit(1); });
