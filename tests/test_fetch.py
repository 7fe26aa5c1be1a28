"""`reform-kg fetch` against a real HTTP server on 127.0.0.1 serving pages written for these tests, then `build`.

The server keeps a log of every request, so the tests can say what was (and was not) asked for.
"""
import csv
import threading
import time
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli

WEB = Path(__file__).parent / "data" / "web"
PAGES = {"/tin/portal.html": "portal.html", "/tin/bao.html": "newspaper.html", "/tin/bang.html": "table-layout.html",
         "/private/noi-bo.html": "portal.html"}
LAST_MODIFIED = formatdate(1_700_000_000, usegmt=True)
ROBOTS = b"User-agent: *\nDisallow: /private/\n"


def _sitemap(*paths, index=False):
    tag, item = ("sitemapindex", "sitemap") if index else ("urlset", "url")
    body = "".join(f"<{item}><loc>{{base}}{p}</loc></{item}>" for p in paths)
    return f'<?xml version="1.0"?><{tag} xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{body}</{tag}>'


XML = {"/sitemap.xml": _sitemap("/sitemap-tin.xml", index=True),
       "/sitemap-tin.xml": _sitemap(*PAGES),
       "/rss.xml": '<rss version="2.0"><channel><title>Tin</title><item><title>a</title><link>{base}/tin/portal.html</link>'
                   '</item><item><title>b</title><link>{base}/tin/bao.html</link></item></channel></rss>',
       "/atom.xml": '<feed xmlns="http://www.w3.org/2005/Atom"><entry><link rel="alternate" href="{base}/tin/bang.html"/>'
                    '<link rel="enclosure" href="{base}/anh.jpg"/></entry></feed>'}


class Handler(BaseHTTPRequestHandler):
    log: list = []
    hits: dict = {}
    times: list = []

    def log_message(self, *args):
        pass

    def do_GET(self):
        path = self.path
        self.log.append((path, self.headers.get("User-Agent"), self.headers.get("If-None-Match")))
        self.times.append(time.monotonic())
        self.hits[path] = self.hits.get(path, 0) + 1
        if path == "/robots.txt":
            return self._send(200, ROBOTS, "text/plain")
        if path in XML:
            return self._send(200, XML[path].format(base=self.server.base).encode(), "application/xml")
        if path in PAGES:
            etag = f'"{PAGES[path]}-v1"'
            if self.headers.get("If-None-Match") == etag:
                return self._send(304, b"", None, {"ETag": etag})
            return self._send(200, (WEB / PAGES[path]).read_bytes(), "text/html; charset=utf-8",
                              {"ETag": etag, "Last-Modified": LAST_MODIFIED})
        return self._bad(path)

    def _bad(self, path):
        if path == "/bad/500":
            return self._send(500, b"oops", "text/html")
        if path == "/bad/slow":
            time.sleep(1.0)
            return self._send(200, b"<p>late</p>", "text/html")
        if path in ("/bad/loop", "/bad/loop2"):
            return self._send(302, b"", None, {"Location": "/bad/loop2" if path == "/bad/loop" else "/bad/loop"})
        if path == "/latin1":                           # the charset only in a <meta>
            return self._send(200, '<meta charset="iso-8859-1"><p>Café</p>'.encode("iso-8859-1"), "text/html")
        if path == "/bad/trickle":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            for _ in range(50):
                time.sleep(0.1)
                self.wfile.write(b"<")
                self.wfile.flush()
            return
        if path == "/bad/pdf":
            return self._send(200, b"%PDF-1.4", "application/pdf")
        if path == "/bad/big":
            return self._send(200, b"<p>" + b"x" * 50_000 + b"</p>", "text/html")
        if path == "/tin/moved":
            return self._send(301, b"", None, {"Location": "/tin/bao.html"})
        if path == "/bad/to-private":
            return self._send(301, b"", None, {"Location": "/private/noi-bo.html"})
        if path in ("/flaky", "/limited") and self.hits[path] == 1:
            return self._send(503 if path == "/flaky" else 429, b"", "text/html", {"Retry-After": "0"})
        if path in ("/flaky", "/limited"):
            return self._send(200, (WEB / "newspaper.html").read_bytes(), "text/html; charset=utf-8")
        return self._send(404, b"not here", "text/html")

    def _send(self, status, body, content_type, headers=None):
        try:
            self._write(status, body, content_type, headers)
        except (BrokenPipeError, ConnectionResetError):
            pass                                  # the client gave up (a timeout being tested)

    def _write(self, status, body, content_type, headers):
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def server(monkeypatch):
    for proxy in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(proxy, raising=False)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    httpd.base = f"http://127.0.0.1:{httpd.server_port}"
    Handler.log, Handler.hits, Handler.times = [], {}, []
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


