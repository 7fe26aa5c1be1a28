"""A polite HTTP client for `reform-kg fetch`: robots.txt, one request at a time per host with a delay,
timeouts, a size limit, retries with backoff on 429 and 5xx, conditional requests, redirects followed by hand
(each hop checked against robots.txt, loops caught). The standard library only (urllib)."""
from __future__ import annotations

import email.utils
import http.client
import socket
import time
import urllib.error
import urllib.request
import urllib.robotparser
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from kg import __version__

USER_AGENT = f"reform-kg/{__version__} (+https://w3id.org/reform-kg; polite research crawler)"
ROBOTS_AGENT = "reform-kg"
RETRY_STATUS = {429, 500, 502, 503, 504}
REDIRECTS = {301, 302, 303, 307, 308}
MAX_REDIRECTS = 5
TOTAL_TIMEOUTS = 4          # a whole response may take this many --timeout's; each read, one


class FetchFailed(Exception):
    """One URL could not be fetched; the message is the reason, for one line of the summary."""


class RedirectFailed(FetchFailed):
    """Redirects that lead nowhere: no Location, a loop, or too many."""


class Disallowed(Exception):
    """robots.txt does not allow reform-kg to fetch this URL."""


@dataclass
class Response:
    url: str                 # the final URL, after redirects
    status: int
    headers: dict[str, str]
    body: bytes


