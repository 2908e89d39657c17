#!/usr/bin/env python3
"""Deterministic generator of the "vn-core" benchmark population (issue 6).

Writes, for a number of households N:
  <out>/vn_core_<label>.jsonl            one household per line, members inline
  <out>/vn_core_<label>_households.csv   id,area,income_per_capita,deprivation_count
  <out>/vn_core_<label>_persons.csv      household_id,id,birth_date,sex,pregnant,has_pension,disability,merit

The random stream is consumed household by household from one fixed seed, so the
first 10k households of the 100k file are the 10k file (a prefix property that
makes the sizes comparable). Python 3 standard library only.

Usage: gen_vn_core.py [--out bench/data] [--sizes 10k,100k,1M] [--seed 20260101] [--force]
"""

import argparse
import bisect
import datetime
import os
import random
import sys
import time

AS_OF = datetime.date(2026, 1, 1)  # the evaluation date of the workload
LINES = {"rural": 1_500_000, "urban": 2_000_000}
DEFAULT_SEED = 20260101

# Members per household, 1..7.
SIZE_WEIGHTS = [0.12, 0.20, 0.22, 0.22, 0.13, 0.07, 0.04]
# Age buckets (in whole years, inclusive) with their share of persons.
AGE_BUCKETS = [((0, 2), 0.07), ((3, 14), 0.14), ((15, 49), 0.46), ((50, 59), 0.12),
               ((60, 79), 0.15), ((80, 100), 0.06)]
DISABILITY = [("none", 0.95), ("severe", 0.035), ("particularly_severe", 0.015)]
MERIT = [("none", 0.96), ("war_invalid", 0.015), ("martyr_relative", 0.015),
         ("resistance_agent_orange", 0.01)]
# Share of persons whose birth date is put on a boundary of the rules (36 months, 60 and
# 80 years, month ends, 29 February) so that off-by-one-day mistakes show.
EDGE_SHARE = 0.03


def _edge_dates():
    d = datetime.date
    return [
        d(2023, 1, 1), d(2023, 1, 2), d(2022, 12, 31), d(2022, 12, 30),   # 36 months
        d(2023, 1, 31), d(2022, 11, 30), d(2024, 2, 29), d(2023, 2, 28),  # month ends
        d(1966, 1, 1), d(1966, 1, 2), d(1965, 12, 31), d(1964, 2, 29),    # 60 years
        d(1946, 1, 1), d(1946, 1, 2), d(1945, 12, 31), d(1944, 2, 29),    # 80 years
        d(2025, 12, 31), d(2026, 1, 1), d(1925, 1, 2),                    # ages 0 and 100
    ]


def _cumulative(weights):
    total, out = 0.0, []
    for w in weights:
        total += w
        out.append(total)
    out[-1] = 1.0 + 1e-12
    return out


def parse_size(text):
    t = text.strip().lower()
    mult = 1
    if t.endswith("k"):
        mult, t = 1_000, t[:-1]
    elif t.endswith("m"):
        mult, t = 1_000_000, t[:-1]
    n = int(t) * mult
    if n <= 0:
        raise argparse.ArgumentTypeError(f"size must be positive: {text}")
    return n


def size_label(n):
    if n % 1_000_000 == 0:
        return f"{n // 1_000_000}M"
    if n % 1_000 == 0:
        return f"{n // 1_000}k"
    return str(n)


