// std_test.rs — Rust's std on WASI (wasm32-wasi): std::fs (files,
// directories, read_dir, metadata and times, rename, hard and symbolic
// links, removal), std::env (args, vars), std::time (SystemTime, Instant,
// sleep) and std::process::exit. Each check prints "ok NAME" or "FAIL
// NAME"; the exit status is 7 when all pass (from process::exit).
// Run with --dir DIR::/work --env RUST_TEST=yes, args: one two.
use std::collections::BTreeSet;
use std::fs;
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::Path;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

#[link(wasm_import_module = "wasi_snapshot_preview1")]
extern "C" {
    fn path_symlink(old: *const u8, old_len: usize, fd: u32, new: *const u8, new_len: usize) -> u16;
}

struct Checks {
    passed: u32,
    failed: u32,
}

impl Checks {
    fn check(&mut self, name: &str, ok: bool) {
        if ok {
            self.passed += 1;
            println!("ok {}", name);
        } else {
            self.failed += 1;
            println!("FAIL {}", name);
        }
    }
}

fn main() {
    let mut c = Checks { passed: 0, failed: 0 };
    let root = Path::new("/work");

    // env
    let args: Vec<String> = std::env::args().collect();
    c.check("args", args.len() == 3 && args[1] == "one" && args[2] == "two");
    c.check("var set", std::env::var("RUST_TEST").as_deref() == Ok("yes"));
    c.check("var unset", std::env::var("HOME").is_err());
    c.check("vars", std::env::vars().count() == 1);

    // files
    let file = root.join("hello.txt");
    c.check("write", fs::write(&file, b"hello, rust\n").is_ok());
    c.check("read_to_string", fs::read_to_string(&file).ok().as_deref() == Some("hello, rust\n"));
    {
        let mut f = fs::OpenOptions::new().append(true).open(&file).unwrap();
        c.check("append", f.write_all(b"more\n").is_ok());
    }
    {
        let mut f = fs::File::open(&file).unwrap();
        let mut s = String::new();
        f.seek(SeekFrom::Start(7)).unwrap();
        f.read_to_string(&mut s).unwrap();
        c.check("seek and read", s == "rust\nmore\n");
        c.check("write to read-only file fails", f.write_all(b"x").is_err());
    }
    let md = fs::metadata(&file).unwrap();
    c.check("metadata len", md.len() == 17 && md.is_file());
    let modified = md.modified().unwrap();
    let age = SystemTime::now().duration_since(modified).unwrap_or(Duration::ZERO);
    c.check("mtime is recent", age < Duration::from_secs(60));
    c.check("atime", md.accessed().is_ok());
    c.check("missing file", fs::read(root.join("nope")).is_err());
    c.check(
        "missing file error kind",
        fs::File::open(root.join("nope")).err().map(|e| e.kind()) == Some(std::io::ErrorKind::NotFound),
    );
    {
        let f = fs::OpenOptions::new().write(true).open(&file).unwrap();
        c.check("set_len", f.set_len(5).is_ok() && fs::read(&file).unwrap() == b"hello");
    }

    // directories
    c.check("create_dir_all", fs::create_dir_all(root.join("a/b/c")).is_ok());
    c.check("create_dir exists", fs::create_dir(root.join("a")).is_err());
    for name in ["x", "y", "z"] {
        fs::write(root.join("a").join(name), name).unwrap();
    }
    let names: BTreeSet<String> = fs::read_dir(root.join("a"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    let want: BTreeSet<String> = ["b", "x", "y", "z"].iter().map(|s| s.to_string()).collect();
    c.check("read_dir", names == want);
    let dirs: Vec<_> = fs::read_dir(root.join("a"))
        .unwrap()
        .filter(|e| e.as_ref().unwrap().file_type().unwrap().is_dir())
        .collect();
    c.check("read_dir file_type", dirs.len() == 1);
    c.check("rename", fs::rename(root.join("a/x"), root.join("a/b/x2")).is_ok());
    c.check("renamed", fs::read_to_string(root.join("a/b/x2")).ok().as_deref() == Some("x"));
    c.check("hard_link", fs::hard_link(root.join("a/y"), root.join("a/y2")).is_ok());
    c.check("hard link content", fs::read(root.join("a/y2")).unwrap() == b"y");
    // std's symlink for WASI is unstable in this Rust: call the import.
    let (target, link) = ("b/x2", "a/sl");
    let r = unsafe { path_symlink(target.as_ptr(), target.len(), 3, link.as_ptr(), link.len()) };
    c.check("symlink", r == 0);
    c.check("read_link", fs::read_link(root.join("a/sl")).ok() == Some("b/x2".into()));
    c.check("follow symlink", fs::read(root.join("a/sl")).unwrap() == b"x");
    c.check(
        "symlink_metadata",
        fs::symlink_metadata(root.join("a/sl")).unwrap().file_type().is_symlink(),
    );
    c.check("canonical escape refused", fs::read("/work/../etc/passwd").is_err());
    c.check("remove_file", fs::remove_file(root.join("a/z")).is_ok());
    c.check("remove_dir non-empty fails", fs::remove_dir(root.join("a")).is_err());
    c.check("remove_dir_all", fs::remove_dir_all(root.join("a")).is_ok());
    c.check("gone", !root.join("a").exists());
    c.check("copy", fs::copy(&file, root.join("copy.txt")).ok() == Some(5));

    // time
    let t0 = Instant::now();
    std::thread::sleep(Duration::from_millis(50));
    c.check("sleep", t0.elapsed() >= Duration::from_millis(50));
    let since = SystemTime::now().duration_since(UNIX_EPOCH).unwrap();
    c.check("system time", since.as_secs() > 1_600_000_000);

    println!("checks: {} passed, {} failed", c.passed, c.failed);
    std::process::exit(if c.failed == 0 { 7 } else { 1 });
}
