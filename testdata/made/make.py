#!/usr/bin/python3
"""Write the testdata/real-* cases: fact sheets made the way real programs make them.

Run through testdata/made/make.sh (which also does the LibreOffice conversions),
or alone:

    /usr/bin/python3 testdata/made/make.py          # the XlsxWriter and openpyxl files
    /usr/bin/python3 testdata/made/make.py check    # open every case back and check it

Needs Debian's python3-openpyxl (3.0.9) and python3-xlsxwriter (3.0.2). Every
value comes from the examples' facts/*.csv, so that a correctly read file gives
the same JSON as the clean example. Only files named here are written: a
want.golden added to a case folder later is kept.
"""

import csv
import datetime
import os
import re
import shutil
import sys
import zipfile
from decimal import Decimal

import openpyxl
import xlsxwriter

MADE = os.path.dirname(os.path.abspath(__file__))
TESTDATA = os.path.dirname(MADE)
ROOT = os.path.dirname(TESTDATA)
EXAMPLES = os.path.join(ROOT, "examples")

# Document dates: fixed, so that XlsxWriter's and openpyxl's bytes do not depend on the clock.
FIXED = datetime.datetime(2026, 10, 31, 9, 0, 0)
ZIP_TIME = (1980, 1, 1, 0, 0, 0)

made = []  # (case, what) for the final listing


# --- values ---------------------------------------------------------------

class Pct(float):
    """A share written as a number with a percent format (0.85 shown as 85%)."""


class Formula:
    """A formula cell; cached is the saved result (None: the writer's default)."""

    def __init__(self, text, cached=None):
        self.text, self.cached = text, cached


class Text(str):
    """A number or date deliberately stored as a text cell."""


def typed(s):
    """A CSV field of the examples as the value a program would put in a cell."""
    if s == "":
        return None
    if re.fullmatch(r"-?\d+", s):
        return int(s)
    if re.fullmatch(r"-?\d+\.\d+", s):
        return float(s)
    if re.fullmatch(r"\d+(\.\d+)?%", s):
        return Pct(float(Decimal(s[:-1]) / 100))
    if re.fullmatch(r"\d{4}-\d\d-\d\d", s):
        return datetime.date.fromisoformat(s)
    return s


