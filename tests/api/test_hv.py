#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""System enable/disable and cells without a real driver: on this host
/dev/bulkhead is absent (503 hypervisor-absent); then webd is pointed at a
scratch driver tree (--driver-dev/--driver-sysfs) whose `enabled` file the
test changes, as another process would: the watcher must publish each
change as a system.state event, and enable/disable must report the
failure libbulkhead returns (a regular file is not the driver: ENOTTY)."""
import os

from webd import SseClient, Webd, check, problem, run

TOP = os.path.join(os.path.dirname(__file__), "..", "..")


def system_config():
    with open(os.path.join(TOP, "configs", "qemu-arm64.json")) as f:
        return f.read()


def test_absent():
    check(not os.path.exists("/dev/bulkhead"), "host has the driver")
    with Webd() as w:
        op = w.token("operator")
        w.start()
        s, d, _ = w.request("POST", "/api/v1/system/enable",
                            {"config": "x"}, token=op)
        problem(d, 503, "hypervisor-absent")
        s, d, _ = w.request("POST", "/api/v1/system/disable", token=op)
        problem(d, 503, "hypervisor-absent")
        s, d, _ = w.get("/api/v1/cells", token=op)
        check(s == 200 and d == {"state": "absent", "cells": []}, d)
        s, d, _ = w.get("/api/v1/system", token=op)
        check("driver_version" not in d and "config" not in d, d)
        w.stop()


def write(path, text):
    with open(path, "w") as f:
        f.write(text)


class FakeDriverTree:
    def __init__(self, tmp):
        self.dev = os.path.join(tmp, "bulkhead")
        self.sysfs = os.path.join(tmp, "sysfs")
        os.mkdir(self.sysfs)
        write(self.dev, "")
        write(os.path.join(self.sysfs, "enabled"), "0\n")
        write(os.path.join(self.sysfs, "version"), "9.8.7\n")

    def args(self):
        return ["--driver-dev", self.dev, "--driver-sysfs", self.sysfs,
                "--driver-poll-ms", "50"]

    def set_enabled(self, on):
        write(os.path.join(self.sysfs, "enabled"), "1\n" if on else "0\n")


def test_enable_requests():
    with Webd() as w:
        tree = FakeDriverTree(w.tmp)
        w.extra = tree.args()
        op, v = w.token("operator", "op"), w.token("viewer", "v")
        w.start()
        s, d, _ = w.get("/api/v1/system", token=v)
        check(d["state"] == "disabled" and d["driver_version"] == "9.8.7",
              d)
        s, d, _ = w.request("POST", "/api/v1/system/enable",
                            {"config": "x"}, token=v)
        problem(d, 403, "forbidden")
        for body, ptr in (([], ""), ({}, "/config"), ({"config": 3},
                          "/config"), ({"config": "a", "force": 1}, ""),
                          ({"config": "missing"}, "/config")):
            s, d, _ = w.request("POST", "/api/v1/system/enable", body,
                                token=op)
            problem(d, 422, "validation-failed")
            check(d["errors"][0]["pointer"] == ptr, "%s: %s" % (body, d))
        w.request("POST", "/api/v1/configs", system_config(), token=op)
        with open(os.path.join(TOP, "configs",
                               "qemu-arm64-demo.json")) as f:
            w.request("POST", "/api/v1/configs", f.read(), token=op)
        s, d, _ = w.request("POST", "/api/v1/system/enable",
                            {"config": "demo"}, token=op)
        problem(d, 422, "validation-failed")
        check("cell config" in d["errors"][0]["message"], d)
        # A regular file takes no ioctl: the reason reaches the client.
        s, d, _ = w.request("POST", "/api/v1/system/enable",
                            {"config": "qemu-arm64"}, token=op)
        problem(d, 500, "enable-failed")
        check(d["errno"] == 25 and "ioctl" in d["detail"], d)
        s, d, _ = w.request("POST", "/api/v1/system/disable", token=op)
        problem(d, 409, "not-enabled")
        w.stop()


def test_watcher_events():
    with Webd() as w:
        tree = FakeDriverTree(w.tmp)
        w.extra = tree.args()
        op = w.token("operator", "op")
        w.start()
        ev = SseClient(w.port, op).wait_connected()
        tree.set_enabled(True)
        e = ev.event(timeout=5)
        check(e["event"] == "system.state" and e["json"] == {
            "state": "enabled", "previous": "disabled"}, e)
        s, d, _ = w.get("/api/v1/system", token=op)
        check(d["state"] == "enabled" and d["enabled"] is True, d)
        s, d, _ = w.get("/api/v1/cells", token=op)
        check(d == {"state": "enabled", "cells": [
            {"id": 0, "root": True, "state": "running"}]}, d)
        w.request("POST", "/api/v1/configs", system_config(), token=op)
        ev.event()  # config.created
        s, d, _ = w.request("POST", "/api/v1/system/enable",
                            {"config": "qemu-arm64"}, token=op)
        problem(d, 409, "already-enabled")
        s, d, _ = w.request("POST", "/api/v1/system/disable", token=op)
        problem(d, 500, "disable-failed")
        check("ioctl" in d["reason"], d)
        tree.set_enabled(False)
        e = ev.event(timeout=5)
        check(e["json"] == {"state": "disabled", "previous": "enabled"}, e)
        os.unlink(tree.dev)
        e = ev.event(timeout=5)
        check(e["json"] == {"state": "absent", "previous": "disabled"}, e)
        s, d, _ = w.get("/api/v1/system", token=op)
        check(d["state"] == "absent" and "driver_version" not in d, d)
        ev.close()
        check(w.stop() == 0, "SIGTERM with the watcher running")


run([test_absent, test_enable_requests, test_watcher_events])
