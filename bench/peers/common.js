// Shared helpers of the peer runners (ZEN, JsonLogic): arguments, reading the
// population, the canonical output form, timing and the result line.
'use strict';

const fs = require('fs');

// Parses --name value pairs (and --flag) into an object.
function parseArgs(argv, defaults) {
  const out = Object.assign({}, defaults);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) throw new Error(`unexpected argument ${a}`);
    const key = a.slice(2).replace(/-/g, '_');
    if (!(key in defaults)) throw new Error(`unknown option ${a}`);
    if (typeof defaults[key] === 'boolean') {
      out[key] = true;
    } else {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      const v = argv[++i];
      out[key] = typeof defaults[key] === 'number' ? Number(v) : v;
    }
  }
  return out;
}

// Reads a JSON Lines population into plain objects (not timed).
function readJsonLines(path) {
  const text = fs.readFileSync(path, 'utf8');
  const households = [];
  let persons = 0;
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    if (end > start) {
      const h = JSON.parse(text.slice(start, end));
      persons += h.members.length;
      households.push(h);
    }
    start = end + 1;
  }
  return { households, persons, bytes: Buffer.byteLength(text) };
}

function amountText(value, where) {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw new Error(`non-integer amount ${JSON.stringify(value)} at ${where}`);
  }
  return String(value);
}

// The canonical line of one household (see bench/README.md):
//   <id> <status> <total>[ | <member id> <member total>[ <benefit>:<amount>]...]...
// `members` is [{id, total, benefits: [[benefit id, amount], ...]}], in input order.
function canonicalLine(id, status, total, members) {
  let line = `${id} ${status} ${amountText(total, id)}`;
  for (const m of members) {
    line += ` | ${m.id} ${amountText(m.total, m.id)}`;
    const sorted = m.benefits.slice().sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    for (const [benefit, amount] of sorted) line += ` ${benefit}:${amountText(amount, m.id)}`;
  }
  return line + '\n';
}

function median(values) {
  const v = values.slice().sort((a, b) => a - b);
  const n = v.length;
  return n % 2 === 1 ? v[(n - 1) / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

function nowSeconds() {
  return Number(process.hrtime.bigint()) / 1e9;
}

// CPU time of this process so far (all threads: for ZEN that includes the
// native worker threads doing the evaluation), in seconds.
function cpuSeconds() {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

// Prints the runner's figures as one JSON object (read by bench/run.sh).
function report(fields) {
  process.stdout.write(JSON.stringify(fields) + '\n');
}

module.exports = {
  parseArgs, readJsonLines, canonicalLine, median, nowSeconds, cpuSeconds, report,
};