FAST = ["--delay", "0", "--backoff", "0.01", "--timeout", "0.5", "--retries", "1"]


def fetch(*args):
    return CliRunner().invoke(cli, ["fetch", *FAST, *args])


def test_sitemap_index_to_saved_pages_and_manifest(server, tmp_path):
    r = fetch("--sitemap", f"{server.base}/sitemap.xml", "-o", str(tmp_path / "pages"))
    assert r.exit_code == 0, r.output + r.stderr
    assert r.stdout.startswith(f"{tmp_path / 'pages'}: 3 fetched, 0 unchanged, 1 skipped by robots.txt, 0 failed")
    assert r.stderr == f"skipped by robots.txt: {server.base}/private/noi-bo.html\n"
    assert not any(path.startswith("/private/") for path, _, _ in Handler.log)
    assert all(agent.startswith("reform-kg/") for _, agent, _ in Handler.log)
    raw = (tmp_path / "pages" / "manifest.csv").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf") and raw.splitlines()[0] == (
        b"file,source_url,final_url,retrieved,status,sha256,etag,last_modified")
    rows = list(csv.DictReader(raw.decode().splitlines()))
    assert sorted(r["source_url"] for r in rows) == sorted(f"{server.base}{p}" for p in PAGES if "private" not in p)
    for row in rows:
        saved = tmp_path / "pages" / row["file"]
        assert saved.read_bytes() == (WEB / PAGES[row["source_url"][len(server.base):]]).read_bytes()
        assert row["status"] == "200" and row["last_modified"] == LAST_MODIFIED and row["etag"].endswith('-v1"')


def test_a_rerun_downloads_nothing_that_has_not_changed(server, tmp_path):
    out = str(tmp_path / "pages")
    assert fetch("--sitemap", f"{server.base}/sitemap.xml", "-o", out).exit_code == 0
    before = {p.name: p.stat().st_mtime_ns for p in (tmp_path / "pages").iterdir() if p.suffix == ".html"}
    Handler.log.clear()
    r = fetch("--sitemap", f"{server.base}/sitemap.xml", "-o", out)
    assert r.exit_code == 0
    assert r.stdout.startswith(f"{out}: 0 fetched, 3 unchanged, 1 skipped by robots.txt, 0 failed")
    page_requests = [(path, etag) for path, _, etag in Handler.log if path.startswith("/tin/")]
    assert len(page_requests) == 3 and all(etag for _, etag in page_requests)       # every one conditional
    assert before == {p.name: p.stat().st_mtime_ns for p in (tmp_path / "pages").iterdir() if p.suffix == ".html"}


def test_a_page_sent_again_without_validators_is_unchanged_and_not_rewritten(server, tmp_path):
    out = tmp_path / "pages"
    assert fetch(f"{server.base}/flaky", "-o", str(out)).exit_code == 0          # no ETag, no Last-Modified
    saved = next(out.glob("*.html"))
    saved.touch()
    mtime = saved.stat().st_mtime_ns
    r = fetch(f"{server.base}/flaky", "-o", str(out))
    assert r.stdout.startswith(f"{out}: 0 fetched, 1 unchanged,") and saved.stat().st_mtime_ns == mtime


def test_feeds_and_a_file_of_urls(server, tmp_path):
    urls = tmp_path / "urls.txt"
    urls.write_text(f"# từ báo\n{server.base}/tin/bao.html\n\n", encoding="utf-8")
    r = fetch("--feed", f"{server.base}/rss.xml", "--feed", f"{server.base}/atom.xml", "-i", str(urls),
              "-o", str(tmp_path / "pages"))
    assert r.exit_code == 0, r.stderr
    fetched = sorted(row["source_url"] for row in csv.DictReader((tmp_path / "pages" / "manifest.csv").open()))
    assert fetched == sorted(f"{server.base}{p}" for p in ("/tin/portal.html", "/tin/bao.html", "/tin/bang.html"))
    assert "/anh.jpg" not in {path for path, _, _ in Handler.log}


def test_429_and_503_are_retried(server, tmp_path):
    r = fetch(f"{server.base}/flaky", f"{server.base}/limited", "-o", str(tmp_path / "pages"))
    assert r.exit_code == 0, r.stderr
    assert Handler.hits["/flaky"] == 2 and Handler.hits["/limited"] == 2


