#!/usr/bin/python3
"""Write the testdata/real-* cases: fact sheets made the way real programs make them.

Run through testdata/made/make.sh (which also does the LibreOffice conversions),
or alone:

    /usr/bin/python3 testdata/made/make.py          # the XlsxWriter and openpyxl files
    /usr/bin/python3 testdata/made/make.py check    # open every case back and check it
    /usr/bin/python3 testdata/made/make.py lo-source CASE PATH   # the workbook make.sh gives LibreOffice

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
             "Departments": "Отделы", "Payments": "Оплаты", "Deals": "Сделки"}
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
    "Deals": {"deal": "Сделка", "id": "Табельный номер", "client": "Клиент", "date": "Дата", "amount": "Сумма",
              "margin": "Маржа", "due": "Срок оплаты", "paid": "Дата оплаты", "paid_amount": "Сумма оплаты",
              "share": "Доля"},
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


def edit_openpyxl(path, example, fn):
    """openpyxl as a program edits a workbook: load examples/<example>/facts.xlsx,
    change it with fn(wb), save. Fixed document dates, zip entries redated."""
    wb = openpyxl.load_workbook(os.path.join(EXAMPLES, example, "facts.xlsx"))
    fn(wb)
    wb.properties.created = FIXED
    wb.properties.modified = FIXED
    wb.save(path)
    redate_zip(path)


def rewrite_zip(src, dst, edits):
    """Copy a workbook changing the named entries by edits[name](bytes) -> bytes;
    every entry keeps its date, order and compression."""
    with zipfile.ZipFile(src) as z:
        entries = [(i, z.read(i)) for i in z.infolist()]
    assert set(edits) <= {i.filename for i, _ in entries}, "no %s in %s" % (sorted(edits), src)
    with zipfile.ZipFile(dst, "w") as z:
        for i, data in entries:
            if i.filename in edits:
                data = edits[i.filename](data)
            z.writestr(i, data)


def case_tables(name, sheets):
    """Header and typed rows of testdata/<name>/facts/<sheet>.csv for each sheet: [(sheet, rows)]."""
    out = []
    for sheet_name in sheets:
        with open(os.path.join(TESTDATA, name, "facts", sheet_name.lower() + ".csv"), newline="", encoding="utf-8") as f:
            rows = list(csv.reader(f))
        out.append((sheet_name, [rows[0]] + [[typed(v) for v in r] for r in rows[1:]]))
    return out


def deals_tabs():
    """The Roster and Deals tables of testdata/calc-deals-json (a department sharing deals)."""
    return case_tables("calc-deals-json", ["Roster", "Deals"])


def example_csv(example, name):
    """The text of examples/<example>/facts/<name>."""
    with open(os.path.join(EXAMPLES, example, "facts", name), encoding="utf-8", newline="") as f:
        return f.read()


def csv_folder(d, example, edit=lambda name, text: text):
    """The case's facts/ folder: every examples/<example>/facts/*.csv, each
    through edit(file name, text) -> text (UTF-8, line ends as given)."""
    out = os.path.join(d, "facts")
    os.makedirs(out, exist_ok=True)
    for name in sorted(os.listdir(os.path.join(EXAMPLES, example, "facts"))):
        if name.endswith(".csv"):
            put(out, name, edit(name, example_csv(example, name)))
    return out


def csv_lines(text):
    """The examples' CSV (LF, nothing quoted) as lists of fields."""
    assert '"' not in text and "\r" not in text
    return [line.split(",") for line in text.split("\n")[:-1]]


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


# --- the review's edits of the examples ----------------------------------

MSK = datetime.timezone(datetime.timedelta(hours=3), "MSK")
TITLE = "Отчёт за октябрь, отдел продаж"
SALARIES_H01 = 60000  # the head's fixed salary in examples/sales-team/scheme.yaml


def date_in_meetings(wb):
    """S-01's 18 meetings retyped "12.5", which a Russian Excel stores as 12 May."""
    c = wb["Facts"]["C2"]
    assert wb["Facts"]["C1"].value == "meetings" and c.value == 18
    c.value = datetime.datetime(2026, 5, 12)
    c.number_format = "DD.MM.YYYY"


