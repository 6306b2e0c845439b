// cli.ts — one AssemblyScript program (compiled once, with
// @assemblyscript/wasi-shim) whose first argument picks what it exercises:
//   args ...      prints argc and every argument, exits with argc
//   env           prints the environment sorted, and two lookups
//   random        crypto.getRandomValues and Math.random: properties, plus
//                 hex bytes the runner compares across runs
//   time          Date.now and performance.now properties
//   cat           copies stdin to stdout upper-cased, byte count to stderr
//   exit N        process.exit(N) after writing to stdout
//   throw         an uncaught error: the shim's abort prints it, exits 255
// Anything else: usage on stderr, exit 2.

function say(s: string): void {
  process.stdout.write(s + "\n");
}

function hex(a: Uint8Array): string {
  let s = "";
  for (let i = 0; i < a.length; i++) s += (<u32>a[i] | 0x100).toString(16).substring(1);
  return s;
}

function yesno(b: bool): string {
  return b ? "yes" : "no";
}

function args(): i32 {
  const argv = process.argv;
  say("argc " + argv.length.toString());
  for (let i = 0; i < argv.length; i++) say(i.toString() + ": [" + argv[i] + "]");
  return argv.length;
}

function env(): i32 {
  const keys = process.env.keys();
  keys.sort();
  for (let i = 0; i < keys.length; i++) say(keys[i] + "=[" + process.env.get(keys[i]) + "]");
  say("has MISSING: " + yesno(process.env.has("CWASI_SURELY_UNSET")));
  return 0;
}

function random(): i32 {
  const a = new Uint8Array(4096);
  const b = new Uint8Array(4096);
  crypto.getRandomValues(a);
  crypto.getRandomValues(b);
  let same = 0;
  const counts = new Array<i32>(256).fill(0);
  for (let i = 0; i < a.length; i++) {
    if (a[i] == b[i]) same++;
    counts[a[i]]++;
  }
  let seen = 0;
  for (let i = 0; i < 256; i++) if (counts[i] > 0) seen++;
  // 4096 uniform bytes: ~16 equal positions expected, nearly every value seen
  say("two draws differ: " + yesno(same < 100));
  say("byte values seen: " + yesno(seen > 200));
  let lo = 1.0, hi = 0.0, inRange = true;
  for (let i = 0; i < 10000; i++) {
    const r = Math.random();
    inRange = inRange && r >= 0.0 && r < 1.0;
    if (r < lo) lo = r;
    if (r > hi) hi = r;
  }
  say("Math.random in [0, 1): " + yesno(inRange));
  say("Math.random spread: " + yesno(lo < 0.01 && hi > 0.99));
  say("bytes " + hex(a.subarray(0, 16)));
  say("math " + Math.random().toString());
  return 0;
}

function time(): i32 {
  const now = Date.now();
  // 2020-01-01 .. 2100-01-01, in milliseconds
  say("Date.now is plausible: " + yesno(now > 1577836800000 && now < 4102444800000));
  const year = new Date(now).getUTCFullYear();
  say("year is plausible: " + yesno(year >= 2020 && year < 2100));
  const t0 = performance.now();
  let spin: f64 = 0;
  for (let i = 0; i < 3000000; i++) spin += <f64>i;
  const t1 = performance.now();
  say("performance.now advances: " + yesno(t1 > t0 && spin > 0));
  return 0;
}

function cat(): i32 {
  const buf = new ArrayBuffer(1000);
  const bytes = Uint8Array.wrap(buf);
  let total = 0;
  for (;;) {
    const n = process.stdin.read(buf);
    if (n <= 0) break;
    for (let i = 0; i < n; i++) if (bytes[i] >= 0x61 && bytes[i] <= 0x7a) bytes[i] -= 0x20;
    process.stdout.write(buf.slice(0, n));
    total += n;
  }
  process.stderr.write("read " + total.toString() + " bytes\n");
  return 0;
}

const argv = process.argv;
const mode = argv.length > 1 ? argv[1] : "";
let status = 2;
if (mode == "args") status = args();
else if (mode == "env") status = env();
else if (mode == "random") status = random();
else if (mode == "time") status = time();
else if (mode == "cat") status = cat();
else if (mode == "exit") {
  say("exiting with " + argv[2]);
  status = I32.parseInt(argv[2]);
} else if (mode == "throw") {
  say("about to throw");
  throw new Error("deliberate error");
} else process.stderr.write("usage: cli args|env|random|time|cat|exit N|throw\n");
process.exit(status);
