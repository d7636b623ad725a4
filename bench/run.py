#!/usr/bin/python3
"""The benchmark: premia as it is now against premia at a baseline revision,
against the floor, and against the Python peer.

For each size N it generates the data (go run ./bench/gen), checks that the
current build, the baseline build and the peer produce the same amounts, then
runs RUNS rounds. In each round every output shape is run with both builds,
one after the other (which goes first alternates between rounds), then the
floor of that shape is measured on the current build's output of that round
(bench/floor). Each run is timed: wall seconds, CPU seconds (user + system)
and peak RSS (/usr/bin/time -v). Ratios are taken within one round, then
the median: the machine is noisy, the ratios are the claim.

The floor is the sum of linear floors measured in the same round
(bench/floor, bench/internal/floors): (a) read the fact sheet, inflate and
tokenize it; (b) deflate every part of the workbooks premia wrote with
premia's compressor (klauspost/compress flate) and level, into zips; (c) create, write and close the
output files (one, or one per employee for --split and plans).

The output shapes (calc unless said):
    workbook   -o out.xlsx --format csv, stdout to /dev/null (the report)
    csv        --format csv, stdout to a file
    json       --format json, stdout to a file
    json-file  -o pay.json
    split      --split DIR (up to --split-upto employees)
    plans      plans SCHEME FACTS --period 2027-01 -o DIR (up to --split-upto)

Every input and output (and TMPDIR) is on tmpfs (/dev/shm) when there is
one, and nothing of this benchmark runs beside a measurement: with its files
on disk the peer took about twice as long (5,000 employees: 9-13 s against
4.6-5.2 s on tmpfs, 2026-12-02), most of the difference system time.

The baseline (--baseline REV, default edc34dd: the last commit before issue
10's changes) is built from `git archive REV` in a temporary folder into
bench/bin/premia-base; the repository's work tree and worktrees are not
touched. --csv-million also times the current build's CSV of 1,000,000
employees once (bench/gen makes that fact sheet once: about 2 minutes and
12 GB of memory). Every figure is kept in bench/data/results.json;
--rewrite writes RESULTS.md and the plot again from it.

    bench/run.py --sizes 500,5000,20000,100000 --runs 5 --csv-million

With --only read it measures reading alone (bench/READING.md): premia's read
of each size's fact sheet against the floor of inflating and tokenizing its
XML (go run ./bench/read), and the zip bombs of go run ./bench/bomb refused.

With --only book it measures a year's book (bench/BOOK.md, issue 14: "the
trend and a year-to-date calc each take less than 3x a single month's
calc"): for each size, untimed, go run ./bench/gen -book writes the book
(2026-01..12, a scheme whose seller's k6 norm grows over the previous
month, whose seller's commission counts from the year's start and whose
seller's recoverable draw carries its balance from month to month)
and premia close closes 2026-01..11; then each round times a single
month's calc that reads no history (month.yaml on facts/2026-12.xlsx), the
year-to-date calc of 2026-12 from the book (which reads the closed
2026-01..11) and trend over 2026-01..12 (December computed), in the CSV
shape and the workbook shape, and trend over 2026-01..12 of the same book
with December closed too (a copy, the snapshots linked, untimed); ratios
within a round, then the median.
"""
import argparse
import csv
import datetime
import json
import os
import platform
import re
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "bench", "bin")
DATA = os.path.join(ROOT, "bench", "data")
# The book's layout bench/gen writes (bookLayout): a book made earlier of
# another is made again.
BOOK_LAYOUT = "2"
TIMEOUT = 3600  # seconds allowed for one run (--timeout)
ONCE_ABOVE = 20000  # above this many employees the peer runs once (--once-above)
PERIOD = "2027-01"  # the period plans are written for
MILLION = 1000000
# Everything after this line in RESULTS.md is written by hand; run.py keeps it.
HAND = "<!-- Written by hand below this line: bench/run.py keeps everything after it. -->"
PLACEHOLDER = """## Reading the table (written by hand)

_To be written after the full run of `make bench`: what the tables say against
issue 10's targets, and the caveats of this run._
"""

SHAPES = ["workbook", "csv", "json", "json-file", "split", "plans"]
SHAPE_TITLE = {
    "workbook": "One workbook: `calc SCHEME FACTS -o out.xlsx --format csv > /dev/null`",
    "csv": "CSV to stdout: `calc SCHEME FACTS --format csv > pay.csv`",
    "json": "JSON to stdout: `calc SCHEME FACTS --format json > pay.json`",
    "json-file": "JSON to a file: `calc SCHEME FACTS -o pay.json`",
    "split": "One workbook per employee: `calc SCHEME FACTS --split DIR`",
    "plans": f"Plans, one workbook per employee: `plans SCHEME FACTS --period {PERIOD} -o DIR`",
}
SHAPE_FLOOR = {
    "workbook": "read + deflate the workbook's parts + write the file",
    "csv": "read + write the CSV's bytes to a file",
    "json": "read + write the JSON's bytes to a file",
    "json-file": "read + write the JSON's bytes to a file",
    "split": "read + deflate every workbook's parts + create, write and close each file",
    "plans": "read + deflate every workbook's parts + create, write and close each file",
}


def sh(cmd, timeout=None, **kw):
    return subprocess.run(cmd, check=True, timeout=timeout, capture_output=True, text=True, **kw)


class Stopped(Exception):
    """A run stopped at the time limit."""


class Failed(Exception):
    """A run that exited with an error."""


class Unsupported(Exception):
    """A build that does not know the command or a flag (exit 2)."""


def timed(cmd, timeout, stdout=None, env=None, expect=0):
    """Runs cmd under /usr/bin/time -v; returns a dict of wall and CPU (user +
    system) seconds, peak RSS MB and premia's phases (--timings). Peak RSS is
    /usr/bin/time's; wall and CPU are taken here, to the microsecond (time -v
    prints hundredths): wall around the run, CPU as the growth of this
    process's reaped children's usage (runs are one after the other, so that
    is the run's, /usr/bin/time's own millisecond included). At the timeout
    the whole process group is killed: killing /usr/bin/time alone would
    leave the tool running beside the next measurement."""
    out = subprocess.DEVNULL if stdout is None else open(stdout, "w")
    try:
        ru0, t0 = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
        p = subprocess.Popen(["/usr/bin/time", "-v"] + cmd, stdout=out, stderr=subprocess.PIPE,
                             text=True, start_new_session=True, env=env)
        try:
            _, err = p.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)
            p.communicate()
            raise Stopped(f"stopped at the {timeout} s limit")
        secs, ru1 = time.perf_counter() - t0, resource.getrusage(resource.RUSAGE_CHILDREN)
    finally:
        if stdout is not None:
            out.close()
    if p.returncode != expect:
        tail = " ".join(l for l in err.splitlines() if not l.startswith("\t") and not l.startswith("Command "))
        if "Command terminated by signal" in err:
            tail = re.search(r"Command terminated by signal \d+", err).group(0) + ": " + tail
        if re.search(r"unknown (command|flag|shorthand flag)|Run 'premia --help' for usage", err):
            raise Unsupported(tail[:300])
        raise Failed(f"exit {p.returncode}: {tail[-300:]}")
    cpu = (ru1.ru_utime - ru0.ru_utime) + (ru1.ru_stime - ru0.ru_stime)
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", err).group(1)) / 1024
    # --timings: "timings: read the roster 0.3 s, read and compute 9.1 s, write 0.2 s; total 9.6 s"
    phases = []
    m = re.search(r"^timings: (.*?); total", err, re.M)
    for part in (m.group(1).split(", ") if m else []):
        pm = re.match(r"(.+) ([\d.]+) s$", part)
        if pm:
            phases.append([pm.group(1), float(pm.group(2))])
    return {"t": secs, "cpu": cpu, "rss": rss, "phases": phases}


