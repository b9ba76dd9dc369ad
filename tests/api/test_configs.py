#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Configs: validate without storing, store with validation (JSON and
compiled uploads), cross-config rules against the stored system config,
JSON vs binary by Accept, ETag/If-Match, delete by role, events, audit."""
import json
import os

from webd import SseClient, Webd, check, problem, run

TOP = os.path.join(os.path.dirname(__file__), "..", "..")
BUILD = os.environ.get("BULKHEAD_BUILD_DIR", "")


def src(name):
    with open(os.path.join(TOP, "configs", name)) as f:
        return f.read()


SYSTEM = src("qemu-arm64.json")
DEMO = src("qemu-arm64-demo.json")


def demo_with(**changes):
    d = json.loads(DEMO)
    d.update(changes)
    return json.dumps(d)


def tokens(w):
    return {r: w.token(r, name=r) for r in ("viewer", "operator", "admin")}


def test_validate_does_not_store():
    with Webd() as w:
        t = tokens(w)
        w.start()
        s, d, _ = w.request("POST", "/api/v1/configs/validate", SYSTEM,
                            token=t["viewer"])
        check(s == 200 and d["valid"] is True and d["errors"] == [], d)
        sm = d["summary"]
        check(sm["kind"] == "system" and sm["cell_name"] == "qemu-arm64"
              and sm["arch"] == "arm64" and sm["cpus"] == 4 and
              sm["num_cpus"] == 4 and sm["compiled_size"] > 0, sm)
        bad = json.loads(DEMO)
        bad["colour"] = "red"
        s, d, _ = w.request("POST", "/api/v1/configs/validate", bad,
                            token=t["viewer"])
        check(s == 200 and d["valid"] is False, d)
        e = d["errors"][0]
        check(e["rule"] == "unknown-field" and "colour" in e["message"], e)
        bad = json.loads(DEMO)
        bad["memory_regions"][1]["phys_start"] = \
            bad["memory_regions"][0]["phys_start"]
        bad["memory_regions"][1]["virt_start"] = \
            bad["memory_regions"][0]["virt_start"]
        s, d, _ = w.request("POST", "/api/v1/configs/validate", bad,
                            token=t["viewer"])
        check(d["valid"] is False and ("/memory_regions/1", "overlap") in
              {(e["pointer"], e["rule"]) for e in d["errors"]}, d["errors"])
        s, d, _ = w.get("/api/v1/configs", token=t["viewer"])
        check(s == 200 and d["configs"] == [], "validate stored: %s" % d)
        w.stop()


def test_store_and_cross_rules():
    with Webd() as w:
        t = tokens(w)
        w.start()
        ev = SseClient(w.port, t["viewer"]).wait_connected()
        cpu7 = demo_with(cpus=[7])
        # Alone, a cell on CPU 7 breaks no rule: nothing to compare with.
        s, d, _ = w.request("POST", "/api/v1/configs/validate", cpu7,
                            token=t["viewer"])
        check(d["valid"] is True and d["summary"]["checked_against"] is None
              and "no system config" in
              d["summary"]["not_checked_because"], d)
        s, d, r = w.request("POST", "/api/v1/configs", SYSTEM,
                            token=t["operator"])
        check(s == 201 and d["name"] == "qemu-arm64" and
              d["kind"] == "system", "%s %s" % (s, d))
        check(r.getheader("Location") == "/api/v1/configs/qemu-arm64", "loc")
        check(r.getheader("ETag") == '"%s"' % d["etag"], "etag header")
        e = ev.event()
        check(e["event"] == "config.created" and
              e["json"]["name"] == "qemu-arm64" and
              e["json"]["kind"] == "system", e)
        s, d, _ = w.request("POST", "/api/v1/configs", SYSTEM,
                            token=t["operator"])
        problem(d, 409, "config-exists")
        # Now the cell is checked against the stored system config.
        s, d, _ = w.request("POST", "/api/v1/configs", cpu7,
                            token=t["operator"])
        problem(d, 422, "validation-failed")
        check(any(x["rule"] == "cpu-range" and x["pointer"] == "/cpus"
                  for x in d["errors"]), d["errors"])
        check(d["summary"]["checked_against"] == "qemu-arm64", d)
        s, d, _ = w.request("POST", "/api/v1/configs", DEMO,
                            token=t["operator"])
        check(s == 201 and d["kind"] == "cell" and d["name"] == "demo", d)
        s, d, _ = w.get("/api/v1/configs", token=t["viewer"])
        check([c["name"] for c in d["configs"]] == ["demo", "qemu-arm64"],
              d)
        # The document comes back as sent; the binary on request.
        s, _, r = w.get("/api/v1/configs/qemu-arm64", token=t["viewer"])
        c = w.conn()
        c.request("GET", "/api/v1/configs/qemu-arm64", headers={
            "Authorization": "Bearer " + t["viewer"]})
        r = c.getresponse()
        check(r.read().decode() == SYSTEM, "JSON differs from the upload")
        c.request("GET", "/api/v1/configs/qemu-arm64", headers={
            "Authorization": "Bearer " + t["viewer"],
            "Accept": "application/octet-stream"})
        r = c.getresponse()
        blob = r.read()
        check(r.status == 200 and r.getheader("Content-Type") ==
              "application/octet-stream" and blob[:8] == b"BHSYSTEM",
              "binary: %s %s" % (r.status, blob[:8]))
        if BUILD:
            with open(os.path.join(BUILD, "configs", "qemu-arm64.cell"),
                      "rb") as f:
                check(f.read() == blob, "differs from the build's .cell")
        s, d, _ = w.get("/api/v1/configs/qemu-arm64", token=t["viewer"],
                        headers={"Accept": "text/html"})
        problem(d, 406, "not-acceptable")
        # A compiled upload under another name: stored as canonical JSON.
        s, d, _ = w.request("POST", "/api/v1/configs?name=sys-bin", blob,
                            token=t["operator"],
                            ctype="application/octet-stream")
        check(s == 201 and d["kind"] == "system", "%s %s" % (s, d))
        s, d, _ = w.get("/api/v1/configs/sys-bin", token=t["viewer"])
        check(d["type"] == "system" and
              d["root_cell"]["name"] == "qemu-arm64", d)
        # Two system configs: a cell must say which one, or is not checked.
        s, d, _ = w.request("POST", "/api/v1/configs/validate", cpu7,
                            token=t["viewer"])
        check(d["valid"] is True and "several" in
              d["summary"]["not_checked_because"], d)
        s, d, _ = w.request("POST",
                            "/api/v1/configs/validate?system=sys-bin",
                            cpu7, token=t["viewer"])
        check(d["valid"] is False and
              d["summary"]["checked_against"] == "sys-bin", d)
        s, d, _ = w.request("POST", "/api/v1/configs/validate?system=demo",
                            cpu7, token=t["viewer"])
        problem(d, 400, "invalid-parameter")
        ev.close()
        w.stop()


def test_bad_uploads():
    with Webd() as w:
        t = tokens(w)
        w.start()
        op = t["operator"]
        s, d, _ = w.request("POST", "/api/v1/configs", SYSTEM, token=op,
                            ctype="text/plain")
        problem(d, 415, "unsupported-media-type")
        s, d, _ = w.request("POST", "/api/v1/configs", '{"type": "cell",',
                            token=op)
        problem(d, 400, "malformed-json")
        check(d["line"] == 1 and "column" in d, d)
        s, d, _ = w.request("POST", "/api/v1/configs", b"BHCELL\0\0junk",
                            token=op, ctype="application/octet-stream")
        problem(d, 422, "validation-failed")
        check(d["errors"][0]["rule"] == "binary", d)
        s, d, _ = w.request("POST", "/api/v1/configs?name=-x", DEMO,
                            token=op)
        problem(d, 400, "invalid-parameter")
        s, d, _ = w.request("POST", "/api/v1/configs", DEMO,
                            token=t["viewer"])
        problem(d, 403, "forbidden")
        s, d, _ = w.get("/api/v1/configs/nope", token=op)
        problem(d, 404, "config-not-found")
        s, d, _ = w.get("/api/v1/configs", token=op)
        check(d["configs"] == [], "something was stored: %s" % d)
        w.stop()


def test_replace_and_delete():
    with Webd() as w:
        t = tokens(w)
        w.start()
        op, adm = t["operator"], t["admin"]
        s, d, _ = w.request("POST", "/api/v1/configs", DEMO, token=op)
        etag = d["etag"]
        ev = SseClient(w.port, t["viewer"]).wait_connected()
        url = "/api/v1/configs/demo"
        v2 = demo_with(msg_reply_timeout_ms=250)
        s, d, _ = w.request("PUT", url, v2, token=op)
        problem(d, 428, "precondition-required")
        s, d, _ = w.request("PUT", url, v2, token=op,
                            headers={"If-Match": '"0123"'})
        problem(d, 412, "etag-mismatch")
        s, d, _ = w.request("PUT", url, demo_with(cpus=[]), token=op,
                            headers={"If-Match": '"%s"' % etag})
        problem(d, 422, "validation-failed")
        s, d, _ = w.get(url, token=op)
        check(json.dumps(d) == json.dumps(json.loads(DEMO)),
              "a refused PUT changed the config")
        s, d, _ = w.request("PUT", url, v2, token=op,
                            headers={"If-Match": '"%s"' % etag})
        check(s == 200 and d["etag"] != etag, "%s %s" % (s, d))
        e = ev.event()
        check(e["event"] == "config.updated" and
              e["json"]["etag"] == d["etag"], e)
        s, d, _ = w.get(url, token=op)
        check(d["msg_reply_timeout_ms"] == 250, d)
        s, d, _ = w.request("PUT", "/api/v1/configs/other", v2, token=op,
                            headers={"If-Match": "*"})
        problem(d, 404, "config-not-found")
        s, d, _ = w.request("DELETE", url, token=op)
        problem(d, 403, "forbidden")
        s, _, _ = w.request("DELETE", url, token=adm)
        check(s == 204, "delete %s" % s)
        e = ev.event()
        check(e["event"] == "config.deleted" and
              e["json"] == {"name": "demo"}, e)
        s, d, _ = w.request("DELETE", url, token=adm)
        problem(d, 404, "config-not-found")
        s, d, _ = w.get("/api/v1/audit", token=adm)
        acts = [(a["action"], a["status"]) for a in d["records"]]
        for want in (("POST /api/v1/configs", 201),
                     ("PUT /api/v1/configs/{name}", 412),
                     ("DELETE /api/v1/configs/{name}", 204),
                     ("DELETE /api/v1/configs/{name}", 403)):
            check(want in acts, "audit lacks %s: %s" % (want, acts))
        ev.close()
        w.stop()


run([test_validate_does_not_store, test_store_and_cross_rules,
     test_bad_uploads, test_replace_and_delete])
