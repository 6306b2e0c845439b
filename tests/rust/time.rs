// time.rs — std::time and std::thread::sleep under WASI (clock_time_get
// for realtime and monotonic clocks, poll_oneoff for sleeping). Asserts in
// the guest; prints failed checks and "checks: N passed, N failed".
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

fn main() {
    let mut passed = 0;
    let mut failed = 0;
    let mut check = |ok: bool, what: &str| {
        if ok {
            passed += 1;
        } else {
            failed += 1;
            println!("FAILED: {}", what);
        }
    };
    let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap();
    // 2020-01-01 .. 2100-01-01
    check(now.as_secs() > 1_577_836_800 && now.as_secs() < 4_102_444_800, "SystemTime is plausible");
    check(now.subsec_nanos() != 0 || now.as_secs() % 2 == 1, "SystemTime has sub-second precision");
    let expected = std::env::args().nth(1).and_then(|s| s.parse::<u64>().ok());
    if let Some(host_secs) = expected {
        let diff = (now.as_secs() as i64 - host_secs as i64).abs();
        check(diff <= 5, "SystemTime agrees with the host's clock");
    }

    let start = Instant::now();
    let mut last = start;
    let mut monotonic = true;
    for _ in 0..1000 {
        let t = Instant::now();
        monotonic &= t >= last;
        last = t;
    }
    check(monotonic, "Instant never goes back");

    let sys_before = SystemTime::now();
    let before = Instant::now();
    std::thread::sleep(Duration::from_millis(250));
    let slept = before.elapsed();
    check(slept >= Duration::from_millis(250), "thread::sleep sleeps long enough (Instant)");
    check(slept < Duration::from_secs(5), "thread::sleep wakes up");
    let sys_slept = sys_before.elapsed().unwrap_or_default();
    check(sys_slept >= Duration::from_millis(240), "SystemTime advanced across the sleep");
    check(start.elapsed() > Duration::ZERO, "Instant advances");
    check(UNIX_EPOCH.elapsed().is_ok(), "UNIX_EPOCH.elapsed");
    println!("checks: {} passed, {} failed", passed, failed);
    std::process::exit(if failed == 0 { 0 } else { 1 });
}
