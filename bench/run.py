#!/usr/bin/python3
"""The benchmark: premia against the Python peer and the bare-excelize floor.

For each size N it generates the data (go run ./bench/gen), checks that premia
and the peer produce the same amounts, then runs each tool RUNS times on the
same files, recording wall time and peak RSS (/usr/bin/time -v) and premia's
own phase times (--timings). Ratios are taken within one round (the machine is
noisy: ratios, not absolute times, are the claim). Writes bench/RESULTS.md and
bench/time-vs-n.png (gnuplot).

    bench/run.py --sizes 500,5000,20000,100000 --runs 5

With --only read it measures reading alone (bench/READING.md): premia's read
of each size's fact sheet against the floor of inflating and tokenizing its
XML (go run ./bench/read), and the zip bombs of go run ./bench/bomb refused.
"""
import argparse
import csv
import datetime
import os
import platform
import re
import signal
import statistics
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "bench", "bin")
TIMEOUT = 3600  # seconds allowed for one run (--timeout)
ONCE_ABOVE = 20000  # above this many employees the peer and the floor run once (--once-above)


def sh(cmd, timeout=None, **kw):
    return subprocess.run(cmd, check=True, timeout=timeout, capture_output=True, text=True, **kw)


def timed(cmd, timeout):
    """Runs cmd under /usr/bin/time -v; returns (seconds, peak RSS MB, stderr).
    At the timeout the whole process group is killed: killing /usr/bin/time
    alone would leave the tool running beside the next measurement."""
    p = subprocess.Popen(["/usr/bin/time", "-v"] + cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         text=True, start_new_session=True)
    try:
        _, err = p.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, signal.SIGKILL)
        p.communicate()
        raise
    if p.returncode != 0:
        raise RuntimeError(f"{cmd[0]} failed: {err[-2000:]}")
    wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", err)
    h = int(wall.group(1) or 0)
    secs = h * 3600 + int(wall.group(2)) * 60 + float(wall.group(3))
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", err).group(1)) / 1024
    return secs, rss, err


def amounts(path):
    with open(path, newline="") as fh:
        return {r["id"]: (r["fixed"], r["bonus"], r["commission"], r["total"]) for r in csv.DictReader(fh)}


