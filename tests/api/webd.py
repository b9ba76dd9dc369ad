# SPDX-License-Identifier: GPL-2.0
"""Harness for webd API tests: a real bulkhead-webd process on a free port
with a temporary database, plain HTTP over http.client. Standard library
only."""
import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time

WEBD = os.environ.get("WEBD") or (sys.argv[1] if len(sys.argv) > 1 else None)


def wait_for(cond, timeout, what):
    """Poll cond() until true; fail with what after timeout seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        v = cond()
        if v:
            return v
        time.sleep(0.02)
    raise AssertionError("timed out after %ss waiting for %s" % (timeout, what))


class Webd:
    def __init__(self, *extra, tmp=None):
        self.tmp = tmp or tempfile.mkdtemp(prefix="webd-test-")
        self.db = os.path.join(self.tmp, "webd.db")
        self.extra = list(extra)
        self.tokens = {}
        self.proc = None

    def token(self, role, name=None):
        args = [WEBD, "token", "create", "--role", role, "--db", self.db]
        if name:
            args += ["--name", name]
        out = subprocess.run(args, check=True, capture_output=True,
                             text=True, timeout=10)
        return out.stdout.strip()

    def start(self):
        portfile = os.path.join(self.tmp, "port")
        if os.path.exists(portfile):
            os.unlink(portfile)
        self.log = open(os.path.join(self.tmp, "webd.log"), "ab")
        self.proc = subprocess.Popen(
            [WEBD, "--db", self.db, "--port", "0", "--port-file", portfile]
            + self.extra, stdout=self.log, stderr=self.log)

        def ready():
            if self.proc.poll() is not None:
                raise AssertionError("webd exited with %s; log: %s" % (
                    self.proc.returncode, self.logtext()))
            return os.path.exists(portfile)
        wait_for(ready, 10, "webd's port file")
        with open(portfile) as f:
            self.port = int(f.read())
        wait_for(lambda: self.get("/api/v1/health")[0] == 200, 10,
                 "/api/v1/health")
        return self

    def logtext(self):
        with open(os.path.join(self.tmp, "webd.log"), "rb") as f:
            return f.read().decode(errors="replace")

    def stop(self, sig=signal.SIGTERM):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
                raise AssertionError("webd ignored %s" % sig)
        if self.proc:
            self.log.close()
        return self.proc.returncode if self.proc else None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if self.proc and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()

    def conn(self, timeout=10):
        return http.client.HTTPConnection("127.0.0.1", self.port,
                                          timeout=timeout)

    def request(self, method, path, body=None, token=None, headers=None,
                ctype="application/json", conn=None):
        h = dict(headers or {})
        if token:
            h["Authorization"] = "Bearer " + token
        if body is not None:
            if not isinstance(body, (bytes, str)):
                body = json.dumps(body)
            h.setdefault("Content-Type", ctype)
        c = conn or self.conn()
        c.request(method, path, body=body, headers=h)
        r = c.getresponse()
        data = r.read()
        if conn is None:
            c.close()
        doc = None
        if r.getheader("Content-Type", "").startswith(
                ("application/json", "application/problem+json")):
            doc = json.loads(data)
        return r.status, doc, r

    def get(self, path, token=None, **kw):
        return self.request("GET", path, token=token, **kw)


def check(cond, msg):
    if not cond:
        raise AssertionError(msg)


def problem(doc, status, kind):
    check(doc is not None, "expected a problem document")
    check(doc["status"] == status, "problem status %s != %s" % (
        doc["status"], status))
    check(doc["type"] == "urn:bulkhead:problem:" + kind,
          "problem type %s, expected %s" % (doc["type"], kind))


def run(tests):
    """Run test functions in order; any exception fails the script."""
    if not WEBD or not os.access(WEBD, os.X_OK):
        print("usage: %s PATH-TO-bulkhead-webd" % sys.argv[0])
        sys.exit(2)
    failed = 0
    for t in tests:
        t0 = time.monotonic()
        try:
            t()
            print("ok   %s (%.2fs)" % (t.__name__, time.monotonic() - t0))
        except Exception as e:  # report every failure, then exit nonzero
            failed += 1
            print("FAIL %s: %s: %s" % (t.__name__, type(e).__name__, e))
    sys.exit(1 if failed else 0)


class SseClient:
    """A raw-socket SSE reader so tests control buffering and stalls."""

    def __init__(self, port, token, last_id=None, rcvbuf=None,
                 path="/api/v1/events"):
        self.sock = socket.socket()
        if rcvbuf:
            self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
        self.sock.settimeout(10)
        self.sock.connect(("127.0.0.1", port))
        req = "GET %s HTTP/1.1\r\nHost: x\r\n" \
              "Authorization: Bearer %s\r\n" % (path, token)
        if last_id is not None:
            req += "Last-Event-ID: %s\r\n" % last_id
        self.sock.sendall((req + "\r\n").encode())
        self.buf = b""

    def _more(self, deadline):
        self.sock.settimeout(max(0.01, deadline - time.monotonic()))
        chunk = self.sock.recv(65536)
        if not chunk:
            raise EOFError("stream closed")
        self.buf += chunk

    def headers(self, timeout=10):
        deadline = time.monotonic() + timeout
        while b"\r\n\r\n" not in self.buf:
            self._more(deadline)
        head, self.buf = self.buf.split(b"\r\n\r\n", 1)
        self.status = int(head.split()[1])
        self.text = ""
        return head.decode()

    def _decode_chunks(self):
        # Chunked transfer encoding: move whole chunks into self.text.
        while True:
            if b"\r\n" not in self.buf:
                return
            size_s, rest = self.buf.split(b"\r\n", 1)
            size = int(size_s, 16)
            if len(rest) < size + 2:
                return
            self.text += rest[:size].decode()
            self.buf = rest[size + 2:]
            if size == 0:
                raise EOFError("stream ended")

    def event(self, timeout=10):
        """Next event as a dict of fields; comments are skipped."""
        deadline = time.monotonic() + timeout
        while True:
            self._decode_chunks()
            while "\n\n" in self.text:
                block, self.text = self.text.split("\n\n", 1)
                ev = {}
                for line in block.split("\n"):
                    if line.startswith(":") or not line:
                        continue
                    k, _, v = line.partition(":")
                    ev[k] = v[1:] if v.startswith(" ") else v
                if "data" in ev or "event" in ev:
                    if "data" in ev:
                        ev["json"] = json.loads(ev["data"])
                    return ev
            self._more(deadline)

    def wait_connected(self, timeout=10):
        deadline = time.monotonic() + timeout
        self.headers(timeout)
        while ": connected" not in self.text:
            self._decode_chunks()
            if ": connected" in self.text:
                break
            self._more(deadline)
        self.text = self.text.split(": connected\n\n", 1)[1]
        return self

    def close(self):
        self.sock.close()
