"""Fetcher unit tests: a mock transport, a fake clock and a fake sleep (nothing waits)."""

from __future__ import annotations

import gzip
import random
from collections.abc import Callable, Iterator

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from khabar.fetch import Fetcher, FetchPolicy
from khabar.fetch.policy import ERROR_CODES

ROBOTS = b"User-agent: *\nDisallow: /private/\nCrawl-delay: 5\nSitemap: https://site.example/sitemap.xml\n"


class FakeTime:
    """A clock that only ``sleep`` (and the transport) move."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


#: Bodies are passed as iterators: an httpx.Response built from bytes is read (and decoded) at
#: once, which would bypass the fetcher's own bounded decoding.
Handler = Callable[[httpx.Request], httpx.Response]


def make(handler: Handler, time: FakeTime, **policy: object) -> tuple[Fetcher, list[httpx.Request]]:
    seen: list[httpx.Request] = []

    def route(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.url.path == "/robots.txt":
            return httpx.Response(200, content=ROBOTS)
        return handler(request)

    options = {"host_delay": 0.0, "jitter": 0.0, **policy}
    fetcher = Fetcher(
        FetchPolicy(**options),  # type: ignore[arg-type]
        clock=time.clock,
        sleep=time.sleep,
        transport=httpx.MockTransport(route),
        rng=random.Random(1),
    )
    return fetcher, seen


def page(request: httpx.Request) -> httpx.Response:
    return httpx.Response(
        200, content=b"<html><body>hello</body></html>", headers={"Content-Type": "text/html"}
    )


def test_a_page_and_the_crawl_delay() -> None:
    time = FakeTime()
    fetcher, seen = make(page, time)
    first = fetcher.fetch("https://site.example/a")
    second = fetcher.fetch("https://site.example/b")
    assert first.ok and second.ok and second.body.startswith(b"<html>")
    assert [r.url.path for r in seen] == ["/robots.txt", "/a", "/b"]
    # Crawl-delay 5 (over host_delay 0) before /a (after robots.txt) and before /b.
    assert time.sleeps == [5.0, 5.0]
    assert first.request_headers["user-agent"].startswith("Khabar/")
    assert fetcher.sitemaps("https://site.example/") == ["https://site.example/sitemap.xml"]


def test_crawl_delay_is_capped_by_the_policy() -> None:
    time = FakeTime()
    fetcher, _ = make(page, time, max_crawl_delay=2.0)
    fetcher.fetch("https://site.example/a")
    assert fetcher.crawl_delay("https://site.example/x") == 2.0 and time.sleeps == [2.0]


def test_robots_disallow_and_unreadable_robots() -> None:
    time = FakeTime()
    fetcher, seen = make(page, time)
    refused = fetcher.fetch("https://site.example/private/plan")
    assert refused.error == "robots_disallowed" and refused.status is None
    assert "/private/plan" not in [r.url.path for r in seen]

    def broken_robots(request: httpx.Request) -> httpx.Response:
        return httpx.Response(503 if request.url.path == "/robots.txt" else 200, content=b"<html></html>")

    other = Fetcher(FetchPolicy(host_delay=0, retries=0), transport=httpx.MockTransport(broken_robots))
    assert other.fetch("https://down.example/a").error == "robots_disallowed"

    def no_robots(request: httpx.Request) -> httpx.Response:
        return httpx.Response(404 if request.url.path == "/robots.txt" else 200, content=b"<html></html>")

    free = Fetcher(FetchPolicy(host_delay=0), transport=httpx.MockTransport(no_robots))
    assert free.fetch("https://free.example/private/a").ok
    assert free.sitemaps("free.example") == []


def test_retries_back_off_exponentially_then_give_up() -> None:
    time = FakeTime()
    fetcher, _ = make(lambda r: httpx.Response(503), time, retries=3, backoff_base=1.0, max_crawl_delay=0)
    result = fetcher.fetch("https://site.example/a")
    assert result.error == "http_503" and result.attempts == 4
    assert time.sleeps == [1.0, 2.0, 4.0]


def test_jitter_adds_up_to_its_share() -> None:
    time = FakeTime()
    fetcher, _ = make(
        lambda r: httpx.Response(500), time, retries=2, backoff_base=10.0, jitter=0.5, max_crawl_delay=0
    )
    fetcher.fetch("https://site.example/a")
    waits = time.sleeps
    assert 10.0 <= waits[0] <= 15.0 and 20.0 <= waits[1] <= 30.0 and waits[0] != 10.0


def test_retry_after_is_honoured_and_capped() -> None:
    calls = iter([429, 200])

    def limited(request: httpx.Request) -> httpx.Response:
        return httpx.Response(next(calls), headers={"Retry-After": "7"}, content=b"<html></html>")

    time = FakeTime()
    fetcher, _ = make(limited, time)
    result = fetcher.fetch("https://site.example/a")
    assert result.ok and result.attempts == 2 and 7.0 in time.sleeps

    time = FakeTime()
    day = make(lambda r: httpx.Response(429, headers={"Retry-After": "86400"}), time, max_retry_after=60)[0]
    given_up = day.fetch("https://site.example/a")
    assert given_up.error == "http_429" and given_up.retry_after == 86400 and given_up.attempts == 1
    assert "over the 60 s cap" in given_up.detail and max(time.sleeps) < 60


def test_client_errors_are_not_retried() -> None:
    time = FakeTime()
    fetcher, _ = make(lambda r: httpx.Response(404), time, retries=3)
    result = fetcher.fetch("https://site.example/a")
    assert result.error == "http_404" and result.attempts == 1


def test_connect_errors_are_results() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    fetcher = Fetcher(
        FetchPolicy(retries=1, backoff_base=0.5, jitter=0), transport=httpx.MockTransport(refuse)
    )
    fake = FakeTime()
    fetcher._sleep = fake.sleep
    result = fetcher.fetch("https://gone.example/a")
    # robots.txt could not be read: the host is skipped, without retrying the article itself.
    assert result.error == "connect_error" and "robots.txt" in result.detail and result.attempts == 1
    direct = Fetcher(
        FetchPolicy(retries=1, obey_robots=False), sleep=fake.sleep, transport=httpx.MockTransport(refuse)
    )
    failed = direct.fetch("https://gone.example/a")
    assert failed.error == "connect_error" and failed.attempts == 2 and "refused" in failed.detail


def test_conditional_get() -> None:
    def validators(request: httpx.Request) -> httpx.Response:
        if request.headers.get("If-None-Match") == '"v1"':
            return httpx.Response(304, headers={"ETag": '"v1"'})
        return httpx.Response(200, content=b"<html></html>", headers={"ETag": '"v1"', "Last-Modified": "x"})

    fetcher, seen = make(validators, FakeTime())
    first = fetcher.fetch("https://site.example/a")
    again = fetcher.fetch("https://site.example/a", etag=first.etag, last_modified=first.last_modified)
    assert not first.not_modified and again.not_modified and again.error is None and not again.ok
    assert seen[-1].headers["If-None-Match"] == '"v1"' and seen[-1].headers["If-Modified-Since"] == "x"


def test_redirects_are_counted_and_loops_found() -> None:
    def chain(request: httpx.Request) -> httpx.Response:
        n = int(request.url.path.strip("/") or 0)
        return httpx.Response(301, headers={"Location": f"/{n + 1}"}) if n < 3 else page(request)

    fetcher, _ = make(chain, FakeTime())
    followed = fetcher.fetch("https://site.example/0")
    assert followed.ok and followed.final_url == "https://site.example/3" and len(followed.redirects) == 3
    short = make(chain, FakeTime(), max_redirects=2)[0].fetch("https://site.example/0")
    assert short.error == "too_many_redirects"

    loop = make(lambda r: httpx.Response(302, headers={"Location": r.url.path}), FakeTime())[0]
    assert loop.fetch("https://site.example/self").error == "redirect_loop"


def test_every_redirect_hop_is_checked_against_robots() -> None:
    fetcher, seen = make(lambda r: httpx.Response(302, headers={"Location": "/private/x"}), FakeTime())
    result = fetcher.fetch("https://site.example/open")
    assert result.error == "robots_disallowed" and "/private/x" not in [r.url.path for r in seen]


def _trickle(time: FakeTime) -> Iterator[bytes]:
    while True:
        time.now += 1.0
        yield b"."


def test_deadline_ends_a_never_ending_body() -> None:
    time = FakeTime()
    fetcher, _ = make(lambda r: httpx.Response(200, content=_trickle(time)), time, deadline=30.0)
    result = fetcher.fetch("https://site.example/slow")
    assert result.error == "timeout" and result.truncated == "time" and 25 <= len(result.body) <= 35


def test_decoded_bytes_are_capped() -> None:
    bomb = gzip.compress(b"\0" * 20_000_000)
    headers = {"Content-Encoding": "gzip", "Content-Type": "text/html"}
    fetcher, _ = make(
        lambda r: httpx.Response(200, content=iter([bomb]), headers=headers), FakeTime(), max_bytes=1_000_000
    )
    result = fetcher.fetch("https://site.example/bomb")
    assert (
        result.error == "decompression_bomb"
        and len(result.body) == 1_000_000
        and result.truncated == "length"
    )

    text = b"<p>" + bytes(random.Random(3).randbytes(2_000_000)).hex().encode() + b"</p>"
    plain = make(lambda r: httpx.Response(200, content=iter([text])), FakeTime(), max_bytes=1_000_000)[0]
    big = plain.fetch("https://site.example/big")
    assert big.error == "too_large" and len(big.body) == 1_000_000


@pytest.mark.parametrize("encoding", ["gzip", "deflate", "br"])
def test_content_encodings_are_decoded(encoding: str) -> None:
    import zlib

    import brotli

    body = "<html><body>ख़बर خبر</body></html>".encode()
    packed = {"gzip": gzip.compress, "deflate": zlib.compress, "br": brotli.compress}[encoding](body)
    headers = {"Content-Encoding": encoding, "Content-Type": "text/html; charset=utf-8"}
    fetcher, _ = make(lambda r: httpx.Response(200, content=iter([packed]), headers=headers), FakeTime())
    result = fetcher.fetch("https://site.example/a")
    assert result.ok and result.body == body and result.charset == "utf-8"


def test_corrupt_encoding_and_not_html() -> None:
    headers = {"Content-Encoding": "gzip"}
    fetcher, _ = make(
        lambda r: httpx.Response(200, content=iter([b"\x1f\x8bnot gzip"]), headers=headers), FakeTime()
    )
    assert fetcher.fetch("https://site.example/a").error == "bad_encoding"
    image = {"Content-Type": "image/png"}
    pic = make(lambda r: httpx.Response(200, content=b"\x89PNG....", headers=image), FakeTime())[0]
    assert pic.fetch("https://site.example/p.png", expect_html=True).error == "not_html"
    assert pic.fetch("https://site.example/p.png").ok


def test_context_manager_closes() -> None:
    with make(page, FakeTime())[0] as fetcher:
        assert fetcher.fetch("https://site.example/a").ok
    assert fetcher._client.is_closed


def test_robots_txt_is_fetched_again_after_its_time() -> None:
    answers = iter([503, 200, 200])

    def flaky_robots(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/robots.txt":
            return httpx.Response(next(answers), content=b"User-agent: *\nDisallow: /x/\n")
        return page(request)

    time = FakeTime()
    policy = FetchPolicy(host_delay=0, retries=0, robots_retry=60, robots_ttl=3600)
    fetcher = Fetcher(policy, clock=time.clock, sleep=time.sleep, transport=httpx.MockTransport(flaky_robots))
    assert fetcher.fetch("https://site.example/a").error == "robots_disallowed"
    time.now += 61
    assert fetcher.fetch("https://site.example/a").ok
    assert fetcher.fetch("https://site.example/x/b").error == "robots_disallowed"
    time.now += 3601
    assert fetcher.fetch("https://site.example/a").ok and next(answers, None) is None


def test_a_redirect_without_location() -> None:
    fetcher, _ = make(lambda r: httpx.Response(302), FakeTime())
    assert fetcher.fetch("https://site.example/a").error == "bad_redirect"


@settings(max_examples=60, deadline=None)
@given(
    st.one_of(
        st.text(max_size=40),
        st.builds(lambda rest: "http://" + rest, st.text(max_size=30)),
        st.sampled_from(
            ["http://[::1", "http://site.example:99999/", "ftp://site.example/", "http:///x", "//x/y"]
        ),
    )
)
def test_odd_urls_never_raise(url: str) -> None:
    fetcher, _ = make(page, FakeTime())
    result = fetcher.fetch(url)
    assert result.ok or result.error in ERROR_CODES or (result.error or "").startswith("http_")
    assert isinstance(fetcher.sitemaps(url), list)


def test_politeness_waits_do_not_count_against_the_deadline() -> None:
    time = FakeTime()

    def two_chunks() -> Iterator[bytes]:
        for chunk in (b"<html>", b"</html>"):
            time.now += 1.0
            yield chunk

    fetcher, _ = make(lambda r: httpx.Response(200, content=two_chunks()), time, deadline=3.0)
    result = fetcher.fetch("https://site.example/a")  # after the 5 s Crawl-delay
    assert result.ok and result.body == b"<html></html>" and time.sleeps == [5.0]
