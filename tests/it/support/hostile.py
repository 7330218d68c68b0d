"""Hostile web sites and a rebinding DNS server for the private-network guard
tests, run inside a private network namespace (only loopback exists there).

Usage: hostile.py CONFIG.json. The config names a log file (one JSON object
per HTTP request or DNS query), a ready file (written once every socket is
bound), HTTP servers ({"bind", "port", "routes": {path: {"status",
"headers", "body"}}}; unknown paths are 404) and optionally a DNS server
({"bind", "port", "names": {name: [addresses answered in turn, the last
one repeated]}}; AAAA questions get no answer).
"""

import json
import socket
import struct
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LOCK = threading.Lock()


def log(path, entry):
    with LOCK, open(path, "a") as f:
        f.write(json.dumps(entry) + "\n")


def http_server(spec, log_path):
    routes = spec["routes"]
    name = f"{spec['bind']}:{spec['port']}"

    class Handler(BaseHTTPRequestHandler):
        # HTTP/1.0: every response closes its connection, so every request
        # makes a new connection (and a new DNS lookup).
        protocol_version = "HTTP/1.0"

        def do_GET(self):
            log(log_path, {
                "server": name,
                "path": self.path,
                "host": self.headers.get("Host"),
                "authorization": self.headers.get("Authorization"),
            })
            route = routes.get(self.path, {"status": 404, "body": "not found"})
            body = route.get("body", "").encode()
            self.send_response(route.get("status", 200))
            headers = {"Content-Type": "text/html", **route.get("headers", {})}
            for key, value in headers.items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer((spec["bind"], spec["port"]), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()


def dns_answer(query, names, served, log_path):
    (qid,) = struct.unpack("!H", query[:2])
    labels, i = [], 12
    while query[i] != 0:
        labels.append(query[i + 1:i + 1 + query[i]].decode())
        i += 1 + query[i]
    qtype, _ = struct.unpack("!HH", query[i + 1:i + 5])
    question = query[12:i + 5]
    name = ".".join(labels).lower()
    answer = None
    if name in names and qtype == 1:
        turn = served.get(name, 0)
        served[name] = turn + 1
        answers = names[name]
        answer = answers[min(turn, len(answers) - 1)]
    log(log_path, {"dns": name, "type": qtype, "answer": answer})
    rcode = 0 if name in names else 3
    header = struct.pack("!HHHHHH", qid, 0x8180 | rcode, 1, 1 if answer else 0, 0, 0)
    reply = header + question
    if answer:
        reply += struct.pack("!HHHIH", 0xC00C, 1, 1, 0, 4) + socket.inet_aton(answer)
    return reply


def dns_server(spec, log_path):
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind((spec["bind"], spec["port"]))
    served = {}

    def serve():
        while True:
            query, peer = sock.recvfrom(512)
            sock.sendto(dns_answer(query, spec["names"], served, log_path), peer)

    threading.Thread(target=serve, daemon=True).start()


def main():
    with open(sys.argv[1]) as f:
        config = json.load(f)
    for spec in config.get("http", []):
        http_server(spec, config["log"])
    if "dns" in config:
        dns_server(config["dns"], config["log"])
    with open(config["ready"], "w") as f:
        f.write("ready\n")
    threading.Event().wait()


if __name__ == "__main__":
    main()
