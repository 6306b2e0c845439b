// main.ts — an AssemblyScript program through @assemblyscript/wasi-shim:
// args, environment, stdout, random numbers, time and the exit code.
// Run as: --env AS_GREETING=hello main.wasm alpha beta  (exit status 5)

let passed = 0;
let failed = 0;
function check(name: string, ok: bool): void {
  if (ok) passed++;
  else failed++;
  console.log((ok ? "ok " : "FAIL ") + name);
}

const argv = process.argv;
check("argc", argv.length == 3);
check("args", argv.length == 3 && argv[1] == "alpha" && argv[2] == "beta");
check("env", process.env.has("AS_GREETING") && process.env.get("AS_GREETING") == "hello");
check("no other env", process.env.size == 1);

const bytes = new Uint8Array(32);
crypto.getRandomValues(bytes);
let nonzero = 0;
for (let i = 0; i < bytes.length; i++) if (bytes[i] != 0) nonzero++;
check("crypto.getRandomValues", nonzero > 20);
const r = Math.random();
check("Math.random", r >= 0 && r < 1);
check("Date.now", Date.now() > 1600000000000);
const t0 = process.hrtime();
let x = 0;
for (let i = 0; i < 100000; i++) x += i;
check("hrtime", process.hrtime() > t0 && x > 0);
process.stdout.write("written to stdout\n");
console.log("checks: " + passed.toString() + " passed, " + failed.toString() + " failed");
process.exit(failed == 0 ? 5 : 1);
