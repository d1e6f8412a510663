"""Fetching URLs: a loopback test server; SSRF refusals; slow, endless and huge responses."""

from __future__ import annotations

import gzip
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from borderwatch import pipeline
from borderwatch.ingest.base import Context, FetchPolicy
from borderwatch.ingest.fetch import FetchError, classify, fetch
from tests.ingest.helpers import FIXTURES, NOW, NullExtractor

RSS = (FIXTURES / "feeds" / "palessie-today.rss").read_bytes()
PAGE = (FIXTURES / "web" / "nasha-niva-yelsk.html").read_bytes()
BOMB = gzip.compress(b"\0" * (50 * 1024 * 1024), compresslevel=9)  # 50 MB of zeros in about 50 KB
LOCAL = FetchPolicy(allow_private=True, connect_timeout=2, read_timeout=2, total_timeout=5, max_bytes=2_000_000)


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *a):  # quiet
        pass

    def _send(self, code: int, body: bytes = b"", ctype: str = "text/html; charset=utf-8", **headers):
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        for k, v in headers.items():
            self.send_header(k.replace("_", "-"), v)
        if "Content_Length" not in headers:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body:
            self.wfile.write(body)

    def do_GET(self):  # noqa: C901 - one route per case
        path = self.path
        if path == "/feed.xml":
            return self._send(200, RSS, "application/rss+xml; charset=utf-8")
        if path == "/page.html":
            return self._send(200, PAGE)
        if path == "/gzip-page":
            return self._send(200, gzip.compress(PAGE), Content_Encoding="gzip")
        if path == "/to-feed":
            return self._send(302, Location="/feed.xml")
        if path == "/to-metadata":
            return self._send(302, Location="http://169.254.169.254/latest/meta-data/iam/")
        if path == "/to-decimal-private":  # 167772161 is 10.0.0.1
            return self._send(302, Location="http://167772161/feed.xml")
        if path.startswith("/loop"):
            n = int(path[5:] or 0)
            return self._send(302, Location=f"/loop{n + 1}")
        if path == "/binary":
            return self._send(200, b"\x7fELF" + b"\0" * 100, "application/octet-stream")
        if path == "/bomb":
            return self._send(200, BOMB, "text/html", Content_Encoding="gzip")
        if path == "/huge-declared":
            return self._send(200, b"x" * 10, Content_Length=str(10**12))
        if path == "/slow-headers":
            time.sleep(3)
            return self._send(200, PAGE)
        if path == "/slow-drip":  # a byte every 0.2 s: never a read timeout, always over the deadline
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            for _ in range(60):  # bounded: 12 s at most
                try:
                    self.wfile.write(b"<")
                    self.wfile.flush()
                except OSError:
                    return
                time.sleep(0.2)
            return
        if path == "/endless":  # fast and endless (bounded here: 10 s at most)
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            chunk = b"<p>" + b"a" * 65533
            stop = time.monotonic() + 10
            while time.monotonic() < stop:
                try:
                    self.wfile.write(chunk)
                except OSError:
                    return
            return
        return self._send(404, b"not found")


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    httpd.handle_error = lambda request, address: None  # clients that hang up on purpose
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_fetches_a_feed_from_loopback_when_allowed(server):
    got = fetch(f"{server}/to-feed", policy=LOCAL)
    assert got.url.endswith("/feed.xml") and got.content_type == "application/rss+xml" and got.data == RSS


def test_loopback_is_refused_by_default(server):
    with pytest.raises(FetchError, match="loopback address .*--allow-private"):
        fetch(f"{server}/feed.xml")


@pytest.mark.parametrize("host", ["2130706433", "0x7f000001", "0177.0.0.1", "127.1", "[::ffff:127.0.0.1]",
                                  "[::1]", "localhost"])
def test_encoded_loopback_addresses_are_refused(host):
    with pytest.raises(FetchError, match="refused|cannot resolve|not a valid URL"):
        fetch(f"http://{host}:9/feed.xml")