def amounts(path):
    with open(path, newline="") as fh:
        return {r["id"]: (r["fixed"], r["bonus"], r["commission"], r["total"]) for r in csv.DictReader(fh)}


def loadavg():
    try:
        with open("/proc/loadavg") as fh:
            return float(fh.read().split()[0])
    except OSError:
        return float("nan")


def go_build(out, pkg, cwd, what):
    """go build, or the end of the benchmark with go's message."""
    p = subprocess.run(["go", "build", "-o", out, pkg], cwd=cwd, capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"building {what} failed:\n{p.stderr.strip()}")
    return out


def git(*a):
    return sh(["git", "-C", ROOT] + list(a)).stdout.strip()


# ---------------------------------------------------------------- builds


def build_current():
    return go_build(os.path.join(BIN, "premia"), "./cmd/premia", ROOT, "premia from the work tree")


def build_baseline(rev):
    """Builds premia at rev into bench/bin/premia-base, from `git archive`
    of that commit in a temporary folder (removed after): the repository's
    work tree, index and worktree list are not touched. A build of the same
    commit is reused."""
    commit = git("rev-parse", "--verify", rev + "^{commit}")
    premia, stamp = os.path.join(BIN, "premia-base"), os.path.join(BIN, "premia-base.rev")
    if os.path.exists(premia) and os.path.exists(stamp) and open(stamp).read().strip() == commit:
        return premia, commit
    tmp = tempfile.mkdtemp(prefix="premia-base-")
    try:
        archive = subprocess.Popen(["git", "-C", ROOT, "archive", commit], stdout=subprocess.PIPE)
        subprocess.run(["tar", "-x", "-C", tmp], stdin=archive.stdout, check=True)
        archive.stdout.close()
        if archive.wait() != 0:
            raise RuntimeError(f"git archive {commit} failed")
        print(f"building the baseline {commit[:10]}", file=sys.stderr)
        go_build(premia, "./cmd/premia", tmp, f"the baseline {commit[:10]}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    with open(stamp, "w") as fh:
        fh.write(commit + "\n")
    return premia, commit


FLATE_LEVELS = {"NoCompression": 0, "BestSpeed": 1, "BestCompression": 9, "DefaultCompression": -1, "HuffmanOnly": -2}


def compressor_level():
    """The flate level premia's workbook writer uses, read from its source
    (flate.NewWriter(w, LEVEL)), and where. The floor deflates at it."""
    found = []
    for base in ("internal", "cmd", "calc"):
        for dirpath, _, files in os.walk(os.path.join(ROOT, base)):
            for f in files:
                if not f.endswith(".go") or f.endswith("_test.go"):
                    continue
                path = os.path.join(dirpath, f)
                with open(path) as fh:
                    for m in re.finditer(r"flate\.NewWriter\([^,]+,\s*(?:flate\.)?(\w+)\)", fh.read()):
                        found.append((os.path.relpath(path, ROOT), m.group(1)))
    levels = {FLATE_LEVELS.get(l, int(l) if l.lstrip("-").isdigit() else None) for _, l in found}
    if len(levels) != 1 or None in levels:
        print(f"warning: premia's flate level is not one known level: {found}; the floor deflates at BestSpeed", file=sys.stderr)
        return 1, found
    return levels.pop(), found


# ---------------------------------------------------------------- data


def data_for(n):
    """bench/data/N: the scheme and fact sheet of N employees, made once."""
    d = os.path.join(DATA, str(n))
    if not os.path.exists(os.path.join(d, "facts.xlsx")):
        print(f"generating {n} employees", file=sys.stderr)
        sh(["go", "run", "./bench/gen", "-n", str(n), "-o", d], cwd=ROOT)
    return d


def work_root(arg):
    """Where runs read and write: tmpfs when there is one."""
    if arg:
        os.makedirs(arg, exist_ok=True)
        return tempfile.mkdtemp(prefix="premia-bench-", dir=arg)
    if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK):
        return tempfile.mkdtemp(prefix="premia-bench-", dir="/dev/shm")
    os.makedirs(DATA, exist_ok=True)
    return tempfile.mkdtemp(prefix="run-", dir=DATA)


def fs_type(path):
    """The file system type of path, from /proc/mounts (longest mount point)."""
    best, kind = "", "?"
    try:
        with open("/proc/mounts") as fh:
            for line in fh:
                f = line.split()
                if path == f[1] or path.startswith(f[1].rstrip("/") + "/"):
                    if len(f[1]) >= len(best):
                        best, kind = f[1], f[2]
    except OSError:
        pass
    return kind


# ---------------------------------------------------------------- one size


class Tools:
    def __init__(self, builds, floor, peer, level, timeout):
        self.builds, self.floor, self.peer, self.level, self.timeout = builds, floor, peer, level, timeout


def has_timings(premia):
    """Whether this build's calc has --timings (older ones do not)."""
    p = subprocess.run([premia, "calc", "--help"], capture_output=True, text=True)
    return "--timings" in p.stdout + p.stderr


def has_max_sheets(premia):
    """Whether this build's calc has --max-sheets (one workbook is refused
    above it; older builds have no limit)."""
    p = subprocess.run([premia, "calc", "--help"], capture_output=True, text=True)
    return "--max-sheets" in p.stdout + p.stderr


def shape_run(shape, premia, scheme, facts, out):
    """The command line of shape with premia writing into folder out, and
    the file its stdout goes to (None: /dev/null)."""
    cmd, stdout = shape_cmd(shape, premia, scheme, facts, out)
    if not TIMINGS.get(premia, False):
        cmd = [a for a in cmd if a != "--timings"]
    if shape == "workbook" and MAX_SHEETS.setdefault(premia, has_max_sheets(premia)):
        cmd += ["--max-sheets", "0"]  # the benchmark measures the one workbook at every size
    return cmd, stdout


MAX_SHEETS = {}  # build: whether it has --max-sheets


TIMINGS = {}  # build: whether it has --timings


def shape_cmd(shape, premia, scheme, facts, out):
    if shape == "workbook":
        return [premia, "calc", scheme, facts, "-o", os.path.join(out, "out.xlsx"), "--format", "csv", "--timings"], None
    if shape == "csv":
        return [premia, "calc", scheme, facts, "--format", "csv", "--timings"], os.path.join(out, "pay.csv")
    if shape == "json":
        return [premia, "calc", scheme, facts, "--format", "json", "--timings"], os.path.join(out, "pay.json")
    if shape == "json-file":
        return [premia, "calc", scheme, facts, "-o", os.path.join(out, "pay.json"), "--timings"], None
    if shape == "split":
        return [premia, "calc", scheme, facts, "--split", os.path.join(out, "split"), "--timings"], None
    if shape == "plans":
        return [premia, "plans", scheme, facts, "--period", PERIOD, "-o", os.path.join(out, "plans")], None
    raise ValueError(shape)


