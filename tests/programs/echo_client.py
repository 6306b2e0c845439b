#!/usr/bin/env python3
"""echo_client.py PORT — the host side of the echo-server test, on
127.0.0.1 only, bounded to ~20 s. Three clients whose turns interleave,
so only a server that serves them concurrently can answer:
  A connects and gets "a1\\n" echoed; B connects and gets "b1\\n" echoed;
  A gets "a2\\n" echoed; B sends 300 KiB of random bytes (a thread sends
  while the main thread reads), shuts down its side and reads to EOF;
  A shuts down and reads to EOF; C connects and shuts down at once.
Prints one line per client; exits 0 when every echo matched."""
import os, socket, sys, threading, time

port = int(sys.argv[1])
deadline = time.monotonic() + 20


def connect():
    while True:
        try:
            s = socket.create_connection(("127.0.0.1", port), timeout=5)
            s.settimeout(max(1.0, deadline - time.monotonic()))
            return s
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def ping(s, data):
    s.sendall(data)
    got = b""
    while len(got) < len(data):
        chunk = s.recv(len(data) - len(got))
        if not chunk:
            break
        got += chunk
    return got == data


def finish(s, payload=b""):
    def send():
        s.sendall(payload)
        s.shutdown(socket.SHUT_WR)

    t = threading.Thread(target=send)
    t.start()
    got = bytearray()
    while True:
        chunk = s.recv(65536)
        if not chunk:
            break
        got += chunk
    t.join()
    s.close()
    return bytes(got) == payload, len(got)


try:
    a = connect()
    a_ok = ping(a, b"a1\n")
    b = connect()
    b_ok = ping(b, b"b1\n")
    a_ok = ping(a, b"a2\n") and a_ok
    big = os.urandom(300 * 1024)
    same, n = finish(b, big)
    print(f"B: pings {'echoed' if b_ok else 'WRONG'}, {n} of {len(big)} bytes back, "
          f"{'identical' if same else 'DIFFERENT'}")
    b_ok = b_ok and same
    same, n = finish(a)
    print(f"A: pings {'echoed' if a_ok else 'WRONG'}, EOF after {n} more bytes")
    a_ok = a_ok and same
    same, n = finish(connect())
    print(f"C: {'EOF at once' if same else 'unexpected data'}")
    sys.exit(0 if a_ok and b_ok and same else 1)
except OSError as e:
    print(f"client error: {e}")
    sys.exit(1)
