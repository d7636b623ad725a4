#!/bin/sh
# Rebuild the testdata/real-* cases (see README.md here). From any directory:
#
#     sh testdata/made/make.sh
#
# or, to redo only some of the LibreOffice conversions (the library files are
# always rewritten, byte-identically):
#
#     sh testdata/made/make.sh real-formula-empty-string real-totals-average-libreoffice
#
# Needs Debian's /usr/bin/python3 with python3-openpyxl and python3-xlsxwriter,
# and LibreOffice (soffice). The XlsxWriter and openpyxl files are
# byte-reproducible; LibreOffice's output is not (it dates its files), which
# does not matter to the cases.
set -eu

made=$(cd "$(dirname "$0")" && pwd)
testdata=$(dirname "$made")
root=$(dirname "$testdata")
py=/usr/bin/python3

# (a) XlsxWriter and openpyxl files, every case's args and expectation.
"$py" "$made/make.py"

# (b) LibreOffice conversions, in a private profile: headless, no clash with a
# LibreOffice already running or another make.sh, and the locale pinned to
# en-US (the CSV export writes dates in the locale's short date format).
command -v soffice >/dev/null || { echo "make.sh: soffice (LibreOffice) not found" >&2; exit 1; }
profile=$(mktemp -d "${TMPDIR:-/tmp}/premia-made-lo.XXXXXX")
trap 'rm -rf "$profile"' EXIT INT TERM
mkdir -p "$profile/user"
cat >"$profile/user/registrymodifications.xcu" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>en-US</value></prop></item>
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooLocale" oor:op="fuse"><value>en-US</value></prop></item>
</oor:items>
EOF

want() { # want CASE: is the case's LibreOffice step to be done (all when no case is named)?
	test -z "$only" && return 0
	case " $only " in *" $1 "*) return 0 ;; esac
	return 1
}
only="$*"
for c in $only; do
	case "$c" in
	real-libreoffice-resave-kotelok | real-libreoffice-resave-kpi-matrix | real-libreoffice-resave-ladder | \
		real-libreoffice-resave-sales-team | real-libreoffice-resave-team-pool | real-libreoffice-ods | \
		real-libreoffice-csv-us-dates | real-formula-empty-string | real-totals-average-libreoffice) ;;
	*) echo "make.sh: $c: not a LibreOffice case" >&2; exit 2 ;;
	esac
done

lo() { # lo OUTDIR CONVERT-TO INPUT
	soffice --headless --norestore "-env:UserInstallation=file://$profile" \
		--convert-to "$2" --outdir "$1" "$3" >"$profile/log" 2>&1 || { cat "$profile/log" >&2; exit 1; }
}

# 5. Re-save of every example's facts.xlsx.
for ex in kotelok kpi-matrix ladder sales-team team-pool; do
	want "real-libreoffice-resave-$ex" || continue
	out="$testdata/real-libreoffice-resave-$ex"
	rm -f "$out/facts.xlsx"
	lo "$out" xlsx "$root/examples/$ex/facts.xlsx"
	test -s "$out/facts.xlsx" || { cat "$profile/log" >&2; exit 1; }
	echo "made real-libreoffice-resave-$ex/facts.xlsx (LibreOffice xlsx)"
done

# 6. The kotelok fact sheet as OpenDocument.
if want real-libreoffice-ods; then
	out="$testdata/real-libreoffice-ods"
	rm -f "$out/facts.ods"
	lo "$out" ods "$root/examples/kotelok/facts.xlsx"
	test -s "$out/facts.ods" || { cat "$profile/log" >&2; exit 1; }
	echo "made real-libreoffice-ods/facts.ods (LibreOffice ods)"
fi

# 12. The sales-team Payments sheet (the 5th) as CSV: comma, ", UTF-8, from
# line 1, formatted as shown, sheet 5 (LibreOffice 7.2+ names the file
# facts-Payments.csv).
if want real-libreoffice-csv-us-dates; then
	out="$testdata/real-libreoffice-csv-us-dates/facts"
	scratch="$profile/csv"
	mkdir -p "$out" "$scratch"
	lo "$scratch" 'csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,false,true,true,false,false,5' \
		"$root/examples/sales-team/facts.xlsx"
	csv=$(ls "$scratch"/*.csv)
	test "$(echo "$csv" | wc -l)" = 1 || { echo "make.sh: expected one CSV, got: $csv" >&2; exit 1; }
	mv "$csv" "$out/payments.csv"
	echo "made real-libreoffice-csv-us-dates/facts/payments.csv (LibreOffice csv, en-US)"
fi

# 25. An openpyxl workbook whose Roster fixed column is =IFERROR(VLOOKUP(...),""),
# re-saved by LibreOffice: it computes the formulas on load (openpyxl saved no
# results) and saves "" as <c t="str"><f>...</f><v></v></c>. make.py writes the
# openpyxl workbook to the scratch folder, not to the case.
if want real-formula-empty-string; then
	out="$testdata/real-formula-empty-string"
	scratch="$profile/vlookup"
	mkdir -p "$scratch/out"
	"$py" "$made/make.py" lo-source real-formula-empty-string "$scratch/facts.xlsx"
	rm -f "$out/facts.xlsx"
	lo "$scratch/out" xlsx "$scratch/facts.xlsx"
	test -s "$scratch/out/facts.xlsx" || { cat "$profile/log" >&2; exit 1; }
	mv "$scratch/out/facts.xlsx" "$out/facts.xlsx"
	echo "made real-formula-empty-string/facts.xlsx (LibreOffice xlsx of an openpyxl workbook)"
fi

# 26. The totals-row workbook of real-totals-average (openpyxl, formulas without
# results) re-saved by LibreOffice, the results now saved.
if want real-totals-average-libreoffice; then
	out="$testdata/real-totals-average-libreoffice"
	rm -f "$out/facts.xlsx"
	lo "$out" xlsx "$testdata/real-totals-average/facts.xlsx"
	test -s "$out/facts.xlsx" || { cat "$profile/log" >&2; exit 1; }
	echo "made real-totals-average-libreoffice/facts.xlsx (LibreOffice xlsx)"
fi

# Open every case back and check it has what it claims.
"$py" "$made/make.py" check