def floor_args(shape, out):
    return {
        "workbook": ["-book", os.path.join(out, "out.xlsx")],
        "csv": ["-copy", os.path.join(out, "pay.csv")],
        "json": ["-copy", os.path.join(out, "pay.json")],
        "json-file": ["-copy", os.path.join(out, "pay.json")],
        "split": ["-books", os.path.join(out, "split")],
        "plans": ["-books", os.path.join(out, "plans")],
    }[shape]


def empty(folder):
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)


def measure_floor(tools, facts, args, scratch, env):
    cmd = [tools.floor, "-facts", facts, "-scratch", scratch, "-level", str(tools.level)] + args
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=tools.timeout, env=env)
    if p.returncode != 0:
        raise Failed("floor: " + p.stderr.strip()[-300:])
    return json.loads(p.stdout)


def stage(src, d):
    """Copies the inputs in src to the empty folder d (on tmpfs) with a
    temporary folder of its own; returns the fact sheet, the scheme and the
    environment that points TMPDIR there."""
    empty(d)
    for f in ("facts.xlsx", "scheme.yaml"):
        shutil.copy(os.path.join(src, f), d)
    tmp = os.path.join(d, "tmp")
    os.makedirs(tmp)
    return os.path.join(d, "facts.xlsx"), os.path.join(d, "scheme.yaml"), dict(os.environ, TMPDIR=tmp)


def one_size(n, args, tools, work, disk_scratch):
    """Every round of every shape at N employees; returns the size's record."""
    d = os.path.join(work, str(n))
    facts, scheme, env = stage(data_for(n), d)
    rec = {"n": n, "load": loadavg(), "shapes": {}, "peer": None, "error": None}
    names = list(tools.builds)  # "current", "baseline"

    # The amounts, before any time: every build and the peer must agree.
    check = {}
    for b in names:
        out = os.path.join(d, "check-" + b)
        empty(out)
        try:
            cmd, stdout = shape_run("csv", tools.builds[b], scheme, facts, out)
            timed(cmd, tools.timeout, stdout=stdout, env=env)
            check[b] = amounts(stdout)
        except (Stopped, Failed, Unsupported) as e:
            rec["error"] = f"{b} build, CSV for the check: {e}"
            return rec
    if len(names) > 1 and check["current"] != check["baseline"]:
        diff = sum(1 for k in check["current"] if check["current"].get(k) != check["baseline"].get(k))
        rec["error"] = f"the current and baseline builds disagree on the amounts ({diff} employees): no time is reported"
        return rec

    shapes = [s for s in args.shapes if s not in ("split", "plans") or n <= args.split_upto]
    for s in args.shapes:
        if s not in shapes:
            rec["shapes"][s] = {"skipped": f"not run above {args.split_upto} employees (--split-upto)"}
    for s in shapes:
        rec["shapes"][s] = {"runs": {b: [] for b in names}, "status": {b: None for b in names},
                            "floor": [], "ratio_base": [], "ratio_floor": [], "ratio_floor_cpu": [], "disk_files": None}
    peer = {"runs": [], "ratio": [], "status": None} if tools.peer else None
    rec["peer"] = peer
    for i in range(args.runs):
        order = names if i % 2 == 0 else names[::-1]
        for s in shapes:
            r = rec["shapes"][s]
            got = {}
            for b in order:
                if r["status"][b] is not None:
                    continue
                out = os.path.join(d, s + "-" + b)
                empty(out)
                cmd, stdout = shape_run(s, tools.builds[b], scheme, facts, out)
                try:
                    got[b] = dict(timed(cmd, tools.timeout, stdout=stdout, env=env), round=i)
                    r["runs"][b].append(got[b])
                    if got[b]["t"] > args.slow and i < args.runs - 1:
                        r["status"][b] = ("slow", f"{got[b]['t']:.0f} s, over --slow {args.slow} s: not run again at this size")
                except Stopped as e:
                    r["status"][b] = ("stopped", str(e))
                except Unsupported as e:
                    r["status"][b] = ("unsupported", str(e))
                except Failed as e:
                    r["status"][b] = ("failed", str(e))
                if r["status"][b] is not None:
                    print(f"N={n} {s} {b}: {r['status'][b][1]}", file=sys.stderr)
            if "current" in got:
                try:
                    fl = measure_floor(tools, facts, floor_args(s, os.path.join(d, s + "-current")), env["TMPDIR"], env)
                    r["floor"].append(fl)
                    r["ratio_floor"].append(got["current"]["t"] / fl["total_s"])
                    r["ratio_floor_cpu"].append(got["current"]["cpu"] / fl["total_cpu_s"])
                    if i == 0 and s in ("split", "plans") and disk_scratch:
                        # The same files created on disk, once: what tmpfs saves.
                        r["disk_files"] = measure_floor(tools, facts, floor_args(s, os.path.join(d, s + "-current")), disk_scratch, env)
                except (Failed, subprocess.TimeoutExpired) as e:
                    print(f"N={n} {s}: floor: {e}", file=sys.stderr)
                if "baseline" in got:
                    r["ratio_base"].append(got["current"]["t"] / got["baseline"]["t"])
            for b in names:
                shutil.rmtree(os.path.join(d, s + "-" + b), ignore_errors=True)
            if s == "workbook" and peer is not None and peer["status"] is None and (i == 0 or n <= args.once_above):
                out = os.path.join(d, "peer")
                empty(out)
                cmd = tools.peer + [facts, os.path.join(out, "peer.xlsx"), os.path.join(out, "peer.csv")]
                try:
                    p = timed(cmd, tools.timeout, env=env)
                    peer["runs"].append(p)
                    if i == 0 and amounts(os.path.join(out, "peer.csv")) != check["current"]:
                        rec["error"] = "premia and the peer disagree on the amounts: no time is reported"
                        return rec
                    if "current" in got:
                        peer["ratio"].append(p["t"] / got["current"]["t"])
                except Stopped as e:
                    # Stopped at the limit: its time is a lower bound.
                    peer["status"] = ("stopped", str(e))
                    if "current" in got:
                        peer["ratio"].append(tools.timeout / got["current"]["t"])
                except (Failed, Unsupported) as e:
                    peer["status"] = ("failed", str(e))
                shutil.rmtree(out, ignore_errors=True)
                print(f"N={n} peer: {peer['status'][1] if peer['status'] else '%.3f s' % p['t']}", file=sys.stderr)
        def last(s, b):
            runs = rec["shapes"][s]["runs"][b]
            return f"{runs[-1]['t']:.2f}" if runs and runs[-1]["round"] == i else "-"
        summary = ", ".join(f"{s} " + "/".join(last(s, b) for b in names) for s in shapes)
        print(f"N={n} round {i + 1}/{args.runs} ({'/'.join(names)} s): {summary}", file=sys.stderr)
    shutil.rmtree(d, ignore_errors=True)
    return rec


