#!/usr/bin/env python3
"""Generates a synthetic household registry shaped like a rural district.

The registry is fictional: communes are real Càng Long communes, written as unit
codes (odd household ids: the code before 2025-07-01; even ids: the code of the
new commune from 2025-07-01, rules/vn/vinh-long/units.yaml); every
person and amount is made up. It is built to exercise the rules in rules/vn:
every benefit category and every boundary the tests check is present around the
reference date REF_DATE (children a day before/on/after their third birthday,
people around 60, 70, 75 and 80, incomes at and one đồng above the poverty lines,
injury rates 20/21/80/81/100 ...), some records miss facts the law needs (the
engine must answer `undetermined`), and a few records are invalid on purpose
(unknown enum value, impossible date, duplicate person id, household without
members, negative income, birth after the evaluation date).

Output (deterministic: fixed seed, fixed order, only the standard library):
  examples/registry.jsonl   one household per line, members nested
  examples/households.csv   one row per household
  examples/persons.csv      one row per person, joined by `household_id`
In CSV a set is written `a;b`, a known empty set `[]`, and an empty cell means
"unknown" (the record reader's rules, lib/records/batch_values.cpp).

Usage: python3 examples/generate_registry.py [--out DIR]
"""

import argparse
import csv
import datetime as dt
import json
import os
import random

SEED = 20240527          # the date of Action Programme 31-CTr/HU
REF_DATE = dt.date(2025, 9, 1)
N_BACKGROUND = 300       # random households besides the hand-made ones

COMMUNES = [
    ("Thị trấn Càng Long", "urban"), ("Xã An Trường", "rural"), ("Xã An Trường A", "rural"),
    ("Xã Bình Phú", "rural"), ("Xã Đại Phúc", "rural"), ("Xã Đại Phước", "rural"),
    ("Xã Đức Mỹ", "rural"), ("Xã Huyền Hội", "rural"), ("Xã Mỹ Cẩm", "rural"),
    ("Xã Nhị Long", "rural"), ("Xã Nhị Long Phú", "rural"), ("Xã Phương Thạnh", "rural"),
    ("Xã Tân An", "rural"), ("Xã Tân Bình", "rural"),
]
# Each commune's code before 2025-07-01 and the code of the commune it became part of
# from 2025-07-01 (rules/vn/vinh-long/units.yaml; the mapping there is provisional).
# Households alternate: odd ids carry the old code, even ids the new one, so that the
# registry exercises both (the rules evaluate and report them alike).
COMMUNE_CODES = {
    "Thị trấn Càng Long": ("29266", "29266"), "Xã Mỹ Cẩm": ("29269", "29266"),
    "Xã Nhị Long Phú": ("29299", "29266"), "Xã An Trường": ("29275", "29275"),
    "Xã An Trường A": ("29272", "29275"), "Xã Tân Bình": ("29284", "29275"),
    "Xã Huyền Hội": ("29278", "29278"), "Xã Tân An": ("29281", "29278"),
    "Xã Bình Phú": ("29287", "29287"), "Xã Phương Thạnh": ("29290", "29287"),
    "Xã Đại Phúc": ("29293", "29287"), "Xã Nhị Long": ("29302", "29302"),
    "Xã Đại Phước": ("29296", "29302"), "Xã Đức Mỹ": ("29305", "29302"),
}
# Communes given hamlets in extremely difficult areas / poor-commune status (fictional).
EDA_COMMUNES = {"Xã Nhị Long", "Xã Mỹ Cẩm", "Xã Huyền Hội"}
POOR_COMMUNES = {"Xã Huyền Hội"}

DEPRIVATIONS = ["employment", "dependants", "nutrition", "health_insurance", "adult_education",
                "child_schooling", "housing_quality", "housing_area", "water", "sanitation",
                "telecom", "information_access"]
POVERTY_LINE = {"rural": 1_500_000, "urban": 2_000_000}
AVERAGE_LINE = {"rural": 2_250_000, "urban": 3_000_000}

