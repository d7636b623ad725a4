#!/usr/bin/python3
"""The peer: what a payroll analyst would script instead of premia.

It computes the benchmark scheme (bench/gen) with openpyxl (read-only mode),
exact Python arithmetic and XlsxWriter (constant-memory mode): the same
amounts, a summary sheet and one sheet per employee, and the CSV premia prints,
so the benchmark can check both agree before it reports any time.

The arithmetic is fractions.Fraction, rounded half-up once per amount:
decimal.Decimal (even at 50 digits) rounds every division, and on 5,000
generated employees 10 bonuses that are exactly half a kopeck came out one
kopeck low.

    peer.py FACTS.xlsx OUT.xlsx OUT.csv
"""
import csv
import sys
import math
import resource
from decimal import Decimal, ROUND_HALF_UP
from fractions import Fraction

import openpyxl
import xlsxwriter

D = Fraction

# The scheme of bench/gen/main.go, written out by hand.
WEIGHTS = {
    "manager": {"k1": D("0.2"), "k2": D("0.15"), "k3": D("0.15"), "k4": D("0.1"), "k5": D("0.1"), "k6": D("0.1"), "k7": D("0.1"), "k8": D("0.1")},
    "seller": {"k1": D("0.4"), "k2": D("0.2"), "k3": D("0.2"), "k4": D("0.2")},
    "support": {k: D("0.125") for k in ("k1", "k2", "k3", "k4", "k5", "k6", "k7", "k8")},
}
PLAN = {  # base, norm, target (k1's norm and target are personal)
    "k1": (D(0), None, None), "k2": (D(50), D(100), D(120)), "k3": (D(10), D(20), D(30)),
    "k4": (D(60000), D(50000), D(45000)), "k5": (D("0.8"), D("0.95"), D(1)),
    "k6": (D(100), D(150), D(180)), "k7": (D(5), D(2), D(0)), "k8": (D(0), D(40), D(50)),
}
PAY = {"manager": (D(60000), D(40000)), "seller": (D(30000), D(30000)), "support": (D(40000), D(10000))}
CONDITION = {"manager": D("0.05"), "seller": D("0.15"), "support": D("0.1")}


def money(x):
    """Rounds to the kopeck, half away from zero, once."""
    cents = math.floor(abs(x) * 100 + Fraction(1, 2))
    return Decimal(cents if x >= 0 else -cents).scaleb(-2)


def index(fact, base, norm, target):
    i = (fact - base) / (norm - base)
    if i < 0:
        i = D(0)
    if target is not None:
        i = min(i, (target - base) / (norm - base))
    return i


def ladder(r):
    if r < D("0.8"):
        return D(0)
    if r < 1:
        return D("0.3")
    steps = math.floor((r - 1) / D("0.05"))
    return min(D("0.45") + steps * D("0.005"), D("0.465"))


def table(wb, name):
    ws = wb[name]
    ws.reset_dimensions()  # files written by libraries may declare a wrong dimension
    rows = ws.iter_rows(values_only=True)
    head = [str(h).strip().lower() for h in next(rows)]
    return [dict(zip(head, r)) for r in rows if r and r[0] is not None]


def dec(v):
    return Fraction(str(v)) if v is not None and v != "" else None