def million(args, tools, work):
    """1,000,000 employees to CSV, once, with the current build."""
    rec = {"n": MILLION, "load": loadavg(), "run": None, "floor": None, "error": None, "gen_s": None}
    t0 = time.time()
    try:
        src = data_for(MILLION)
    except subprocess.CalledProcessError as e:
        rec["error"] = "bench/gen failed: " + " ".join((e.stderr or "").split())[-300:]
        return rec
    if time.time() - t0 > 1:
        rec["gen_s"] = time.time() - t0
    d = os.path.join(work, str(MILLION))
    facts, scheme, env = stage(src, d)
    out = os.path.join(d, "out")
    empty(out)
    cmd, stdout = shape_run("csv", tools.builds["current"], scheme, facts, out)
    rec["load"] = loadavg()
    try:
        rec["run"] = timed(cmd, args.million_timeout, stdout=stdout, env=env)
        rec["rows"] = sum(1 for _ in open(stdout)) - 1
        rec["floor"] = measure_floor(tools, facts, floor_args("csv", out), env["TMPDIR"], env)
    except Stopped:
        rec["error"] = f"premia was stopped at the {args.million_timeout} s limit (it takes longer; no memory figure)"
    except (Failed, Unsupported) as e:
        rec["error"] = "premia failed: " + " ".join(str(e).split())[:300]
    except subprocess.TimeoutExpired:
        rec["error"] = "the floor was stopped at the time limit"
    shutil.rmtree(d, ignore_errors=True)
    return rec


# ---------------------------------------------------------------- main


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="500,5000,20000,100000")
    ap.add_argument("--runs", type=int, default=5, help="rounds per size")
    ap.add_argument("--timeout", type=int, default=3600, help="seconds allowed for one run")
    ap.add_argument("--once-above", type=int, default=20000,
                    help="above this many employees the peer runs once (it takes minutes there)")
    ap.add_argument("--only", choices=["all", "calc", "read", "book"], default="all",
                    help="calc: the end-to-end tables (RESULTS.md); read: reading and zip bombs (READING.md); "
                         "book: a year's book, trend and the year to date against a month (BOOK.md)")
    ap.add_argument("--baseline", default="edc34dd",
                    help="git revision to compare with, built into bench/bin/premia-base ('none': no baseline)")
    ap.add_argument("--shapes", default=",".join(SHAPES), help="output shapes to measure: " + ",".join(SHAPES))
    ap.add_argument("--split-upto", type=int, default=20000,
                    help="split and plans (a file per employee) only up to this many employees")
    ap.add_argument("--slow", type=float, default=120,
                    help="a build whose run of a shape takes longer than this many seconds is not run again at that size "
                         "(its figure is then from fewer runs; the baseline's --split takes minutes at 20,000)")
    ap.add_argument("--no-peer", dest="peer", action="store_false", help="do not run the Python peer")
    ap.add_argument("--csv-million", action="store_true",
                    help="also generate 1,000,000 employees (bench/data/1000000) and time the current build's CSV on it once")
    ap.add_argument("--million-timeout", type=int, default=None, help="seconds allowed for the 1,000,000 run (default: --timeout)")
    ap.add_argument("--million-n", type=int, default=1000000, help=argparse.SUPPRESS)  # a smaller N tries --csv-million
    ap.add_argument("--work", default=None,
                    help="folder for the runs' inputs and outputs (default: a new folder in /dev/shm, removed after)")
    ap.add_argument("--rewrite", action="store_true",
                    help="only write RESULTS.md and the plot again from the last run's figures (bench/data/results.json)")
    args = ap.parse_args()
    if args.rewrite:
        with open(os.path.join(DATA, "results.json")) as fh:
            saved = json.load(fh)
        meta = saved["meta"]
        meta["args"] = argparse.Namespace(**meta["args"])
        global TIMEOUT, ONCE_ABOVE, MILLION
        TIMEOUT, ONCE_ABOVE, MILLION = meta["args"].timeout, meta["args"].once_above, meta["args"].million_n
        write_results(meta, saved["rows"], saved["million"])
        return
    args.shapes = [s for s in args.shapes.split(",") if s]
    for s in args.shapes:
        if s not in SHAPES:
            ap.error(f"unknown shape {s!r}: expected some of {','.join(SHAPES)}")
    if args.million_timeout is None:
        args.million_timeout = args.timeout
    sizes = [int(s) for s in args.sizes.split(",") if s]
    if args.only == "book":
        book_bench(sizes, args)
        return
    if args.only in ("all", "read"):
        reading(sizes, args.runs)
    if args.only == "read":
        return
    TIMEOUT, ONCE_ABOVE, MILLION = args.timeout, args.once_above, args.million_n
    os.makedirs(BIN, exist_ok=True)
    builds = {"current": build_current()}
    meta = {"args": args, "head": git("rev-parse", "--short", "HEAD"),
            "dirty": bool(git("status", "--porcelain", "--untracked-files=no", "--", ".", ":!bench")),
            "baseline": None, "started": datetime.datetime.now().strftime("%Y-%m-%d %H:%M")}
    if args.baseline != "none":
        builds["baseline"], commit = build_baseline(args.baseline)
        meta["baseline"] = (commit[:10], git("log", "-1", "--format=%s", commit))
    floor = os.path.join(BIN, "floor")
    go_build(floor, "./bench/floor", ROOT, "bench/floor")
    level, where = compressor_level()
    meta["level"], meta["level_where"] = level, where
    peer = None
    if args.peer:
        peer = ["/usr/bin/python3", os.path.join(ROOT, "bench", "peer", "peer.py")]
    for b in builds.values():
        TIMINGS[b] = has_timings(b)
    tools = Tools(builds, floor, peer, level, args.timeout)
    work = work_root(args.work)
    meta["work"], meta["fs"] = work, fs_type(work)
    disk_scratch = None
    if meta["fs"] == "tmpfs":
        disk_scratch = os.path.join(DATA, "disk-files")
        os.makedirs(disk_scratch, exist_ok=True)
    print(f"runs in {work} ({meta['fs']}); builds: {', '.join(builds)}", file=sys.stderr)
    rows, mil = [], None
    try:
        for n in sizes:
            rows.append(one_size(n, args, tools, work, disk_scratch))
            if rows[-1]["error"]:
                print(f"N={n}: {rows[-1]['error']}", file=sys.stderr)
            write_results(meta, rows, mil)  # after every size: a long run that is stopped keeps what it measured
        if args.csv_million:
            mil = million(args, tools, work)
            print(f"N={MILLION}: " + (mil["error"] or f"{mil['run']['t']:.1f} s, {mil['run']['rss']:.0f} MB"), file=sys.stderr)
        meta["load_end"] = loadavg()
        write_results(meta, rows, mil)
    finally:
        shutil.rmtree(work, ignore_errors=True)
        if disk_scratch:
            shutil.rmtree(disk_scratch, ignore_errors=True)


