#!/usr/bin/env python3
"""Measure `reportlint serve` against the command line (not part of the tests).

    cargo build --release && python3 scripts/serve-measure.py [target/release/reportlint]

Prints: the server's RSS after the first 10 and after 200 sequential API checks of the
fixtures; whether 8 concurrent uploads all got the right result; and the time of one
report and of 50 reports through the API and through `reportlint check` (median of
several runs). RSS is read from /proc, so this runs on Linux.
"""

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BINARY = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "target" / "release" / "reportlint"
FIXTURES = sorted((ROOT / "fixtures" / "reports").glob("*.txt")) + sorted(
    (ROOT / "fixtures" / "docx").glob("*.docx")
)


def multipart(files):
    boundary = "reportlint-measure-boundary"
    body = bytearray()
    for name, content in files:
        body += f"--{boundary}\r\n".encode()
        body += f'Content-Disposition: form-data; name="file"; filename="{name}"\r\n\r\n'.encode()
        body += content + b"\r\n"
    body += f"--{boundary}--\r\n".encode()
    return f"multipart/form-data; boundary={boundary}", bytes(body)


class Service:
    def __init__(self):
        self.proc = subprocess.Popen(
            [str(BINARY), "serve", "--no-open"],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        line = self.proc.stdout.readline()
        url = line[line.index("http://") :].split()[0]
        self.base, self.token = url.split("/?token=")

    def check(self, files):
        kind, body = multipart(files)
        req = urllib.request.Request(
            self.base + "/api/check",
            data=body,
            headers={"Authorization": "Bearer " + self.token, "Content-Type": kind},
        )
        with urllib.request.urlopen(req, timeout=600) as r:
            return json.load(r)

    def rss_mib(self):
        for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        return float("nan")

    def stop(self):
        self.proc.terminate()
        self.proc.wait()


def as_cli(result):
    result.pop("errors", None)
    for doc in result["documents"]:
        doc.pop("text", None)
    return result


def cli_json(paths):
    out = subprocess.run(
        [str(BINARY), "check", "--format", "json", *map(str, paths)],
        capture_output=True,
        cwd=ROOT,
    )
    return json.loads(out.stdout)


def median_time(f, runs=5):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        f()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main():
    contents = [(str(p.relative_to(ROOT)), p.read_bytes()) for p in FIXTURES]
    s = Service()
    try:
        for i in range(10):
            s.check([contents[i % len(contents)]])
        after_10 = s.rss_mib()
        for i in range(10, 200):
            s.check([contents[i % len(contents)]])
        after_200 = s.rss_mib()
        print(f"RSS after 10 checks: {after_10:.1f} MiB; after 200: {after_200:.1f} MiB "
              f"({(after_200 / after_10 - 1) * 100:+.1f}%)")

        results = [None] * 8
        def upload(i):
            results[i] = s.check([contents[i % len(contents)]])
        threads = [threading.Thread(target=upload, args=(i,)) for i in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        right = sum(
            as_cli(r) == cli_json([contents[i % len(contents)][0]])
            for i, r in enumerate(results)
        )
        print(f"8 concurrent uploads: {right}/8 equal to `check --format json`")

        one = contents[0]
        api_one = median_time(lambda: s.check([one]))
        cli_one = median_time(lambda: cli_json([one[0]]))
        print(f"one report: API {api_one * 1000:.0f} ms, CLI {cli_one * 1000:.0f} ms")

        with tempfile.TemporaryDirectory() as tmp:
            batch = []
            for i in range(50):
                name, data = contents[i % len(contents)]
                copy = f"{i:02d}-{Path(name).name}"
                (Path(tmp) / copy).write_bytes(data)
                batch.append((copy, data))
            api_50 = median_time(lambda: s.check(batch), runs=3)
            cli_50 = median_time(
                lambda: subprocess.run(
                    [str(BINARY), "check", "--format", "json", tmp], capture_output=True
                ),
                runs=3,
            )
        print(f"50 reports: API {api_50 * 1000:.0f} ms, CLI {cli_50 * 1000:.0f} ms")
        print(f"RSS at the end: {s.rss_mib():.1f} MiB")
    finally:
        s.stop()


if __name__ == "__main__":
    main()
