#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""TLS: with --tls-cert/--tls-key webd speaks HTTPS only, with a
certificate generated here (openssl, self-signed for 127.0.0.1) that the
client verifies; half a TLS configuration or an unreadable key is refused
at startup."""
import http.client
import os
import socket
import ssl
import subprocess

from webd import WEBD, Webd, check, run


def make_cert(tmp):
    cert, key = os.path.join(tmp, "cert.pem"), os.path.join(tmp, "key.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec",
                    "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                    "-keyout", key, "-out", cert, "-days", "1",
                    "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1"],
                   check=True, capture_output=True, timeout=30)
    return cert, key


class TlsWebd(Webd):
    def conn(self, timeout=10):
        ctx = ssl.create_default_context(cafile=self.cert)
        return http.client.HTTPSConnection("127.0.0.1", self.port,
                                           timeout=timeout, context=ctx)


def test_https():
    with TlsWebd() as w:
        w.cert, key = make_cert(w.tmp)
        w.extra = ["--tls-cert", w.cert, "--tls-key", key]
        t = w.token("viewer")
        w.start()  # polls /api/v1/health over verified HTTPS
        s, d, _ = w.get("/api/v1/system", token=t)
        check(s == 200 and d["state"] in ("absent", "disabled", "enabled"),
              "%s %s" % (s, d))
        s, _, _ = w.get("/api/v1/system")
        check(s == 401, "no token over TLS: %s" % s)
        # Plain HTTP gets no HTTP answer from the TLS port.
        with socket.create_connection(("127.0.0.1", w.port), 5) as so:
            so.sendall(b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n")
            so.settimeout(5)
            try:
                reply = so.recv(100)
            except (ConnectionResetError, socket.timeout):
                reply = b""
            check(not reply.startswith(b"HTTP/"), "plain HTTP answered")
        check("(https)" in w.logtext(), "startup log does not say https")
        check(w.stop() == 0, "SIGTERM exit status")


def test_refused_configurations():
    with Webd() as w:
        cert, key = make_cert(w.tmp)
        r = subprocess.run([WEBD, "--db", w.db, "--tls-cert", cert],
                           capture_output=True, text=True, timeout=10)
        check(r.returncode == 2 and "both" in r.stderr, r.stderr)
        r = subprocess.run([WEBD, "--db", w.db, "--port", "0",
                            "--tls-cert", cert, "--tls-key",
                            os.path.join(w.tmp, "nokey.pem")],
                           capture_output=True, text=True, timeout=10)
        check(r.returncode == 1 and "nokey.pem" in r.stderr, r.stderr)
        r = subprocess.run([WEBD, "--db", w.db, "--port", "0",
                            "--tls-cert", cert, "--tls-key", cert],
                           capture_output=True, text=True, timeout=10)
        check(r.returncode == 1 and "TLS" in r.stderr, r.stderr)


run([test_https, test_refused_configurations])