def reading(sizes, runs):
    """Reading alone, and zip bombs: bench/READING.md."""
    os.makedirs(BIN, exist_ok=True)
    reader, premia = os.path.join(BIN, "read"), os.path.join(BIN, "premia")
    go_build(reader, "./bench/read", ROOT, "bench/read")
    go_build(premia, "./cmd/premia", ROOT, "premia from the work tree")
    lines = ["# Reading fact sheets", "",
             f"Date: {datetime.date.today().isoformat()}; {os.cpu_count()} cores. Each figure: median of {runs} runs (min–max).",
             "", "premia's read (`factsheet.Load` and `Read`: the bytes, the workbook, every table into the input) against",
             "the floor: inflating every sheet and the shared strings and finding each tag (`bench/read`). CPU is",
             "user + system time, from the start of the read to its return. Held is the live heap the input keeps once",
             "read, per employee, measured after the timed part. The 100,000 figure was 1.435 s CPU (4.70x) before",
             "the changes of 2026-12-02's second session (and the collection that measures held bytes was timed with the read).", "",
             "| N | floor CPU s | read CPU s | read / floor | read wall s | held bytes per employee |",
             "|---|---|---|---|---|---|"]
    for n in sizes:
        d = data_for(n)
        got = []
        for _ in range(runs):
            out = sh([reader, "-scheme", os.path.join(d, "scheme.yaml"), "-facts", os.path.join(d, "facts.xlsx")]).stdout
            got.append(json.loads(out))
        col = lambda k: [g[k] for g in got]
        lines.append(f"| {n} | {fmt(col('floor_cpu_s'))} | {fmt(col('read_cpu_s'))} | {fmt(col('read_over_floor_cpu'), p=2)} | "
                     f"{fmt(col('read_wall_s'))} | {statistics.median(col('held_bytes_per_employee')):.0f} |")
        print(f"N={n}: read {statistics.median(col('read_cpu_s')):.3f} s CPU, floor {statistics.median(col('floor_cpu_s')):.3f} s", file=sys.stderr)
    bombs = os.path.join(DATA, "bomb")
    sh(["go", "run", "./bench/bomb", "-o", bombs], cwd=ROOT)
    scheme = os.path.join(ROOT, "examples", "kotelok", "scheme.yaml")
    lines += ["", "Zip bombs (`bench/bomb`): a fact sheet whose sheet inflates to 300 MB from 0.3 MB, with the true size",
              "in the zip directory (ratio) or a false one of 1 MB (lying). `premia calc` must refuse each (exit 1).", "",
              "| bomb | file bytes | exit | wall s | peak RSS MB | message |", "|---|---|---|---|---|---|"]
    for name in ("ratio", "lying"):
        path = os.path.join(bombs, name + ".xlsx")
        walls, rsss, code, msg = [], [], None, ""
        for _ in range(runs):
            p = subprocess.run(["/usr/bin/time", "-v", premia, "calc", scheme, path], capture_output=True, text=True)
            code = p.returncode
            wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", p.stderr)
            walls.append(int(wall.group(1) or 0) * 3600 + int(wall.group(2)) * 60 + float(wall.group(3)))
            rsss.append(int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr).group(1)) / 1024)
            msg = p.stderr.splitlines()[0].split(": ", 1)[-1][:110]
        if code != 1:
            sys.exit(f"the {name} bomb was not refused (exit {code})")
        lines.append(f"| {name} | {os.path.getsize(path)} | {code} | {fmt(walls, p=2)} | {fmt(rsss, p=0)} | {msg} |")
    with open(os.path.join(ROOT, "bench", "READING.md"), "w") as fh:
        fh.write("\n".join(lines) + "\n")


# ---------------------------------------------------------------- the book

BOOK_YEAR = "2026"
BOOK_MONTHS = [f"{BOOK_YEAR}-{m:02d}" for m in range(1, 13)]
# The book's shapes: (name, what, the command line after premia in DIR, the exit expected, stdout to a file).
# The workbook of calc at 20,000 people is the month-end report with a sheet per person (--max-sheets 20000);
# trend's workbook of 12 months × 20,000 × 8 KPIs is more rows than a sheet holds, and trend refuses it (exit 1):
# the refusal is timed, and the workbook of the 6 months that fit beside it.
BOOK_SHAPES = [
    ("month-csv", "a month's calc, CSV: `calc month.yaml facts/2026-12.xlsx --format csv`",
     lambda d, o: ["calc", os.path.join(d, "month.yaml"), os.path.join(d, "facts", "2026-12.xlsx"), "--format", "csv"], 0, True),
    ("ytd-csv", "the year to date, CSV: `calc --book DIR --period 2026-12 --format csv`",
     lambda d, o: ["calc", "--book", d, "--period", "2026-12", "--format", "csv"], 0, True),
    ("trend-csv", "trend of the year, December open, CSV: `trend --book DIR --from 2026-01 --to 2026-12 --format csv`",
     lambda d, o: ["trend", "--book", d, "--from", "2026-01", "--to", "2026-12", "--format", "csv"], 0, True),
    ("trend-closed-csv", "trend of the year closed, CSV: the same in the book with December closed too (DIR-closed)",
     lambda d, o: ["trend", "--book", d + "-closed", "--from", "2026-01", "--to", "2026-12", "--format", "csv"], 0, True),
    ("month-workbook", "a month's calc, workbook: `calc month.yaml facts/2026-12.xlsx -o out.xlsx --max-sheets 20000 --format csv`",
     lambda d, o: ["calc", os.path.join(d, "month.yaml"), os.path.join(d, "facts", "2026-12.xlsx"), "-o", os.path.join(o, "month.xlsx"),
                   "--max-sheets", "20000", "--format", "csv"], 0, False),
    ("ytd-workbook", "the year to date, workbook: `calc --book DIR --period 2026-12 -o out.xlsx --max-sheets 20000 --format csv`",
     lambda d, o: ["calc", "--book", d, "--period", "2026-12", "-o", os.path.join(o, "ytd.xlsx"), "--max-sheets", "20000", "--format", "csv"], 0, False),
    ("trend-workbook", "trend of the year, workbook: `trend --book DIR --from 2026-01 --to 2026-12 -o trend.xlsx` (refused, exit 1, above 1,048,575 rows: N × 8 KPIs × 12)",
     lambda d, o: ["trend", "--book", d, "--from", "2026-01", "--to", "2026-12", "-o", os.path.join(o, "trend.xlsx")], "rows", False),
    ("trend-workbook-6", "trend of the 6 months that fit a sheet, workbook: `trend --book DIR --from 2026-07 --to 2026-12 -o trend6.xlsx`",
     lambda d, o: ["trend", "--book", d, "--from", "2026-07", "--to", "2026-12", "-o", os.path.join(o, "trend6.xlsx")], 0, False),
]
# The ratios: each shape against the month of its shape.
BOOK_RATIOS = [("ytd-csv", "month-csv"), ("trend-csv", "month-csv"), ("trend-closed-csv", "month-csv"), ("ytd-workbook", "month-workbook"),
               ("trend-workbook", "month-workbook"), ("trend-workbook-6", "month-workbook")]


def write_keeping_hand(path, lines, placeholder):
    """Writes lines to path, then the marker and what was written by hand
    after the marker in the file before (placeholder when none was)."""
    hand = placeholder
    if os.path.exists(path):
        old = open(path).read()
        if HAND in old:
            hand = old.split(HAND, 1)[1].lstrip("\n")
    with open(path, "w") as fh:
        fh.write("\n".join(lines) + "\n" + HAND + "\n\n" + hand)