def totals_average(wb):
    """A clerk's totals row under Facts: SUM for the counts, AVERAGE for the quality
    share; S-02's quality typed as a number 0.85 shown as 85% (not the text 85%)."""
    ws = wb["Facts"]
    assert ws.max_row == 5 and [c.value for c in ws[1]][:5] == ["id", "calls", "meetings", "blenders", "quality"]
    assert ws["E3"].value == "85%"
    ws["A6"] = "Итого"
    ws["B6"] = "=SUM(B2:B5)"
    ws["C6"] = "=SUM(C2:C5)"
    ws["D6"] = "=SUM(D2:D5)"
    ws["E6"] = "=AVERAGE(E2:E4)"
    ws["E3"] = 0.85
    ws["E3"].number_format = "0%"


def merged_note(wb):
    """The totals row, then a one-line note merged across the table, row 7 left empty."""
    totals_average(wb)
    ws = wb["Facts"]
    ws["A8"] = "Примечание: данные CRM на 31.10.2026"
    ws.merge_cells("A8:G8")


def hidden_quality(wb):
    ws = wb["Facts"]
    assert ws["E1"].value == "quality"
    ws.column_dimensions["E"].hidden = True


def vlookup_fixed(wb):
    """Roster fixed looked up in a salary list that has the head alone; "" (the
    scheme's default applies) where the lookup fails."""
    sal = wb.create_sheet("Salaries")
    sal.append(["Tab", "Amount"])
    sal.append(["H-01", SALARIES_H01])
    ro = wb["Roster"]
    assert ro["E1"].value == "fixed" and ro["A5"].value == "H-01" and ro.max_row == 5
    for r in range(2, 6):
        ro.cell(r, 5).value = '=IFERROR(VLOOKUP(A%d,Salaries!$A$2:$B$10,2,FALSE),"")' % r


def ladder_booleans(path, true, false):
    """examples/ladder/facts.xlsx with the Facts cells yes/no (shared strings)
    rewritten as boolean cells <c t="b"><v>true</v></c>; "да" (row 8) kept."""
    src = os.path.join(EXAMPLES, "ladder", "facts.xlsx")
    strings = re.findall(r"<si><t>(.*?)</t></si>", xml(src, "xl/sharedStrings.xml"))
    yes, no = strings.index("yes"), strings.index("no")

    def edit(data):
        new, n = re.subn(r'<c r="([A-Z]+\d+)" t="s"><v>(%d|%d)</v></c>' % (yes, no),
                         lambda m: '<c r="%s" t="b"><v>%s</v></c>' % (m.group(1), true if m.group(2) == str(yes) else false),
                         data.decode("utf-8"))
        assert n == 12, "examples/ladder/facts.xlsx changed: %d yes/no cells" % n
        return new.encode("utf-8")
    rewrite_zip(src, path, {sheet_path(src, "Facts"): edit})