def median_min_max(xs):
    return statistics.median(xs), min(xs), max(xs)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="500,5000,20000,100000")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--timeout", type=int, default=3600, help="seconds allowed for one run")
    ap.add_argument("--once-above", type=int, default=20000,
                    help="above this many employees the peer and the floor run once (premia still RUNS times): each takes minutes there")
    ap.add_argument("--only", choices=["all", "calc", "read"], default="all",
                    help="calc: the end-to-end table (RESULTS.md); read: reading and zip bombs (READING.md)")
    args = ap.parse_args()
    if args.only in ("all", "read"):
        reading([int(s) for s in args.sizes.split(",")], args.runs)
    if args.only == "read":
        return
    global TIMEOUT, ONCE_ABOVE
    TIMEOUT, ONCE_ABOVE = args.timeout, args.once_above
    os.makedirs(BIN, exist_ok=True)
    premia, floor = os.path.join(BIN, "premia"), os.path.join(BIN, "floor")
    sh(["go", "build", "-o", premia, "./cmd/premia"], cwd=ROOT)
    sh(["go", "build", "-o", floor, "./bench/floor"], cwd=ROOT)
    peer = [sys.executable if sys.executable.startswith("/usr/bin/") else "/usr/bin/python3", os.path.join(ROOT, "bench", "peer", "peer.py")]
    rows = []
    for n in [int(s) for s in args.sizes.split(",")]:
        d = data_for(n)
        facts, scheme = os.path.join(d, "facts.xlsx"), os.path.join(d, "scheme.yaml")
        cmds = {
            "premia": [premia, "calc", scheme, facts, "-o", os.path.join(d, "premia.xlsx"), "--format", "csv", "--timings"],
            "peer": peer + [facts, os.path.join(d, "peer.xlsx"), os.path.join(d, "peer.csv")],
            "floor": [floor, facts, os.path.join(d, "floor.xlsx")],
        }
        result = {k: {"t": [], "rss": []} for k in cmds}
        phases = {"read": [], "compute": [], "write": []}
        ratios = {"peer": [], "floor": []}
        try:
            for i in range(args.runs):
                for name, cmd in cmds.items():
                    if i > 0 and name != "premia" and n > args.once_above:
                        continue
                    for out in (name + ".csv", name + ".xlsx"):
                        if os.path.exists(os.path.join(d, out)):
                            os.remove(os.path.join(d, out))
                    if name == "premia":
                        with open(os.path.join(d, "premia.csv"), "w") as out:
                            p = subprocess.run(["/usr/bin/time", "-v"] + cmd, stdout=out, stderr=subprocess.PIPE, text=True, timeout=args.timeout)
                        if p.returncode != 0:
                            raise RuntimeError("premia failed: " + p.stderr[-2000:])
                        wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", p.stderr)
                        t = int(wall.group(1) or 0) * 3600 + int(wall.group(2)) * 60 + float(wall.group(3))
                        rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr).group(1)) / 1024
                        for m in re.finditer(r"(read|compute|write) ([\d.]+) s", p.stderr):
                            phases[m.group(1)].append(float(m.group(2)))
                    else:
                        try:
                            t, rss, _ = timed(cmd, args.timeout)
                        except subprocess.TimeoutExpired:
                            # Stopped at the limit: its time is a lower bound.
                            print(f"N={n}: {name} stopped after {args.timeout} s", file=sys.stderr)
                            t, rss = None, None
                    result[name]["t"].append(t)
                    result[name]["rss"].append(rss)
                if i == 0 and amounts(os.path.join(d, "premia.csv")) != amounts(os.path.join(d, "peer.csv")):
                    sys.exit(f"N={n}: premia and the peer disagree on the amounts; no time is reported")
                if i == 0 or n <= args.once_above:
                    pt, ft = result["peer"]["t"][-1], result["floor"]["t"][-1]
                    ratios["peer"].append(None if pt is None else pt / result["premia"]["t"][-1])
                    ratios["floor"].append(None if ft is None else result["premia"]["t"][-1] / ft)
        except (subprocess.TimeoutExpired, RuntimeError) as e:
            rows.append((n, None, " ".join(str(e).split())[:160]))
            print(f"N={n}: {e}", file=sys.stderr)
            continue
        rows.append((n, (result, phases, ratios), ""))
        write_results(rows, args.runs)  # after every size: a long run that is stopped keeps what it measured
        def secs(xs):
            return "stopped" if stopped(xs) else f"{statistics.median(xs):.3f} s"
        print(f"N={n}: premia {secs(result['premia']['t'])}, peer {secs(result['peer']['t'])}, floor {secs(result['floor']['t'])}", file=sys.stderr)
    write_results(rows, args.runs)


def data_for(n):
    d = os.path.join(ROOT, "bench", "data", str(n))
    if not os.path.exists(os.path.join(d, "facts.xlsx")):
        print(f"generating {n} employees", file=sys.stderr)
        sh(["go", "run", "./bench/gen", "-n", str(n), "-o", d], cwd=ROOT)
    return d


def reading(sizes, runs):
    """Reading alone, and zip bombs: bench/READING.md."""
    import json
    os.makedirs(BIN, exist_ok=True)
    reader, premia = os.path.join(BIN, "read"), os.path.join(BIN, "premia")
    sh(["go", "build", "-o", reader, "./bench/read"], cwd=ROOT)
    sh(["go", "build", "-o", premia, "./cmd/premia"], cwd=ROOT)
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
    bombs = os.path.join(ROOT, "bench", "data", "bomb")
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


def stopped(xs):
    return any(x is None for x in xs)


def fmt(xs, unit="s", p=3):
    if stopped(xs):
        return f"> {TIMEOUT} (stopped)"
    m, lo, hi = median_min_max(xs)
    if len(xs) == 1:
        return f"{m:.{p}f} (1 run)"
    return f"{m:.{p}f} ({lo:.{p}f}–{hi:.{p}f})"