def test_each_bad_response_is_one_line(server, tmp_path):
    b = server.base
    r = fetch(f"{b}/bad/404", f"{b}/bad/500", f"{b}/bad/slow", f"{b}/bad/trickle", f"{b}/bad/loop", f"{b}/bad/pdf", f"{b}/bad/big",
              f"{b}/bad/to-private", "file:///etc/passwd", "http://[::1/x", "http://127.0.0.1:99999/", f"{b}/tin/bao.html",
              "--max-size", "0.02",
              "--sitemap", f"{b}/no-sitemap.xml",
              "-o", str(tmp_path / "pages"))
    assert r.exit_code == 1
    assert r.stderr.splitlines() == [
        f"skipped by robots.txt: {b}/bad/to-private (redirected to {b}/private/noi-bo.html)",
        f"failed: {b}/no-sitemap.xml: HTTP 404 Not Found",
        f"failed: {b}/bad/404: HTTP 404 Not Found",
        f"failed: {b}/bad/500: HTTP 500 Internal Server Error",
        f"failed: {b}/bad/slow: timed out after 0.5 s",
        f"failed: {b}/bad/trickle: too slow: not complete after 2 s",
        f"failed: {b}/bad/loop: redirect loop ({b}/bad/loop -> {b}/bad/loop2 -> {b}/bad/loop)",
        f"failed: {b}/bad/pdf: not an HTML page (application/pdf)",
        f"failed: {b}/bad/big: larger than the size limit (0.05 MB > 0.02 MB)",
        "failed: file:///etc/passwd: not an absolute http(s) URL",
        "failed: http://[::1/x: not a valid URL (Invalid IPv6 URL)",
        "failed: http://127.0.0.1:99999/: not a valid URL (Port out of range 0-65535)",
        "Error: 11 URL(s) failed (listed above); the others are saved",
    ]
    assert Handler.hits["/bad/500"] == 2                                   # retried once, then reported
    rows = list(csv.DictReader((tmp_path / "pages" / "manifest.csv").open()))
    assert [row["source_url"] for row in rows] == [f"{b}/tin/bao.html"]
    assert sorted(p.name for p in (tmp_path / "pages").iterdir()) == sorted([rows[0]["file"], "manifest.csv"])


def test_fetched_pages_build_into_the_graph(server, tmp_path, monkeypatch):
    """Title, date-time, author and URL from the page and the manifest; no sidebar, counter or footer figure."""
    monkeypatch.setenv("REFORM_KG_SITES", str(WEB / "sites"))
    pages, graph = tmp_path / "pages", tmp_path / "g.ttl"
    assert fetch("--sitemap", f"{server.base}/sitemap.xml", "-o", str(pages)).exit_code == 0
    r = CliRunner().invoke(cli, ["build", str(pages), "-o", str(graph)])
    assert r.exit_code == 0, r.output
    r = CliRunner().invoke(cli, ["query", "documents", "-g", str(graph), "--format", "csv"])
    documents = {(row["url"][len(server.base):], row["title"], row["issued"], row["author"])
                 for row in csv.DictReader(r.stdout.splitlines())}
    assert documents == {      # read from the pages: the date lines give the time of day
        ("/tin/portal.html", "Phường 1 ra mắt mô hình “Tổ tình nguyện hỗ trợ dịch vụ công trực tuyến”",
         "2024-03-05T08:30:00+07:00", "Minh Anh"),
        ("/tin/bao.html", "Phường Bến Thành đưa trợ lý số vào Bộ phận một cửa", "2025-11-18T14:20:00+07:00", "Hoàng Lan"),
        ("/tin/bang.html", "Phường Tân Định triển khai mô hình “Bưu điện nhận hồ sơ tại nhà”",
         "2024-06-14T15:45:00+07:00", "Trần Văn Phúc")}
    r = CliRunner().invoke(cli, ["query", "metrics", "-g", str(graph), "--format", "csv"])
    metrics = [(row["metricLabel"], row["value"], row["subjectLabel"]) for row in csv.DictReader(r.stdout.splitlines())]
    # Every figure the three articles give, and nothing from menus, sidebars, counters or footers.
    assert sorted(value for _, value, _ in metrics) == sorted(["12", "1250", "98", "860", "95", "100",   # portal
                                                              "3400", "96", "100", "64"])
    assert ("1.250 hồ sơ", "1250", "Phường 1") in metrics and ("98%", "98", "Phường 1") in metrics
    assert ("860 hồ sơ", "860", "Phường 2") in metrics and ("95%", "95", "Phường 2") in metrics
    r = CliRunner().invoke(cli, ["query", "initiatives", "-g", str(graph), "--format", "csv"])
    assert sorted({row["initiativeLabel"] for row in csv.DictReader(r.stdout.splitlines())}) == [
        "Bưu điện nhận hồ sơ tại nhà", "Trợ lý số hành chính công", "Tổ tình nguyện hỗ trợ dịch vụ công trực tuyến"]


