"""A stand-in sentinel for tests: answers SENTINEL get-master-addr-by-name
with the ports listed (one per line) in a file, one answer per query, the
last one for good; +OK to anything else. Prints its port, then serves."""
import socket, sys, threading

answers = [line.strip() for line in open(sys.argv[1]) if line.strip()]
lock = threading.Lock()

def next_port():
    with lock:
        return answers.pop(0) if len(answers) > 1 else answers[0]

def read_command(f):
    head = f.readline()
    if not head:
        return None
    if not head.startswith(b"*"):
        return head.split()
    args = []
    for _ in range(int(head[1:])):
        size = int(f.readline()[1:])
        args.append(f.read(size + 2)[:-2])
    return args

def serve(conn):
    f = conn.makefile("rb")
    while True:
        cmd = read_command(f)
        if cmd is None:
            return
        name = cmd[0].upper() if cmd else b""
        if name == b"SENTINEL":
            port = next_port().encode()
            conn.sendall(b"*2\r\n$9\r\n127.0.0.1\r\n$%d\r\n%s\r\n" % (len(port), port))
        elif name == b"PING":
            conn.sendall(b"+PONG\r\n")
        else:
            conn.sendall(b"+OK\r\n")

listener = socket.socket()
listener.bind(("127.0.0.1", 0))
listener.listen()
print(listener.getsockname()[1], flush=True)
while True:
    conn, _ = listener.accept()
    threading.Thread(target=serve, args=(conn,), daemon=True).start()
