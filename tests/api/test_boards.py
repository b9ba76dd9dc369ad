#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Board profiles CRUD, validation with JSON Pointers, ETag/If-Match."""
from webd import Webd, check, problem, run

B = {"name": "rpi4", "architecture": "arm64",
     "captures": {"iomem": "40000000-7fffffff : System RAM\n",
                  "cpuinfo": "processor : 0\n"},
     "generated_config": {"cell": {"name": "root"}},
     "notes": "lab bench 3"}


def test_crud():
    with Webd() as w:
        t = w.token("admin")
        w.start()
        s, d, r = w.request("POST", "/api/v1/boards", B, token=t)
        check(s == 201, "create: %s %s" % (s, d))
        check(r.getheader("Location") == "/api/v1/boards/rpi4", "Location")
        etag = r.getheader("ETag")
        check(etag and etag.startswith('"'), "ETag %r" % etag)
        for k in B:
            check(d[k] == B[k], "member %s round trip: %r" % (k, d[k]))
        s, d, _ = w.request("POST", "/api/v1/boards", B, token=t)
        problem(d, 409, "board-exists")
        s, d, r = w.get("/api/v1/boards/rpi4", token=t)
        check(s == 200 and r.getheader("ETag") == etag, "get + ETag")
        s, d, _ = w.get("/api/v1/boards", token=t)
        check([b["name"] for b in d["boards"]] == ["rpi4"], "list")
        check("captures" not in d["boards"][0], "list leaks captures")
        s, d, _ = w.get("/api/v1/boards/nope", token=t)
        problem(d, 404, "board-not-found")
        s, _, _ = w.request("DELETE", "/api/v1/boards/rpi4", token=t)
        check(s == 204, "delete")
        s, d, _ = w.request("DELETE", "/api/v1/boards/rpi4", token=t)
        problem(d, 404, "board-not-found")
        w.stop()


def test_etag():
    with Webd() as w:
        t = w.token("operator")
        w.start()
        s, d, r = w.request("POST", "/api/v1/boards", B, token=t)
        etag = r.getheader("ETag")
        new = dict(B, notes="moved to bench 4")
        s, d, _ = w.request("PUT", "/api/v1/boards/rpi4", new, token=t)
        problem(d, 428, "precondition-required")
        s, d, r = w.request("PUT", "/api/v1/boards/rpi4", new, token=t,
                            headers={"If-Match": etag})
        check(s == 200 and d["notes"] == "moved to bench 4", "put %s" % s)
        etag2 = r.getheader("ETag")
        check(etag2 != etag, "ETag unchanged after a change")
        # A writer holding the old ETag loses: no lost update.
        s, d, _ = w.request("PUT", "/api/v1/boards/rpi4", B, token=t,
                            headers={"If-Match": etag})
        problem(d, 412, "etag-mismatch")
        check(w.get("/api/v1/boards/rpi4", token=t)[1]["notes"] ==
              "moved to bench 4", "412 must not write")
        s, d, _ = w.request("PUT", "/api/v1/boards/rpi4", B, token=t,
                            headers={"If-Match": "*"})
        check(s == 200, "If-Match: * overwrites")
        s, d, _ = w.request("PUT", "/api/v1/boards/other", dict(B, name=None),
                            token=t, headers={"If-Match": "*"})
        problem(d, 422, "validation-failed")
        s, d, _ = w.request("PUT", "/api/v1/boards/ghost",
                            dict(B, name="ghost"), token=t,
                            headers={"If-Match": "*"})
        problem(d, 404, "board-not-found")
        w.stop()


def test_validation():
    with Webd() as w:
        t = w.token("operator")
        w.start()
        bad = {"name": "-x", "architecture": "mips", "captures": {
            "iomem": 5, "dmesg": "x"}, "notes": 1, "a/b": 0,
            "generated_config": [1]}
        s, d, _ = w.request("POST", "/api/v1/boards", bad, token=t)
        problem(d, 422, "validation-failed")
        ptrs = sorted(e["pointer"] for e in d["errors"])
        check(ptrs == sorted(["/name", "/architecture", "/captures/iomem",
                              "/captures/dmesg", "/notes", "/a~1b",
                              "/generated_config"]), "pointers %s" % ptrs)
        s, d, _ = w.request("POST", "/api/v1/boards", [1], token=t)
        problem(d, 422, "validation-failed")
        s, d, _ = w.request("POST", "/api/v1/boards", {"architecture": "arm64"},
                            token=t)
        check(d["errors"] == [{"pointer": "/name", "message": "is required"}],
              "missing name: %s" % d["errors"])
        s, d, _ = w.request("POST", "/api/v1/boards", dict(B, notes="n" * 5000),
                            token=t)
        check(d["errors"][0]["pointer"] == "/notes", "notes limit")
        s, d, _ = w.request("POST", "/api/v1/boards", "{}", token=t,
                            ctype="text/plain")
        problem(d, 415, "unsupported-media-type")
        s, d, _ = w.request("POST", "/api/v1/boards",
                            '{"name":"a","name":"b","architecture":"arm64"}',
                            token=t)
        problem(d, 400, "malformed-json")
        check(w.get("/api/v1/boards", token=t)[1]["boards"] == [],
              "rejected bodies must store nothing")
        w.stop()


run([test_crud, test_etag, test_validation])
