// fs.rs — std::fs under WASI, in the preopened directory /sandbox (argv[1]
// may name another). Rust's std calls path_open, fd_readdir,
// path_filestat_get, path_rename, path_symlink, path_link... itself rather
// than through wasi-libc. Asserts inside the guest, prints one line per
// failed check and "checks: N passed, N failed"; leaves /sandbox/kept for
// the runner to inspect from the host. Symlinks and inode numbers need
// std::os::wasi (unstable in Rust 1.63: built with RUSTC_BOOTSTRAP=1);
// file times are set with the raw import, std has no API for them yet.
#![feature(wasi_ext)]
use std::collections::BTreeSet;
use std::fs::{self, File, OpenOptions};
use std::io::{ErrorKind, Read, Seek, SeekFrom, Write};
use std::os::wasi::fs::{symlink_path, FileExt, MetadataExt};
use std::os::wasi::io::AsRawFd;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

#[link(wasm_import_module = "wasi_snapshot_preview1")]
extern "C" {
    fn fd_filestat_set_times(fd: u32, atim: u64, mtim: u64, fst_flags: u32) -> u32;
}

struct Checks {
    passed: u32,
    failed: u32,
}

impl Checks {
    fn check(&mut self, ok: bool, what: &str) {
        if ok {
            self.passed += 1;
        } else {
            self.failed += 1;
            println!("FAILED: {}", what);
        }
    }
}

fn kind<T>(r: std::io::Result<T>) -> Option<ErrorKind> {
    r.err().map(|e| e.kind())
}

fn names(dir: &str) -> BTreeSet<String> {
    fs::read_dir(dir)
        .map(|it| it.map(|e| e.unwrap().file_name().into_string().unwrap()).collect())
        .unwrap_or_default()
}