def table(example, name):
    """Header and typed rows of examples/<example>/facts/<name>.csv."""
    with open(os.path.join(EXAMPLES, example, "facts", name + ".csv"), newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    return [rows[0]] + [[typed(v) for v in r] for r in rows[1:]]


def tables(example):
    """The example's tables in its facts.xlsx sheet order: [(sheet, rows)]."""
    order = ["roster", "facts", "plans", "departments", "payments"]
    have = [n for n in order if os.path.exists(os.path.join(EXAMPLES, example, "facts", n + ".csv"))]
    return [(n.capitalize(), table(example, n)) for n in have]


def sheet(tabs, name):
    for n, rows in tabs:
        if n == name:
            return rows
    raise KeyError(name)


def col(rows, heading):
    return rows[0].index(heading)


def set_cell(tabs, name, row_id, heading, value):
    """Set the cell of the row whose first cell is row_id under heading."""
    rows = sheet(tabs, name)
    c = col(rows, heading)
    for r in rows[1:]:
        if r and r[0] == row_id:
            r[c] = value
            return
    raise KeyError((name, row_id))


RU_SHEETS = {"Roster": "Сотрудники", "Facts": "Факты", "Plans": "Планы",
             "Departments": "Отделы", "Payments": "Оплаты"}
RU_HEAD = {
    "Roster": {"id": "Табельный номер", "name": "ФИО", "role": "Должность", "department": "Отдел",
               "fixed": "Оклад", "variable": "Переменная часть", "days_worked": "Отработано дней",
               "days_in_period": "Дней в периоде"},
    "Facts": {"id": "Табельный номер"},
    "Plans": {"id": "Табельный номер", "kpi": "Показатель", "base": "База", "norm": "Норма", "target": "Цель"},
    "Departments": {"department": "Отдел", "fact": "Факт", "minimum": "Минимум", "normal": "Норма",
                    "maximum": "Максимум", "pool": "Фонд"},
    "Payments": {"id": "Табельный номер", "customer": "Клиент", "amount": "Сумма", "due": "Срок оплаты",
                 "paid": "Дата оплаты"},
}


def russian_headings(tabs, name):
    rows = sheet(tabs, name)
    rows[0] = [RU_HEAD[name].get(h, h) for h in rows[0]]


# --- writers --------------------------------------------------------------

def write_xlsxwriter(path, tabs, date_format="dd.mm.yyyy"):
    """XlsxWriter as a program uses it: numbers as numbers, dates as date cells,
    shares as numbers with a 0% format. XlsxWriter writes <calcPr fullCalcOnLoad="1"/>
    and, for a formula, the cached result given (0 unless told)."""
    wb = xlsxwriter.Workbook(path, {"in_memory": True})  # in memory: zip entries dated 1980-01-01
    wb.set_properties({"created": FIXED})
    pct = wb.add_format({"num_format": "0%"})
    date = wb.add_format({"num_format": date_format})
    for name, rows in tabs:
        ws = wb.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, v in enumerate(row):
                if v is None:
                    continue
                if isinstance(v, Formula):
                    if v.cached is None:
                        ws.write_formula(r, c, v.text)  # XlsxWriter's default cached value: 0
                    else:
                        ws.write_formula(r, c, v.text, None, v.cached)
                elif isinstance(v, Pct):
                    ws.write_number(r, c, float(v), pct)
                elif isinstance(v, (int, float)):
                    ws.write_number(r, c, v)
                elif isinstance(v, datetime.date):
                    ws.write_datetime(r, c, v, date)
                else:
                    ws.write_string(r, c, str(v))
    wb.close()


def write_openpyxl(path, tabs, iso_dates=False):
    """openpyxl as a program uses it: typed values, openpyxl's own date format,
    shares with a 0% format, formulas without a saved result (openpyxl stores none)."""
    wb = openpyxl.Workbook(iso_dates=iso_dates)
    wb.remove(wb.active)
    for name, rows in tabs:
        ws = wb.create_sheet(name)
        for r, row in enumerate(rows, start=1):
            for c, v in enumerate(row, start=1):
                if v is None:
                    continue
                if isinstance(v, Formula):
                    ws.cell(row=r, column=c, value=v.text)
                elif isinstance(v, Pct):
                    ws.cell(row=r, column=c, value=float(v)).number_format = "0%"
                else:
                    ws.cell(row=r, column=c, value=str(v) if isinstance(v, Text) else v)
    wb.properties.created = FIXED
    wb.properties.modified = FIXED
    wb.save(path)
    redate_zip(path)


def redate_zip(path):
    """openpyxl dates every zip entry with the clock; rewrite the entries dated
    1980-01-01, each byte of their content and their compression unchanged."""
    with zipfile.ZipFile(path) as z:
        entries = [(i, z.read(i)) for i in z.infolist()]
    tmp = path + ".tmp"
    with zipfile.ZipFile(tmp, "w") as z:
        for i, data in entries:
            n = zipfile.ZipInfo(i.filename, ZIP_TIME)
            n.compress_type = i.compress_type
            n.external_attr = i.external_attr
            z.writestr(n, data)
    os.replace(tmp, path)


def drop_full_calc(src, dst):
    """Copy the workbook removing fullCalcOnLoad="1" from xl/workbook.xml, every
    other entry (and its date, order and compression) as it was."""
    with zipfile.ZipFile(src) as z:
        entries = [(i, z.read(i)) for i in z.infolist()]
    with zipfile.ZipFile(dst, "w") as z:
        for i, data in entries:
            if i.filename == "xl/workbook.xml":
                new = data.replace(b' fullCalcOnLoad="1"', b"")
                assert new != data, "no fullCalcOnLoad in " + src
                data = new
            z.writestr(i, data)


# --- case folders ---------------------------------------------------------

def case_dir(name):
    d = os.path.join(TESTDATA, name)
    os.makedirs(d, exist_ok=True)
    return d


def put(d, name, text):
    with open(os.path.join(d, name), "w", encoding="utf-8", newline="") as f:
        f.write(text)


def case(name, what, args, same_as=None, refuse=None, same_amounts=None):
    """Write args and the expectation (same-as, same-amounts or refuse)."""
    d = case_dir(name)
    put(d, "args", "".join(a + "\n" for a in args))
    for marker, value in (("same-as", same_as), ("same-amounts", same_amounts), ("refuse", refuse)):
        p = os.path.join(d, marker)
        if value is None:
            if os.path.exists(p):
                os.remove(p)
        else:
            put(d, marker, value + "\n" if isinstance(value, str) else "".join(v + "\n" for v in value))
    made.append((name, what))
    return d


def calc_args(example, facts="facts.xlsx", scheme=None):
    a = ["calc", scheme or "../../examples/%s/scheme.yaml" % example, facts, "--format", "json"]
    if example == "sales-team":
        a += ["--period", "2026-10"]
    return a


CLEAN = {"kotelok": "calc-kotelok-json", "sales-team": "calc-sales-team-json",
         "kpi-matrix": "clean-kpi-matrix-json", "ladder": "clean-ladder-json",
         "team-pool": "clean-team-pool-json"}


def clean_cases():
    for ex in ("kpi-matrix", "ladder", "team-pool"):
        d = case_dir(CLEAN[ex])
        put(d, "args", "".join(a + "\n" for a in calc_args(ex, "../../examples/%s/facts.xlsx" % ex)))
        made.append((CLEAN[ex], "the clean %s example as JSON (the reference for same-as)" % ex))


def kotelok_formulas(sales_cached=None, others_cached=None):
    tabs = tables("kotelok")
    set_cell(tabs, "Facts", "K-001", "sales", Formula("=400000*2", sales_cached))
    set_cell(tabs, "Facts", "K-001", "company_sales", Formula("=4000000*2", others_cached and 8000000))
    set_cell(tabs, "Facts", "K-001", "new_clients", Formula("=10+2", others_cached and 12))
    return tabs


def make_all():
    clean_cases()

    # 1. XlsxWriter formulas, cached result 0, fullCalcOnLoad.
    d = case("real-xlsxwriter-formulas-cached-zero",
             "XlsxWriter; Facts B2 =400000*2, C2 =10+2, D2 =4000000*2, each with XlsxWriter's cached 0; fullCalcOnLoad",
             calc_args("kotelok"), same_as=CLEAN["kotelok"])
    write_xlsxwriter(os.path.join(d, "facts.xlsx"), kotelok_formulas())

    # 2. Stale cached value, fullCalcOnLoad kept.
    d = case("real-xlsxwriter-formula-stale-recalc",
             "XlsxWriter; as real-xlsxwriter-formulas-cached-zero but B2 =400000*2 cached 700000; fullCalcOnLoad",
             calc_args("kotelok"), same_as=CLEAN["kotelok"])
    stale = os.path.join(d, "facts.xlsx")
    write_xlsxwriter(stale, kotelok_formulas(sales_cached=700000))

    # 3. The same file without fullCalcOnLoad: the saved results are trusted, and disagree.
    d = case("real-xlsxwriter-formula-stale-no-recalc",
             "the file of real-xlsxwriter-formula-stale-recalc with fullCalcOnLoad removed (zipfile): B2 700000, C2 and D2 0 disagree with their formulas",
             calc_args("kotelok"),
             refuse=['facts.xlsx: sheet "Facts" B2', 'facts.xlsx: sheet "Facts" C2', 'facts.xlsx: sheet "Facts" D2'])
    drop_full_calc(stale, os.path.join(d, "facts.xlsx"))

    # 3a (extra). Only the sales result stale, no fullCalcOnLoad.
    d = case("real-xlsxwriter-formula-stale-one-cell",
             "XlsxWriter, fullCalcOnLoad removed; C2 =10+2 cached 12 and D2 =4000000*2 cached 8000000 (right), B2 =400000*2 cached 700000 (stale)",
             calc_args("kotelok"), refuse=['facts.xlsx: sheet "Facts" B2'])
    tmp = os.path.join(d, "facts.tmp.xlsx")
    write_xlsxwriter(tmp, kotelok_formulas(sales_cached=700000, others_cached=True))
    drop_full_calc(tmp, os.path.join(d, "facts.xlsx"))
    os.remove(tmp)

    # 3b (extra). Every saved result right, no fullCalcOnLoad: what Excel itself saves.
    d = case("real-xlsxwriter-formulas-cached-right",
             "XlsxWriter, fullCalcOnLoad removed; B2, C2, D2 formulas with their right cached results 800000, 12, 8000000",
             calc_args("kotelok"), same_as=CLEAN["kotelok"])
    tmp = os.path.join(d, "facts.tmp.xlsx")
    write_xlsxwriter(tmp, kotelok_formulas(sales_cached=800000, others_cached=True))
    drop_full_calc(tmp, os.path.join(d, "facts.xlsx"))
    os.remove(tmp)

    # 4. openpyxl, the whole sales-team sheet; S-01 quality a formula without a result.
    d = case("real-openpyxl-sales-team",
             "openpyxl; all five tables typed, dates as date cells (yyyy-mm-dd), quality 0.85 with 0%, Facts E2 =0.9+0.05 with no saved result",
             calc_args("sales-team"), same_as=CLEAN["sales-team"])
    tabs = tables("sales-team")
    set_cell(tabs, "Facts", "S-01", "quality", Formula("=0.9+0.05"))
    write_openpyxl(os.path.join(d, "facts.xlsx"), tabs)

    # 5 and 6: LibreOffice (make.sh); their args here.
    for ex in ("kotelok", "kpi-matrix", "ladder", "sales-team", "team-pool"):
        case("real-libreoffice-resave-" + ex,
             "LibreOffice: soffice --convert-to xlsx of examples/%s/facts.xlsx" % ex,
             calc_args(ex), same_as=CLEAN[ex])
    case("real-libreoffice-ods",
         "LibreOffice: soffice --convert-to ods of examples/kotelok/facts.xlsx, given as the fact sheet",
         calc_args("kotelok", "facts.ods"), refuse=["facts.ods"])

    # 7. Russian sheet names and headings throughout.
    d = case("real-russian-headings",
             "openpyxl; sales-team with every sheet name and heading in Russian",
             calc_args("sales-team"), same_as=CLEAN["sales-team"])
    tabs = tables("sales-team")
    for name, _ in tabs:
        russian_headings(tabs, name)
    tabs = [(RU_SHEETS[n], rows) for n, rows in tabs]
    write_openpyxl(os.path.join(d, "facts.xlsx"), tabs)

    # 8. Plans on a sheet premia does not read.
    d = case("real-plans-sheet-misnamed",
             "openpyxl; sales-team with the Plans table (Russian headings) on a sheet named 'Планы на месяц'",
             calc_args("sales-team"), refuse=['facts.xlsx: sheet "Планы на месяц"'])
    tabs = tables("sales-team")
    russian_headings(tabs, "Plans")
    tabs = [("Планы на месяц" if n == "Plans" else n, rows) for n, rows in tabs]
    write_openpyxl(os.path.join(d, "facts.xlsx"), tabs)

    # 9. A title row and a blank row above the header.
    d = case("real-title-row-above-header",
             "XlsxWriter; kpi-matrix Facts with 'Факты за октябрь 2026' in A1, row 2 blank, the header in row 3",
             calc_args("kpi-matrix"), same_as=CLEAN["kpi-matrix"])
    tabs = tables("kpi-matrix")
    facts = sheet(tabs, "Facts")
    facts[:0] = [["Факты за октябрь 2026"], []]
    write_xlsxwriter(os.path.join(d, "facts.xlsx"), tabs)

    # 10. Payment dates typed as text with a time, two styles mixed.
    d = case("real-dates-as-text-with-time",
             "XlsxWriter; sales-team Payments due/paid as text cells '2026-10-10 00:00:00' and '08.10.2026 0:00', mixed",
             calc_args("sales-team"), same_as=CLEAN["sales-team"])
    tabs = tables("sales-team")
    pay = sheet(tabs, "Payments")
    n = 0
    for row in pay[1:]:
        for c in (col(pay, "due"), col(pay, "paid")):
            if row[c] is not None:
                v = row[c]
                row[c] = Text(v.strftime("%Y-%m-%d 00:00:00") if n % 2 == 0 else "%02d.%02d.%d 0:00" % (v.day, v.month, v.year))
                n += 1
    write_xlsxwriter(os.path.join(d, "facts.xlsx"), tabs)

    # 11. openpyxl ISO date cells.
    d = case("real-openpyxl-iso-dates",
             "openpyxl Workbook(iso_dates=True); sales-team with the payment dates as t=\"d\" cells: due datetimes, paid dates",
             calc_args("sales-team"), same_as=CLEAN["sales-team"])
    tabs = tables("sales-team")
    pay = sheet(tabs, "Payments")
    for row in pay[1:]:  # due: datetimes, as pandas hands them over (2026-10-10T00:00:00); paid: dates (2026-10-08)
        row[col(pay, "due")] = datetime.datetime.combine(row[col(pay, "due")], datetime.time())
    write_openpyxl(os.path.join(d, "facts.xlsx"), tabs, iso_dates=True)

    # 12. LibreOffice CSV export with US dates (make.sh writes payments.csv); the other tables.
    d = case("real-libreoffice-csv-us-dates",
             "CSV folder; payments.csv exported by LibreOffice (en-US) from examples/sales-team/facts.xlsx: dates 10/8/2026",
             calc_args("sales-team", "facts"), same_as=CLEAN["sales-team"])
    os.makedirs(os.path.join(d, "facts"), exist_ok=True)
    for t in ("roster", "facts", "plans", "departments"):
        shutil.copyfile(os.path.join(EXAMPLES, "sales-team", "facts", t + ".csv"), os.path.join(d, "facts", t + ".csv"))

    # 13. sep=; and semicolons, as Excel's semicolon CSV.
    d = case("real-csv-sep-line-semicolons",
             "CSV folder; kotelok facts.csv with a 'sep=;' first line, semicolons and CRLF (Excel's semicolon CSV); roster.csv as the example's",
             calc_args("kotelok", "facts"), same_as=CLEAN["kotelok"])
    os.makedirs(os.path.join(d, "facts"), exist_ok=True)
    shutil.copyfile(os.path.join(EXAMPLES, "kotelok", "facts", "roster.csv"), os.path.join(d, "facts", "roster.csv"))
    with open(os.path.join(EXAMPLES, "kotelok", "facts", "facts.csv"), newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    put(os.path.join(d, "facts"), "facts.csv", "sep=;\r\n" + "".join(";".join(r) + "\r\n" for r in rows))

    # 14. A totals row whose SUM skipped a number stored as text.
    d = case("real-totals-sum-skips-text-number",
             "XlsxWriter; kpi-matrix Facts with OM-02 supply_costs the text '44000' (C3) and a row 'Итого' C5 =SUM(C2:C4) cached 113000, D5 =SUM(D2:D4) cached 470",
             calc_args("kpi-matrix"), refuse=['facts.xlsx: sheet "Facts" C3'])
    tabs = tables("kpi-matrix")
    set_cell(tabs, "Facts", "OM-02", "supply_costs", Text("44000"))
    facts = sheet(tabs, "Facts")
    facts.append(["Итого", None, Formula("=SUM(C2:C4)", 52000 + 61000), Formula("=SUM(D2:D4)", 200 + 120 + 150)])
    write_xlsxwriter(os.path.join(d, "facts.xlsx"), tabs)

    # 15, 16. Whole-percent plans.
    with open(os.path.join(EXAMPLES, "kpi-matrix", "scheme.yaml"), encoding="utf-8") as f:
        scheme = f.read()
    old = ("      - id: requests_on_time\n"
           "        title: Requests closed on time\n"
           "        unit: share\n"
           "        weight: 0.4\n"
           "        base: 0.80\n"
           "        norm: 0.95\n"
           "        target: 1.00\n")
    assert old in scheme, "examples/kpi-matrix/scheme.yaml changed: update make.py"
    pct_facts = tables("kpi-matrix")
    for i, v in (("OM-01", 0.78), ("OM-02", 0.95), ("OM-03", 0.90)):
        set_cell(pct_facts, "Facts", i, "requests_on_time", Pct(v))
    d = case("real-whole-percent-plans",
             "XlsxWriter + a scheme copy: requests_on_time unit: percent with base/norm/target 80/95/100; facts 0.78/0.95/0.9 with 0% format",
             calc_args("kpi-matrix", scheme="scheme.yaml"), same_amounts="clean-kpi-matrix-json")
    put(d, "scheme.yaml", "# testdata/made: examples/kpi-matrix/scheme.yaml with requests_on_time in whole percents.\n"
        + scheme.replace(old, old.replace("unit: share", "unit: percent").replace("base: 0.80", "base: 80")
                         .replace("norm: 0.95", "norm: 95").replace("target: 1.00", "target: 100")))
    write_xlsxwriter(os.path.join(d, "facts.xlsx"), pct_facts)
    d = case("real-whole-percent-plans-no-unit",
             "as real-whole-percent-plans but the scheme has no unit for requests_on_time: plans 80/95/100 against facts 0.78/0.95/0.9",
             calc_args("kpi-matrix", scheme="scheme.yaml"),
             refuse=['facts.xlsx: sheet "Facts" B2', 'facts.xlsx: sheet "Facts" B3', 'facts.xlsx: sheet "Facts" B4', "0.78"])
    put(d, "scheme.yaml", "# testdata/made: examples/kpi-matrix/scheme.yaml with requests_on_time in whole percents, no unit.\n"
        + scheme.replace(old, old.replace("        unit: share\n", "").replace("base: 0.80", "base: 80")
                         .replace("norm: 0.95", "norm: 95").replace("target: 1.00", "target: 100")))
    write_xlsxwriter(os.path.join(d, "facts.xlsx"), pct_facts)

    # 17. Impossible values.
    d = case("real-department-plan-zero",
             "XlsxWriter; sales-team Departments north planned 0/0/0 (C2, D2, E2)",
             calc_args("sales-team"), refuse=['facts.xlsx: sheet "Departments"'])
    tabs = tables("sales-team")
    for h in ("minimum", "normal", "maximum"):
        set_cell(tabs, "Departments", "north", h, 0)
    write_xlsxwriter(os.path.join(d, "facts.xlsx"), tabs)

    d = case("real-negative-fixed",
             "XlsxWriter; sales-team Roster S-01 fixed -40000 (E2)",
             calc_args("sales-team"), refuse=['facts.xlsx: sheet "Roster" E2'])
    tabs = tables("sales-team")
    set_cell(tabs, "Roster", "S-01", "fixed", -40000)
    write_xlsxwriter(os.path.join(d, "facts.xlsx"), tabs)

    d = case("real-days-worked-over-period",
             "XlsxWriter; sales-team Roster S-03 days_worked 30 (G4) with days_in_period 22",
             calc_args("sales-team"), refuse=['facts.xlsx: sheet "Roster" G4'])
    tabs = tables("sales-team")
    set_cell(tabs, "Roster", "S-03", "days_worked", 30)
    write_xlsxwriter(os.path.join(d, "facts.xlsx"), tabs)

    # 18. Roster headings alone in Russian.
    d = case("real-roster-russian-headings",
             "XlsxWriter; sales-team with the Roster headings in Russian, every other sheet and heading English",
             calc_args("sales-team"), same_as=CLEAN["sales-team"])
    tabs = tables("sales-team")
    russian_headings(tabs, "Roster")
    write_xlsxwriter(os.path.join(d, "facts.xlsx"), tabs)

    # 19. Arguments swapped.
    case("real-arguments-swapped",
         "args: calc, the kotelok facts.xlsx, then its scheme.yaml",
         ["calc", "../../examples/kotelok/facts.xlsx", "../../examples/kotelok/scheme.yaml", "--format", "json"],
         refuse=["facts.xlsx"])

    # 20. An empty roster.
    d = case("real-roster-empty",
             "XlsxWriter; kotelok sheet with Roster and Facts holding their header rows only",
             calc_args("kotelok"), refuse=['facts.xlsx: sheet "Roster"'])
    tabs = [(n, rows[:1]) for n, rows in tables("kotelok")]
    write_xlsxwriter(os.path.join(d, "facts.xlsx"), tabs)


# --- check: open every case back ------------------------------------------

def xml(path, member):
    with zipfile.ZipFile(path) as z:
        return z.read(member).decode("utf-8")


def sheet_xml(path, name):
    """The XML of the named sheet, through workbook.xml and its rels."""
    wb = xml(path, "xl/workbook.xml")
    rels = xml(path, "xl/_rels/workbook.xml.rels")
    m = re.search(r'<sheet [^>]*name="%s"[^>]*r:id="([^"]+)"' % re.escape(name), wb)
    rid = m.group(1)
    t = re.search(r'<Relationship [^>]*Id="%s"[^>]*Target="([^"]+)"' % rid, rels) or \
        re.search(r'<Relationship [^>]*Target="([^"]+)"[^>]*Id="%s"' % rid, rels)
    target = t.group(1).lstrip("/")
    return xml(path, target if target.startswith("xl/") else "xl/" + target)


def cell_xml(path, name, ref):
    m = re.search(r'<c r="%s"[^>]*?(/>|>.*?</c>)' % ref, sheet_xml(path, name))
    return m.group(0) if m else None


def values(path):
    wb = openpyxl.load_workbook(path)
    return {ws.title: [[c.value for c in r] for r in ws.iter_rows()] for ws in wb}


def want(cond, what):
    if not cond:
        raise AssertionError(what)


def full_calc(path):
    return 'fullCalcOnLoad="1"' in xml(path, "xl/workbook.xml")


def check_all():
    T = lambda *p: os.path.join(TESTDATA, *p)
    ok = []

    def chk(name, fn):
        try:
            fn()
        except Exception as e:  # report every failed check, then fail
            ok.append((name, "FAILED: %s" % e))
            return
        ok.append((name, "ok"))

    def c1():
        p = T("real-xlsxwriter-formulas-cached-zero", "facts.xlsx")
        want(full_calc(p), "fullCalcOnLoad")
        for ref, f in (("B2", "400000*2"), ("C2", "10+2"), ("D2", "4000000*2")):
            want("<f>%s</f><v>0</v>" % f in cell_xml(p, "Facts", ref), ref + " cached 0")

    def c2():
        p = T("real-xlsxwriter-formula-stale-recalc", "facts.xlsx")
        want(full_calc(p), "fullCalcOnLoad")
        want("<f>400000*2</f><v>700000</v>" in cell_xml(p, "Facts", "B2"), "B2 cached 700000")

    def c3():
        p = T("real-xlsxwriter-formula-stale-no-recalc", "facts.xlsx")
        q = T("real-xlsxwriter-formula-stale-recalc", "facts.xlsx")
        want(not full_calc(p) and "<calcPr" in xml(p, "xl/workbook.xml"), "calcPr without fullCalcOnLoad")
        want("<f>400000*2</f><v>700000</v>" in cell_xml(p, "Facts", "B2"), "B2 cached 700000")
        with zipfile.ZipFile(p) as a, zipfile.ZipFile(q) as b:
            want(a.namelist() == b.namelist(), "same entries")
            for n in a.namelist():
                if n != "xl/workbook.xml":
                    want(a.read(n) == b.read(n) and a.getinfo(n).date_time == b.getinfo(n).date_time, n + " unchanged")

    def c3a():
        p = T("real-xlsxwriter-formula-stale-one-cell", "facts.xlsx")
        want(not full_calc(p), "no fullCalcOnLoad")
        want("<v>700000</v>" in cell_xml(p, "Facts", "B2"), "B2 700000")
        want("<f>10+2</f><v>12</v>" in cell_xml(p, "Facts", "C2"), "C2 12")
        want("<f>4000000*2</f><v>8000000</v>" in cell_xml(p, "Facts", "D2"), "D2 8000000")

    def c3b():
        p = T("real-xlsxwriter-formulas-cached-right", "facts.xlsx")
        want(not full_calc(p), "no fullCalcOnLoad")
        want("<f>400000*2</f><v>800000</v>" in cell_xml(p, "Facts", "B2"), "B2 800000")

    def c4():
        p = T("real-openpyxl-sales-team", "facts.xlsx")
        e2 = cell_xml(p, "Facts", "E2")
        want("<f>0.9+0.05</f>" in e2 and not re.search(r"<v>[^<]", e2), "E2 formula without a result: " + e2)
        wb = openpyxl.load_workbook(p)
        want(wb.sheetnames == ["Roster", "Facts", "Plans", "Departments", "Payments"], "sheets")
        want(wb["Facts"]["E3"].value == 0.85 and wb["Facts"]["E3"].number_format == "0%", "E3 0.85 as 0%")
        d = wb["Payments"]["D2"]
        want(d.is_date and d.value == datetime.datetime(2026, 10, 10), "D2 a date")
        serial = (datetime.date(2026, 10, 10) - datetime.date(1899, 12, 30)).days
        want(re.search(r's="\d+" t="n"><v>%d</v>' % serial, cell_xml(p, "Payments", "D2")), "D2 a date serial")
        want(full_calc(p), "openpyxl's fullCalcOnLoad")
        want(wb["Roster"]["G4"].value == 11 and wb["Plans"]["C2"].value is None, "numbers and blanks")

    def c5(ex):
        def f():
            p = T("real-libreoffice-resave-" + ex, "facts.xlsx")
            want("LibreOffice" in xml(p, "docProps/app.xml"), "written by LibreOffice")
            got = values(p)
            ref = values(os.path.join(EXAMPLES, ex, "facts.xlsx"))
            want(got == ref, "values differ from the example: %s" % got)
        return f

    def c6():
        p = T("real-libreoffice-ods", "facts.ods")
        want(xml(p, "mimetype") == "application/vnd.oasis.opendocument.spreadsheet", "an ODS")

    def c7():
        wb = openpyxl.load_workbook(T("real-russian-headings", "facts.xlsx"))
        want(wb.sheetnames == ["Сотрудники", "Факты", "Планы", "Отделы", "Оплаты"], "sheets")
        want([c.value for c in wb["Оплаты"][1]] == ["Табельный номер", "Клиент", "Сумма", "Срок оплаты", "Дата оплаты"], "Payments headings")

    def c8():
        wb = openpyxl.load_workbook(T("real-plans-sheet-misnamed", "facts.xlsx"))
        want("Планы на месяц" in wb.sheetnames and "Plans" not in wb.sheetnames, "sheets")
        want([c.value for c in wb["Планы на месяц"][1]] == ["Табельный номер", "Показатель", "База", "Норма", "Цель"], "headings")

    def c9():
        f = values(T("real-title-row-above-header", "facts.xlsx"))["Facts"]
        want(f[0][0] == "Факты за октябрь 2026" and all(v is None for v in f[1]) and f[2][0] == "id", "title, blank, header")
        want("<row r=\"2\"" not in sheet_xml(T("real-title-row-above-header", "facts.xlsx"), "Facts"), "row 2 absent")

    def c10():
        p = T("real-dates-as-text-with-time", "facts.xlsx")
        pay = values(p)["Payments"]
        texts = [v for r in pay[1:] for v in r[3:5] if v is not None]
        want(all(isinstance(v, str) for v in texts) and len(texts) == 9, "nine text dates")
        want(any(v.endswith(" 00:00:00") for v in texts) and any(v.endswith(" 0:00") for v in texts), "both styles")
        want('t="s"' in cell_xml(p, "Payments", "D2"), "a shared string")

    def c11():
        p = T("real-openpyxl-iso-dates", "facts.xlsx")
        d2 = cell_xml(p, "Payments", "D2")
        want('t="d"' in d2 and "<v>2026-10-10T00:00:00</v>" in d2, "D2 t=d: " + d2)
        e2 = cell_xml(p, "Payments", "E2")
        want('t="d"' in e2 and "<v>2026-10-08</v>" in e2, "E2 t=d: " + e2)
        want(sheet_xml(p, "Payments").count('t="d"') == 9, "nine t=d cells")

    def c12():
        with open(T("real-libreoffice-csv-us-dates", "facts", "payments.csv"), encoding="utf-8") as f:
            text = f.read()
        want(re.search(r"^S-01,OOO Romashka,300000,10/10/(20)?26,10/0?8/(20)?26$", text, re.M), "US dates: " + text)
        want(set(os.listdir(T("real-libreoffice-csv-us-dates", "facts"))) ==
             {"roster.csv", "facts.csv", "plans.csv", "departments.csv", "payments.csv"}, "five tables")

    def c13():
        with open(T("real-csv-sep-line-semicolons", "facts", "facts.csv"), "rb") as f:
            want(f.read().startswith(b"sep=;\r\nid;sales;"), "sep line")

    def c14():
        p = T("real-totals-sum-skips-text-number", "facts.xlsx")
        want('t="s"' in cell_xml(p, "Facts", "C3") and values(p)["Facts"][2][2] == "44000", "C3 text 44000")
        want("<f>SUM(C2:C4)</f><v>113000</v>" in cell_xml(p, "Facts", "C5"), "C5 cached 113000")
        want(values(p)["Facts"][4][0] == "Итого", "Итого")

    def c15(name):
        def f():
            p = T(name, "facts.xlsx")
            wb = openpyxl.load_workbook(p)
            want([(c.value, c.number_format) for c in wb["Facts"]["B"][1:]] == [(0.78, "0%"), (0.95, "0%"), (0.9, "0%")], "percent cells")
            with open(T(name, "scheme.yaml"), encoding="utf-8") as s:
                y = s.read()
            want("base: 80\n" in y and "norm: 95\n" in y and "target: 100\n" in y, "whole percents")
            want(("unit: percent" in y) == (name == "real-whole-percent-plans"), "unit")
        return f

    def c17():
        d = values(T("real-department-plan-zero", "facts.xlsx"))["Departments"]
        want(d[1] == ["north", 4200000, 0, 0, 0], "north 0/0/0")
        r = values(T("real-negative-fixed", "facts.xlsx"))["Roster"]
        want(r[1][4] == -40000, "E2 -40000")
        r = values(T("real-days-worked-over-period", "facts.xlsx"))["Roster"]
        want(r[3][6:8] == [30, 22], "G4 30, H4 22")

    def c18():
        r = values(T("real-roster-russian-headings", "facts.xlsx"))
        want(r["Roster"][0][0] == "Табельный номер" and r["Facts"][0][0] == "id", "headings")

    def c20():
        r = values(T("real-roster-empty", "facts.xlsx"))
        want(r == {"Roster": [["id", "name", "role", "department"]], "Facts": [["id", "sales", "new_clients", "company_sales"]]}, str(r))

    def deterministic():
        # The library files again, to a scratch copy: the same bytes.
        import tempfile
        with tempfile.TemporaryDirectory() as tmp:
            for name, fn in (("x.xlsx", lambda p: write_xlsxwriter(p, kotelok_formulas())),
                             ("o.xlsx", lambda p: write_openpyxl(p, tables("sales-team")))):
                a, b = os.path.join(tmp, "a" + name), os.path.join(tmp, "b" + name)
                fn(a)
                fn(b)
                with open(a, "rb") as fa, open(b, "rb") as fb:
                    want(fa.read() == fb.read(), name + " not reproducible")

    chk("real-xlsxwriter-formulas-cached-zero", c1)
    chk("real-xlsxwriter-formula-stale-recalc", c2)
    chk("real-xlsxwriter-formula-stale-no-recalc", c3)
    chk("real-xlsxwriter-formula-stale-one-cell", c3a)
    chk("real-xlsxwriter-formulas-cached-right", c3b)
    chk("real-openpyxl-sales-team", c4)
    for ex in ("kotelok", "kpi-matrix", "ladder", "sales-team", "team-pool"):
        chk("real-libreoffice-resave-" + ex, c5(ex))
    chk("real-libreoffice-ods", c6)
    chk("real-russian-headings", c7)
    chk("real-plans-sheet-misnamed", c8)
    chk("real-title-row-above-header", c9)
    chk("real-dates-as-text-with-time", c10)
    chk("real-openpyxl-iso-dates", c11)
    chk("real-libreoffice-csv-us-dates", c12)
    chk("real-csv-sep-line-semicolons", c13)
    chk("real-totals-sum-skips-text-number", c14)
    chk("real-whole-percent-plans", c15("real-whole-percent-plans"))
    chk("real-whole-percent-plans-no-unit", c15("real-whole-percent-plans-no-unit"))
    chk("real-department-plan-zero, real-negative-fixed, real-days-worked-over-period", c17)
    chk("real-roster-russian-headings", c18)
    chk("real-roster-empty", c20)
    chk("XlsxWriter and openpyxl bytes reproducible", deterministic)
    for name, res in ok:
        print("check %-45s %s" % (name, res))
    if any(res != "ok" for _, res in ok):
        sys.exit(1)


if __name__ == "__main__":
    if sys.argv[1:] == ["check"]:
        check_all()
    elif sys.argv[1:] == []:
        make_all()
        for name, what in made:
            print("made %-40s %s" % (name, what))
    else:
        sys.exit("usage: make.py [check]")
