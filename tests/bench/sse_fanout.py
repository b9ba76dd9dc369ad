#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""SSE fan-out: N clients on /api/v1/events, E events (board creations,
one every 100 ms); delay = arrival at a client - the moment the POST that
causes it was sent. Prints p50/p99/max in ms. One Python thread reads all
sockets (epoll), so the figures include this reader's own latency.

usage: sse_fanout.py PORT TOKEN [CLIENTS] [EVENTS]"""
import http.client
import json
import selectors
import socket
import sys
import time

port, token = int(sys.argv[1]), sys.argv[2]
n = int(sys.argv[3]) if len(sys.argv) > 3 else 1000
events = int(sys.argv[4]) if len(sys.argv) > 4 else 20

sel = selectors.DefaultSelector()
req = ("GET /api/v1/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
       "%s\r\n\r\n" % token).encode()
socks = []
for i in range(n):
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(req)
    s.setblocking(False)
    sel.register(s, selectors.EVENT_READ, i)
    socks.append(s)
buf = [b""] * n
connected = 0
deadline = time.monotonic() + 60
while connected < n and time.monotonic() < deadline:
    for key, _ in sel.select(1):
        buf[key.data] += key.fileobj.recv(65536)
    connected = sum(b": connected" in b for b in buf)
if connected < n:
    sys.exit("only %d of %d clients connected" % (connected, n))
buf = [b""] * n

sent = {}
delays = []
seen = [0] * n
api = http.client.HTTPConnection("127.0.0.1", port)
for e in range(events):
    name = "fanout-%d" % e
    sent[name] = time.monotonic()
    api.request("POST", "/api/v1/boards", json.dumps(
        {"name": name, "architecture": "arm64"}),
        {"Authorization": "Bearer " + token,
         "Content-Type": "application/json"})
    api.getresponse().read()
    end = time.monotonic() + 0.1
    while time.monotonic() < end:
        for key, _ in sel.select(max(0, end - time.monotonic())):
            now = time.monotonic()
            i = key.data
            buf[i] += key.fileobj.recv(65536)
            while b'"name": "fanout-' in buf[i] or b'"name":"fanout-' in buf[i]:
                head, _, rest = buf[i].partition(b'fanout-')
                num = rest.split(b'"', 1)[0].decode()
                buf[i] = rest[len(num):]
                delays.append((now - sent["fanout-" + num]) * 1000)
                seen[i] += 1
missing = n * events - len(delays)
delays.sort()
print("clients %d events %d deliveries %d missing %d" % (
    n, events, len(delays), missing))
print("delay ms: p50 %.1f p99 %.1f max %.1f" % (
    delays[len(delays) // 2], delays[int(len(delays) * 0.99)], delays[-1]))
for s in socks:
    s.close()