class Population:
    """Draws households one at a time from a seeded random stream."""

    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.size_cum = _cumulative(SIZE_WEIGHTS)
        self.age_cum = _cumulative([w for _, w in AGE_BUCKETS])
        self.dis_cum = _cumulative([w for _, w in DISABILITY])
        self.merit_cum = _cumulative([w for _, w in MERIT])
        self.edges = [e.isoformat() for e in _edge_dates()]
        # ISO text of every day from 101 years before AS_OF to AS_OF, by day offset back.
        base = AS_OF.toordinal()
        self.iso_back = [datetime.date.fromordinal(base - k).isoformat() for k in range(0, 37_200)]
        # Day-offset ranges (back from AS_OF) for each age bucket: age a means born in
        # (AS_OF - (a+1) years, AS_OF - a years].
        self.bucket_days = []
        for (lo, hi), _ in AGE_BUCKETS:
            newest = base - datetime.date(AS_OF.year - lo, AS_OF.month, AS_OF.day).toordinal()
            oldest = base - datetime.date(AS_OF.year - hi - 1, AS_OF.month, AS_OF.day).toordinal() - 1
            self.bucket_days.append((newest, oldest))

    def _income(self, area):
        r = self.rng.random()
        line = LINES[area]
        if r < 0.01:
            return line                                        # exactly at the line
        if r < 0.10:
            return self.rng.randrange(200, line // 1000) * 1000  # below the line
        if r < 0.11:
            return line + self.rng.choice((1, 1000))             # just above
        # Above the line: mostly 1-3x the line, a long tail up to 20M.
        if r < 0.85:
            return self.rng.randrange(line // 1000 + 1, 3 * line // 1000) * 1000
        return self.rng.randrange(3 * line // 1000, 20_000) * 1000

    def _person(self, hid, k):
        rng = self.rng
        if rng.random() < EDGE_SHARE:
            birth = self.edges[int(rng.random() * len(self.edges))]
            back = (AS_OF - datetime.date.fromisoformat(birth)).days
        else:
            newest, oldest = self.bucket_days[bisect.bisect_left(self.age_cum, rng.random())]
            back = rng.randint(newest, oldest)
            birth = self.iso_back[back]
        years = back // 366  # a lower bound of the age in years, enough for the draws below
        sex = "female" if rng.random() < 0.5 else "male"
        pregnant = sex == "female" and 15 <= years <= 48 and rng.random() < 0.06
        has_pension = rng.random() < (0.35 if years >= 55 else 0.01)
        disability = DISABILITY[bisect.bisect_left(self.dis_cum, rng.random())][0]
        merit = MERIT[bisect.bisect_left(self.merit_cum, rng.random())][0]
        return (f"{hid}-{k}", birth, sex, pregnant, has_pension, disability, merit)

    def household(self, index):
        rng = self.rng
        hid = f"H{index:07d}"
        area = "rural" if rng.random() < 0.65 else "urban"
        income = self._income(area)
        # Deprivations: 0..12, the poorer the more; 3 (the threshold) is frequent.
        if income <= LINES[area]:
            dep = min(12, int(rng.random() * 7))
        else:
            dep = min(12, int(rng.random() * rng.random() * 13))
        n = bisect.bisect_left(self.size_cum, rng.random()) + 1
        members = [self._person(hid, k) for k in range(1, n + 1)]
        return hid, area, income, dep, members


def _bool(b):
    return "true" if b else "false"


def write_population(n, seed, out_dir, label, force):
    jsonl = os.path.join(out_dir, f"vn_core_{label}.jsonl")
    hcsv = os.path.join(out_dir, f"vn_core_{label}_households.csv")
    pcsv = os.path.join(out_dir, f"vn_core_{label}_persons.csv")
    if not force and all(os.path.exists(p) for p in (jsonl, hcsv, pcsv)):
        print(f"gen_vn_core: {label}: present, kept ({jsonl})")
        return
    start = time.time()
    pop = Population(seed)
    persons = 0
    tmp = [p + ".tmp" for p in (jsonl, hcsv, pcsv)]
    with open(tmp[0], "w", encoding="ascii", newline="\n") as fj, \
         open(tmp[1], "w", encoding="ascii", newline="\n") as fh, \
         open(tmp[2], "w", encoding="ascii", newline="\n") as fp:
        fh.write("id,area,income_per_capita,deprivation_count\n")
        fp.write("household_id,id,birth_date,sex,pregnant,has_pension,disability,merit\n")
        jbuf, hbuf, pbuf = [], [], []
        for i in range(1, n + 1):
            hid, area, income, dep, members = pop.household(i)
            persons += len(members)
            ms = []
            for (pid, birth, sex, preg, pension, dis, merit) in members:
                ms.append(f'{{"id":"{pid}","birth_date":"{birth}","sex":"{sex}",'
                          f'"pregnant":{_bool(preg)},"has_pension":{_bool(pension)},'
                          f'"disability":"{dis}","merit":"{merit}"}}')
                pbuf.append(f"{hid},{pid},{birth},{sex},{_bool(preg)},{_bool(pension)},{dis},{merit}\n")
            jbuf.append(f'{{"id":"{hid}","area":"{area}","income_per_capita":{income},'
                        f'"deprivation_count":{dep},"members":[{",".join(ms)}]}}\n')
            hbuf.append(f"{hid},{area},{income},{dep}\n")
            if len(jbuf) >= 20_000:
                fj.write("".join(jbuf)); fh.write("".join(hbuf)); fp.write("".join(pbuf))
                jbuf, hbuf, pbuf = [], [], []
        fj.write("".join(jbuf)); fh.write("".join(hbuf)); fp.write("".join(pbuf))
    for t, p in zip(tmp, (jsonl, hcsv, pcsv)):
        os.replace(t, p)
    print(f"gen_vn_core: {label}: {n} households, {persons} persons in {time.time() - start:.1f} s "
          f"({jsonl})")


def main(argv):
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=os.path.join(here, "data"))
    ap.add_argument("--sizes", default="10k,100k,1M",
                    help="comma-separated household counts (10k, 100k, 1M, 500 ...)")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    ap.add_argument("--force", action="store_true", help="regenerate files that exist")
    args = ap.parse_args(argv)
    os.makedirs(args.out, exist_ok=True)
    for text in args.sizes.split(","):
        n = parse_size(text)
        write_population(n, args.seed, args.out, size_label(n), args.force)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