def cpu_name():
    """The processor's model name (/proc/cpuinfo), else what platform says."""
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as fh:
            cpu = next(l.split(":", 1)[1].strip() for l in fh if l.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return cpu


def book_bench(sizes, args):
    """A year's book: bench/BOOK.md."""
    os.makedirs(BIN, exist_ok=True)
    premia = build_current()
    work = work_root(args.work)
    head = git("rev-parse", "--short", "HEAD")
    dirty = bool(git("status", "--porcelain", "--untracked-files=no", "--", ".", ":!bench"))
    started = datetime.datetime.now().strftime("%Y-%m-%d %H:%M")
    results = []
    try:
        for n in sizes:
            src = os.path.join(DATA, f"book-{n}")
            layout = os.path.join(src, ".bench-book")
            if not os.path.exists(layout) or open(layout).read().strip() != BOOK_LAYOUT:
                shutil.rmtree(src, ignore_errors=True)
                print(f"generating a year's book of {n} employees", file=sys.stderr)
                sh(["go", "run", "./bench/gen", "-n", str(n), "-book", src], cwd=ROOT)
            else:  # the fact sheets made earlier; the schemes as the generator writes them now
                sh(["go", "run", "./bench/gen", "-n", str(n), "-book", src, "-schemes"], cwd=ROOT)
            d = os.path.join(work, f"book-{n}")
            shutil.rmtree(d, ignore_errors=True)
            shutil.rmtree(d + "-closed", ignore_errors=True)
            shutil.copytree(src, d, ignore=shutil.ignore_patterns("closed"))
            t0 = time.perf_counter()
            for m in BOOK_MONTHS[:-1]:
                sh([premia, "close", "--book", d, "--period", m, "--date", "2026-12-31", "--quiet"], timeout=args.timeout)
            setup = time.perf_counter() - t0
            # The same book with December closed too: the eleven snapshots
            # linked, December's closed in it (untimed).
            dc = d + "-closed"
            shutil.rmtree(dc, ignore_errors=True)
            shutil.copytree(d, dc, copy_function=os.link)
            sh([premia, "close", "--book", dc, "--period", BOOK_MONTHS[-1], "--date", "2026-12-31", "--quiet"], timeout=args.timeout)
            snap = os.path.getsize(os.path.join(d, "closed", "2026-11.json"))
            print(f"N={n}: closed 2026-01..11 in {setup:.1f} s (a snapshot {snap / 1e6:.0f} MB)", file=sys.stderr)
            out = os.path.join(work, "out")
            row = {"n": n, "load": loadavg(), "setup": setup, "snapshot_bytes": snap, "runs": {k: [] for k, *_ in BOOK_SHAPES},
                   "ratios": {f"{a}/{b}": [] for a, b in BOOK_RATIOS}, "error": None}
            try:
                for r in range(args.runs):
                    got = {}
                    for name, _, cmd, expect, to_file in BOOK_SHAPES:
                        shutil.rmtree(out, ignore_errors=True)
                        os.makedirs(out)
                        stdout = os.path.join(out, "stdout") if to_file else None
                        if expect == "rows":  # trend's workbook: refused when its KPI rows exceed a sheet's
                            expect = 1 if n * 8 * 12 > 1048575 else 0
                        got[name] = timed([premia] + cmd(d, out), args.timeout, stdout=stdout, expect=expect)
                        row["runs"][name].append(got[name])
                    for a, b in BOOK_RATIOS:
                        row["ratios"][f"{a}/{b}"].append({k: got[a][k] / got[b][k] for k in ("t", "cpu", "rss")})
                    print(f"N={n} round {r + 1}: " + ", ".join(f"{k} {got[k]['t']:.2f} s" for k in got), file=sys.stderr)
            except (Failed, Stopped) as e:
                row["error"] = str(e)
                print(f"N={n}: {e}", file=sys.stderr)
            row["load_end"] = loadavg()
            results.append(row)
            write_book(results, args, head, dirty, started, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def write_book(rows, args, head, dirty, started, work):
    """bench/BOOK.md, the figures in bench/data/book.json; the hand part after the marker is kept."""
    os.makedirs(DATA, exist_ok=True)
    with open(os.path.join(DATA, "book.json"), "w") as fh:
        json.dump({"rows": rows, "head": head, "started": started}, fh)
    cpu = cpu_name()
    cur = f"`{head}`" + (" with the work tree's uncommitted changes" if dirty else "")
    lines = [
        "# A year's book: trend and the year to date against a month", "",
        "Generated by `bench/run.py --only book` (`make bench-book`); the section after the marker at the end is written by hand.", "",
        f"Machine: {os.cpu_count()} cores, {cpu}; {platform.system()} {platform.release()}. Build: {cur}.",
        f"Started {started}. Each figure: median of {args.runs} rounds (min–max). Runs in {fs_type(work)}.",
        "Issue 14's target: the trend and a year-to-date calc each take less than 3x a single month's calc.", "",
        "Setup, untimed: `go run ./bench/gen -n N -book DIR` (the bench roster, 2026-01..12, each workbook",
        "stating its period; `scheme.yaml` counts the seller's commission from the year's start, `prior: year-to-date`,",
        "on a marginal ladder of the year's sales, grows the seller's k6 norm 5 % over the previous month and carries the",
        "seller's recoverable draw of 45,000 from month to month; `month.yaml` is the same reading no history: no prior,",
        "the plain norm, the draw not recovered), then `premia close` of 2026-01..11, and a copy of the book",
        "(DIR-closed, the snapshots linked) with 2026-12 closed too. In each round the shapes",
        "run one after the other;",
        "wall and CPU (user + system) seconds are run.py's, peak RSS `/usr/bin/time -v`'s; ratios within a round, then the median.", "",
    ]
    for row in rows:
        n = row["n"]
        lines += [f"## {n} employees", "",
                  f"Setup: closing 2026-01..11 took {row['setup']:.1f} s; a snapshot is {row['snapshot_bytes'] / 1e6:.0f} MB. "
                  f"Load average (1 min): {row['load']:.2f} at the start, {row['load_end']:.2f} at the end."
                  + (f" **Stopped: {row['error']}**" if row["error"] else ""), "",
                  "| shape | wall s | CPU s | peak RSS MB |", "|---|---|---|---|"]
        for name, what, *_ in BOOK_SHAPES:
            runs = row["runs"][name]
            lines.append(f"| {what} | {fmt([x['t'] for x in runs])} | {fmt([x['cpu'] for x in runs])} | {fmt([x['rss'] for x in runs], p=0)} |")
        lines += ["", "| ratio (within a round) | wall | CPU | peak RSS |", "|---|---|---|---|"]
        for a, b in BOOK_RATIOS:
            rs = row["ratios"][f"{a}/{b}"]
            lines.append(f"| {a} / {b} | {fmt([x['t'] for x in rs], p=2)} | {fmt([x['cpu'] for x in rs], p=2)} | {fmt([x['rss'] for x in rs], p=2)} |")
        lines.append("")
    write_keeping_hand(os.path.join(ROOT, "bench", "BOOK.md"), lines,
                       "## What ran beside it (written by hand)\n\n_To be written after the run._\n")


# ---------------------------------------------------------------- results


def fmt(xs, p=3):
    """median (min–max) of xs; one value alone says so."""
    if not xs:
        return "—"
    m, lo, hi = statistics.median(xs), min(xs), max(xs)
    if len(xs) == 1:
        return f"{m:.{p}f} (1 run)"
    return f"{m:.{p}f} ({lo:.{p}f}–{hi:.{p}f})"


def med(xs, p=3):
    return "—" if not xs else f"{statistics.median(xs):.{p}f}"


def status_cell(st):
    kind, msg = st
    if kind == "unsupported":
        return "—"
    if kind == "stopped":
        return f"> {TIMEOUT} (stopped)"
    return "failed: " + " ".join(msg.split())[:120].replace("|", "/")


def build_cell(runs, st, key="t", p=3):
    """A build's figure: the runs' median (min–max), or why there is none."""
    xs = [r[key] for r in runs]
    if st is not None and st[0] == "slow":
        return fmt(xs, p)
    if st is not None and not xs:
        return status_cell(st)
    cell = fmt(xs, p)
    if st is not None:
        cell += "; then " + status_cell(st)
    return cell


def shape_table(rows, shape, names):
    lines = [f"### {SHAPE_TITLE[shape]}", "",
             f"Floor: {SHAPE_FLOOR[shape]} (bench/floor, on the current build's output of the same round).", ""]
    head = ["N", "current s", "baseline s", "current / baseline", "floor s", "current / floor",
            "current CPU s", "baseline CPU s", "current CPU / floor CPU", "current RSS MB", "baseline RSS MB"]
    if shape == "workbook":
        head.append("current phases s (--timings)")
    lines += ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for rec in rows:
        if rec["error"]:
            lines.append(f"| {rec['n']} | failed: {rec['error']} |" + " |" * (len(head) - 2))
            continue
        r = rec["shapes"].get(shape)
        if r is None:
            continue
        if "skipped" in r:
            lines.append(f"| {rec['n']} | {r['skipped']} |" + " |" * (len(head) - 2))
            continue
        runs, st = r["runs"], r["status"]
        base_runs, base_st = runs.get("baseline", []), st.get("baseline", ("unsupported", "no baseline"))
        cells = [str(rec["n"]),
                 build_cell(runs["current"], st["current"]),
                 build_cell(base_runs, base_st),
                 fmt(r["ratio_base"], 2),
                 fmt([f["total_s"] for f in r["floor"]]),
                 fmt(r["ratio_floor"], 2),
                 build_cell(runs["current"], st["current"], "cpu"),
                 build_cell(base_runs, base_st, "cpu"),
                 fmt(r["ratio_floor_cpu"], 2),
                 med([x["rss"] for x in runs["current"]], 0),
                 med([x["rss"] for x in base_runs], 0)]
        if shape == "workbook":
            cells.append(phases_cell([x["phases"] for x in runs["current"] if x["phases"]]))
        lines.append("| " + " | ".join(cells) + " |")
    return lines + [""]


def phases_cell(runs):
    """The median seconds of each phase --timings names, in its order:
    "read the roster 0.35, read and compute 9.08, write 0.21"."""
    runs = [list(p.items()) if isinstance(p, dict) else p for p in runs]  # results.json of older runs: a dict
    if not runs:
        return "—"
    names = [name for name, _ in runs[0]]
    return ", ".join(f"{name} {med([dict(p).get(name, 0) for p in runs])}" for name in names)


def floors_table(rows, shapes):
    lines = ["### The floors, step by step", "",
             "Median wall seconds of each step over the rounds (bench/floor). Read: read the fact sheet's bytes, inflate every",
             "sheet and the shared strings, find each tag. Deflate: compress every part of the output workbooks at premia's",
             "level, CRC-32 each, lay out the zips in memory. Files: create, write and close each output file (the CSV or",
             "JSON's bytes for those shapes). Inflating and deflating are spread over every core.", "",
             "| N | shape | read s | deflate s | files s | files | ms per file | MB written | same files on disk: ms per file |",
             "|---|---|---|---|---|---|---|---|---|"]
    for rec in rows:
        if rec["error"]:
            continue
        for s in shapes:
            r = rec["shapes"].get(s)
            if not r or "skipped" in r or not r["floor"]:
                continue
            fl = r["floor"]
            nfiles = fl[0]["files"]
            per = statistics.median(f["files_s"] for f in fl) / max(nfiles, 1) * 1000
            disk = "—"
            if r.get("disk_files"):
                disk = f"{r['disk_files']['files_s'] / max(r['disk_files']['files'], 1) * 1000:.3f}"
            lines.append(f"| {rec['n']} | {s} | {med([f['read_s'] for f in fl])} | {med([f['deflate_s'] for f in fl])} | "
                         f"{med([f['files_s'] for f in fl])} | {nfiles} | {per:.3f} | {fl[0]['bytes'] / 1e6:.1f} | {disk} |")
    return lines + [""]


def peer_table(rows):
    lines = ["### The Python peer (bench/peer: openpyxl and XlsxWriter), one workbook", "",
             "The same amounts, a summary sheet and a sheet per employee, and the CSV; against the current build's",
             "workbook shape in the same round.", "",
             "| N | peer s | current s | peer / current | peer CPU s | peer RSS MB |", "|---|---|---|---|---|---|"]
    for rec in rows:
        p = rec.get("peer")
        if rec["error"] or not p or "workbook" not in rec["shapes"] or "runs" not in rec["shapes"]["workbook"]:
            continue
        cur = rec["shapes"]["workbook"]["runs"]["current"]
        ratio = fmt(p["ratio"], 2)
        if p["status"] and p["status"][0] == "stopped":
            ratio = "> " + med(p["ratio"], 2)
        lines.append(f"| {rec['n']} | {build_cell(p['runs'], p['status'])} | {fmt([x['t'] for x in cur])} | {ratio} | "
                     f"{build_cell(p['runs'], p['status'], 'cpu')} | {med([x['rss'] for x in p['runs']], 0)} |")
    return lines + [""]


def million_lines(mil):
    lines = [f"### {MILLION:,} employees to CSV (`--csv-million`)", "",
             "The current build, once: `calc SCHEME FACTS --format csv > pay.csv`. Targets: under 30 s, peak RSS under 500 MB.",
             "Floor: read + write the CSV's bytes.", ""]
    if mil["gen_s"]:
        lines += [f"Generating the fact sheet (bench/gen, once, kept in bench/data/{MILLION}) took {mil['gen_s']:.0f} s.", ""]
    if mil["error"]:
        return lines + [f"**Not measured: {mil['error']}**", ""]
    r, fl = mil["run"], mil["floor"]
    ok_t = "met" if r["t"] < 30 else "**not met**"
    ok_m = "met" if r["rss"] < 500 else "**not met**"
    lines += ["| N | wall s | CPU s | peak RSS MB | floor s | current / floor | rows | time target | memory target |",
              "|---|---|---|---|---|---|---|---|---|",
              f"| {MILLION} | {r['t']:.2f} | {r['cpu']:.2f} | {r['rss']:.0f} | {fl['total_s']:.3f} | {r['t'] / fl['total_s']:.1f} | "
              f"{mil['rows']} | {ok_t} | {ok_m} |", ""]
    return lines


def write_results(meta, rows, mil):
    """Writes bench/RESULTS.md and bench/time-vs-n.png, and every figure
    measured to bench/data/results.json (run.py --rewrite redraws from it)."""
    os.makedirs(DATA, exist_ok=True)
    with open(os.path.join(DATA, "results.json"), "w") as fh:
        json.dump({"meta": dict(meta, args=vars(meta["args"])), "rows": rows, "million": mil}, fh)
    args = meta["args"]
    cpu = cpu_name()
    names = ["current"] + (["baseline"] if meta["baseline"] else [])
    cur = f"`{meta['head']}`" + (" with the work tree's uncommitted changes" if meta["dirty"] else "")
    base = f"`{meta['baseline'][0]}` ({meta['baseline'][1]})" if meta["baseline"] else "none"
    level = {v: k for k, v in FLATE_LEVELS.items()}.get(meta["level"], str(meta["level"]))
    where = ", ".join(sorted({w for w, _ in meta["level_where"]})) or "not found"
    loads = ", ".join(f"{r['n']}: {r['load']:.2f}" for r in rows) + (f", {MILLION}: {mil['load']:.2f}" if mil else "")
    lines = [
        "# Benchmark results", "",
        "Generated by `bench/run.py` (`make bench`); the section after the marker at the end is written by hand.", "",
        f"Machine: {os.cpu_count()} cores, {cpu}; {platform.system()} {platform.release()}.",
        f"Started {meta['started']}. Each figure: median of {args.runs} rounds (min–max).",
        f"Builds: **current** = {cur}; **baseline** = {base}, built from `git archive` of that commit.",
        "In each round every shape runs with both builds, one after the other (which goes first alternates between",
        "rounds), then its floor; ratios are taken within each round, then the median: the machine is noisy, the ratios",
        "are the claim. Peak RSS is `/usr/bin/time -v`'s; wall and CPU (user + system) seconds are run.py's, to the",
        "microsecond (time -v prints hundredths): wall around the run, CPU from getrusage of the reaped run.", "",
        f"**Where it ran.** Inputs, outputs and TMPDIR of every run (premia's, the floor's and the peer's) were in {meta['fs']}"
        + (" (`/dev/shm`)" if meta["work"].startswith("/dev/shm") else f" (`{meta['work']}`)") + ", copied there before a size's rounds;",
        "every run, the peer's included, ran alone, one after the other. Tables before issue 10 ran on disk, where the",
        "peer (XlsxWriter keeps a temporary file per sheet) spent much of its time in the file system. Nothing stops",
        "other users of the machine: the load average (1 min) when each size started was " + loads
        + (f"; at the end, {meta['load_end']:.2f}." if "load_end" in meta else "."), "",
        "**The floor** is the sum of linear floors measured in the same round by `bench/floor` (`bench/internal/floors`,",
        "whose reading floor `bench/read` shares): (a) read the fact sheet's bytes, inflate and tokenize it; (b) deflate",
        f"every part of premia's output workbooks with premia's compressor, klauspost/compress's flate at {level} (read from {where}),",
        "into zips in memory; (c) create, write and close the output files. Each step grows with the size of the files only.",
        "The bare-excelize floor of earlier tables is gone: adding a sheet scans every sheet before it, so its time grew",
        "with N² and a ratio against it said nothing at scale.", "",
        f"`split` and `plans` write a file per employee and run up to {args.split_upto} employees. Above {args.once_above}",
        f"employees the peer runs once, and a build whose run of a shape took over {args.slow:g} s is not run again at that",
        f"size (`--slow`: its figure says how many runs). A run stopped at the {args.timeout} s limit shows as a lower bound; a shape a build",
        "does not have shows as —. Each output is removed before its run (a fresh write, not a replacement).", "",
    ]
    for s in args.shapes:
        lines += shape_table(rows, s, names)
    lines += floors_table(rows, args.shapes)
    if args.peer:
        lines += peer_table(rows)
    if mil:
        lines += million_lines(mil)
    lines += ["![time against N](time-vs-n.png)", ""]
    write_keeping_hand(os.path.join(ROOT, "bench", "RESULTS.md"), lines, PLACEHOLDER)
    plot(rows, mil, args.shapes, names)


def plot(rows, mil, shapes, names):
    """Draws bench/time-vs-n.png: each shape's median wall time against N,
    the current build solid, the baseline dashed, the floor dotted; on the
    left the shapes that write one output (with the peer and the 1,000,000
    CSV run), on the right those that write a file per employee."""
    os.makedirs(DATA, exist_ok=True)
    colors = {"workbook": "#1f77b4", "csv": "#2ca02c", "json": "#9467bd", "json-file": "#8c564b", "split": "#d62728", "plans": "#ff7f0e"}
    panels = {"one": [], "many": []}
    for s in shapes:
        dat = os.path.join(DATA, f"plot-{s}.dat")
        with open(dat, "w") as fh:
            for rec in rows:
                r = rec["shapes"].get(s) if not rec["error"] else None
                if not r or "skipped" in r:
                    continue
                col = [statistics.median(x["t"] for x in r["runs"][b]) if r["runs"][b] else "NaN" for b in names]
                fl = statistics.median(f["total_s"] for f in r["floor"]) if r["floor"] else "NaN"
                fh.write(f"{rec['n']} {' '.join(str(c) for c in col)} {fl}\n")
        c, panel = colors[s], panels["many" if s in ("split", "plans") else "one"]
        panel.append(f"'{dat}' using 1:2 with linespoints lw 2 lc rgb '{c}' dt 1 pt 7 title '{s}: current'")
        if "baseline" in names:
            panel.append(f"'{dat}' using 1:3 with linespoints lw 1.5 lc rgb '{c}' dt 2 pt 6 title '{s}: baseline'")
        if s != "json-file":  # its floor is the json one's
            panel.append(f"'{dat}' using 1:{len(names) + 2} with lines lw 1.5 lc rgb '{c}' dt 3 title '{s}: floor'")
    peer_dat = os.path.join(DATA, "plot-peer.dat")
    with open(peer_dat, "w") as fh:
        for rec in rows:
            p = rec.get("peer")
            if rec["error"] or not p:
                continue
            if p["runs"]:
                fh.write(f"{rec['n']} {statistics.median(x['t'] for x in p['runs'])} NaN\n")
            elif p["status"] and p["status"][0] == "stopped":
                fh.write(f"{rec['n']} NaN {TIMEOUT}\n")
    if os.path.getsize(peer_dat):
        panels["one"].append(f"'{peer_dat}' using 1:2 with linespoints lw 1.5 lc rgb 'black' pt 5 title 'Python peer (workbook)'")
        if any(rec.get("peer") and rec["peer"]["status"] and rec["peer"]["status"][0] == "stopped" for rec in rows):
            panels["one"].append(f"'{peer_dat}' using 1:3 with points lc rgb 'black' pt 9 ps 2 title 'peer stopped at the limit'")
    if mil and not mil["error"]:
        mdat = os.path.join(DATA, "plot-million.dat")
        with open(mdat, "w") as fh:
            fh.write(f"{MILLION} {mil['run']['t']}\n")
        panels["one"].append(f"'{mdat}' using 1:2 with points lc rgb '{colors['csv']}' pt 13 ps 2 title 'csv: current, {MILLION:,} once'")
    drawn = [(k, v) for k, v in panels.items() if v]
    if not drawn:
        return
    titles = {"one": "one output: workbook, CSV, JSON", "many": "a workbook per employee: --split, plans"}
    script = [f"set terminal pngcairo size {640 * len(drawn)},560 font ',9'",
              f"set output '{os.path.join(ROOT, 'bench', 'time-vs-n.png')}'",
              f"set multiplot layout 1,{len(drawn)}",
              "set logscale xy", "set xlabel 'employees'", "set ylabel 'seconds (median wall)'",
              "set key right bottom spacing 0.9", "set grid"]
    for k, series in drawn:
        script += [f"set title '{titles[k]}'", "plot " + ", \\\n  ".join(series)]
    script.append("unset multiplot")
    subprocess.run(["gnuplot"], input="\n".join(script) + "\n", text=True, check=False, capture_output=True)


if __name__ == "__main__":
    main()
