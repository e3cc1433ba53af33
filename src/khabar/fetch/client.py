"""The polite HTTP client: robots.txt, per-host delay, retries with backoff, bounded responses.

One ``Fetcher`` fetches sequentially (concurrency 1 per host, and per fetcher); use one per
thread. It never raises for a network or HTTP failure: every call returns a
:class:`~khabar.fetch.policy.FetchResult` whose ``error`` is a short reason code.
"""

from __future__ import annotations

import email.utils
import random
import time
from collections.abc import Callable
from datetime import UTC, datetime
from types import TracebackType
from urllib.parse import urljoin, urlsplit

import httpx
from protego import Protego

from khabar.fetch.body import read_body
from khabar.fetch.charset import reconcile_charset
from khabar.fetch.policy import FetchPolicy, FetchResult

ACCEPT = (
    "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,*/*;q=0.8"
)
REDIRECTS = frozenset({301, 302, 303, 307, 308})
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})


class _Robots:
    """A host's robots.txt: the parsed rules (None = allow all) or why nothing may be fetched.

    ``blocked`` is ``(error code, detail)``; ``expires`` the clock time it is fetched again at.
    """

    def __init__(self, rules: Protego | None, expires: float, blocked: tuple[str, str] | None = None) -> None:
        self.rules = rules
        self.expires = expires
        self.blocked = blocked


