#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Cells, the console stream and the jitter stream. On this host the
driver is absent: every cell route answers 503 hypervisor-absent, after
auth and request validation. Then webd is pointed at a scratch driver tree
(--driver-dev/--driver-sysfs) with the hypervisor "enabled": cells appear,
change state and vanish as files change (events), the detail view pairs a
cell with the config the driver keeps (or its stored config) and its
CPUs' exit counters, libbulkhead's
ioctl failures (a regular file: ENOTTY) come back as problems, and lines
appended to the "device" come out of /console attributed and, for
JITTER lines, out of /cells/{id}/jitter parsed - or not at all."""
import json
import os
import shutil

from webd import SseClient, Webd, check, problem, run

TOP = os.path.join(os.path.dirname(__file__), "..", "..")
JITTER = ("JITTER v1 seq=%d samples=100 period_ns=1000000 cur_ns=464 "
          "min_ns=448 avg_ns=470 max_ns=800 overruns=0 cur_ticks=29 "
          "min_ticks=28 max_ticks=50 "
          "hist=0,90,10,0,0,0,0,0,0,0,0,0,0,0,0,0")


def config(name):
    with open(os.path.join(TOP, "configs", name + ".json")) as f:
        return f.read()


def write(path, text):
    with open(path, "w") as f:
        f.write(text)


def test_absent():
    check(not os.path.exists("/dev/bulkhead"), "host has the driver")
    with Webd("--max-image", "2048") as w:
        op, v = w.token("operator", "op"), w.token("viewer", "v")
        adm = w.token("admin", "adm")
        w.start()
        s, d, _ = w.get("/api/v1/cells", token=v)
        check(s == 200 and d == {"state": "absent", "cells": []}, d)
        img = {"Content-Type": "application/octet-stream"}
        for method, path, body, hdr in (
                ("POST", "/api/v1/cells", {"config": "demo"}, None),
                ("POST", "/api/v1/cells/1/load", b"\0" * 64, img),
                ("POST", "/api/v1/cells/1/load?address=0x1000", b"x", img),
                ("POST", "/api/v1/cells/1/start", None, None),
                ("POST", "/api/v1/cells/1/shutdown?force=true", None, None),
                ("POST", "/api/v1/cells/demo/destroy", None, None),
                ("GET", "/api/v1/cells/1", None, None),
                ("GET", "/api/v1/cells/1/jitter", None, None),
                ("GET", "/api/v1/ivshmem", None, None)):
            s, d, _ = w.request(method, path, body, token=op, headers=hdr)
            problem(d, 503, "hypervisor-absent")
        # Auth comes first.
        s, d, _ = w.request("POST", "/api/v1/cells/1/start")
        problem(d, 401, "unauthorized")
        s, d, _ = w.get("/api/v1/ivshmem", token=v)
        problem(d, 503, "hypervisor-absent")
        s, d, _ = w.get("/api/v1/ivshmem")
        problem(d, 401, "unauthorized")
        for path in ("/api/v1/cells", "/api/v1/cells/1/start",
                     "/api/v1/cells/1/shutdown", "/api/v1/cells/1/destroy",
                     "/api/v1/cells/1/load"):
            s, d, _ = w.request("POST", path, {"config": "x"}, token=v)
            problem(d, 403, "forbidden")
        # Then the request itself, before the hypervisor's state.
        for body, ptr in (([], ""), ({}, "/config"), ({"config": 3},
                          "/config"), ({"config": "a", "x": 1}, "")):
            s, d, _ = w.request("POST", "/api/v1/cells", body, token=op)
            problem(d, 422, "validation-failed")
            check(d["errors"][0]["pointer"] == ptr, "%s: %s" % (body, d))
        s, d, _ = w.request("POST", "/api/v1/cells", "{\"config\": ",
                            token=op)
        problem(d, 400, "malformed-json")
        s, d, _ = w.request("POST", "/api/v1/cells", "config=x", token=op,
                            ctype="text/plain")
        problem(d, 415, "unsupported-media-type")
        for a in ("abc", "-1", "0x", "0x1g", "18446744073709551616", ""):
            s, d, _ = w.request("POST", "/api/v1/cells/1/load?address=" + a,
                                b"x", token=op, headers=img)
            problem(d, 400, "invalid-parameter")
            check(d["parameter"] == "address", d)
        s, d, _ = w.request("POST", "/api/v1/cells/1/load", b"x", token=op,
                            ctype="text/plain")
        problem(d, 415, "unsupported-media-type")
        s, d, _ = w.request("POST", "/api/v1/cells/1/load", b"", token=op,
                            headers=img)
        problem(d, 400, "empty-image")
        s, d, _ = w.request("POST", "/api/v1/cells/1/load", b"x" * 2049,
                            token=op, headers=img)
        problem(d, 413, "body-too-large")
        s, d, _ = w.request("POST", "/api/v1/cells/1/shutdown?force=yes",
                            token=op)
        problem(d, 400, "invalid-parameter")
        check(d["parameter"] == "force", d)
        # --max-image is the load route's limit only.
        s, d, _ = w.request("POST", "/api/v1/boards",
                            {"name": "b", "architecture": "arm64",
                             "notes": "n" * 4000}, token=op)
        check(s == 201, "board with a body over --max-image: %s %s" % (s, d))
        # Every mutation is audited, refusals included.
        s, d, _ = w.get("/api/v1/audit?limit=100", token=adm)
        seen = {(r["action"], r["status"]) for r in d["records"]}
        for want in (("POST /api/v1/cells/{id}/start", 503),
                     ("POST /api/v1/cells/{id}/start", 403),
                     ("POST /api/v1/cells/{id}/start", 401),
                     ("POST /api/v1/cells", 422),
                     ("POST /api/v1/cells/{id}/load", 415)):
            check(want in seen, "audit lacks %s: %s" % (want, seen))
        w.stop()


class Tree:
    """A scratch driver tree: the device is a regular file (its content
    is the console), sysfs attributes are plain files."""

    def __init__(self, tmp, enabled=True):
        self.dev = os.path.join(tmp, "bulkhead")
        self.sysfs = os.path.join(tmp, "sysfs")
        os.makedirs(os.path.join(self.sysfs, "cells"))
        write(self.dev, "")
        write(os.path.join(self.sysfs, "enabled"), "1\n" if enabled else
              "0\n")
        write(os.path.join(self.sysfs, "version"), "9.8.7\n")
        write(os.path.join(self.sysfs, "cpu_exits"),
              "cpu hvc psci stage2_abort mmio irq sgi maintenance\n"
              "0 1 2 3 4 5 6 7\n3 10 0 0 20 30 0 1\n")

    def args(self):
        return ["--driver-dev", self.dev, "--driver-sysfs", self.sysfs,
                "--driver-poll-ms", "50"]

    def cell(self, cid, name, state, cpus):
        d = os.path.join(self.sysfs, "cells", str(cid))
        os.makedirs(d, exist_ok=True)
        write(os.path.join(d, "name"), name + "\n")
        write(os.path.join(d, "cpus"), cpus + "\n")
        write(os.path.join(d, "state"), state + "\n")

    def cell_config(self, cid, data):
        with open(os.path.join(self.sysfs, "cells", str(cid), "config"),
                  "wb") as f:
            f.write(data)

    def remove(self, cid):
        shutil.rmtree(os.path.join(self.sysfs, "cells", str(cid)))

    def set_enabled(self, on):
        write(os.path.join(self.sysfs, "enabled"), "1\n" if on else "0\n")

    def console(self, text):
        with open(self.dev, "a") as f:
            f.write(text)


def metrics(w, t):
    c = w.conn()
    c.request("GET", "/metrics", headers={"Authorization": "Bearer " + t})
    text = c.getresponse().read().decode()
    c.close()
    return text


def next_event(ev, name):
    """The next event called name (others, e.g. config.*, skipped)."""
    while True:
        e = ev.event(timeout=5)
        if e.get("event") == name:
            return e


def test_cells_in_scratch_tree():
    with Webd() as w:
        tree = Tree(w.tmp)
        tree.cell(1, "demo", "shut down", "3")
        w.extra = tree.args()
        op, v = w.token("operator", "op"), w.token("viewer", "v")
        w.start()
        s, d, _ = w.get("/api/v1/cells", token=v)
        check(d == {"state": "enabled", "cells": [
            {"id": 0, "root": True, "state": "running"},
            {"id": 1, "name": "demo", "root": False, "state": "shut down",
             "cpus": [3]}]}, d)
        # Unknown config: null and no memory regions, never guessed.
        s, d, _ = w.get("/api/v1/cells/demo", token=v)
        check(s == 200 and d["id"] == 1 and d["config"] is None and
              "memory_regions" not in d, d)
        # No ivshmem device on this host: jitter only from the console.
        check(d["jitter_source"] == "console", d)
        check(d["statistics"]["exits"]["hvc"] == 10 and
              d["statistics"]["exits"]["mmio"] == 20 and
              [r["cpu"] for r in d["statistics"]["exits_per_cpu"]] == [3],
              d["statistics"])
        s, d, _ = w.get("/api/v1/ivshmem", token=v)
        check(s == 200 and d == {"devices": []}, d)
        s, d, _ = w.request("POST", "/api/v1/configs", config("qemu-arm64-demo"),
                            token=op)
        check(s == 201, d)
        s, d, _ = w.get("/api/v1/cells/1", token=v)
        check(d["config"] == "demo", d)
        # RAM, the shared UART, the comm region, then the ivshmem link's
        # state table, read/write and two output sections.
        check([m["phys_start"] for m in d["memory_regions"]] ==
              ["0x70000000", "0x9000000", "0x0", "0x7ef00000",
               "0x7ef01000", "0x7ef80000", "0x7efc0000"],
              d["memory_regions"])
        s, d, _ = w.get("/api/v1/cells/0", token=v)
        check(d["root"] is True and [r["cpu"] for r in
              d["statistics"]["exits_per_cpu"]] == [0], d)
        for path in ("/api/v1/cells/7", "/api/v1/cells/nosuch"):
            s, d, _ = w.get(path, token=v)
            problem(d, 404, "cell-not-found")
        m = metrics(w, v)
        check('bulkhead_cells{state="shut down"} 1\n' in m and
              'bulkhead_cells{state="running"} 0\n' in m and
              'bulkhead_exits_total{cpu="3",reason="hvc"} 10\n' in m, m)

        # Changes made by others arrive as events.
        ev = SseClient(w.port, v).wait_connected()
        tree.cell(1, "demo", "running", "3")
        e = next_event(ev, "cell.state")
        check(e["json"] == {"id": 1, "name": "demo", "state": "running",
                            "previous": "shut down"}, e)
        tree.cell(2, "demo2", "shut down", "2")
        e = next_event(ev, "cell.created")
        check(e["json"] == {"id": 2, "name": "demo2", "root": False,
                            "state": "shut down", "cpus": [2]}, e)
        # No stored config for demo2, but the driver keeps the one the
        # cell was created with: its regions come from there.
        s, d, _ = w.get("/api/v1/cells/demo2", token=v)
        check(d["config"] is None and "memory_regions" not in d, d)
        with open(os.path.join(os.environ["BULKHEAD_BUILD_DIR"], "configs",
                               "qemu-arm64-demo2.cell"), "rb") as f:
            tree.cell_config(2, f.read())
        s, d, _ = w.get("/api/v1/cells/demo2", token=v)
        check(d["config"] is None and
              [m["phys_start"] for m in d["memory_regions"]] ==
              ["0x70100000", "0x0", "0x7ee00000", "0x7ee01000",
               "0x7ee80000", "0x7eec0000"], d)
        # A config file that is no cell config is not believed.
        tree.cell_config(2, b"BHCELL garbage")
        s, d, _ = w.get("/api/v1/cells/demo2", token=v)
        check("memory_regions" not in d, d)
        tree.remove(2)
        e = next_event(ev, "cell.destroyed")
        check(e["json"] == {"id": 2, "name": "demo2"}, e)

        # Lifecycle: state and cell checks, then the driver's own answer.
        img = {"Content-Type": "application/octet-stream"}
        s, d, _ = w.request("POST", "/api/v1/cells/1/load", b"x", token=op,
                            headers=img)
        problem(d, 409, "cell-running")
        s, d, _ = w.request("POST", "/api/v1/cells/0/start", token=op)
        problem(d, 409, "root-cell")
        s, d, _ = w.request("POST", "/api/v1/cells/9/start", token=op)
        problem(d, 404, "cell-not-found")
        for action in ("start", "shutdown", "shutdown?force=1", "destroy"):
            s, d, _ = w.request("POST", "/api/v1/cells/demo/" + action,
                                token=op)
            kind = action.split("?")[0]
            problem(d, 500, "cell-%s-failed" % kind)
            check(d["errno"] == 25 and "ioctl" in d["reason"], d)
        tree.cell(1, "demo", "shut down", "3")
        e = next_event(ev, "cell.state")    # webd has seen it stop
        check(e["json"]["state"] == "shut down", e)
        s, d, _ = w.request("POST", "/api/v1/cells/1/load?address=4096",
                            b"x" * 100, token=op, headers=img)
        problem(d, 500, "cell-load-failed")
        s, d, _ = w.request("POST", "/api/v1/cells",
                            {"config": "demo"}, token=op)
        check(d["type"].endswith("cell-create-failed") and
              d["errno"] == 25, d)
        s, d, _ = w.request("POST", "/api/v1/configs", config("qemu-arm64"),
                            token=op)
        check(s == 201, d)
        s, d, _ = w.request("POST", "/api/v1/cells",
                            {"config": "qemu-arm64"}, token=op)
        problem(d, 422, "validation-failed")
        check("system config" in d["errors"][0]["message"], d)
        s, d, _ = w.request("POST", "/api/v1/cells", {"config": "nope"},
                            token=op)
        problem(d, 422, "validation-failed")

        # Disabled: no cells.
        tree.set_enabled(False)
        next_event(ev, "system.state")
        e = next_event(ev, "cell.destroyed")
        check(e["json"]["id"] == 1, e)
        s, d, _ = w.request("POST", "/api/v1/cells/1/start", token=op)
        problem(d, 409, "not-enabled")
        s, d, _ = w.request("POST", "/api/v1/cells", {"config": "x"},
                            token=op)
        problem(d, 409, "not-enabled")
        s, d, _ = w.get("/api/v1/cells/1", token=v)
        problem(d, 404, "cell-not-found")
        s, d, _ = w.get("/api/v1/ivshmem", token=v)
        problem(d, 409, "not-enabled")
        ev.close()
        check(w.stop() == 0, "SIGTERM")


def test_console_and_jitter():
    with Webd() as w:
        tree = Tree(w.tmp)
        tree.cell(1, "demo", "running", "3")
        tree.cell(2, "other", "running", "2")
        w.extra = tree.args()
        v = w.token("viewer", "v")
        w.start()
        con = SseClient(w.port, v, path="/api/v1/console").wait_connected()
        j1 = SseClient(w.port, v, path="/api/v1/cells/1/jitter")
        j1.wait_connected()
        j1n = SseClient(w.port, v, path="/api/v1/cells/demo/jitter")
        j1n.wait_connected()
        j2 = SseClient(w.port, v, path="/api/v1/cells/2/jitter")
        j2.wait_connected()
        tree.console("[hv] Bulkhead: hello\r\n"
                     "[cell:demo] " + JITTER % 7 + "\n"
                     "[cell:demo] JITTER v1 seq=8 samples=100\n"
                     "[cell:other] " + JITTER % 1 + "\n"
                     "[cell:gone] bye\n"
                     "no tag at all\n"
                     "[cell:demo] " + JITTER % 9 + "\n")
        got = [con.event() for _ in range(6)]
        check([e["event"] for e in got] == ["console"] * 6, got)
        check(got[0]["json"] == {"line": "Bulkhead: hello", "source": "hv"},
              got[0])
        check(got[1]["json"] == {"line": JITTER % 7, "source": "demo",
                                 "cell_id": 1}, got[1])
        check(got[2]["json"]["source"] == "demo", got[2])
        check(got[3]["json"]["cell_id"] == 2, got[3])
        check(got[4]["json"] == {"line": "bye", "source": "gone"}, got[4])
        check(got[5]["json"] == {"line": "no tag at all", "source": None},
              got[5])
        for c in (j1, j1n):
            e = c.event()
            check(e["event"] == "jitter", e)
            r = e["json"]
            check(r["cell_id"] == 1 and r["cell"] == "demo" and
                  r["seq"] == 7 and r["samples"] == 100 and
                  (r["cur_ns"], r["min_ns"], r["avg_ns"], r["max_ns"]) ==
                  (464, 448, 470, 800) and r["hist"][:3] == [0, 90, 10] and
                  len(r["hist"]) == 16 and r["source"] == "console", r)
            # The damaged seq=8 is not published: next comes seq=9.
            e = c.event()
            check(e["json"]["seq"] == 9, e)
        e = j2.event()
        check(e["json"]["cell"] == "other" and e["json"]["seq"] == 1, e)
        m = metrics(w, v)
        check('bulkhead_jitter_reports_total{source="console"} 3\n' in m and
              'bulkhead_jitter_reports_total{source="shmem"} 0\n' in m and
              "bulkhead_jitter_lines_rejected_total 1\n" in m and
              "bulkhead_jitter_lines_superseded_total 0\n" in m and
              "bulkhead_jitter_windows_lost_total 0\n" in m, m)
        # Resume the console from the first line's id.
        again = SseClient(w.port, v, path="/api/v1/console",
                          last_id=got[0]["id"]).wait_connected()
        e = again.event()
        check(e["id"] == got[1]["id"] and e["json"] == got[1]["json"], e)
        # No jitter stream for the root cell or a missing one.
        for path in ("/api/v1/cells/0/jitter", "/api/v1/cells/9/jitter"):
            s, d, _ = w.get(path, token=v)
            problem(d, 404, "cell-not-found")
        s, d, _ = w.get("/api/v1/console", token=v,
                        headers={"Last-Event-ID": "x"})
        problem(d, 400, "invalid-last-event-id")
        s, d, _ = w.get("/api/v1/console")
        problem(d, 401, "unauthorized")
        for c in (con, j1, j1n, j2, again):
            c.close()
        check(w.stop() == 0, "SIGTERM with the console reader running")
        check("JITTER line rejected at byte" in w.logtext(), "not logged")


run([test_absent, test_cells_in_scratch_tree, test_console_and_jitter])
