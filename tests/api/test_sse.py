#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Event stream: fan-out to concurrent clients, Last-Event-ID resume,
a stalled client is dropped without delaying the others."""
import time

from webd import SseClient, Webd, check, run


def put_board(w, t, name, conn=None, notes=""):
    s, d, r = w.request("PUT", "/api/v1/boards/" + name,
                        {"name": name, "architecture": "arm64",
                         "notes": notes},
                        token=t, headers={"If-Match": "*"}, conn=conn)
    check(s == 200, "put %s: %s %s" % (name, s, d))


def read_metric(w, t, name):
    c = w.conn()
    c.request("GET", "/metrics", headers={"Authorization": "Bearer " + t})
    text = c.getresponse().read().decode()
    c.close()
    for line in text.splitlines():
        if line.startswith(name + " "):
            return int(line.split()[1])
    raise AssertionError("metric %s missing" % name)


def test_fan_out():
    with Webd() as w:
        t = w.token("operator")
        w.start()
        clients = [SseClient(w.port, t).wait_connected() for _ in range(20)]
        check(all(c.status == 200 for c in clients), "stream status")
        s, d, r = w.request("POST", "/api/v1/boards",
                            {"name": "fan", "architecture": "arm64"}, token=t)
        check(s == 201, "create")
        ids = set()
        for c in clients:
            ev = c.event(timeout=5)
            check(ev["event"] == "board.created", "event %s" % ev)
            check(ev["json"]["name"] == "fan", "data %s" % ev)
            check(ev["json"]["etag"] == r.getheader("ETag").strip('"'),
                  "etag in event")
            ids.add(ev["id"])
        check(len(ids) == 1, "clients saw different ids: %s" % ids)
        check(read_metric(w, t, "bulkhead_sse_clients") == 20, "gauge")
        for c in clients:
            c.close()
        w.stop()


def test_resume():
    with Webd() as w:
        t = w.token("operator")
        w.start()
        c = SseClient(w.port, t).wait_connected()
        put = w.request("POST", "/api/v1/boards",
                        {"name": "r0", "architecture": "arm64"}, token=t)
        check(put[0] == 201, "create")
        first = c.event()
        c.close()
        for i in range(3):
            put_board(w, t, "r0", notes=str(i))
        c2 = SseClient(w.port, t, last_id=first["id"]).wait_connected()
        got = [c2.event() for _ in range(3)]
        ids = [int(e["id"]) for e in got]
        check(ids == [int(first["id"]) + i for i in (1, 2, 3)],
              "resumed ids %s after %s" % (ids, first["id"]))
        check(all(e["event"] == "board.updated" for e in got), "types")
        c2.close()
        # An id from before the backlog (or another run) asks for resync.
        c3 = SseClient(w.port, t, last_id="5").wait_connected()
        ev = c3.event()
        check(ev["event"] == "resync", "expected resync, got %s" % ev)
        c3.close()
        c4 = SseClient(w.port, t, last_id="x1")
        c4.headers()
        check(c4.status == 400, "bad Last-Event-ID: %s" % c4.status)
        c4.close()
        w.stop()
        # Ids keep increasing across a restart.
        w.start()
        c5 = SseClient(w.port, t).wait_connected()
        put_board(w, t, "r0", notes="after restart")
        ev = c5.event()
        check(int(ev["id"]) > ids[-1], "id %s not above %s" % (
            ev["id"], ids[-1]))
        c5.close()
        w.stop()


def test_stalled_client():
    with Webd("--sse-client-queue", "32", "--sse-backlog", "64") as w:
        t = w.token("operator")
        w.start()
        stalled = SseClient(w.port, t, rcvbuf=4096)
        stalled.wait_connected()
        live = SseClient(w.port, t).wait_connected()
        check(w.request("POST", "/api/v1/boards", {
            "name": "slow", "architecture": "arm64"}, token=t)[0] == 201,
            "create")
        live.event()
        conn = w.conn()
        notes = "n" * 2000	# large events fill the stalled socket fast
        worst = 0.0
        n = 0
        # Publish until the stalled client is dropped; the live client
        # must get every event promptly meanwhile.
        while read_metric(w, t, "bulkhead_sse_clients_dropped_total") == 0:
            check(n < 2000, "stalled client never dropped")
            t0 = time.monotonic()
            put_board(w, t, "slow", conn=conn, notes=notes + str(n))
            ev = live.event(timeout=5)
            worst = max(worst, time.monotonic() - t0)
            check(ev["event"] in ("board.created", "board.updated"),
                  "live got %s" % ev)
            n += 1
        check(worst < 1.0, "live client delayed %.3fs" % worst)
        put_board(w, t, "slow", conn=conn, notes="after drop")
        check(live.event(timeout=5)["event"] == "board.updated",
              "live after drop")
        check(read_metric(w, t, "bulkhead_sse_clients") == 1,
              "stalled client still counted")
        conn.close()
        live.close()
        stalled.close()
        w.stop()
        print("   stalled client dropped after %d events; worst live "
              "delivery %.1f ms" % (n, worst * 1000))


def test_heartbeat():
    with Webd("--heartbeat", "1") as w:
        t = w.token("viewer")
        w.start()
        c = SseClient(w.port, t).wait_connected()
        deadline = time.monotonic() + 5
        while ":\n" not in c.text:
            c._decode_chunks()
            if ":\n" in c.text:
                break
            c._more(deadline)
        c.close()
        w.stop()


def test_shutdown_closes_streams():
    with Webd() as w:
        t = w.token("viewer")
        w.start()
        c = SseClient(w.port, t).wait_connected()
        t0 = time.monotonic()
        check(w.stop() == 0, "exit status")
        check(time.monotonic() - t0 < 5, "shutdown waited for the stream")
        try:
            c.event(timeout=5)
            raise AssertionError("stream still open after shutdown")
        except (EOFError, ConnectionResetError):
            pass
        c.close()


run([test_fan_out, test_resume, test_stalled_client, test_heartbeat,
     test_shutdown_closes_streams])
