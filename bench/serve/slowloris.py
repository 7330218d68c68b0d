# Needs a private Redis at REDIS_URL (never 6379's); traffic stays on 127.0.0.1.
# Usage: slowloris.py QUEUECTL_BINARY REDIS_URL N WAIT_S [serve flags] -- how many of N partial-header connections serve closed within WAIT_S.
import socket, subprocess, sys, time, json, os, select
binary, redis_url, n, wait = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
env = dict(os.environ, REDIS_URL=redis_url)
p = subprocess.Popen([binary, "serve", "--json", "--bind", "127.0.0.1:0", *sys.argv[5:]], stdout=subprocess.PIPE, env=env)
addr = json.loads(p.stdout.readline())["listening"]
host, port = addr.rsplit(":", 1)
socks = []
for _ in range(n):
    s = socket.create_connection((host, int(port)))
    s.sendall(f"GET /api/queue/stats HTTP/1.1\r\nHost: {addr}\r\nX-Slow: ".encode())
    socks.append(s)
start = time.time(); closed = set()
while time.time() - start < wait and len(closed) < n:
    r, _, _ = select.select([s for s in socks if s.fileno() not in closed], [], [], 0.2)
    for s in r:
        try: data = s.recv(4096)
        except OSError: data = b""
        if not data: closed.add(s.fileno())
print(f"{len(closed)} of {n} slow connections closed within {wait}s (last after {time.time()-start:.1f}s)")
p.kill()