def test_an_unreachable_host_fails_each_url_once_without_retrying_it(tmp_path):
    import socket
    with socket.socket() as s:                      # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{s.getsockname()[1]}"
    r = fetch(f"{dead}/a.html", f"{dead}/b.html", "-o", str(tmp_path / "pages"))
    assert r.exit_code == 1
    assert r.stderr.splitlines()[:2] == [f"failed: {dead}/a.html: cannot connect (Connection refused)",
                                         f"failed: {dead}/b.html: cannot connect (Connection refused)"]
    assert r.stdout.startswith(f"{tmp_path / 'pages'}: 0 fetched, 0 unchanged, 0 skipped by robots.txt, 2 failed (1 request)")


def test_an_output_folder_that_cannot_be_made_is_one_error(server, tmp_path):
    (tmp_path / "a-file").write_text("x")
    out = tmp_path / "a-file" / "pages"
    r = fetch(f"{server.base}/tin/bao.html", "-o", str(out))
    assert r.exit_code == 1 and r.output == f"Error: {out}: cannot save pages there (Not a directory)\n"


def test_a_stopped_fetch_keeps_what_it_saved_in_the_manifest(server, tmp_path):
    from kg import fetch as fetching
    from kg.http import Client

    def stop(url):
        raise KeyboardInterrupt
    urls = [f"{server.base}/tin/bao.html", f"{server.base}/tin/portal.html"]
    with pytest.raises(KeyboardInterrupt):
        fetching.fetch(urls, tmp_path, Client(delay=0), fetching.Summary(), stop)
    rows = list(csv.DictReader((tmp_path / "manifest.csv").open(encoding="utf-8")))
    assert [row["source_url"] for row in rows] == urls[:1] and (tmp_path / rows[0]["file"]).is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([rows[0]["file"], "manifest.csv"])


def test_requests_to_a_host_are_spaced_by_the_delay(server, tmp_path):
    r = CliRunner().invoke(cli, ["fetch", "--delay", "0.3", "--sitemap", f"{server.base}/sitemap.xml",
                                 "-o", str(tmp_path / "pages")])
    assert r.exit_code == 0
    gaps = [b - a for a, b in zip(Handler.times, Handler.times[1:])]
    assert len(gaps) == 5 and min(gaps) >= 0.29          # robots.txt, two sitemaps, three pages: one at a time


def test_pages_are_saved_as_utf8_whatever_their_charset(server, tmp_path):
    assert fetch(f"{server.base}/latin1", "-o", str(tmp_path)).exit_code == 0
    saved = next(tmp_path.glob("*.html"))
    assert saved.read_bytes() == '<meta charset="iso-8859-1"><p>Café</p>'.encode("utf-8")


def test_the_manifest_keeps_the_url_asked_for_and_the_final_one(server, tmp_path):
    assert fetch(f"{server.base}/tin/moved", "-o", str(tmp_path)).exit_code == 0
    [row] = csv.DictReader((tmp_path / "manifest.csv").open(encoding="utf-8"))
    assert (row["source_url"], row["final_url"]) == (f"{server.base}/tin/moved", f"{server.base}/tin/bao.html")


def test_a_redirected_robots_txt_is_followed(server, tmp_path, monkeypatch):
    original = Handler.do_GET

    def do_get(self):
        if self.path == "/robots.txt":
            self.log.append((self.path, None, None))
            return self._send(301, b"", None, {"Location": "/robots-real.txt"})
        if self.path == "/robots-real.txt":
            return self._send(200, b"User-agent: reform-kg\nDisallow: /tin/bao\n", "text/plain")
        return original(self)
    monkeypatch.setattr(Handler, "do_GET", do_get)
    r = fetch(f"{server.base}/tin/bao.html", f"{server.base}/tin/portal.html", "-o", str(tmp_path))
    assert r.exit_code == 0 and r.stderr == f"skipped by robots.txt: {server.base}/tin/bao.html\n"
    assert "/tin/bao.html" not in {path for path, _, _ in Handler.log}


def test_a_robots_txt_that_redirects_in_a_loop_counts_as_missing(server, tmp_path, monkeypatch):
    """RFC 9309 §2.3.1.2: a robots.txt that cannot be reached through redirects is unavailable: crawling is
    allowed, and the pages themselves are fetched."""
    original = Handler.do_GET

    def do_get(self):
        if self.path in ("/robots.txt", "/robots-b.txt"):
            return self._send(302, b"", None, {"Location": "/robots-b.txt" if self.path == "/robots.txt" else "/robots.txt"})
        return original(self)
    monkeypatch.setattr(Handler, "do_GET", do_get)
    r = fetch(f"{server.base}/tin/bao.html", "-o", str(tmp_path))
    assert r.exit_code == 0 and r.stdout.startswith(f"{tmp_path}: 1 fetched")