class Fetcher:
    """Fetch URLs by the rules of a :class:`FetchPolicy`.

    ``clock`` (monotonic seconds) and ``sleep`` are injectable so tests of delays, backoff and
    deadlines run without waiting; ``transport`` lets unit tests use ``httpx.MockTransport``.
    """

    def __init__(
        self,
        policy: FetchPolicy | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        transport: httpx.BaseTransport | None = None,
        rng: random.Random | None = None,
    ) -> None:
        self.policy = policy or FetchPolicy()
        self._clock = clock
        self._sleep = sleep
        self._rng = rng or random.Random()
        timeout = httpx.Timeout(
            self.policy.read_timeout, connect=self.policy.connect_timeout, pool=self.policy.connect_timeout
        )
        self._client = httpx.Client(
            transport=transport,
            timeout=timeout,
            follow_redirects=False,
            headers={
                "User-Agent": self.policy.user_agent,
                "Accept": ACCEPT,
                "Accept-Encoding": "gzip, deflate, br",
            },
        )
        self._robots: dict[str, _Robots] = {}
        self._last_request: dict[str, float] = {}

    # -- public -------------------------------------------------------------------------------

    def fetch(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        expect_html: bool = False,
    ) -> FetchResult:
        """GET ``url`` (conditionally when ``etag``/``last_modified`` are given; 304 → ``not_modified``).

        Retries 429, 5xx and connection errors with exponential backoff and jitter, honouring
        Retry-After up to ``policy.max_retry_after``. With ``expect_html`` a 2xx response that
        is not a web page gets ``error="not_html"`` (its body kept).
        """
        conditional = {}
        if etag:
            conditional["If-None-Match"] = etag
        if last_modified:
            conditional["If-Modified-Since"] = last_modified
        attempt = 0
        while True:
            attempt += 1
            result = self._follow(url, conditional, self.policy.max_bytes, obey=self.policy.obey_robots)
            result.attempts = attempt
            wait = self._retry_wait(result, attempt)
            if wait is None:
                break
            self._sleep(wait)
        if expect_html and result.ok and not _is_html(result):
            result.error, result.detail = "not_html", f"content type {result.content_type}, not a web page"
        return result

    def sitemaps(self, url: str) -> list[str]:
        """The ``Sitemap:`` URLs of the robots.txt of ``url``'s host.

        ``url`` is any URL on the host, its origin, or a bare host (``news.example``), which
        means the origin already fetched from with that host, else ``https://`` it.
        """
        if "://" not in url:
            host = url.strip("/").lower()
            url = next((o for o in self._robots if o.split("://", 1)[1] == host), f"https://{host}")
        robots = self._robots_for(url)
        return list(robots.rules.sitemaps) if robots.rules is not None else []

    def crawl_delay(self, url: str) -> float:
        """The seconds this fetcher waits between two requests to ``url``'s host."""
        robots = self._robots.get(_origin(url))
        delay = robots.rules.crawl_delay(self.policy.user_agent) if robots and robots.rules else None
        return max(self.policy.host_delay, min(float(delay or 0), self.policy.max_crawl_delay))

    def close(self) -> None:
        """Close the connections."""
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    # -- one attempt: redirects followed by hand -----------------------------------------------

    def _follow(self, url: str, conditional: dict[str, str], limit: int, *, obey: bool) -> FetchResult:
        fetched_at = datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
        seen = [url]
        current = url
        while True:
            if not _fetchable(current):
                return _failed(url, current, "bad_url", f"not an http(s) URL: {current}", seen, fetched_at)
            if obey:
                refusal = self._robots_refusal(current)
                if refusal:
                    return _failed(url, current, *refusal, seen, fetched_at)
            result = self._request(url, current, conditional, limit)
            result.fetched_at, result.redirects = fetched_at, seen[1:]
            location = (result.headers.get("location") or "").strip()
            if result.error or result.status not in REDIRECTS:
                return result
            if not location:
                result.error, result.detail = "bad_redirect", f"a {result.status} without a Location"
                return result
            following = urljoin(current, location)
            if following in seen:
                result.error, result.detail = "redirect_loop", " -> ".join([*seen, following])
                return result
            if len(seen) > self.policy.max_redirects:
                result.error = "too_many_redirects"
                result.detail = f"more than {self.policy.max_redirects} redirects: " + " -> ".join(seen)
                return result
            seen.append(following)
            current = following

    def _request(self, url: str, current: str, headers: dict[str, str], limit: int) -> FetchResult:
        """One GET of ``current`` after the host's delay, the body read within the policy's bounds."""
        policy = self.policy
        self._wait_for_host(current)
        # The deadline is the response's own: the politeness waits before it do not count.
        started = self._clock()
        result = FetchResult(url=url, final_url=current)
        try:
            request = self._client.build_request("GET", current, headers=headers)
            result.request_headers = dict(request.headers.items())
            response = self._client.send(request, stream=True)
        except httpx.ConnectTimeout as exc:
            return self._done(result, started, "connect_error", f"connect timeout: {exc}")
        except httpx.TimeoutException as exc:
            return self._done(result, started, "timeout", f"no answer in time: {exc}")
        except (httpx.InvalidURL, httpx.UnsupportedProtocol, ValueError) as exc:
            return self._done(result, started, "bad_url", f"{type(exc).__name__}: {exc}")
        except httpx.TransportError as exc:
            return self._done(result, started, "connect_error", f"{type(exc).__name__}: {exc}")
        try:
            result.status = response.status_code
            result.reason_phrase = response.reason_phrase
            result.http_version = response.http_version
            result.headers = {k.lower(): v for k, v in response.headers.items()}
            if response.status_code == 304:
                result.not_modified = True
                return self._done(result, started, None, "not modified")
            if response.status_code >= 400:
                result.retry_after = _retry_after(result.headers.get("retry-after"))
                return self._done(result, started, f"http_{response.status_code}", response.reason_phrase)
            if response.status_code in REDIRECTS:
                return self._done(result, started, None, "")
            length = result.headers.get("content-length", "")
            encoding = result.headers.get("content-encoding")
            if length.isdigit() and int(length) > limit and encoding in (None, "identity"):
                return self._done(result, started, "too_large", f"Content-Length {length} over {limit}")
            # A response built in memory (a mock transport) is already read and decoded.
            read = response.is_stream_consumed
            body = read_body(
                [response.content] if read else response.iter_raw(),
                None if read else encoding,
                max_bytes=limit,
                bomb_ratio=policy.bomb_ratio,
                expired=lambda: self._clock() - started > policy.deadline,
            )
            result.body, result.received = body.data, body.received
            if body.stop:
                result.truncated = "time" if body.stop == "timeout" else "length"
            if result.body and _is_text(result.content_type):
                result.charset = reconcile_charset(result.headers.get("content-type"), result.body)[0]
            return self._done(result, started, body.stop, body.detail)
        except httpx.TimeoutException as exc:
            return self._done(result, started, "timeout", f"the body stalled: {exc}")
        except httpx.HTTPError as exc:
            return self._done(result, started, "connect_error", f"{type(exc).__name__}: {exc}")
        finally:
            response.close()

    def _done(self, result: FetchResult, started: float, error: str | None, detail: str) -> FetchResult:
        result.error, result.detail = error, detail
        result.elapsed = round(self._clock() - started, 3)
        self._last_request[_origin(result.final_url)] = self._clock()
        return result

    # -- manners ------------------------------------------------------------------------------

    def _wait_for_host(self, url: str) -> None:
        last = self._last_request.get(_origin(url))
        if last is not None:
            remaining = self.crawl_delay(url) - (self._clock() - last)
            if remaining > 0:
                self._sleep(remaining)

    def _retry_wait(self, result: FetchResult, attempt: int) -> float | None:
        """Seconds to wait before retrying ``result``, or None to give up (and say why)."""
        policy = self.policy
        retryable = result.error == "connect_error" or (
            result.status is not None and (result.status == 429 or result.status >= 500) and result.error
        )
        # No request was sent when robots.txt refused (or its host did not answer): nothing to retry.
        if not retryable or not result.request_headers or attempt > policy.retries:
            return None
        if result.retry_after is not None:
            if result.retry_after > policy.max_retry_after:
                result.detail += (
                    f"; Retry-After {result.retry_after:g} s is over the {policy.max_retry_after:g} s cap"
                )
                return None
            return result.retry_after
        backoff = min(policy.backoff_max, policy.backoff_base * 2 ** (attempt - 1))
        return backoff * (1 + policy.jitter * self._rng.random())

    def _robots_refusal(self, url: str) -> tuple[str, str] | None:
        """``(error code, detail)`` when robots.txt keeps ``url`` from being fetched."""
        robots = self._robots_for(url)
        if robots.blocked:
            return robots.blocked
        if robots.rules is not None and not robots.rules.can_fetch(url, self.policy.user_agent):
            return "robots_disallowed", f"robots.txt of {_origin(url)} disallows {urlsplit(url).path or '/'}"
        return None

    def _robots_for(self, url: str) -> _Robots:
        origin = _origin(url)
        known = self._robots.get(origin)
        if known is None or self._clock() >= known.expires:
            self._robots[origin] = known = self._load_robots(origin)
        return known

    def _load_robots(self, origin: str) -> _Robots:
        """RFC 9309: 4xx means no rules; 5xx, 429 or no answer means fetch nothing from the host for now."""
        policy = self.policy
        result = self._follow(origin + "/robots.txt", {}, policy.robots_max_bytes, obey=False)
        status = result.status
        if status is not None and 200 <= status < 300 and result.error in (None, "too_large"):
            rules = Protego.parse(result.body.decode("utf-8", "replace"))
            return _Robots(rules, self._clock() + policy.robots_ttl)
        if status is not None and 400 <= status < 500 and status != 429:
            return _Robots(None, self._clock() + policy.robots_ttl)
        detail = f"robots.txt of {origin} could not be read ({result.error or status}: {result.detail})"
        # A host that does not answer says so; one whose robots.txt fails is skipped (RFC 9309).
        code = result.error if result.error in ("connect_error", "timeout") else "robots_disallowed"
        return _Robots(
            None, self._clock() + policy.robots_retry, (code, detail + "; the host is skipped for now")
        )


def _fetchable(url: str) -> bool:
    try:
        parts = urlsplit(url)
        return parts.scheme in ("http", "https") and bool(parts.hostname)
    except ValueError:  # an unbalanced IPv6 bracket, a bad port
        return False


def _origin(url: str) -> str:
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


def _retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After value (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _is_text(media: str | None) -> bool:
    return media is None or media.startswith("text/") or media.endswith(("+xml", "/xml", "/json"))


def _is_html(result: FetchResult) -> bool:
    if result.content_type in _HTML_TYPES:
        return True
    head = result.body[:1024].lstrip().lower()
    return result.content_type in (None, "text/plain") and head.startswith((b"<!doctype html", b"<html"))


def _failed(url: str, current: str, error: str, detail: str, seen: list[str], fetched_at: str) -> FetchResult:
    return FetchResult(
        url=url, final_url=current, error=error, detail=detail, redirects=seen[1:], fetched_at=fetched_at
    )
