#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""System endpoint on a host without the driver, metrics, config file,
options, and a clean SIGTERM shutdown."""
import os
import subprocess

from webd import WEBD, Webd, check, run


def test_system_absent():
    check(not os.path.exists("/dev/bulkhead"),
          "this test expects a host without the bulkhead driver")
    with Webd() as w:
        t = w.token("viewer")
        w.start()
        s, d, _ = w.get("/api/v1/system", token=t)
        check(s == 200, "status %s" % s)
        check(d["state"] == "absent" and d["driver_loaded"] is False and
              d["enabled"] is False, "system %s" % d)
        check(w.stop() == 0, "SIGTERM exit status")
        check("shutting down" in w.logtext(), "shutdown not logged")


def test_metrics():
    with Webd() as w:
        t = w.token("viewer")
        w.start()
        w.get("/api/v1/nothing", token=t)
        c = w.conn()
        c.request("GET", "/metrics", headers={"Authorization": "Bearer " + t})
        r = c.getresponse()
        text = r.read().decode()
        check(r.getheader("Content-Type").startswith("text/plain"), "type")
        check('bulkhead_http_responses_total{code="404"} 1' in text, text)
        for m in ("bulkhead_sse_clients ", "bulkhead_sse_events_sent_total ",
                  "bulkhead_sse_events_published_total "):
            check(m in text, "missing %s" % m)
        w.stop()


def test_config_file():
    with Webd() as w:
        cfg = os.path.join(w.tmp, "webd.conf")
        with open(cfg, "w") as f:
            f.write("# test\nmax-body = 2048\nlog-level=debug\n")
        w.extra = ["--config", cfg]
        t = w.token("operator")
        w.start()
        s, _, _ = w.request("POST", "/api/v1/boards", "x" * 3000, token=t)
        check(s == 413, "max-body from config file: %s" % s)
        w.stop()
        with open(cfg, "w") as f:
            f.write("max-body = lots\n")
        r = subprocess.run([WEBD, "--config", cfg, "--db", w.db],
                           capture_output=True, text=True, timeout=10)
        check(r.returncode == 2, "bad config accepted")
        check("webd.conf:1" in r.stderr and "max-body" in r.stderr,
              "error does not say where: %s" % r.stderr)


def test_concurrent_first_open():
    """Processes opening a new database together (the daemon starting while
    an operator runs 'token create') each migrate it at most once and all
    succeed."""
    import tempfile
    tmp = tempfile.mkdtemp(prefix="webd-race-")
    db = os.path.join(tmp, "webd.db")
    procs = [subprocess.Popen([WEBD, "token", "create", "--role", "viewer",
                               "--name", "t%d" % i, "--db", db],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True) for i in range(8)]
    for i, p in enumerate(procs):
        out, err = p.communicate(timeout=30)
        check(p.returncode == 0, "token create %d failed: %s" % (i, err))
    r = subprocess.run([WEBD, "token", "list", "--db", db],
                       capture_output=True, text=True, timeout=10)
    check(r.returncode == 0, "token list: %s" % r.stderr)
    for i in range(8):
        check("t%d" % i in r.stdout, "token t%d missing: %s" % (i, r.stdout))


def test_cli():
    r = subprocess.run([WEBD, "--help"], capture_output=True, text=True,
                       timeout=10)
    check(r.returncode == 0 and "--db" in r.stdout, "--help")
    r = subprocess.run([WEBD, "--port", "70000"], capture_output=True,
                       text=True, timeout=10)
    check(r.returncode == 2 and "port" in r.stderr, "bad port accepted")
    r = subprocess.run([WEBD, "token", "create", "--role", "root",
                        "--db", "/nonexistent/x.db"],
                       capture_output=True, text=True, timeout=10)
    check(r.returncode == 2, "bad role accepted")


run([test_system_absent, test_metrics, test_config_file,
     test_concurrent_first_open, test_cli])