HOUSEHOLD_FIELDS = ["id", "commune", "area", "income_per_capita", "deprivations",
                    "recognized_status", "extremely_difficult_area", "difficult_area",
                    "poor_commune", "poor_district", "farming"]
PERSON_FIELDS = ["id", "relationship", "birth_date", "sex", "mother_id", "father_id",
                 "marital_status", "pregnant", "disability", "has_supporter", "pension_amount",
                 "hiv", "stable_monthly_income", "no_support_source", "studying", "student",
                 "ethnic_minority", "has_health_insurance", "compulsory_social_insurance",
                 "children_born", "merit", "injury_rate", "martyrs_count", "lives_alone",
                 "martyr_relation", "orphaned", "survivor_relation", "helper_award"]


def years_before(date, years, days=0):
    """The date `years` years before `date` (29 Feb → 28 Feb), shifted by `days`."""
    year = date.year - years
    day = min(date.day, 28) if date.month == 2 and date.day == 29 else date.day
    return dt.date(year, date.month, day) + dt.timedelta(days=days)


def months_before(date, months, days=0):
    """The date `months` months before `date` (day clamped), shifted by `days`."""
    total = date.year * 12 + (date.month - 1) - months
    year, month = divmod(total, 12)
    month += 1
    last = [31, 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28,
            31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    return dt.date(year, month, min(date.day, last)) + dt.timedelta(days=days)


def age_on(birth, date):
    return date.year - birth.year - ((date.month, date.day) < (birth.month, birth.day))


class Builder:
    """Builds households one at a time; keeps ids unique and the output ordered."""

    def __init__(self, rng):
        self.rng = rng
        self.households = []
        self.counter = 0

    def new_household(self, commune=None, income=None, deprivations=None, **fields):
        rng = self.rng
        self.counter += 1
        if commune is None:
            commune = rng.choice(COMMUNES)[0]
        area = dict(COMMUNES)[commune]
        if income is None:
            income = self.random_income(area)
        if deprivations is None:
            deprivations = self.random_deprivations(income, area)
        hh = {
            "id": f"CL-{self.counter:04d}",
            "commune": COMMUNE_CODES[commune][0 if self.counter % 2 == 1 else 1],
            "area": area,
            "income_per_capita": income,
            "deprivations": deprivations,
            "extremely_difficult_area": commune in EDA_COMMUNES and rng.random() < 0.6,
            "difficult_area": commune in EDA_COMMUNES or rng.random() < 0.2,
            "poor_commune": commune in POOR_COMMUNES,
            "poor_district": False,
            "farming": area == "rural" and rng.random() < 0.7,
            "members": [],
        }
        klass = self.poverty_class(hh)
        if klass is not None and rng.random() < 0.4:
            hh["recognized_status"] = klass   # on the commune's list, agreeing
        hh.update(fields)
        self.households.append(hh)
        return hh

    def random_income(self, area):
        r = self.rng.random()
        line = POVERTY_LINE[area]
        if r < 0.10:
            return self.rng.randrange(600_000, line + 1, 1000)
        if r < 0.20:
            return self.rng.randrange(line - 300_000, line + 1, 1000)
        if r < 0.35:
            return self.rng.randrange(line + 1000, AVERAGE_LINE[area] + 1, 1000)
        return self.rng.randrange(AVERAGE_LINE[area] + 1000, 9_000_000, 1000)

    def random_deprivations(self, income, area):
        if income <= POVERTY_LINE[area]:
            k = self.rng.choice([0, 1, 2, 3, 3, 4, 5])
        else:
            k = self.rng.choice([0, 0, 0, 1, 1, 2])
        return sorted(self.rng.sample(DEPRIVATIONS, k), key=DEPRIVATIONS.index)

    @staticmethod
    def poverty_class(hh):
        inc, area, dep = hh["income_per_capita"], hh["area"], hh["deprivations"]
        if inc is None or dep is None:
            return None
        if inc <= POVERTY_LINE[area]:
            return "poor" if len(dep) >= 3 else "near_poor"
        if inc <= AVERAGE_LINE[area]:
            return "average_living"
        return "none"

    def person(self, hh, birth, sex, relationship, **fields):
        """Adds a member with every fact known (typical values), then `fields`."""
        rng = self.rng
        pid = f"{hh['id']}-{len(hh['members']) + 1:02d}"
        age = age_on(birth, REF_DATE)
        p = {"id": pid, "relationship": relationship, "birth_date": birth.isoformat(),
             "sex": sex}
        p["marital_status"] = "married" if age >= 20 else "single"
        if sex == "female":
            p["pregnant"] = False      # men: left out (the rules do not ask a man)
        r = rng.random()
        p["disability"] = ("none" if r < 0.93 else "mild" if r < 0.96
                           else "severe" if r < 0.985 else "particularly_severe")
        if age >= 60:
            p["has_supporter"] = rng.random() < 0.8
        p["pension_amount"] = 0
        if age >= 60 and rng.random() < 0.12:
            p["pension_amount"] = rng.choice([2_800_000, 3_500_000, 5_200_000])
        p["hiv"] = False
        p["stable_monthly_income"] = age >= 18 and rng.random() < 0.4
        if age <= 22:   # Decree 20/2021 Art. 5.1 (under 16) and 5.2 (16-22, studying)
            p["no_support_source"] = False
        if 6 <= age <= 22:
            in_school = age < 16 or rng.random() < 0.5
            p["studying"] = in_school
            p["student"] = in_school
        else:
            p["student"] = False
        p["ethnic_minority"] = hh.get("_ethnic", False)
        p["has_health_insurance"] = rng.random() < 0.92
        if 18 <= age < 60:
            p["compulsory_social_insurance"] = rng.random() < 0.15
        p["merit"] = []
        p.update(fields)
        hh["members"].append(p)
        return p

    def family(self, hh, head_age, spouse=True, children=(), grandparents=0):
        """A head (and spouse) with children of the given ages; optional grandparents."""
        rng = self.rng
        head_sex = rng.choice(["male", "female"])
        head = self.person(hh, years_before(REF_DATE, head_age, rng.randrange(-300, 0)),
                           head_sex, "head")
        mate = None
        if spouse:
            mate = self.person(hh, years_before(REF_DATE, head_age + rng.choice([-4, -2, 0, 2]),
                                                rng.randrange(-300, 0)),
                               "female" if head_sex == "male" else "male", "spouse")
        mother, father = (head, mate) if head_sex == "female" else (mate, head)
        for age in children:
            kid = self.person(hh, years_before(REF_DATE, age, rng.randrange(-300, 0)),
                              rng.choice(["male", "female"]), "child")
            if mother is not None:
                kid["mother_id"] = mother["id"]
            if father is not None:
                kid["father_id"] = father["id"]
        if mother is not None and "pregnant" in mother:
            mother["children_born"] = len(children)
        for _ in range(grandparents):
            self.person(hh, years_before(REF_DATE, head_age + rng.randrange(22, 32),
                                         rng.randrange(-300, 0)),
                        rng.choice(["male", "female"]), "parent", marital_status="widowed")
        return head, mate


def boundary_households(b):
    """Hand-made households: every category and boundary, around REF_DATE."""
    poor = dict(income=1_100_000, deprivations=["housing_quality", "water", "sanitation"])
    near_poor = dict(income=1_350_000, deprivations=["water"])
    well_off = dict(income=4_200_000, deprivations=[])

    # The household of the Vietnamese guide (docs/vi/huong-dan.md, section 6).
    hh = b.new_household("Xã Mỹ Cẩm", 1_100_000, ["housing_quality", "water", "sanitation"],
                         extremely_difficult_area=True, difficult_area=True, poor_commune=False,
                         farming=True)
    hh.pop("recognized_status", None)
    hh["_ethnic"] = True
    sa = b.person(hh, dt.date(1948, 4, 10), "female", "head", marital_status="widowed",
                  has_supporter=True, pension_amount=0, disability="none",
                  merit=["martyr_relative"], martyr_relation="parent", martyrs_count=1,
                  lives_alone=False)
    nam = b.person(hh, dt.date(1980, 2, 1), "male", "child", mother_id=sa["id"],
                   disability="severe")
    lan = b.person(hh, dt.date(1992, 7, 15), "female", "other", pregnant=True,
                   disability="none", children_born=2)
    b.person(hh, dt.date(2023, 11, 20), "male", "grandchild", mother_id=lan["id"],
             father_id=nam["id"], disability="none")
    b.person(hh, dt.date(2016, 5, 5), "female", "grandchild", mother_id=lan["id"],
             father_id=nam["id"], disability="none", student=True)

    # Children around 36 months (day before / on / after the third birthday) and 4 years.
    # birth = REF - 3 years + shift: third birthday the day after / on / the day before REF.
    for shift in (1, 0, -1):
        hh = b.new_household("Xã Nhị Long", extremely_difficult_area=True, **poor)
        head, mate = b.family(hh, 27, children=())
        mum, dad = (head, mate) if head["sex"] == "female" else (mate, head)
        b.person(hh, years_before(REF_DATE, 3, shift), "female", "child", disability="none",
                 mother_id=mum["id"], father_id=dad["id"])
        mum["children_born"] = 1
    for shift in (-1, 0, 1):
        hh = b.new_household("Xã Mỹ Cẩm", extremely_difficult_area=True, **near_poor)
        b.person(hh, years_before(REF_DATE, 4, shift), "male", "child", no_support_source=True,
                 disability="none")
        b.person(hh, years_before(REF_DATE, 68), "female", "parent", marital_status="widowed")
    # Child under 3 outside the extremely difficult area (not eligible; NQ42 scenario: eligible).
    hh = b.new_household("Xã Đức Mỹ", extremely_difficult_area=False, **near_poor)
    b.family(hh, 24, children=(1,))

    # People around 60, 70, 75 and 80, poor / near-poor / well-off, with and without supporter.
    for years, money in ((60, poor), (70, poor), (70, near_poor), (75, well_off),
                         (75, near_poor), (80, poor), (80, well_off)):
        for shift in (1, 0, -1):   # birth = REF - N years + shift → a day before / on / after
            hh = b.new_household(**money)
            b.person(hh, years_before(REF_DATE, years, shift), b.rng.choice(["male", "female"]),
                     "head", marital_status="widowed", has_supporter=False, pension_amount=0)
    # Pension below / equal to the social pension; missing pension; missing supporter.
    for pension in (300_000, 500_000, None):
        hh = b.new_household(**well_off)
        p = b.person(hh, dt.date(1947, 6, 1), "male", "head", marital_status="married")
        if pension is None:
            p.pop("pension_amount")
        else:
            p["pension_amount"] = pension
    hh = b.new_household(**poor)
    p = b.person(hh, dt.date(1958, 2, 2), "female", "head", marital_status="widowed")
    p.pop("has_supporter")

    # Disabilities at every level and age.
    for birth, level in ((dt.date(2015, 3, 3), "severe"), (dt.date(2012, 9, 1), "particularly_severe"),
                         (dt.date(1990, 1, 1), "severe"), (dt.date(1985, 5, 5), "particularly_severe"),
                         (dt.date(1955, 5, 5), "severe"), (dt.date(1950, 2, 2), "particularly_severe"),
                         (years_before(REF_DATE, 16), "severe"), (dt.date(1995, 3, 3), "mild")):
        hh = b.new_household(**well_off)
        b.person(hh, birth, b.rng.choice(["male", "female"]), "head", disability=level)
    # Disabled mothers: pregnant; raising one / two children under 36 months.
    for pregnant, kids in ((True, ()), (False, (1,)), (True, (2,)), (False, (0, 2))):
        hh = b.new_household(**well_off)
        m = b.person(hh, dt.date(1994, 4, 4), "female", "head", disability="severe",
                     pregnant=pregnant, children_born=len(kids))
        for age in kids:
            b.person(hh, years_before(REF_DATE, age, -40), "male", "child", mother_id=m["id"])

    # Single parents: widowed, never married, spouse missing, divorced; poor and near-poor.
    for status, money in (("widowed", near_poor), ("single", poor), ("spouse_missing", near_poor),
                          ("divorced", near_poor), ("widowed", well_off)):
        hh = b.new_household(**money)
        parent = b.person(hh, dt.date(1986, 8, 8), "female", "head", marital_status=status,
                          children_born=2)
        b.person(hh, dt.date(2014, 1, 1), "male", "child", mother_id=parent["id"])
        b.person(hh, dt.date(2007, 1, 1), "female", "child", mother_id=parent["id"],
                 studying=True, student=True)
    hh = b.new_household(**near_poor)   # single father, a 17-year-old whose schooling is unknown
    f = b.person(hh, dt.date(1978, 3, 3), "male", "head", marital_status="widowed")
    k = b.person(hh, dt.date(2008, 2, 2), "female", "child", father_id=f["id"])
    k.pop("studying", None)

    # HIV in poor households: child under 4, child 10, adult without stable income.
    hh = b.new_household(**poor)
    b.person(hh, dt.date(1990, 1, 1), "female", "head", hiv=True, stable_monthly_income=False,
             marital_status="widowed")
    b.person(hh, dt.date(2022, 6, 1), "male", "child", hiv=True,
             mother_id=hh["members"][0]["id"])
    b.person(hh, dt.date(2015, 6, 1), "female", "child", hiv=True,
             mother_id=hh["members"][0]["id"])

    # Meritorious people: every category, injury rates at the bracket bounds.
    merit_cases = [(["war_invalid"], {"injury_rate": r}) for r in (20, 21, 45, 80, 81, 100)]
    merit_cases += [(["sick_soldier"], {"injury_rate": r}) for r in (40, 41, 61, 91)]
    merit_cases += [(["agent_orange"], {"injury_rate": r}) for r in (21, 60, 81)]
    merit_cases += [(["martyr_relative"], {"martyrs_count": n, "lives_alone": alone, "martyr_relation": rel})
                    for n, alone, rel in ((1, False, "parent"), (2, True, "spouse"),
                                          (3, False, "raised_martyr"), (4, True, "parent"))]
    merit_cases += [(["heroic_mother", "martyr_relative"],
                     {"martyrs_count": 2, "lives_alone": True, "martyr_relation": "parent"}),
                    (["hero"], {}), (["imprisoned"], {}), (["revolutionary_1945"], {}),
                    (["resistance"], {}), (["helped_revolution"], {}),
                    (["war_invalid"], {})]   # injury rate missing: warning, undetermined
    for merit, extra in merit_cases:
        hh = b.new_household()
        sex = "female" if "heroic_mother" in merit else "male"
        b.person(hh, dt.date(1946 + b.rng.randrange(0, 8), 1 + b.rng.randrange(12), 15), sex,
                 "head", marital_status="widowed", merit=merit, **extra)

    # Births on REF_DATE (in its month, not after it): poor ethnic-minority mother; Kinh mother with an
    # ethnic-minority husband; third child.
    for mother_em, father_em, born in ((True, True, 1), (False, True, 2), (True, True, 3)):
        hh = b.new_household("Xã Huyền Hội", difficult_area=True, **poor)
        m = b.person(hh, dt.date(1996, 6, 6), "female", "head", ethnic_minority=mother_em,
                     compulsory_social_insurance=False, children_born=born)
        f = b.person(hh, dt.date(1994, 4, 4), "male", "spouse", ethnic_minority=father_em)
        b.person(hh, REF_DATE, "female", "child",   # born on the reference date
                 mother_id=m["id"], father_id=f["id"], ethnic_minority=mother_em or father_em)

    # Students, farming households of average living standard (health insurance).
    hh = b.new_household(income=2_000_000, deprivations=[], farming=True, commune="Xã Tân An")
    b.family(hh, 45, children=(19, 12))

    # Incomes exactly at and one đồng above each line.
    for commune, income in (("Xã Bình Phú", 1_500_000), ("Xã Bình Phú", 1_500_001),
                            ("Xã Bình Phú", 2_250_000), ("Xã Bình Phú", 2_250_001),
                            ("Thị trấn Càng Long", 2_000_000), ("Thị trấn Càng Long", 2_000_001),
                            ("Thị trấn Càng Long", 3_000_000), ("Thị trấn Càng Long", 3_000_001)):
        for dep in (["water", "sanitation", "housing_area"], ["water"]):
            hh = b.new_household(commune, income, dep)
            b.family(hh, 38, children=(2, 9))

    # Recognised status differing from the computed class (warning R_STATUS_DIFFERS).
    hh = b.new_household(income=1_900_000, deprivations=["water"], recognized_status="poor")
    b.family(hh, 50, children=(14,))

    # Missing facts: deprivations, extremely difficult area, disability, no_support_source.
    hh = b.new_household(income=1_200_000, commune="Xã Nhị Long")
    hh["deprivations"] = None
    hh.pop("recognized_status", None)
    hh.pop("extremely_difficult_area")
    b.family(hh, 30, children=(1,))
    hh = b.new_household(**poor)
    _, _ = b.family(hh, 35, children=(7,))
    hh["members"][0].pop("disability")
    hh["members"][-1].pop("no_support_source")


def law_2026_households(b):
    """The cases of the law review of December 2026 (issue 12), after the invalid records so that the
    earlier households keep their ids and contents: martyrs' relatives by relation, a disabled couple
    (care support paid once), 16-22-year-olds still studying, helpers of the revolution, survivors of
    deceased war invalids, a category the package does not compute, births due in the month."""
    well_off = dict(income=4_200_000, deprivations=[])
    poor = dict(income=1_100_000, deprivations=["housing_quality", "water", "sanitation"])
    # A martyr's son of 50 (no monthly allowance), a martyr's orphaned son of 17, a relative whose
    # relation is not recorded (undetermined).
    hh = b.new_household(**well_off)
    b.person(hh, dt.date(1975, 3, 3), "male", "head", merit=["martyr_relative"], martyrs_count=1,
             martyr_relation="child", studying=False, disability="none", lives_alone=False)
    hh = b.new_household(**well_off)
    b.person(hh, years_before(REF_DATE, 17, -30), "male", "head", merit=["martyr_relative"],
             martyrs_count=1, martyr_relation="child", orphaned=True)
    hh = b.new_household(**well_off)
    b.person(hh, dt.date(1950, 5, 5), "female", "head", merit=["martyr_relative"], martyrs_count=1,
             lives_alone=False, orphaned=False, studying=False)
    # A couple both severely disabled raising a child under 36 months: one care support (the head).
    hh = b.new_household(**well_off)
    h = b.person(hh, dt.date(1993, 5, 5), "male", "head", disability="severe")
    w = b.person(hh, dt.date(1995, 5, 5), "female", "spouse", disability="severe", children_born=1)
    b.person(hh, years_before(REF_DATE, 1, -20), "female", "child", mother_id=w["id"], father_id=h["id"],
             disability="none")
    # Orphans still studying whose 23rd birthday is the day after / on / the day before REF_DATE.
    for shift in (1, 0, -1):
        hh = b.new_household(**poor)
        b.person(hh, years_before(REF_DATE, 23, shift), "female", "head", no_support_source=True,
                 studying=True, student=True, marital_status="single")
    # Helpers of the revolution: badge/certificate, Resistance Order living alone, Resistance Medal.
    for award, alone in (("fatherland_medal", False), ("resistance_order", True),
                         ("resistance_medal", False)):
        hh = b.new_household(**well_off)
        b.person(hh, dt.date(1932, 2, 2), "female", "head", marital_status="widowed",
                 merit=["helped_revolution"], helper_award=award, lives_alone=alone)
    # Survivors of deceased war invalids: a mother living alone; widows whose retirement age (56 years
    # 8 months in 2025) is reached the day after / on / the day before REF_DATE; an orphan of 12.
    hh = b.new_household(**well_off)
    b.person(hh, dt.date(1938, 8, 8), "female", "head", marital_status="widowed",
             merit=["invalid_survivor"], survivor_relation="parent", lives_alone=True)
    for shift in (1, 0, -1):
        hh = b.new_household(**well_off)
        b.person(hh, months_before(REF_DATE, 680, shift), "female", "head", marital_status="widowed",
                 merit=["invalid_survivor"], survivor_relation="spouse", lives_alone=False)
    hh = b.new_household(**well_off)
    b.person(hh, years_before(REF_DATE, 12, -40), "male", "head", merit=["invalid_survivor"],
             survivor_relation="child", orphaned=True)
    # A revolutionary active before 1945: not computed, warning R_NOT_ENCODED.
    hh = b.new_household(**well_off)
    b.person(hh, dt.date(1925, 1, 1), "male", "head", marital_status="widowed",
             merit=["revolutionary_pre1945"])
    # Birth support falls due in the month holding the day after the birth: a third child born on the
    # last day of the month before REF_DATE (due in REF_DATE's month; no limit on children since
    # 2025-06-03).
    hh = b.new_household("Xã Huyền Hội", difficult_area=True, **poor)
    m = b.person(hh, dt.date(1993, 3, 3), "female", "head", ethnic_minority=True,
                 compulsory_social_insurance=False, children_born=3)
    b.person(hh, REF_DATE - dt.timedelta(days=1), "male", "child", mother_id=m["id"],
             ethnic_minority=True)


def invalid_households(b):
    """Records that the reader or the checks must reject or flag; the batch goes on."""
    hh = b.new_household()
    b.family(hh, 40, children=(10,))
    hh["area"] = "rurall"                                   # unknown enum value
    hh = b.new_household()
    b.family(hh, 33, children=(3,))
    hh["members"][-1]["birth_date"] = "2022-02-30"          # not a calendar date
    hh = b.new_household()
    b.family(hh, 44, children=(12, 8))
    hh["members"][-1]["id"] = hh["members"][-2]["id"]       # duplicate person id
    hh = b.new_household()                                  # household without members
    hh = b.new_household()
    b.family(hh, 52, children=())
    hh["income_per_capita"] = -250_000                      # negative income (R_NEGATIVE_INCOME)
    hh = b.new_household()
    b.family(hh, 29, children=())
    b.person(hh, dt.date(2027, 6, 1), "male", "child")      # born after the evaluation date
    hh = b.new_household()
    b.family(hh, 31, children=(4,))
    hh["members"][0]["sex"] = "M"                           # unknown enum value (sex)
    hh = b.new_household()
    head, mate = b.family(hh, 36, children=(6,))
    man = head if head["sex"] == "male" else mate
    man["pregnant"] = True                                  # warning R_PREGNANT_MALE
    hh["members"][-1]["mother_id"] = "CL-9999-01"           # warning R_MOTHER_NOT_MEMBER


def background_households(b, n):
    rng = b.rng
    for _ in range(n):
        hh = b.new_household()
        hh["_ethnic"] = rng.random() < 0.3
        shape = rng.random()
        if shape < 0.15:     # elderly living alone
            b.person(hh, years_before(REF_DATE, rng.randrange(60, 95), -rng.randrange(365)),
                     rng.choice(["male", "female"]), "head", marital_status="widowed",
                     lives_alone=True)
        elif shape < 0.75:   # couple with children, sometimes a grandparent
            kids = sorted((rng.randrange(0, 20) for _ in range(rng.randrange(0, 4))), reverse=True)
            b.family(hh, rng.randrange(24, 50), children=kids, grandparents=rng.randrange(0, 2))
        else:                # three generations
            head, mate = b.family(hh, rng.randrange(50, 70), children=(rng.randrange(22, 35),))
            adult = hh["members"][-1]
            inlaw = b.person(hh, years_before(REF_DATE, rng.randrange(22, 35), -rng.randrange(365)),
                             "female" if adult["sex"] == "male" else "male", "other")
            mother, father = (adult, inlaw) if adult["sex"] == "female" else (inlaw, adult)
            for age in range(rng.randrange(1, 3)):
                b.person(hh, months_before(REF_DATE, rng.randrange(1, 120), -rng.randrange(30)),
                         rng.choice(["male", "female"]), "grandchild",
                         mother_id=mother["id"], father_id=father["id"])
            if rng.random() < 0.1:
                mother["pregnant"] = True
        for p in hh["members"]:   # a few random gaps in the facts
            for field in ("has_supporter", "disability", "pension_amount", "marital_status"):
                if field in p and rng.random() < 0.01:
                    p.pop(field)
            p["ethnic_minority"] = hh["_ethnic"]
            if rng.random() < 0.01:
                p["merit"] = rng.choice([["war_invalid"], ["martyr_relative"], ["resistance"]])
                if p["merit"] == ["war_invalid"]:
                    p["injury_rate"] = rng.choice([31, 41, 61])
                if p["merit"] == ["martyr_relative"]:
                    p["martyrs_count"] = 1
                    p["lives_alone"] = False
                    p["martyr_relation"] = "parent"


def finish(households):
    """Drops helper keys and None values (None = leave the fact out)."""
    out = []
    for hh in households:
        rec = {k: v for k, v in hh.items() if not k.startswith("_") and v is not None}
        rec["members"] = [{k: v for k, v in p.items() if v is not None} for p in hh["members"]]
        out.append(rec)
    return out


def csv_cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ";".join(value) if value else "[]"   # "" would mean unknown
    return str(value)


def write(households, out_dir):
    with open(os.path.join(out_dir, "registry.jsonl"), "w", encoding="utf-8", newline="\n") as f:
        for hh in households:
            ordered = {k: hh[k] for k in HOUSEHOLD_FIELDS if k in hh}
            ordered["members"] = [{k: p[k] for k in PERSON_FIELDS if k in p} for p in hh["members"]]
            f.write(json.dumps(ordered, ensure_ascii=False, separators=(",", ":")) + "\n")
    with open(os.path.join(out_dir, "households.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(HOUSEHOLD_FIELDS)
        for hh in households:
            w.writerow([csv_cell(hh.get(k)) for k in HOUSEHOLD_FIELDS])
    with open(os.path.join(out_dir, "persons.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["household_id"] + PERSON_FIELDS)
        for hh in households:
            for p in hh["members"]:
                w.writerow([hh["id"]] + [csv_cell(p.get(k)) for k in PERSON_FIELDS])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=os.path.dirname(os.path.abspath(__file__)),
                        help="output folder (default: the folder of this script)")
    args = parser.parse_args()
    b = Builder(random.Random(SEED))
    boundary_households(b)
    background_households(b, N_BACKGROUND)
    invalid_households(b)
    law_2026_households(b)
    households = finish(b.households)
    write(households, args.out)
    persons = sum(len(h["members"]) for h in households)
    print(f"{len(households)} households, {persons} persons, reference date {REF_DATE}")


if __name__ == "__main__":
    main()
