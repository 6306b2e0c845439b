#!/usr/bin/env python3
"""bench/run.py — cwasi's benchmark suite (`make bench`).

Builds every bench/programs/*.c twice, natively (clang -O2) and for
wasm32-wasi (clang -O2), runs each natively and under `cwasi run`, checks that
both print the same output (each program ends with a checksum line), and
prints one row per program: native seconds, cwasi seconds, their ratio.
Then the geometric mean of the ratios, the start-up time of a hello-world
module (median of 20) and its peak RSS (/usr/bin/time -v). Everything is also
written to bench/results.json. See bench/README.md.

A benchmark never fails the build: problems (a module cwasi cannot run, a
checksum mismatch, a compiler missing) are reported in the output and the
exit status is 0.

Environment (all optional):
  BENCH_RUNS=N             timed runs per program and runtime (default 3, min 1)
  BENCH_METRIC=cpu|wall    what the table reports (default cpu = user+sys of
                           the child; both are always recorded in the JSON)
  BENCH_ONLY=a,b           run only these programs
  BENCH_TIMEOUT=S          seconds before one run is killed (default 600)
  BENCH_NATIVE_CFLAGS      default: -O2
  BENCH_WASM_CFLAGS        default: -O2 -mbulk-memory -msign-ext -mnontrapping-fptoint
  BENCH_OTHERS=a,b         also time other runtimes if installed: wasmtime,
                           wasmer, wasm3, iwasm, node, or NAME=COMMAND with {wasm}
                           where the module goes (e.g. "w=wasmtime run {wasm}")
"""

import argparse
import datetime
import json
import math
import os
import platform
import re
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH = os.path.join(ROOT, "bench")
PROGRAMS = os.path.join(BENCH, "programs")

DEFAULT_WASM_CFLAGS = "-O2 -mbulk-memory -msign-ext -mnontrapping-fptoint"
DEFAULT_NATIVE_CFLAGS = "-O2"

# Small work sizes for --smoke: a quick check that cwasi runs every program
# and agrees with the native build, without the timing.
SMOKE_ARGS = {
    "alloc": ["1"], "bytecode": ["10"], "crc32": ["2"], "fib": ["24"],
    "hashtable": ["1"], "lang": ["4"], "lz": ["1"], "mandelbrot": ["200"], "matmul": ["96"],
    "memops": ["2"], "nbody": ["10000"], "qsort": ["1"], "sha256": ["2"],
    "sieve": ["18"], "blur": ["4"], "bytesearch": ["2"],
}

# Programs also built with -msimd128 (clang auto-vectorizes them), timed under
# cwasi against their scalar wasm build: the SIMD table of `make bench`.
SIMD_PROGRAMS = ("blur", "bytesearch", "matmul")

# Other runtimes BENCH_OTHERS can name; {wasm} is the module.
KNOWN_RUNTIMES = {
    "wasmtime": "wasmtime run {wasm}",
    "wasmer": "wasmer run {wasm}",
    "wasm3": "wasm3 {wasm}",
    "iwasm": "iwasm {wasm}",
    "node": "node --no-warnings " + os.path.join(BENCH, "node-wasi.mjs") + " {wasm}",
}


def log(msg=""):
    print(msg, flush=True)


# ---------------------------------------------------------------- processes

class Result:
    """One finished (or failed) run of a command."""

    def __init__(self, status, stdout, stderr, wall, cpu, timed_out):
        self.status = status      # exit status, or -signal
        self.stdout = stdout
        self.stderr = stderr
        self.wall = wall          # seconds
        self.cpu = cpu            # user + sys seconds of the child
        self.timed_out = timed_out

    def ok(self):
        return self.status == 0 and not self.timed_out

    def reason(self):
        """A one-line explanation of a failed run."""
        if self.timed_out:
            return "timed out"
        lines = [l.strip() for l in self.stderr.decode("utf-8", "replace").splitlines() if l.strip()]
        what = lines[-1] if lines else ""
        if self.status < 0:
            sig = -self.status
            try:
                name = signal.Signals(sig).name
            except ValueError:
                name = "signal %d" % sig
            return "killed by %s%s" % (name, (": " + what) if what else "")
        return "exit status %d%s" % (self.status, (": " + what) if what else "")


