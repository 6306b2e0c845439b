// exit.rs — `exit CODE`: std::process::exit with CODE; `exit panic`
// panics (a trap under WASI: the runner expects a non-zero status and the
// message on stderr); `exit return` returns from main normally.
use std::io::Write;

fn main() {
    let what = std::env::args().nth(1).unwrap_or_default();
    print!("before exit");
    std::io::stdout().flush().unwrap();
    println!();
    match what.as_str() {
        "panic" => panic!("deliberate panic"),
        "return" => {}
        code => std::process::exit(code.parse().unwrap_or(99)),
    }
    println!("returned");
}
