"""1 000 readers with a live open: each polls it once every PERIOD seconds, sending the
ETag of its last answer (If-None-Match), as static/js/live.js does through the browser.

    python bench/live/pollers.py URL --readers 1000 --period 15 --seconds 60

The readers' polls are spread evenly over the period (open loop: a slow answer does not
slow the schedule down, it shows in the latency). A few threads send them, each opening
its connection only when a poll is due: wrk's delay() opens the connection first and
waits before writing the request, which keeps a sync gunicorn worker waiting (behind
nginx, which buffers requests, that never happens; without it, it measured the client).
Prints one line: POLLS ok= not_modified= other= socket_errors= p50_ms= p99_ms= max_ms= late=
"""

import argparse
import http.client
import statistics
import threading
import time
from urllib.parse import urlsplit

AGENT = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("--readers", type=int, default=1000)
    parser.add_argument("--period", type=float, default=15.0)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--threads", type=int, default=16)
    args = parser.parse_args()
    target = urlsplit(args.url)

    start = time.monotonic() + 0.5
    interval = args.period / args.readers
    total = int(args.seconds / interval)
    etags = [None] * args.readers
    lock = threading.Lock()
    next_index = [0]
    latencies, counts = [], {"ok": 0, "not_modified": 0, "other": 0, "socket_errors": 0, "late": 0}

    def worker():
        while True:
            with lock:
                index = next_index[0]
                next_index[0] += 1
            if index >= total:
                return
            due = start + index * interval
            wait = due - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            reader = index % args.readers
            headers = {"User-Agent": AGENT}
            if etags[reader]:
                headers["If-None-Match"] = etags[reader]
            began = time.monotonic()
            try:
                connection = http.client.HTTPConnection(target.hostname, target.port, timeout=10)
                connection.request("GET", target.path, headers=headers)
                response = connection.getresponse()
                response.read()
                connection.close()
            except OSError:
                with lock:
                    counts["socket_errors"] += 1
                continue
            ended = time.monotonic()
            with lock:
                latencies.append((ended - began) * 1000)
                if began - due > 0.05:  # sent more than 50 ms after its time: too few threads
                    counts["late"] += 1
                if response.status == 200:
                    counts["ok"] += 1
                    etags[reader] = response.getheader("ETag")
                elif response.status == 304:
                    counts["not_modified"] += 1
                else:
                    counts["other"] += 1

    threads = [threading.Thread(target=worker) for _ in range(args.threads)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    latencies.sort()
    p99 = latencies[int(len(latencies) * 0.99) - 1] if latencies else 0.0
    print(
        "POLLS "
        + " ".join(f"{key}={value}" for key, value in counts.items())
        + f" p50_ms={statistics.median(latencies):.1f} p99_ms={p99:.1f} max_ms={latencies[-1]:.1f}"
    )


if __name__ == "__main__":
    main()
