# Needs a private Redis at REDIS_URL (never 6379's); traffic stays on 127.0.0.1.
# Usage: idle_ws_rss.py QUEUECTL_BINARY REDIS_URL N -- prints serve's VmRSS growth per idle WebSocket client.
import socket, subprocess, sys, time, json, os
binary, redis_url, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
extra = sys.argv[4:]
env = dict(os.environ, REDIS_URL=redis_url)
p = subprocess.Popen([binary, "serve", "--json", "--bind", "127.0.0.1:0", *extra], stdout=subprocess.PIPE, env=env)
addr = json.loads(p.stdout.readline())["listening"]
host, port = addr.rsplit(":", 1)
def rss():
    for l in open(f"/proc/{p.pid}/status"):
        if l.startswith("VmRSS:"): return int(l.split()[1])
def client():
    s = socket.create_connection((host, int(port)))
    s.sendall(f"GET /api/queue/ws HTTP/1.1\r\nHost: {addr}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n".encode())
    data = b""
    while b"subscribed" not in data:
        chunk = s.recv(4096)
        if not chunk: raise SystemExit(f"closed: {data!r}")
        data += chunk
    return s
warm = [client() for _ in range(20)]
time.sleep(0.5); before = rss()
clients = [client() for _ in range(n)]
time.sleep(1); after = rss()
print(f"{n} idle clients: VmRSS {before} -> {after} KiB = {(after-before)/n:.1f} KiB per client")
p.kill()
