// env.rs — std::env and std::io under WASI: prints every argument and the
// sorted environment (the runner compares them with what it passed), checks
// var/var_os edge cases, and sums the numbers on stdin.
use std::io::BufRead;

fn main() {
    for (i, a) in std::env::args().enumerate() {
        println!("arg {}: [{}]", i, a);
    }
    println!("args_os: {}", std::env::args_os().count());
    let mut vars: Vec<(String, String)> = std::env::vars().collect();
    vars.sort();
    for (k, v) in &vars {
        println!("var {}=[{}]", k, v);
    }
    match std::env::var("CWASI_SURELY_UNSET") {
        Err(std::env::VarError::NotPresent) => println!("unset var: NotPresent"),
        other => println!("unset var: {:?}", other),
    }
    println!("var_os(GREETING) = {:?}", std::env::var_os("GREETING"));
    let mut sum = 0i64;
    let mut lines = 0;
    for line in std::io::stdin().lock().lines() {
        sum += line.unwrap().trim().parse::<i64>().unwrap_or(0);
        lines += 1;
    }
    println!("stdin: {} lines, sum {}", lines, sum);
    eprintln!("to stderr");
}