@pytest.mark.parametrize("address, why", [
    ("10.1.2.3", "private"), ("192.168.0.1", "private"), ("172.16.5.4", "private"), ("169.254.169.254", "cloud metadata"),
    ("169.254.1.1", "link-local"), ("100.64.0.1", "reserved"), ("0.0.0.0", "unspecified"), ("fd00:ec2::254", "cloud metadata"),
    ("fe80::1", "link-local"), ("::ffff:10.0.0.1", "private"), ("64:ff9b::a00:1", "private"), ("224.0.0.1", "multicast"),
    ("8.8.8.8", None), ("2001:4860:4860::8888", None),
])
def test_address_classes(address, why):
    assert classify(address) == why


def test_a_name_that_resolves_to_a_private_address_is_refused_before_connecting():
    calls = []

    def resolver(host, port):
        calls.append(host)
        return ["93.184.216.34", "10.0.0.5"] if host == "mixed.example" else ["10.0.0.5"]

    for host in ("internal.example", "mixed.example"):
        with pytest.raises(FetchError, match="private address"):
            fetch(f"https://{host}/feed.xml", resolve=resolver)
    assert calls == ["internal.example", "mixed.example"]


def test_metadata_is_refused_even_with_allow_private():
    with pytest.raises(FetchError, match="cloud metadata"):
        fetch("http://169.254.169.254/latest/meta-data/", policy=LOCAL)


def test_redirects_are_checked_at_every_hop(server):
    with pytest.raises(FetchError, match="169.254.169.254, a cloud metadata address"):
        fetch(f"{server}/to-metadata", policy=LOCAL)
    # the test server alone is allowed; its redirect to a decimal-encoded private address is not
    only_server = FetchPolicy(allow_networks=("127.0.0.1/32",), total_timeout=5)
    with pytest.raises(FetchError, match="167772161/feed.xml: refused: .*10.0.0.1, a private address"):
        fetch(f"{server}/to-decimal-private", policy=only_server)


def test_redirect_loops_stop(server):
    with pytest.raises(FetchError, match="more than 5 redirects"):
        fetch(f"{server}/loop0", policy=LOCAL)


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/x", "gopher://x", "http://user:pw@example.org/",
                                 "javascript:alert(1)", "http:///nohost"])
def test_only_plain_http_urls(url):
    with pytest.raises(FetchError):
        fetch(url)


def test_content_type_size_and_bombs(server):
    with pytest.raises(FetchError, match="content type 'application/octet-stream'"):
        fetch(f"{server}/binary", policy=LOCAL)
    with pytest.raises(FetchError, match="over the 2,000,000-byte limit"):
        fetch(f"{server}/huge-declared", policy=LOCAL)
    with pytest.raises(FetchError, match="after decompression"):
        fetch(f"{server}/bomb", policy=LOCAL)
    assert fetch(f"{server}/gzip-page", policy=LOCAL).data == PAGE


def test_slow_and_endless_responses_stop_in_time(server):
    quick = FetchPolicy(allow_private=True, connect_timeout=1, read_timeout=1, total_timeout=1.5, max_bytes=10**9)
    for path, message in [("/slow-headers", "time limit"), ("/slow-drip", "longer than 1.5 s"),
                          ("/endless", "longer than 1.5 s|byte limit")]:
        start = time.monotonic()
        with pytest.raises(FetchError, match=message):
            fetch(f"{server}{path}", policy=quick)
        assert time.monotonic() - start < 4, path


def test_pipeline_ingests_urls_and_keeps_going_after_refusals(server, store):
    ctx = Context(now=NOW, fetch=LOCAL)
    s = pipeline.ingest(store, [f"{server}/feed.xml", f"{server}/page.html", f"{server}/to-metadata",
                                f"{server}/binary"], NullExtractor(), ctx=ctx)
    kinds = {b.input.rsplit("/", 1)[1]: (b.kind, b.new, b.rejected_count) for b in s.batches}
    assert kinds["feed.xml"] == ("feed", 2, 1)  # the entry with an impossible date is rejected
    assert kinds["page.html"] == ("web", 1, 0)
    assert kinds["to-metadata"][2] == 1 and kinds["binary"][2] == 1
    page = next(d for d in store.documents() if d.url and d.url.endswith("yelsk-column") and d.kind == "news"
                and d.external_id.startswith("url:"))
    assert page.source == "palessie.example" and "<script" not in page.text and "javascript:" not in page.text