def lo_source(name, path):
    """The workbook make.sh gives LibreOffice for the case (written outside the case folder)."""
    if name == "real-formula-empty-string":
        edit_openpyxl(path, "sales-team", vlookup_fixed)
    else:
        sys.exit("make.py: no LibreOffice source for " + name)


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
             refuse=['facts.xlsx: лист "Facts" B2', 'facts.xlsx: лист "Facts" C2', 'facts.xlsx: лист "Facts" D2'])
    drop_full_calc(stale, os.path.join(d, "facts.xlsx"))

    # 3a (extra). Only the sales result stale, no fullCalcOnLoad.
    d = case("real-xlsxwriter-formula-stale-one-cell",
             "XlsxWriter, fullCalcOnLoad removed; C2 =10+2 cached 12 and D2 =4000000*2 cached 8000000 (right), B2 =400000*2 cached 700000 (stale)",
             calc_args("kotelok"), refuse=['facts.xlsx: лист "Facts" B2'])
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
         calc_args("kotelok", "facts.ods"), refuse=["facts.ods: это таблица OpenDocument", "сохраните её в формате .xlsx"])

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
         refuse=["facts.xlsx: this is a workbook (a fact sheet?), not a scheme", "premia calc SCHEME FACTS"])

    # 20. An empty roster.
    d = case("real-roster-empty",
             "XlsxWriter; kotelok sheet with Roster and Facts holding their header rows only",
             calc_args("kotelok"), refuse=['facts.xlsx: лист "Roster"'])
    tabs = [(n, rows[:1]) for n, rows in tables("kotelok")]
    write_xlsxwriter(os.path.join(d, "facts.xlsx"), tabs)

    # --- From the adversarial review of the fact-sheet reader (21-31). ---

    # 21. A number Excel took for a date: "12.5" typed in a Russian Excel is 12 May.
    d = case("real-date-format-on-number",
             "openpyxl edit of examples/sales-team/facts.xlsx; Facts C2 (S-01 meetings) the date 2026-05-12 formatted DD.MM.YYYY (a Russian Excel's reading of '12.5')",
             calc_args("sales-team"), refuse=['facts.xlsx: sheet "Facts" C2', "formatted as a date"])
    edit_openpyxl(os.path.join(d, "facts.xlsx"), "sales-team", date_in_meetings)

    # 22. A decimal comma left unquoted in a comma CSV: the record splits.
    d = case("real-csv-unquoted-decimal-comma",
             "CSV folder; sales-team facts.csv with the quality of S-01 and S-03 written 0,95 and 0,92 unquoted (8 fields under a 7-field header)",
             calc_args("sales-team", "facts"), refuse=["facts/facts.csv:2", "fields but the header"])

    def unquoted_comma(name, text):
        if name != "facts.csv":
            return text
        rows = csv_lines(text)
        q = rows[0].index("quality")
        for r in rows[1:]:
            if r[0] in ("S-01", "S-03"):
                r[q] = r[q].replace(".", ",")
        return "".join(",".join(r) + "\n" for r in rows)
    csv_folder(d, "sales-team", unquoted_comma)

    # 23. JavaScript's toISOString of Moscow midnights: UTC, the day before at 21:00.
    d = case("real-iso-timestamp-with-zone",
             "CSV folder; sales-team payments.csv with due/paid as Date.toISOString() of Moscow midnights (2026-10-09T21:00:00.000Z for 10 Oct)",
             calc_args("sales-team", "facts"), refuse=["facts/payments.csv:2:4", "time zone"])

    def js_iso(name, text):
        if name != "payments.csv":
            return text
        rows = csv_lines(text)
        for r in rows[1:]:
            for c in (rows[0].index("due"), rows[0].index("paid")):
                if r[c]:
                    t = datetime.datetime.combine(datetime.date.fromisoformat(r[c]), datetime.time(), MSK)
                    r[c] = t.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.000Z")
        return "".join(",".join(r) + "\n" for r in rows)
    csv_folder(d, "sales-team", js_iso)

    # 24. A personal plan in whole percents for a KPI the scheme plans as a share.
    d = case("real-personal-plan-other-scale",
             "CSV folder; kpi-matrix plus plans.csv 'OM-03,requests_on_time,80,95,100' (the scheme plans it 0.80/0.95/1.00)",
             calc_args("kpi-matrix", "facts") + ["--period", "2026-10"],
             refuse=["facts/plans.csv:2:3", "not on the scale"])
    out = csv_folder(d, "kpi-matrix")
    put(out, "plans.csv", "id,kpi,base,norm,target\nOM-03,requests_on_time,80,95,100\n")

    # 25. A formula whose saved result is the empty string (LibreOffice writes it; make.sh).
    case("real-formula-empty-string",
         "LibreOffice re-save of an openpyxl edit of examples/sales-team/facts.xlsx: Roster fixed =IFERROR(VLOOKUP(A2,Salaries!$A$2:$B$10,2,FALSE),\"\"), saved \"\" (t=\"str\" <v></v>) for S-01..S-03, 60000 for H-01",
         calc_args("sales-team"), same_as=CLEAN["sales-team"])

    # 26. A totals row with SUM for the counts and AVERAGE for the quality share.
    d = case("real-totals-average",
             "openpyxl edit of examples/sales-team/facts.xlsx; Facts row 6 'Итого' =SUM(B2:B5), =SUM(C2:C5), =SUM(D2:D5), =AVERAGE(E2:E4) (no saved results); E3 0.85 with 0%",
             calc_args("sales-team"), same_as=CLEAN["sales-team"])
    edit_openpyxl(os.path.join(d, "facts.xlsx"), "sales-team", totals_average)
    case("real-totals-average-libreoffice",
         "LibreOffice re-save of real-totals-average/facts.xlsx: the totals row with its saved results (1450, 52, 15, 0.906666666666667)",
         calc_args("sales-team"), same_as=CLEAN["sales-team"])

    # 27. A merged note under the totals row.
    d = case("real-merged-note-under-totals",
             "openpyxl; real-totals-average plus a note in A8 merged over A8:G8 ('Примечание: данные CRM на 31.10.2026')",
             calc_args("sales-team"), same_as=CLEAN["sales-team"])
    edit_openpyxl(os.path.join(d, "facts.xlsx"), "sales-team", merged_note)

    # 28. Amounts with US thousands grouping, quoted.
    d = case("real-us-grouping",
             "CSV folder; sales-team payments.csv with the amounts written \"300,000.00\" (quoted, US grouping and cents)",
             calc_args("sales-team", "facts"), same_as=CLEAN["sales-team"])

    def us_grouping(name, text):
        if name != "payments.csv":
            return text
        rows = csv_lines(text)
        a = rows[0].index("amount")
        for r in rows[1:]:
            r[a] = '"{:,.2f}"'.format(int(r[a]))
        return "".join(",".join(r) + "\n" for r in rows)
    csv_folder(d, "sales-team", us_grouping)

    # 29. A title line with a comma above a semicolon table.
    d = case("real-csv-title-line",
             "CSV folder; every sales-team file semicolon-separated with decimal commas (0,95) under a title line 'Отчёт за октябрь, отдел продаж'",
             calc_args("sales-team", "facts"), same_as=CLEAN["sales-team"])

    def title_line(name, text):
        rows = csv_lines(text)
        rows = [[re.sub(r"^(-?\d+)\.(\d+)$", r"\1,\2", v) for v in r] for r in rows]
        return TITLE + "\n" + "".join(";".join(r) + "\n" for r in rows)
    csv_folder(d, "sales-team", title_line)

    # 30. A hidden column.
    d = case("real-hidden-column",
             "openpyxl edit of examples/sales-team/facts.xlsx; Facts column E (quality) hidden",
             calc_args("sales-team"), refuse=['sheet "Facts": column E ("quality") is hidden'])
    edit_openpyxl(os.path.join(d, "facts.xlsx"), "sales-team", hidden_quality)

    # 31. Yes/no conditions as boolean cells. (The second name is not real-bool-TRUE-FALSE:
    # two folders differing in case alone collide on macOS and Windows checkouts.)
    for name, t, f in (("real-bool-true-false", "true", "false"), ("real-bool-uppercase-TRUE-FALSE", "TRUE", "FALSE")):
        d = case(name,
                 "examples/ladder/facts.xlsx with the Facts yes/no cells (D2:E7) as boolean cells <c t=\"b\"><v>%s</v></c> / <v>%s</v> (zipfile)" % (t, f),
                 calc_args("ladder"), same_as=CLEAN["ladder"])
        ladder_booleans(os.path.join(d, "facts.xlsx"), t, f)

    # 32. The deals ledger (issue 12, item 4): Russian sheets and headings, dates as
    # date cells, shares as numbers with a 0% format, a credit note below zero.
    deals_args = ["calc", "../calc-deals-json/scheme.yaml", "facts.xlsx", "--format", "json", "--period", "2026-10"]
    d = case("real-openpyxl-deals",
             "openpyxl; the Roster and Deals of calc-deals-json with Russian sheet names and headings, dates as date cells, shares 0.2/0.5/0.3 with 0%",
             deals_args, same_as="calc-deals-json")
    tabs = deals_tabs()
    for name, _ in tabs:
        russian_headings(tabs, name)
    write_openpyxl(os.path.join(d, "facts.xlsx"), [(RU_SHEETS[n], rows) for n, rows in tabs])

    # 33. The same ledger typed by hand: dates and amounts as text cells (05.10.2026,
    # "500 000"), shares as text "20%".
    d = case("real-openpyxl-deals-text",
             "openpyxl; the Deals of calc-deals-json with every date as text dd.mm.yyyy, amounts and margins as text with a space between thousands, shares as text 20%",
             deals_args, same_as="calc-deals-json")
    tabs = deals_tabs()
    rows = sheet(tabs, "Deals")
    for r in rows[1:]:
        for c, v in enumerate(r):
            if isinstance(v, datetime.date):
                r[c] = Text(v.strftime("%d.%m.%Y"))
            elif isinstance(v, int):
                r[c] = Text("{:,}".format(v).replace(",", " "))
            elif isinstance(v, Pct):
                r[c] = Text("%d%%" % round(float(v) * 100))
    write_openpyxl(os.path.join(d, "facts.xlsx"), tabs)

    # 34. Shares of one deal that sum to 90 %: refused, naming the share cells.
    d = case("real-openpyxl-deals-bad-shares",
             "openpyxl; as real-openpyxl-deals but F-1's share of D-1 is 20% (I-1 20 % + H-1 50 % + F-1 20 % = 90 %)",
             deals_args, refuse=['facts.xlsx: sheet "Сделки" I2, I3, I4: the shares of deal "D-1" sum to 90%'])
    tabs = deals_tabs()
    set_cell(tabs, "Deals", "D-1", "share", Pct(0.2))  # the first D-1 row is I-1's, already 20 %
    rows = sheet(tabs, "Deals")
    rows[3][col(rows, "share")] = Pct(0.2)  # F-1's row
    for name, _ in tabs:
        russian_headings(tabs, name)
    write_openpyxl(os.path.join(d, "facts.xlsx"), [(RU_SHEETS[n], rows) for n, rows in tabs])


