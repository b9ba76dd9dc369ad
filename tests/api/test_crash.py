#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Crash safety: SIGKILL while board uploads stream in; after a restart
every acknowledged upload is present and complete, none is partial."""
import signal
import threading

from webd import Webd, check, run


def uploader(w, t, acked, stop, idx):
    conn = w.conn(timeout=5)
    n = 0
    while not stop.is_set():
        name = "crash-%d-%d" % (idx, n)
        body = {"name": name, "architecture": "arm64",
                "captures": {"iomem": ("%s\n" % name) * 500},
                "notes": name}
        try:
            s, d, _ = w.request("POST", "/api/v1/boards", body, token=t,
                                conn=conn)
        except Exception:
            return	# the daemon died under us: expected
        if s == 201:
            acked.append(name)
        n += 1


def test_sigkill_during_uploads():
    with Webd() as w:
        t = w.token("operator")
        w.start()
        acked, stop = [], threading.Event()
        threads = [threading.Thread(target=uploader,
                                    args=(w, t, acked, stop, i))
                   for i in range(3)]
        for th in threads:
            th.start()
        # Kill once a fair number are in, while uploads are in flight.
        from webd import wait_for
        wait_for(lambda: len(acked) >= 30, 60, "30 acknowledged uploads")
        w.proc.send_signal(signal.SIGKILL)
        w.proc.wait()
        stop.set()
        for th in threads:
            th.join(10)
        w.log.close()
        w.start()
        s, d, _ = w.get("/api/v1/boards", token=t)
        names = {b["name"] for b in d["boards"]}
        missing = [a for a in acked if a not in names]
        check(not missing, "acknowledged but lost: %s" % missing)
        # At most one unacknowledged upload per thread may have landed.
        check(len(names - set(acked)) <= len(threads),
              "unexpected boards: %s" % (names - set(acked)))
        for name in names:
            s, b, _ = w.get("/api/v1/boards/" + name, token=t)
            check(s == 200 and b["notes"] == name and
                  b["captures"]["iomem"] == ("%s\n" % name) * 500,
                  "board %s incomplete" % name)
        w.stop()
        print("   %d acknowledged uploads survived SIGKILL" % len(acked))


run([test_sigkill_during_uploads])