@dataclass
class Client:
    delay: float = 1.0            # seconds between two requests to the same host
    timeout: float = 20.0
    max_bytes: int = 10_000_000
    retries: int = 3
    backoff: float = 2.0          # first wait after a 429/5xx or a timeout; doubled at each retry
    max_wait: float = 120.0       # the longest Retry-After honoured
    requests: int = 0
    _last: dict[str, float] = field(default_factory=dict)
    _robots: dict[str, urllib.robotparser.RobotFileParser | FetchFailed | None] = field(default_factory=dict)
    _crawl_delay: dict[str, float] = field(default_factory=dict)
    _opener: urllib.request.OpenerDirector = field(
        default_factory=lambda: urllib.request.build_opener(NoRedirects))    # proxies from the environment

    def get(self, url: str, validators: dict[str, str] | None = None) -> Response:
        """GET `url`, following redirects; a 304 comes back as it is. Raises Disallowed or FetchFailed."""
        return self._follow(url, validators, robots=True)

    def _follow(self, url: str, validators: dict[str, str] | None, robots: bool) -> Response:
        """GET `url`, following redirects by hand: each hop a valid URL (and one robots.txt allows, if asked),
        loops and long chains caught."""
        seen = []
        while True:
            url = _valid(url)
            if robots and not self.allowed(url):
                raise Disallowed(url)
            seen.append(url)
            response = self._with_retries(url, validators if len(seen) == 1 else None)
            if response.status not in REDIRECTS:
                return response
            location = response.headers.get("location")
            if not location:
                raise RedirectFailed(f"redirect {response.status} without a Location")
            url = urljoin(url, location)
            if url in seen:
                raise RedirectFailed(f"redirect loop ({' -> '.join(seen + [url])})")
            if len(seen) > MAX_REDIRECTS:
                raise RedirectFailed(f"more than {MAX_REDIRECTS} redirects")

    def allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._robots:
            try:
                self._robots[origin] = self._read_robots(origin)
            except FetchFailed as e:         # the host cannot be reached: its other pages fail the same way, at once
                self._robots[origin] = e
        robots = self._robots[origin]
        if isinstance(robots, FetchFailed):
            raise FetchFailed(str(robots))
        return robots is None or robots.can_fetch(ROBOTS_AGENT, url)

    def _read_robots(self, origin: str) -> urllib.robotparser.RobotFileParser | None:
        """The site's robots.txt (RFC 9309): missing (4xx) allows all; a server error (5xx) disallows all."""
        parser = urllib.robotparser.RobotFileParser(origin + "/robots.txt")
        try:                                          # http -> https, or to the www. host: followed
            response = self._follow(origin + "/robots.txt", None, robots=False)
        except RedirectFailed:                        # unreachable through redirects: as if missing
            return None
        if response.status >= 500:
            parser.disallow_all = True
        elif response.status >= 400:
            return None
        else:
            parser.parse(response.body.decode("utf-8", errors="replace").splitlines())
            delay = parser.crawl_delay(ROBOTS_AGENT)
            if delay:
                self._crawl_delay[urlsplit(origin).netloc] = float(delay)
        return parser

    def _with_retries(self, url: str, validators: dict[str, str] | None) -> Response:
        for attempt in range(self.retries + 1):
            try:
                response = self._once(url, validators)
            except (TimeoutError, socket.timeout) as e:
                if attempt == self.retries:
                    raise FetchFailed(f"timed out after {self.timeout:g} s") from e
                time.sleep(self.backoff * 2 ** attempt)
                continue
            if response.status not in RETRY_STATUS or attempt == self.retries:
                return response
            time.sleep(min(self.max_wait, _retry_after(response.headers) or self.backoff * 2 ** attempt))
        raise AssertionError("unreachable")

    def _once(self, url: str, validators: dict[str, str] | None) -> Response:
        self._wait(url)
        headers = {"User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.5",
                   "Accept-Encoding": "identity", **(validators or {})}
        self.requests += 1
        try:
            request = urllib.request.Request(url, headers=headers)
            with self._opener.open(request, timeout=self.timeout) as reply:
                return Response(reply.geturl(), reply.status, _lower(reply.headers), self._read(reply))
        except urllib.error.HTTPError as e:
            with e:
                return Response(url, e.code, _lower(e.headers), b"")
        except urllib.error.URLError as e:
            if isinstance(e.reason, (TimeoutError, socket.timeout)):
                raise e.reason from e
            raise FetchFailed(f"cannot connect ({getattr(e.reason, 'strerror', None) or e.reason})") from e
        except http.client.HTTPException as e:
            raise FetchFailed(f"bad HTTP answer ({type(e).__name__})") from e
        except (TimeoutError, socket.timeout):
            raise                                   # retried by _with_retries
        except (OSError, ValueError) as e:
            raise FetchFailed(f"connection failed ({e})") from e
        finally:
            self._last[urlsplit(url).netloc] = time.monotonic()

    def _read(self, reply) -> bytes:
        length = reply.headers.get("Content-Length")
        if length and length.isdigit() and int(length) > self.max_bytes:
            raise FetchFailed(f"larger than the size limit ({_mb(int(length))} > {_mb(self.max_bytes)})")
        deadline = time.monotonic() + TOTAL_TIMEOUTS * self.timeout      # a server that trickles is cut off too
        chunks, size = [], 0
        while chunk := reply.read1(65536):
            chunks.append(chunk)
            size += len(chunk)
            if size > self.max_bytes:
                raise FetchFailed(f"larger than the size limit ({_mb(self.max_bytes)})")
            if time.monotonic() > deadline:
                raise FetchFailed(f"too slow: not complete after {TOTAL_TIMEOUTS * self.timeout:g} s")
        return b"".join(chunks)

    def _wait(self, url: str) -> None:
        host = urlsplit(url).netloc
        delay = max(self.delay, self._crawl_delay.get(host, 0.0))
        last = self._last.get(host)
        if last is not None:
            time.sleep(max(0.0, last + delay - time.monotonic()))


class NoRedirects(urllib.request.HTTPRedirectHandler):
    """A 3xx comes back as an HTTPError, for the caller to follow by hand (fetch) or to report (remote)."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


def _valid(url: str) -> str:
    """The URL percent-encoded where an IRI may not hold a character; FetchFailed when it is not an absolute
    http(s) URL. The same check as a manifest's URLs get, so what is fetched is what `build` records."""
    from kg.sources import clean_url
    encoded, problem = clean_url(url)
    if encoded is None:
        raise FetchFailed((problem or "is not a URL").removeprefix("is "))
    return encoded


def _lower(headers) -> dict[str, str]:
    return {k.lower(): v for k, v in headers.items()} if headers else {}


def _retry_after(headers: dict[str, str]) -> float | None:
    value = headers.get("retry-after", "").strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _mb(n: int) -> str:
    return f"{n / 1e6:.3g} MB"