def run(cmd, timeout, tmpdir):
    """Runs cmd with stdin from /dev/null, capturing stdout and stderr in
    files (no pipe to drain), and returns its wall time and, from wait4, the
    CPU time of that child alone."""
    out_path = os.path.join(tmpdir, "stdout")
    err_path = os.path.join(tmpdir, "stderr")
    actions = [
        (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
        (os.POSIX_SPAWN_OPEN, 1, out_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644),
        (os.POSIX_SPAWN_OPEN, 2, err_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644),
    ]
    exe = shutil.which(cmd[0]) if os.sep not in cmd[0] else cmd[0]
    if not exe or not os.path.exists(exe):
        return Result(127, b"", ("%s: not found" % cmd[0]).encode(), 0.0, 0.0, False)
    timed_out = []

    start = time.perf_counter()
    try:
        pid = os.posix_spawn(exe, cmd, os.environ, file_actions=actions)
    except OSError as e:
        return Result(126, b"", ("%s: %s" % (cmd[0], e.strerror)).encode(), 0.0, 0.0, False)

    def kill():
        timed_out.append(True)
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass

    timer = threading.Timer(timeout, kill)
    timer.start()
    try:
        _, status, usage = os.wait4(pid, 0)
    finally:
        timer.cancel()
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    with open(out_path, "rb") as f:
        stdout = f.read()
    with open(err_path, "rb") as f:
        stderr = f.read()
    return Result(code, stdout, stderr, wall, usage.ru_utime + usage.ru_stime, bool(timed_out))


def capture(cmd):
    """stdout of a quick command, or '' if it fails."""
    try:
        return subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


# ---------------------------------------------------------------- tools

def sudo_prefix():
    if os.geteuid() == 0:
        return []
    return ["sudo"] if shutil.which("sudo") else None


def apt_install(packages):
    prefix = sudo_prefix()
    if prefix is None or not shutil.which("apt-get"):
        log("bench: cannot install %s (need apt-get and root or sudo)" % " ".join(packages))
        return
    log("bench: installing %s" % " ".join(packages))
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(prefix + ["apt-get", "update", "-qq"], env=env)
    subprocess.run(prefix + ["apt-get", "install", "-y", "-qq", "--no-install-recommends"] + packages,
                   env=env, stdout=subprocess.DEVNULL)


def wasm_toolchain_works(tmpdir):
    src = os.path.join(tmpdir, "probe.c")
    with open(src, "w") as f:
        f.write("#include <stdio.h>\nint main(void){puts(\"x\");return 0;}\n")
    r = subprocess.run(["clang", "--target=wasm32-wasi", "-O2", src, "-o", os.path.join(tmpdir, "probe.wasm")],
                       capture_output=True, text=True) if shutil.which("clang") else None
    return r is not None and r.returncode == 0


def ensure_tools(tmpdir):
    """Installs the compilers, wasi-libc and GNU time if any is missing."""
    if not shutil.which("clang") or not shutil.which("wasm-ld") or not wasm_toolchain_works(tmpdir):
        script = os.path.join(ROOT, "scripts", "install-deps.sh")
        if os.access(script, os.X_OK):
            subprocess.run([script])
        else:
            apt_install(["clang", "lld", "wasi-libc", "libclang-rt-14-dev-wasm32"])
    if not os.access("/usr/bin/time", os.X_OK):
        apt_install(["time"])


# ---------------------------------------------------------------- building

def newest_mtime(paths):
    return max(os.path.getmtime(p) for p in paths)


def compile_c(src, out, cflags, target, deps):
    """Compiles one program unless out is newer than its sources and was
    built with the same flags. Returns None or an error message."""
    stamp = out + ".flags"
    flags_line = " ".join([target or "native"] + cflags)
    if os.path.exists(out) and os.path.exists(stamp):
        with open(stamp) as f:
            same = f.read() == flags_line
        if same and os.path.getmtime(out) >= newest_mtime([src] + deps + [__file__]):
            return None
    tgt = ["--target=" + target] if target else []
    if target:
        # Compile, then link without -O: clang runs binaryen's wasm-opt after
        # an optimizing link whenever it finds one, so the module would depend
        # on what else is installed (tests/lib.sh, wasm_cc).
        cmds = [["clang"] + tgt + cflags + ["-I" + PROGRAMS, "-c", src, "-o", out + ".o"],
                ["clang"] + tgt + [out + ".o", "-o", out, "-lm"]]
    else:
        cmds = [["clang"] + cflags + ["-I" + PROGRAMS, src, "-o", out, "-lm"]]
    for cmd in cmds:
        r = subprocess.run(cmd, capture_output=True, text=True)
        if r.returncode != 0:
            break
    if target and os.path.exists(out + ".o"):
        os.remove(out + ".o")
    if r.returncode != 0:
        lines = [l for l in r.stderr.splitlines() if "error" in l] or r.stderr.splitlines() or ["clang failed"]
        return lines[0].strip()
    with open(stamp, "w") as f:
        f.write(flags_line)
    return None


# ---------------------------------------------------------------- measuring

def checksum_of(stdout):
    m = re.search(rb"checksum ([0-9a-f]+)", stdout)
    return m.group(1).decode() if m else None


class Runner:
    """Times one program under one way of running it."""

    def __init__(self, label, cmd):
        self.label = label
        self.cmd = cmd
        self.results = []
        self.error = None  # set once a run fails; later runs are skipped

    def step(self, timeout, tmpdir):
        if self.error:
            return
        r = run(self.cmd, timeout, tmpdir)
        if not r.ok():
            self.error = r.reason()
            return
        if self.results and r.stdout != self.results[0].stdout:
            self.error = "output differs between runs"
            return
        self.results.append(r)

    def summary(self):
        if self.error or not self.results:
            return {"error": self.error or "not run"}
        cpu = [r.cpu for r in self.results]
        wall = [r.wall for r in self.results]
        return {
            "cpu_s": statistics.median(cpu), "wall_s": statistics.median(wall),
            "cpu_runs": cpu, "wall_runs": wall,
            "checksum": checksum_of(self.results[0].stdout),
        }


def fmt_s(v):
    return "%8.3f" % v


def geomean(values):
    return math.exp(sum(math.log(v) for v in values) / len(values)) if values else None


def measure_hello(cwasi, hello_native, hello_wasm, n, timeout, tmpdir):
    """Median wall and CPU time of n runs of a hello-world under cwasi and
    natively, interleaved. The native figure is the cost of starting any
    process, so the differences are what cwasi adds."""
    cmds = {"cwasi": [cwasi, "run", hello_wasm], "native": [hello_native]}
    walls = {k: [] for k in cmds}
    cpus = {k: [] for k in cmds}
    errors = {}
    for _ in range(n):
        for label, cmd in cmds.items():
            if label in errors:
                continue
            r = run(cmd, timeout, tmpdir)
            if not r.ok() or b"hello, world" not in r.stdout:
                errors[label] = r.reason() if not r.ok() else "unexpected output %r" % r.stdout[:60]
                continue
            walls[label].append(r.wall)
            cpus[label].append(r.cpu)
    out = {}
    for label in cmds:
        out[label] = {"error": errors[label]} if label in errors else {
            "wall_ms": statistics.median(walls[label]) * 1e3,
            "cpu_ms": statistics.median(cpus[label]) * 1e3, "runs": n}
    if not errors:
        out["cwasi_minus_native_wall_ms"] = out["cwasi"]["wall_ms"] - out["native"]["wall_ms"]
        out["cwasi_minus_native_cpu_ms"] = out["cwasi"]["cpu_ms"] - out["native"]["cpu_ms"]
    return out


def measure_in_process(cwasi, hello_wasm, n, build_dir, tmpdir):
    """bench/startup.c, built against the libcwasi.a next to cwasi: start-up
    inside one process (engine to teardown), without process creation.
    Returns a dict, with "error" if it could not run."""
    lib = os.path.join(os.path.dirname(os.path.abspath(cwasi)), "libcwasi.a")
    if not os.path.exists(lib):
        return {"error": "no %s" % os.path.relpath(lib, ROOT)}
    exe = os.path.join(build_dir, "startup")
    src = os.path.join(ROOT, "bench", "startup.c")
    if not os.path.exists(exe) or os.path.getmtime(exe) < newest_mtime([src, lib, __file__]):
        r = subprocess.run(["cc", "-O2", "-I" + os.path.join(ROOT, "include"), src, lib,
                            "-lm", "-lpthread", "-o", exe], capture_output=True, text=True)
        if r.returncode != 0:
            return {"error": "startup.c did not build: %s" % (r.stderr.strip().splitlines() or ["?"])[0]}
    r = run([exe, hello_wasm, str(n)], 60, tmpdir)
    m = re.search(rb"median total ([0-9.]+) us \(load ([0-9.]+), instantiate ([0-9.]+), "
                  rb"run ([0-9.]+), teardown ([0-9.]+)\)", r.stdout)
    if not r.ok() or not m:
        return {"error": r.reason() if not r.ok() else "unexpected output %r" % r.stdout[:80]}
    keys = ("total_us", "load_us", "instantiate_us", "run_us", "teardown_us")
    out = {k: float(v) for k, v in zip(keys, m.groups())}
    out["runs"] = n
    return out


def peak_rss(cmd, tmpdir):
    """Peak RSS in KiB from GNU time -v, or an error string."""
    if not os.access("/usr/bin/time", os.X_OK):
        return None, "/usr/bin/time not installed"
    r = run(["/usr/bin/time", "-v"] + cmd, 60, tmpdir)
    m = re.search(rb"Maximum resident set size \(kbytes\): (\d+)", r.stderr)
    if not m or r.status != 0:
        # GNU time appends its report; the command's own complaint comes first.
        first = r.stderr.decode("utf-8", "replace").strip().splitlines()[:1]
        return None, "exit status %d%s" % (r.status, (": " + first[0]) if first else "")
    return int(m.group(1)), None


def other_runtimes():
    spec = os.environ.get("BENCH_OTHERS", "").strip()
    found = []
    for item in [s.strip() for s in spec.split(",") if s.strip()]:
        if "=" in item:
            name, template = item.split("=", 1)
        elif item in KNOWN_RUNTIMES:
            name, template = item, KNOWN_RUNTIMES[item]
        else:
            log("bench: unknown runtime %r in BENCH_OTHERS (known: %s, or NAME=COMMAND {wasm})"
                % (item, ", ".join(KNOWN_RUNTIMES)))
            continue
        argv = shlex.split(template)
        if not shutil.which(argv[0]):
            log("bench: %s not installed, skipped" % name)
            continue
        found.append((name.strip(), argv))
    return found


def host_info():
    cpu = ""
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return {
        "machine": platform.machine(), "kernel": platform.release(), "cpu": cpu,
        "cores": os.cpu_count(), "load_average": list(os.getloadavg()),
        "clang": capture(["clang", "--version"]).splitlines()[0] if shutil.which("clang") else None,
    }


def git_commit():
    commit = capture(["git", "rev-parse", "HEAD"])
    if not commit:
        return None
    dirty = capture(["git", "status", "--porcelain", "--untracked-files=no"])
    return commit + ("-dirty" if dirty else "")


# ---------------------------------------------------------------- main

def measure_simd(names, builds, cwasi, have_cwasi, wasm_cflags, headers, runs, metric, smoke,
                 timeout, build, tmpdir):
    """Times SIMD_PROGRAMS' -msimd128 builds against their scalar wasm builds
    under cwasi (interleaved runs); returns {name: row} for the JSON."""
    todo = [n for n in SIMD_PROGRAMS if n in names and not builds[n]["wasm_error"]]
    if not todo or not have_cwasi:
        return {}
    flags = wasm_cflags + ["-msimd128"]
    log("== -msimd128 builds under cwasi (clang --target=wasm32-wasi %s)" % " ".join(flags))
    log("%-12s %9s %9s %8s  %s" % ("program", "scalar s", "simd s", "speedup", "checksum"))
    out = {}
    key = metric + "_s"
    for name in todo:
        src = os.path.join(PROGRAMS, name + ".c")
        wasm = os.path.join(build, name + ".simd.wasm")
        err = compile_c(src, wasm, flags, "wasm32-wasi", headers)
        if err:
            log("%-12s build failed: %s" % (name, err))
            out[name] = {"error": "build failed: " + err}
            continue
        prog_args = SMOKE_ARGS.get(name, []) if smoke else []
        scalar = Runner("scalar", [cwasi, "run", builds[name]["wasm"]] + prog_args)
        vec = Runner("simd", [cwasi, "run", wasm] + prog_args)
        for _ in range(runs):
            scalar.step(timeout, tmpdir)
            vec.step(timeout, tmpdir)
        a, b = scalar.summary(), vec.summary()
        if "error" in a or "error" in b:
            log("%-12s failed: %s" % (name, a.get("error") or b.get("error")))
            out[name] = {"scalar": a, "simd": b}
            continue
        same = scalar.results[0].stdout == vec.results[0].stdout
        speedup = a[key] / b[key] if b[key] else None
        log("%-12s %s %s %s  %s" % (name, fmt_s(a[key]), fmt_s(b[key]),
                                    ("%7.2fx" % speedup) if speedup else "%8s" % "-",
                                    b.get("checksum") if same else "MISMATCH with the scalar build"))
        out[name] = {"scalar": a, "simd": b, "speedup": speedup, "checksum_match": same}
    return out


def main():
    ap = argparse.ArgumentParser(description="cwasi benchmark suite (see bench/README.md)")
    ap.add_argument("--cwasi", default=os.path.join(ROOT, "build", "cwasi"), help="the cwasi binary")
    ap.add_argument("--build", default=os.path.join(ROOT, "build", "bench"), help="output directory")
    ap.add_argument("--runs", type=int, default=int(os.environ.get("BENCH_RUNS", "3")))
    ap.add_argument("--only", default=os.environ.get("BENCH_ONLY", ""), help="comma-separated programs")
    ap.add_argument("--smoke", action="store_true",
                    help="tiny inputs, one run each: check that cwasi runs every program correctly")
    ap.add_argument("--json", default=None,
                    help="results file (default bench/results.json; for --only runs, BUILD/results.json)")
    ap.add_argument("--no-install", action="store_true", help="do not install missing packages")
    args = ap.parse_args()

    runs = 1 if args.smoke else max(1, args.runs)
    metric = os.environ.get("BENCH_METRIC", "cpu")
    if metric not in ("cpu", "wall"):
        metric = "cpu"
    timeout = float(os.environ.get("BENCH_TIMEOUT", "600"))
    native_cflags = shlex.split(os.environ.get("BENCH_NATIVE_CFLAGS", DEFAULT_NATIVE_CFLAGS))
    wasm_cflags = shlex.split(os.environ.get("BENCH_WASM_CFLAGS", DEFAULT_WASM_CFLAGS))
    cwasi = os.path.abspath(args.cwasi)
    build = os.path.abspath(args.build)
    if args.json is None:
        # A partial run must not replace the full suite's published results.
        args.json = os.path.join(build, "results.json") if args.only else os.path.join(BENCH, "results.json")
    os.makedirs(os.path.join(build, "native"), exist_ok=True)
    tmpdir = tempfile.mkdtemp(prefix="run-", dir=build)

    try:
        if not args.no_install:
            ensure_tools(tmpdir)

        names = sorted(f[:-2] for f in os.listdir(PROGRAMS) if f.endswith(".c"))
        if args.only:
            wanted = [s.strip() for s in args.only.split(",") if s.strip()]
            unknown = [w for w in wanted if w not in names]
            if unknown:
                log("bench: no such program: %s" % ", ".join(unknown))
            names = [n for n in names if n in wanted]
        headers = [os.path.join(PROGRAMS, f) for f in os.listdir(PROGRAMS) if f.endswith(".h")]

        log("== building %d programs into %s" % (len(names), os.path.relpath(build, ROOT)))
        log("   native: clang %s" % " ".join(native_cflags))
        log("   wasm:   clang --target=wasm32-wasi %s" % " ".join(wasm_cflags))
        builds = {}
        for name in names + ["hello"]:
            src = os.path.join(BENCH, "hello.c") if name == "hello" else os.path.join(PROGRAMS, name + ".c")
            native = os.path.join(build, "native", name)
            wasm = os.path.join(build, name + ".wasm")
            builds[name] = {
                "native": native, "wasm": wasm,
                "native_error": compile_c(src, native, native_cflags, None, headers),
                "wasm_error": compile_c(src, wasm, wasm_cflags, "wasm32-wasi", headers),
            }
            for kind in ("native", "wasm"):
                if builds[name][kind + "_error"]:
                    log("   %s (%s): build failed: %s" % (name, kind, builds[name][kind + "_error"]))

        have_cwasi = os.access(cwasi, os.X_OK)
        if not have_cwasi:
            log("bench: %s not found (run make first); timing native builds only" % cwasi)
        others = other_runtimes()

        title = "smoke test (tiny inputs, not timed)" if args.smoke else \
            "%s seconds, median of %d run%s" % ("CPU (user+sys)" if metric == "cpu" else "wall",
                                               runs, "s" if runs > 1 else "")
        log("== %s" % title)
        extra_cols = "".join("  %10s" % (n + " s") for n, _ in others)
        log("%-12s %9s %9s %8s%s  %s" % ("program", "native s", "cwasi s", "ratio", extra_cols, "checksum"))

        programs = {}
        ratios = []
        for name in names:
            b = builds[name]
            prog_args = SMOKE_ARGS.get(name, []) if args.smoke else []
            row = {"native": None, "cwasi": None, "others": {}}
            runners = []
            if b["native_error"]:
                row["native"] = {"error": "build failed: " + b["native_error"]}
            else:
                runners.append(Runner("native", [b["native"]] + prog_args))
            if b["wasm_error"]:
                row["cwasi"] = {"error": "wasm build failed: " + b["wasm_error"]}
            elif not have_cwasi:
                row["cwasi"] = {"error": "cwasi binary not built"}
            else:
                cw = Runner("cwasi", [cwasi, "run", b["wasm"]] + prog_args)
                runners.append(cw)
            other_runners = []
            if not b["wasm_error"]:
                for oname, argv in others:
                    r = Runner(oname, [a.replace("{wasm}", b["wasm"]) for a in argv] + prog_args)
                    other_runners.append(r)
                    runners.append(r)
            # Interleaved, so that each runtime sees the same machine load.
            for _ in range(runs):
                for r in runners:
                    r.step(timeout, tmpdir)
            for r in runners:
                if r.label == "native":
                    row["native"] = r.summary()
                elif r.label == "cwasi":
                    row["cwasi"] = r.summary()
            for r in other_runners:
                row["others"][r.label] = r.summary()

            key = metric + "_s"
            nat_s = row["native"].get(key) if row["native"] else None
            nat_sum = row["native"].get("checksum") if row["native"] else None
            cells = [fmt_s(nat_s) if nat_s is not None else "%9s" % "-"]
            note = ""
            cw_row = row["cwasi"]
            if "error" in cw_row:
                cells += ["%9s" % "-", "%8s" % "-"]
                note = "cwasi: failed (%s)" % cw_row["error"]
            else:
                cw_s = cw_row[key]
                row["checksum_match"] = None
                if nat_s is not None:
                    by_label = {r.label: r for r in runners}
                    row["checksum_match"] = \
                        by_label["native"].results[0].stdout == by_label["cwasi"].results[0].stdout
                ratio = cw_s / nat_s if nat_s else None
                row["ratio"] = ratio
                cells += [fmt_s(cw_s), ("%7.2fx" % ratio) if ratio else "%8s" % "-"]
                if row["checksum_match"] is False:
                    note = "MISMATCH: native %s, cwasi %s" % (nat_sum, cw_row.get("checksum"))
                elif ratio:
                    ratios.append(ratio)
            for r in other_runners:
                s = row["others"][r.label]
                cells.append("  %10s" % (("%.3f" % s[key]) if "error" not in s else "failed"))
            if not note:
                note = nat_sum or (row["native"] or {}).get("error", "")
                if "error" in (row["native"] or {}):
                    note = "native: failed (%s)" % row["native"]["error"]
            log("%-12s %s  %s" % (name, " ".join(cells), note))
            programs[name] = row

        gm = geomean(ratios)
        if gm:
            log("geometric mean of cwasi/native: %.2fx over %d of %d programs" % (gm, len(ratios), len(names)))
        else:
            log("geometric mean of cwasi/native: n/a (cwasi ran no program successfully)")

        simd = measure_simd(names, builds, cwasi, have_cwasi, wasm_cflags, headers, runs, metric,
                            args.smoke, timeout, build, tmpdir)

        startup, rss = {}, {}
        hb = builds["hello"]
        if not hb["native_error"] and not hb["wasm_error"]:
            n = 3 if args.smoke else 20
            startup = measure_hello(cwasi, hb["native"], hb["wasm"], n, 30, tmpdir)
            cw, nat = startup["cwasi"], startup["native"]

            def both(v):
                return "%.2f ms wall, %.2f ms CPU" % (v["wall_ms"], v["cpu_ms"])
            nat_txt = ("native hello %s" % both(nat)) if "error" not in nat else \
                "native hello failed (%s)" % nat["error"]
            if "error" in cw:
                log("start-up (hello world): cwasi: failed (%s); %s" % (cw["error"], nat_txt))
            else:
                extra = ""
                if "error" not in nat:
                    extra = "; cwasi adds %.2f ms CPU, %.2f ms wall" % (
                        startup["cwasi_minus_native_cpu_ms"], startup["cwasi_minus_native_wall_ms"])
                log("start-up (hello world, median of %d): cwasi %s; %s%s" % (n, both(cw), nat_txt, extra))
            inproc = measure_in_process(cwasi, hb["wasm"], n, build, tmpdir)
            startup["in_process"] = inproc
            if "error" in inproc:
                log("start-up in process (bench/startup.c): failed (%s)" % inproc["error"])
            else:
                log("start-up in process (bench/startup.c, median of %d): %.0f us = load %.0f + "
                    "instantiate %.0f + run %.0f + teardown %.0f" % (
                        n, inproc["total_us"], inproc["load_us"], inproc["instantiate_us"],
                        inproc["run_us"], inproc["teardown_us"]))
            for label, cmd in (("cwasi", [cwasi, "run", hb["wasm"]]), ("native", [hb["native"]])):
                kib, err = peak_rss(cmd, tmpdir)
                rss[label] = {"kib": kib} if kib is not None else {"error": err}
            parts = []
            for label in ("cwasi", "native"):
                v = rss[label]
                parts.append(("%s %.2f MB" % (label, v["kib"] / 1024)) if "kib" in v
                             else "%s: failed (%s)" % (label, v["error"]))
            log("peak RSS (hello world, /usr/bin/time -v): %s" % "; ".join(parts))
        else:
            log("start-up: hello world did not build: %s" % (hb["native_error"] or hb["wasm_error"]))

        results = {
            "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
            "commit": git_commit(),
            "mode": "smoke" if args.smoke else "timed",
            "metric": metric,
            "runs": runs,
            "native_cflags": native_cflags,
            "wasm_cflags": wasm_cflags,
            "cwasi": os.path.relpath(cwasi, ROOT),
            "host": host_info(),
            "programs": programs,
            "geomean_ratio": gm,
            "geomean_programs": len(ratios),
            "simd": simd,
            "hello_startup": startup,
            "hello_peak_rss": rss,
            "other_runtimes": [n for n, _ in others],
        }
        if not args.smoke:
            with open(args.json, "w") as f:
                json.dump(results, f, indent=2)
                f.write("\n")
            log("results written to %s" % os.path.relpath(args.json, ROOT))
    finally:
        shutil.rmtree(tmpdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(130)
