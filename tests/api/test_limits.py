#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Request limits: body size, malformed JSON position, nesting depth,
unknown routes and methods, encoded NULs in URLs."""
from webd import Webd, check, problem, run


def test_body_too_large():
    with Webd("--max-body", "4096") as w:
        t = w.token("operator")
        w.start()
        body = '{"name":"big","architecture":"arm64","notes":"%s"}' % (
            "x" * 5000)
        s, d, _ = w.request("POST", "/api/v1/boards", body, token=t)
        check(s == 413, "status %s" % s)
        problem(d, 413, "body-too-large")
        check(w.get("/api/v1/boards/big", token=t)[0] == 404,
              "oversized body stored")
        # The daemon is still fine for the next request.
        check(w.get("/api/v1/boards", token=t)[0] == 200, "after 413")
        w.stop()


def test_malformed_json_position():
    with Webd() as w:
        t = w.token("operator")
        w.start()
        body = '{\n  "name": "x",\n  "architecture": arm64\n}'
        s, d, _ = w.request("POST", "/api/v1/boards", body, token=t)
        problem(d, 400, "malformed-json")
        check(d["line"] == 3, "line %s" % d["line"])
        check(d["column"] > 0 and d["position"] > 0, "column/position")
        check("line 3" in d["detail"], d["detail"])
        s, d, _ = w.request("POST", "/api/v1/boards", "", token=t)
        problem(d, 400, "malformed-json")
        w.stop()


def test_depth():
    with Webd("--max-json-depth", "8") as w:
        t = w.token("operator")
        w.start()
        body = '{"name":"d","architecture":"arm64","generated_config":' + \
            '{"a":' * 10 + '1' + '}' * 10 + '}'
        s, d, _ = w.request("POST", "/api/v1/boards", body, token=t)
        problem(d, 400, "json-too-deep")
        # Outer object is level 1: the 8th '{"a":' opens level 9.
        want = body.index('{"a":') + 7 * len('{"a":')
        check(d["position"] == want, "position %s != %s" % (
            d["position"], want))
        # Brackets inside strings do not count.
        ok = '{"name":"d","architecture":"arm64","notes":"' + "[" * 50 + '"}'
        s, d, _ = w.request("POST", "/api/v1/boards", ok, token=t)
        check(s == 201, "brackets in strings: %s %s" % (s, d))
        w.stop()


def test_routing():
    with Webd() as w:
        t = w.token("viewer")
        w.start()
        s, d, _ = w.get("/api/v1/nothing", token=t)
        problem(d, 404, "not-found")
        s, d, _ = w.request("PATCH", "/api/v1/boards", token=t)
        problem(d, 405, "method-not-allowed")
        w.stop()


def test_encoded_nul():
    # libmicrohttpd's own unescaping would cut the path at the NUL, so
    # /boards%00x would act on /boards; webd refuses such URLs instead.
    with Webd() as w:
        t = w.token("operator")
        w.start()
        board = {"name": "n", "architecture": "arm64"}
        c = w.conn()
        for path in ("/api/v1/boards%00x", "/api/v1/health%00",
                     "/ui/index.html%00.png", "/api/v1/boards?name=a%00b"):
            s, d, _ = w.request("POST" if "boards" in path else "GET",
                                path, board, token=t, conn=c)
            problem(d, 400, "invalid-url")
            check("%00" in d["detail"], d["detail"])
            # The same keep-alive connection serves the next request.
            s, _, _ = w.get("/api/v1/health", conn=c)
            check(s == 200, "after %s: %s" % (path, s))
        c.close()
        check(w.get("/api/v1/boards/n", token=t)[0] == 404,
              "a board was created through a %00 path")
        # An encoded percent sign is data, not a NUL.
        s, d, _ = w.get("/api/v1/boards/a%2500", token=t)
        problem(d, 404, "board-not-found")
        check("a%00" in d["detail"], d["detail"])
        w.stop()


def vm_hwm_kib(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    raise RuntimeError("no VmHWM")


def test_large_body_needs_token():
    """A body beyond --max-body (image, captures) is only kept for a known
    token: 16 MiB sent without one are read and dropped (webd's peak
    memory stays put), and the answer is a proper 401."""
    with Webd("--max-image", str(32 << 20)) as w:
        w.start()
        before = vm_hwm_kib(w.proc.pid)
        s, d, _ = w.request("POST", "/api/v1/cells/1/load",
                            b"\0" * (16 << 20),
                            ctype="application/octet-stream")
        problem(d, 401, "unauthorized")
        grown = vm_hwm_kib(w.proc.pid) - before
        check(grown < 4096, "peak memory grew by %d KiB" % grown)
        check(w.get("/api/v1/health")[0] == 200, "after the 401")
        w.stop()


run([test_body_too_large, test_malformed_json_position, test_depth,
     test_routing, test_encoded_nul, test_large_body_needs_token])