def write_results(rows, runs):
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as fh:
            cpu = next(l.split(":", 1)[1].strip() for l in fh if l.startswith("model name"))
    except (OSError, StopIteration):
        pass
    lines = [
        "# Benchmark results", "",
        f"Machine: {os.cpu_count()} cores, {cpu}; {platform.system()} {platform.release()}.",
        f"Date: {datetime.date.today().isoformat()}. Each figure: median of {runs} runs (min–max).",
        "Ratios are taken within each round, then the median: the machine is noisy, the ratios are the claim.",
        f"Above {ONCE_ABOVE} employees the peer and the floor run once (each takes minutes there); a run stopped",
        f"at the {TIMEOUT} s limit shows as a lower bound (its ratio too).", "",
        "| N | premia s | peer s | floor s | peer / premia | premia / floor | premia RSS MB | peer RSS MB | floor RSS MB | premia read / compute / write s | premia µs per employee |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    data = []
    for n, r, err in rows:
        if r is None:
            lines.append(f"| {n} | failed: {err} | | | | | | | | | |")
            continue
        res, ph, ra = r
        pt = statistics.median(res["premia"]["t"])
        def ratio(xs, bound):
            if stopped(xs):
                return f"{bound} {TIMEOUT / statistics.median(res['premia']['t']):.2f}"
            return f"{statistics.median(xs):.2f}"

        def mb(xs):
            return "—" if stopped(xs) else f"{statistics.median(xs):.0f}"
        lines.append(f"| {n} | {fmt(res['premia']['t'])} | {fmt(res['peer']['t'])} | {fmt(res['floor']['t'])} | "
                     f"{ratio(ra['peer'], '>')} | {ratio(ra['floor'], '<')} | "
                     f"{mb(res['premia']['rss'])} | {mb(res['peer']['rss'])} | {mb(res['floor']['rss'])} | "
                     f"{statistics.median(ph['read']):.3f} / {statistics.median(ph['compute']):.3f} / {statistics.median(ph['write']):.3f} | "
                     f"{pt / n * 1e6:.0f} |")
        data.append((n, pt, "NaN" if stopped(res["peer"]["t"]) else statistics.median(res["peer"]["t"]),
                     "NaN" if stopped(res["floor"]["t"]) else statistics.median(res["floor"]["t"]),
                     TIMEOUT if stopped(res["peer"]["t"]) else "NaN",
                     TIMEOUT if stopped(res["floor"]["t"]) else "NaN"))
    lines += ["", "![time against N](time-vs-n.png)", ""]
    with open(os.path.join(ROOT, "bench", "RESULTS.md"), "w") as fh:
        fh.write("\n".join(lines))
    dat = os.path.join(ROOT, "bench", "data", "times.dat")
    with open(dat, "w") as fh:
        for row in data:
            fh.write(" ".join(str(x) for x in row) + "\n")
    if data:
        plot(dat)


def plot(dat):
    """Draws bench/time-vs-n.png from times.dat: N, premia, peer, floor, and
    the limit where the peer or the floor was stopped (a lower bound)."""
    script = f"""set terminal png size 900,560
set output '{os.path.join(ROOT, "bench", "time-vs-n.png")}'
set logscale xy
set xlabel 'employees'
set ylabel 'seconds (median)'
set key left top
set grid
plot '{dat}' using 1:2 with linespoints title 'premia', \\
  '' using 1:3 with linespoints title 'Python peer', \\
  '' using 1:4 with linespoints title 'floor (bare excelize)', \\
  '' using 1:5 with points pt 9 ps 2 title 'peer stopped at the time limit (it takes longer)', \\
  '' using 1:6 with points pt 11 ps 2 title 'floor stopped at the time limit (it takes longer)'
"""
    subprocess.run(["gnuplot"], input=script, text=True, check=False)

if __name__ == "__main__":
    main()