def main(facts_path, out_xlsx, out_csv):
    # XlsxWriter's constant-memory mode keeps a temporary file open per sheet:
    # one sheet per employee needs more than the default 1,024 descriptors.
    # Where even the hard limit is too few (20,000 here, and raising it needs
    # root's CAP_SYS_RESOURCE), the analyst falls back to the default
    # in-memory mode, as the error message would lead them to.
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    wb = openpyxl.load_workbook(facts_path, read_only=True, data_only=True)
    roster = table(wb, "Roster")
    facts = {r["id"]: r for r in table(wb, "Facts")}
    plans = {r["id"]: r for r in table(wb, "Plans")}
    depts = {r["department"]: r for r in table(wb, "Departments")}
    results = []
    for e in sorted(roster, key=lambda r: r["id"]):
        role, f, p = e["role"], facts[e["id"]], plans[e["id"]]
        prorate = D(1)
        if dec(e.get("days_worked")) is not None:
            prorate = dec(e["days_worked"]) / dec(e["days_in_period"])
        fixed, variable = PAY[role][0] * prorate, PAY[role][1] * prorate
        k1_norm, k1_target = dec(p["norm"]), dec(p["target"])
        coef = D(0)
        for k, w in WEIGHTS[role].items():
            base, norm, target = PLAN[k]
            if k == "k1":
                norm, target = k1_norm, k1_target
            coef += w * index(dec(f[k]), base, norm, target)
        if role == "seller":
            coef += ladder(dec(f["k1"]) / k1_norm)
        if str(f["no_errors"]).strip().lower() in ("yes", "да", "1", "true"):
            coef += CONDITION[role]
        bonus = variable * coef
        if role == "manager":
            if dec(f["quality"]) < D("0.9"):
                bonus *= D("0.5")
            d = depts[e["department"]]
            fact = dec(d["fact"])
            mult = D(1)
            if fact >= dec(d["maximum"]):
                mult = D("1.2")
            elif fact >= dec(d["normal"]):
                mult = D("1.1")
            elif fact >= dec(d["minimum"]):
                mult = D("1.05")
            bonus *= mult
        bonus = max(bonus, D(0))
        commission = money(dec(f["k1"]) * D("0.01")) if role == "seller" else None
        fixed_r, bonus_r = money(fixed), money(bonus)
        total = fixed_r + bonus_r + (commission or Decimal(0))
        results.append((e, role, fixed_r, money(variable), coef, bonus_r, commission, total))

    with open(out_csv, "w", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["id", "name", "role", "department", "fixed", "variable", "coefficient", "bonus", "commission", "total"])
        for e, role, fixed, variable, coef, bonus, commission, total in results:
            w.writerow([e["id"], e["name"], role, e["department"], fixed, variable,
                        (Decimal(coef.numerator) / Decimal(coef.denominator)).quantize(Decimal("0.000001"), rounding=ROUND_HALF_UP).normalize(), bonus,
                        "" if commission is None else commission, total])

    constant = len(results) + 64 < hard
    if not constant:
        print(f"peer: {len(results)} sheets need more open files than the limit {hard}: XlsxWriter in-memory mode", file=sys.stderr)
    out = xlsxwriter.Workbook(out_xlsx, {"constant_memory": constant})
    fmt = out.add_format({"num_format": "#,##0.00"})
    summary = out.add_worksheet("Summary")
    summary.write_row(0, 0, ["ID", "Name", "Role", "Department", "Fixed", "Variable target", "Coefficient", "Bonus", "Commission", "Total"])
    for i, (e, role, fixed, variable, coef, bonus, commission, total) in enumerate(results, start=1):
        summary.write_row(i, 0, [e["id"], e["name"], role, e["department"]])
        for c, v in enumerate([fixed, variable, float(coef), bonus, commission or Decimal(0), total], start=4):
            summary.write_number(i, c, v, fmt)  # XlsxWriter writes numbers as floats
    for e, role, fixed, variable, coef, bonus, commission, total in results:
        s = out.add_worksheet(e["id"])
        s.write_row(0, 0, [e["name"], e["id"], role])
        s.write_row(2, 0, ["KPI", "Fact"])
        for r, k in enumerate(("k1", "k2", "k3", "k4", "k5", "k6", "k7", "k8"), start=3):
            s.write_string(r, 0, k)
            s.write_number(r, 1, float(dec(facts[e["id"]][k])))
        for r, (label, v) in enumerate([("Fixed", fixed), ("Bonus", bonus), ("Commission", commission or Decimal(0)), ("Total", total)], start=12):
            s.write_string(r, 0, label)
            s.write_number(r, 1, v, fmt)
    out.close()


if __name__ == "__main__":
    main(*sys.argv[1:4])