# --- check: open every case back ------------------------------------------

def xml(path, member):
    with zipfile.ZipFile(path) as z:
        return z.read(member).decode("utf-8")


def sheet_xml(path, name):
    """The XML of the named sheet, through workbook.xml and its rels."""
    return xml(path, sheet_path(path, name))


def sheet_path(path, name):
    """The zip entry of the named sheet, through workbook.xml and its rels."""
    wb = xml(path, "xl/workbook.xml")
    rels = xml(path, "xl/_rels/workbook.xml.rels")
    m = re.search(r'<sheet [^>]*name="%s"[^>]*r:id="([^"]+)"' % re.escape(name), wb)
    rid = m.group(1)
    t = re.search(r'<Relationship [^>]*Id="%s"[^>]*Target="([^"]+)"' % rid, rels) or \
        re.search(r'<Relationship [^>]*Target="([^"]+)"[^>]*Id="%s"' % rid, rels)
    target = t.group(1).lstrip("/")
    return target if target.startswith("xl/") else "xl/" + target


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

    # --- the review's cases ---

    def same_but(p, example, changed):
        """Every value of the workbook as in the example's facts.xlsx, but the cells
        changed {(sheet, ref)} and any sheet the example lacks."""
        got, ref = openpyxl.load_workbook(p), openpyxl.load_workbook(os.path.join(EXAMPLES, example, "facts.xlsx"))
        want(got.sheetnames[:len(ref.sheetnames)] == ref.sheetnames, "sheets %s" % got.sheetnames)
        for ws in ref:
            g = got[ws.title]
            for r in range(1, max(ws.max_row, g.max_row) + 1):
                for c in range(1, max(ws.max_column, g.max_column) + 1):
                    a = g.cell(r, c)
                    if (ws.title, a.coordinate) not in changed:
                        want(a.value == ws.cell(r, c).value, "%s %s: %r" % (ws.title, a.coordinate, a.value))

    def csv_same_but(case_name, example, changed):
        """The case's facts/ holds the example's CSV files, each byte-identical but the changed ones."""
        d = T(case_name, "facts")
        names = sorted(n for n in os.listdir(os.path.join(EXAMPLES, example, "facts")) if n.endswith(".csv"))
        want(sorted(os.listdir(d)) == sorted(set(names) | set(changed)), "files %s" % sorted(os.listdir(d)))
        for n in names:
            if n not in changed:
                want(open(os.path.join(d, n), "rb").read() == open(os.path.join(EXAMPLES, example, "facts", n), "rb").read(),
                     n + " differs from the example")

    def read(case_name, *p):
        with open(T(case_name, *p), encoding="utf-8", newline="") as f:
            return f.read()

    def c21():
        p = T("real-date-format-on-number", "facts.xlsx")
        c = openpyxl.load_workbook(p)["Facts"]["C2"]
        want(c.is_date and c.value == datetime.datetime(2026, 5, 12) and c.number_format == "DD.MM.YYYY", "C2 %r %s" % (c.value, c.number_format))
        serial = (datetime.date(2026, 5, 12) - datetime.date(1899, 12, 30)).days
        want(re.search(r'<c r="C2" s="\d+" t="n"><v>%d</v></c>' % serial, cell_xml(p, "Facts", "C2")), "C2 a date serial: " + cell_xml(p, "Facts", "C2"))
        same_but(p, "sales-team", {("Facts", "C2")})
        want("Instructions" in openpyxl.load_workbook(p).sheetnames, "the Instructions sheet kept")

    def c22():
        csv_same_but("real-csv-unquoted-decimal-comma", "sales-team", {"facts.csv"})
        lines = read("real-csv-unquoted-decimal-comma", "facts", "facts.csv").split("\n")
        want(lines[1] == "S-01,700,18,8,0,95,," and lines[3] == "S-03,250,9,2,0,92,,", "lines 2, 4: %s" % lines)
        want(len(lines[0].split(",")) == 7 and len(lines[1].split(",")) == 8, "7 headings, 8 fields")

    def c23():
        csv_same_but("real-iso-timestamp-with-zone", "sales-team", {"payments.csv"})
        got = list(csv.reader(read("real-iso-timestamp-with-zone", "facts", "payments.csv").splitlines()))
        ex = list(csv.reader(example_csv("sales-team", "payments.csv").splitlines()))
        want(got[1][3] == "2026-10-09T21:00:00.000Z", "D2 " + got[1][3])
        for g, e in zip(got[1:], ex[1:]):
            for c in (3, 4):
                if e[c]:
                    t = datetime.datetime.strptime(g[c], "%Y-%m-%dT%H:%M:%S.000Z").replace(tzinfo=datetime.timezone.utc)
                    want(t.astimezone(MSK).isoformat() == e[c] + "T00:00:00+03:00", "%s is not %s in Moscow" % (g[c], e[c]))
                else:
                    want(g[c] == "", "blank kept")
            want(g[:3] == e[:3], "row %s" % g)

    def c24():
        csv_same_but("real-personal-plan-other-scale", "kpi-matrix", {"plans.csv"})
        want(read("real-personal-plan-other-scale", "facts", "plans.csv") == "id,kpi,base,norm,target\nOM-03,requests_on_time,80,95,100\n", "plans.csv")
        with open(os.path.join(EXAMPLES, "kpi-matrix", "scheme.yaml"), encoding="utf-8") as f:
            want(re.search(r"- id: requests_on_time\n(\s+\w+: .*\n)*?\s+base: 0\.80\n\s+norm: 0\.95\n\s+target: 1\.00\n", f.read()),
                 "the scheme plans requests_on_time 0.80/0.95/1.00")

    def c25():
        p = T("real-formula-empty-string", "facts.xlsx")
        want("LibreOffice" in xml(p, "docProps/app.xml"), "written by LibreOffice")
        want(not full_calc(p), "no fullCalcOnLoad")
        for ref in ("E2", "E3", "E4"):
            c = cell_xml(p, "Roster", ref)
            want(re.fullmatch(r'<c r="%s"[^>]* t="str"><f[^>]*>IFERROR\(VLOOKUP\(A%s,Salaries!\$A\$2:\$B\$10,2,FALSE\(\)\),&quot;&quot;\)</f><v></v></c>'
                              % (ref, ref[1]), c), ref + ' t="str" with <v></v>: %s' % c)
        c = cell_xml(p, "Roster", "E5")
        want(re.fullmatch(r'<c r="E5"[^>]* t="n"><f[^>]*>IFERROR\(VLOOKUP\(A5,.*\)</f><v>%d</v></c>' % SALARIES_H01, c), "E5 60000: %s" % c)
        with open(os.path.join(EXAMPLES, "sales-team", "scheme.yaml"), encoding="utf-8") as f:
            want(re.search(r"- id: head\n(\s+\w+: .*\n)*?\s+fixed: %d\n" % SALARIES_H01, f.read()), "the head's fixed in the scheme")
        v = values(p)
        want(v["Salaries"] == [["Tab", "Amount"], ["H-01", SALARIES_H01]], "Salaries %s" % v["Salaries"])
        same_but(p, "sales-team", {("Roster", "E%d" % r) for r in range(2, 6)})

    def totals(p, lo):
        wb = openpyxl.load_workbook(p)
        f = wb["Facts"]
        want(f["A6"].value == "Итого" and f["E6"].value == "=AVERAGE(E2:E4)" and f["B6"].value == "=SUM(B2:B5)", "totals row")
        want(f["E3"].value == 0.85 and f["E3"].number_format == "0%", "E3 0.85 as 0%")
        changed = {("Facts", "E3")} | {("Facts", c + "6") for c in "ABCDE"}
        if lo:
            want("LibreOffice" in xml(p, "docProps/app.xml"), "written by LibreOffice")
            for ref, f_, v in (("B6", "SUM(B2:B5)", "1450"), ("C6", "SUM(C2:C5)", "52"), ("D6", "SUM(D2:D5)", "15"),
                               ("E6", "AVERAGE(E2:E4)", "0.906666666666667")):
                want(re.search(r"<f[^>]*>%s</f><v>%s</v>" % (re.escape(f_), v), cell_xml(p, "Facts", ref)), ref + ": " + cell_xml(p, "Facts", ref))
        else:
            want(full_calc(p), "openpyxl's fullCalcOnLoad")
            want("<f>AVERAGE(E2:E4)</f><v></v>" in cell_xml(p, "Facts", "E6"), "E6 without a result: " + cell_xml(p, "Facts", "E6"))
        return changed

    def c26():
        p = T("real-totals-average", "facts.xlsx")
        same_but(p, "sales-team", totals(p, False))

    def c26lo():
        p = T("real-totals-average-libreoffice", "facts.xlsx")
        same_but(p, "sales-team", totals(p, True))

    def c27():
        p = T("real-merged-note-under-totals", "facts.xlsx")
        changed = totals(p, False) | {("Facts", "A8")}
        want('<mergeCell ref="A8:G8"/>' in sheet_xml(p, "Facts"), "A8:G8 merged")
        want(openpyxl.load_workbook(p)["Facts"]["A8"].value == "Примечание: данные CRM на 31.10.2026", "the note")
        want('<row r="7"' not in sheet_xml(p, "Facts"), "row 7 empty")
        same_but(p, "sales-team", changed)

    def c28():
        csv_same_but("real-us-grouping", "sales-team", {"payments.csv"})
        text = read("real-us-grouping", "facts", "payments.csv")
        want(text.split("\n")[1] == 'S-01,OOO Romashka,"300,000.00",2026-10-10,2026-10-08', "line 2: " + text)
        got = list(csv.reader(text.splitlines()))
        ex = list(csv.reader(example_csv("sales-team", "payments.csv").splitlines()))
        want([[r[0], r[1], Decimal(r[2].replace(",", ""))] + r[3:] for r in got[1:]] ==
             [[r[0], r[1], Decimal(r[2])] + r[3:] for r in ex[1:]], "the amounts")

    def c29():
        csv_same_but("real-csv-title-line", "sales-team", set(os.listdir(os.path.join(EXAMPLES, "sales-team", "facts"))))
        for n in sorted(os.listdir(T("real-csv-title-line", "facts"))):
            text = read("real-csv-title-line", "facts", n)
            lines = text.split("\n")
            want(lines[0] == TITLE and "," in lines[0], n + ": the title line")
            ex = example_csv("sales-team", n).split("\n")
            want(len(lines) == len(ex) + 1 and lines[1] == ex[0].replace(",", ";"), n + ": the header on line 2")
            want([l.replace(",", ".").replace(";", ",") for l in lines[1:]] == ex, n + ": the example's values, ; and decimal commas")
        want("S-01;700;18;8;0,95;;\n" in read("real-csv-title-line", "facts", "facts.csv"), "decimal commas")

    def c30():
        p = T("real-hidden-column", "facts.xlsx")
        # openpyxl keeps the example's <col min="1" max="7" width="16"/> and adds E after it:
        # <col hidden="1" width="13" customWidth="1" min="5" max="5"/>, overlapping (as it saves it).
        cols = re.findall(r"<col [^>]*/>", sheet_xml(p, "Facts"))
        hidden = [c for c in cols if ' hidden="1"' in c]
        want(len(hidden) == 1 and ' min="5"' in hidden[0] and ' max="5"' in hidden[0], "column E hidden, alone: %s" % cols)
        want(openpyxl.load_workbook(p)["Facts"].column_dimensions["E"].hidden, "E hidden (openpyxl)")
        want("hidden" not in re.sub(r"<col [^>]*/>", "", sheet_xml(p, "Facts")), "no hidden row")
        same_but(p, "sales-team", set())

    def c31(name, t, f):
        def fn():
            p = T(name, "facts.xlsx")
            src = os.path.join(EXAMPLES, "ladder", "facts.xlsx")
            facts = sheet_xml(p, "Facts")
            want(re.search(r'<c r="D2" t="b"><v>%s</v></c>' % t, facts) and re.search(r'<c r="D3" t="b"><v>%s</v></c>' % f, facts), "D2, D3")
            want(len(re.findall(r' t="b"><v>(?:%s|%s)</v>' % (t, f), facts)) == 12, "twelve boolean cells")
            ex = list(csv.reader(example_csv("ladder", "facts.csv").splitlines()))
            for r, row in enumerate(ex[1:], start=2):
                for c, col_ in ((3, "D"), (4, "E")):
                    if row[c] in ("yes", "no"):
                        want('<c r="%s%d" t="b"><v>%s</v></c>' % (col_, r, t if row[c] == "yes" else f) in facts, "%s%d" % (col_, r))
            want('<c r="D8" t="s">' in facts, "да kept as text")
            with zipfile.ZipFile(p) as a, zipfile.ZipFile(src) as b:
                want([i.filename for i in a.infolist()] == [i.filename for i in b.infolist()], "same entries")
                for i in b.infolist():
                    want(a.getinfo(i.filename).date_time == i.date_time, i.filename + " date")
                    if i.filename != sheet_path(src, "Facts"):
                        want(a.read(i.filename) == b.read(i.filename), i.filename + " unchanged")
        return fn

    def c32():
        p = T("real-openpyxl-deals", "facts.xlsx")
        wb = openpyxl.load_workbook(p)
        want(wb.sheetnames == ["Сотрудники", "Сделки"], "sheets %s" % wb.sheetnames)
        ws = wb["Сделки"]
        want([c.value for c in ws[1]] == ["Сделка", "Табельный номер", "Клиент", "Дата", "Сумма", "Маржа", "Дата оплаты", "Сумма оплаты", "Доля"], "headings")
        want(ws["D2"].is_date and ws["D2"].value == datetime.datetime(2026, 10, 5), "D2 a date")
        want([(ws["I%d" % r].value, ws["I%d" % r].number_format) for r in (2, 3, 4)] == [(0.2, "0%"), (0.5, "0%"), (0.3, "0%")], "shares")
        want(ws["E6"].value == -20000 and ws["F6"].value == -8000, "the credit note")

    def c33():
        p = T("real-openpyxl-deals-text", "facts.xlsx")
        ws = openpyxl.load_workbook(p)["Deals"]
        want([ws["D2"].value, ws["E2"].value, ws["I2"].value, ws["E6"].value] == ["05.10.2026", "500 000", "20%", "-20 000"], "text cells")
        want('t="s"' in cell_xml(p, "Deals", "D2") or 't="inlineStr"' in cell_xml(p, "Deals", "D2"), "D2 text")

    def c34():
        ws = openpyxl.load_workbook(T("real-openpyxl-deals-bad-shares", "facts.xlsx"))["Сделки"]
        want([ws["I%d" % r].value for r in (2, 3, 4)] == [0.2, 0.5, 0.2], "shares 20/50/20")

    def deterministic():
        # The library files again, to a scratch copy: the same bytes.
        import tempfile
        with tempfile.TemporaryDirectory() as tmp:
            for name, fn in (("x.xlsx", lambda p: write_xlsxwriter(p, kotelok_formulas())),
                             ("o.xlsx", lambda p: write_openpyxl(p, tables("sales-team"))),
                             ("e.xlsx", lambda p: edit_openpyxl(p, "sales-team", merged_note)),
                             ("b.xlsx", lambda p: ladder_booleans(p, "true", "false"))):
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
    chk("real-date-format-on-number", c21)
    chk("real-csv-unquoted-decimal-comma", c22)
    chk("real-iso-timestamp-with-zone", c23)
    chk("real-personal-plan-other-scale", c24)
    chk("real-formula-empty-string", c25)
    chk("real-totals-average", c26)
    chk("real-totals-average-libreoffice", c26lo)
    chk("real-merged-note-under-totals", c27)
    chk("real-us-grouping", c28)
    chk("real-csv-title-line", c29)
    chk("real-hidden-column", c30)
    chk("real-bool-true-false", c31("real-bool-true-false", "true", "false"))
    chk("real-bool-uppercase-TRUE-FALSE", c31("real-bool-uppercase-TRUE-FALSE", "TRUE", "FALSE"))
    chk("real-openpyxl-deals", c32)
    chk("real-openpyxl-deals-text", c33)
    chk("real-openpyxl-deals-bad-shares", c34)
    chk("XlsxWriter and openpyxl bytes reproducible", deterministic)
    for name, res in ok:
        print("check %-45s %s" % (name, res))
    if any(res != "ok" for _, res in ok):
        sys.exit(1)


if __name__ == "__main__":
    if sys.argv[1:] == ["check"]:
        check_all()
    elif len(sys.argv) == 4 and sys.argv[1] == "lo-source":
        lo_source(sys.argv[2], sys.argv[3])
    elif sys.argv[1:] == []:
        make_all()
        for name, what in made:
            print("made %-40s %s" % (name, what))
    else:
        sys.exit("usage: make.py [check | lo-source CASE PATH]")