fn main() {
    let root = std::env::args().nth(1).unwrap_or_else(|| "/sandbox".to_string());
    let p = |rel: &str| format!("{}/{}", root, rel);
    let mut c = Checks { passed: 0, failed: 0 };

    // directories and whole-file helpers
    c.check(fs::create_dir_all(p("work/a/b/c")).is_ok(), "create_dir_all");
    c.check(fs::metadata(p("work/a/b/c")).map(|m| m.is_dir()).unwrap_or(false), "new dir is a dir");
    c.check(kind(fs::create_dir(p("work/a"))) == Some(ErrorKind::AlreadyExists), "create_dir twice");
    c.check(fs::write(p("work/hello.txt"), "hello, wasi\n").is_ok(), "fs::write");
    c.check(fs::read_to_string(p("work/hello.txt")).ok().as_deref() == Some("hello, wasi\n"), "read_to_string");
    c.check(kind(File::open(p("work/missing"))) == Some(ErrorKind::NotFound), "open missing: NotFound");
    c.check(
        kind(OpenOptions::new().write(true).create_new(true).open(p("work/hello.txt")))
            == Some(ErrorKind::AlreadyExists),
        "create_new on an existing file",
    );

    // append, seek, positional I/O, set_len
    {
        let mut f = OpenOptions::new().append(true).open(p("work/hello.txt")).unwrap();
        c.check(f.write_all(b"second line\n").is_ok(), "append");
    }
    let mut f = OpenOptions::new().read(true).write(true).open(p("work/hello.txt")).unwrap();
    let mut s = String::new();
    c.check(f.read_to_string(&mut s).is_ok() && s == "hello, wasi\nsecond line\n", "appended content");
    c.check(f.seek(SeekFrom::Start(7)).ok() == Some(7), "seek start");
    c.check(f.write_all(b"WASI").is_ok(), "write after seek");
    c.check(f.seek(SeekFrom::Current(0)).ok() == Some(11), "position after write");
    c.check(f.seek(SeekFrom::End(-5)).ok() == Some(19), "seek from end");
    let mut buf = [0u8; 5];
    c.check(f.read_at(&mut buf, 0).ok() == Some(5) && &buf == b"hello", "read_at (fd_pread)");
    c.check(f.write_at(b"H", 0).ok() == Some(1), "write_at (fd_pwrite)");
    c.check(f.seek(SeekFrom::Current(0)).ok() == Some(19), "pwrite leaves the position");
    c.check(f.set_len(11).is_ok(), "set_len (fd_filestat_set_size)");
    c.check(f.metadata().map(|m| m.len()).ok() == Some(11), "length after set_len");
    c.check(f.sync_all().is_ok() && f.sync_data().is_ok(), "sync_all, sync_data");
    drop(f);
    c.check(fs::read(p("work/hello.txt")).ok().as_deref() == Some(&b"Hello, WASI"[..]), "final content");

    // metadata
    let m = fs::metadata(p("work/hello.txt")).unwrap();
    c.check(m.is_file() && !m.is_dir() && m.len() == 11, "metadata: file, 11 bytes");
    let age = m.modified().ok().and_then(|t| SystemTime::now().duration_since(t).ok());
    c.check(matches!(age, Some(d) if d < Duration::from_secs(120)), "mtime is just now");
    c.check(m.ino() != 0 && m.nlink() == 1, "inode and link count");
    c.check(!m.permissions().readonly(), "a new file is writable");

    // file times, set through the raw import (std 1.63 has no setter)
    {
        let f = File::open(p("work/hello.txt")).unwrap();
        let (atim, mtim) = (1_100_000_000u64 * 1_000_000_000, 1_000_000_000u64 * 1_000_000_000);
        let e = unsafe { fd_filestat_set_times(f.as_raw_fd() as u32, atim, mtim, 1 | 4) };
        c.check(e == 0, "fd_filestat_set_times");
    }
    let m = fs::metadata(p("work/hello.txt")).unwrap();
    c.check(m.modified().ok() == Some(UNIX_EPOCH + Duration::from_secs(1_000_000_000)), "mtime set");
    c.check(m.accessed().ok() == Some(UNIX_EPOCH + Duration::from_secs(1_100_000_000)), "atime set");

    // read_dir, with enough entries to need several fd_readdir calls
    fs::create_dir(p("work/many")).unwrap();
    let mut expected = BTreeSet::new();
    for i in 0..150 {
        let name = format!("entry-with-a-rather-long-name-{:03}", i);
        fs::write(p(&format!("work/many/{}", name)), vec![b'x'; i]).unwrap();
        expected.insert(name);
    }
    c.check(names(&p("work/many")) == expected, "read_dir: 150 entries, no . or ..");
    let mut sizes_ok = true;
    for e in fs::read_dir(p("work/many")).unwrap() {
        let e = e.unwrap();
        let n: usize = e.file_name().to_str().unwrap()[30..].parse().unwrap();
        sizes_ok &= e.file_type().unwrap().is_file() && e.metadata().unwrap().len() == n as u64;
    }
    c.check(sizes_ok, "DirEntry file_type and metadata");
    let top: BTreeSet<String> = ["a", "hello.txt", "many"].iter().map(|s| s.to_string()).collect();
    c.check(names(&p("work")) == top, "read_dir: mixed entries");
    c.check(fs::read_dir(p("work/hello.txt")).is_err(), "read_dir on a file fails");

    // rename
    c.check(fs::rename(p("work/hello.txt"), p("work/a/b/moved.txt")).is_ok(), "rename file");
    c.check(!fs::metadata(p("work/hello.txt")).is_ok(), "old name gone");
    c.check(fs::read(p("work/a/b/moved.txt")).map(|v| v.len()).ok() == Some(11), "new name there");
    c.check(fs::rename(p("work/a"), p("kept")).is_ok(), "rename directory");
    c.check(fs::metadata(p("kept/b/c")).is_ok(), "directory moved with its contents");
    fs::write(p("work/other.txt"), "other").unwrap();
    fs::write(p("kept/victim.txt"), "victim").unwrap();
    c.check(fs::rename(p("work/other.txt"), p("kept/victim.txt")).is_ok(), "rename over a file");
    c.check(fs::read_to_string(p("kept/victim.txt")).ok().as_deref() == Some("other"), "replaced");

    // symlinks
    c.check(symlink_path("b/moved.txt", p("kept/link")).is_ok(), "symlink");
    c.check(fs::read_link(p("kept/link")).ok().map(|t| t.to_str() == Some("b/moved.txt")) == Some(true), "read_link");
    let lm = fs::symlink_metadata(p("kept/link")).unwrap();
    c.check(lm.file_type().is_symlink(), "symlink_metadata sees the link");
    c.check(fs::metadata(p("kept/link")).map(|m| m.is_file() && m.len() == 11).unwrap_or(false), "metadata follows it");
    c.check(fs::read_to_string(p("kept/link")).ok().as_deref() == Some("Hello, WASI"), "read through the link");
    c.check(symlink_path("../../outside", p("kept/escape")).is_ok(), "a link pointing out may exist");
    c.check(fs::read(p("kept/escape")).is_err(), "but cannot be followed out");
    c.check(fs::read(format!("{}/../etc/passwd", root)).is_err(), ".. above the preopen refused");

    // hard links
    c.check(fs::hard_link(p("kept/b/moved.txt"), p("kept/hard.txt")).is_ok(), "hard_link");
    let (a, b) = (fs::metadata(p("kept/b/moved.txt")).unwrap(), fs::metadata(p("kept/hard.txt")).unwrap());
    c.check(a.nlink() == 2 && a.ino() == b.ino() && a.dev() == b.dev(), "same inode, two links");

    // copy, removal
    c.check(fs::copy(p("kept/hard.txt"), p("kept/copy.txt")).ok() == Some(11), "fs::copy");
    c.check(kind(fs::remove_dir(p("kept/b"))).is_some(), "remove_dir on a non-empty dir fails");
    c.check(fs::remove_file(p("kept/b/c")).is_err(), "remove_file on a dir fails");
    c.check(fs::remove_dir(p("kept/b/c")).is_ok(), "remove_dir");
    c.check(fs::remove_dir_all(p("work")).is_ok(), "remove_dir_all");
    c.check(!fs::metadata(p("work")).is_ok(), "work is gone");
    c.check(fs::remove_file(p("kept/escape")).is_ok(), "remove_file on a symlink");

    println!("checks: {} passed, {} failed", c.passed, c.failed);
    std::process::exit(if c.failed == 0 { 0 } else { 1 });
}
