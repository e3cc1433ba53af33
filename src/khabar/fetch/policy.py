"""How politely and how far the fetcher goes (``FetchPolicy``), and what one fetch gave (``FetchResult``)."""

from __future__ import annotations

from dataclasses import dataclass, field

from khabar import __version__
from khabar.config import DEFAULT_MAX_DOCUMENT_BYTES

#: The User-Agent sent unless the policy says otherwise: names Khabar so a site can tell it apart.
DEFAULT_USER_AGENT = f"Khabar/{__version__} (self-hosted news monitor; polite, obeys robots.txt)"

#: Reason codes a ``FetchResult.error`` may hold (``http_NNN`` for any status of 400 and above).
ERROR_CODES = (
    "timeout",
    "too_large",
    "decompression_bomb",
    "redirect_loop",
    "too_many_redirects",
    "bad_redirect",
    "robots_disallowed",
    "connect_error",
    "bad_encoding",
    "not_html",
    "bad_url",
    "retry_after_too_long",
)


@dataclass(frozen=True)
class FetchPolicy:
    """Limits and manners of a :class:`~khabar.fetch.client.Fetcher`; every number is configurable.

    ``deadline`` bounds a whole response (headers and body), so a server that trickles bytes
    forever is cut off; ``max_bytes`` counts DECODED bytes, so a gzip bomb stops at the cap.
    ``host_delay`` is the least time between two requests to one host; a larger robots.txt
    ``Crawl-delay`` wins, up to ``max_crawl_delay``. A ``Retry-After`` longer than
    ``max_retry_after`` is recorded and the fetch gives up instead of waiting.
    """

    user_agent: str = DEFAULT_USER_AGENT
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    deadline: float = 60.0
    max_bytes: int = DEFAULT_MAX_DOCUMENT_BYTES
    max_redirects: int = 5
    host_delay: float = 1.0
    max_crawl_delay: float = 30.0
    retries: int = 2
    backoff_base: float = 1.0
    backoff_max: float = 30.0
    jitter: float = 0.25  # share of the backoff added at random (0 = none)
    max_retry_after: float = 60.0
    obey_robots: bool = True
    robots_max_bytes: int = 512 * 1024
    robots_ttl: float = 86400.0  # seconds a host's robots.txt is kept before it is fetched again
    robots_retry: float = 600.0  # seconds before an unreadable robots.txt is tried again
    #: Decoded/received byte ratio above which an over-large compressed body counts as a bomb.
    bomb_ratio: float = 100.0


@dataclass
class FetchResult:
    """What fetching one URL gave. Never raised: a failure is a result with ``error`` set.

    ``body`` is the payload as received after content decoding (gzip, br), at most
    ``max_bytes`` of it when the fetch stopped early. ``headers`` are the final response's
    headers with lower-case names; ``request_headers`` what was sent on the final hop.
    """

    url: str
    final_url: str
    status: int | None = None
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    fetched_at: str = ""
    elapsed: float = 0.0  # seconds of the final request (politeness waits not counted)
    error: str | None = None
    detail: str = ""
    not_modified: bool = False
    retry_after: float | None = None
    charset: str | None = None
    request_headers: dict[str, str] = field(default_factory=dict)
    redirects: list[str] = field(default_factory=list)
    attempts: int = 1
    http_version: str = "HTTP/1.1"
    reason_phrase: str = ""
    received: int = 0  # body bytes off the wire (before content decoding)
    truncated: str | None = None  # WARC-Truncated reason ("length", "time") when the body was cut

    @property
    def ok(self) -> bool:
        """A 2xx response read whole."""
        return self.error is None and self.status is not None and 200 <= self.status < 300

    @property
    def etag(self) -> str | None:
        """The response's ETag, for the next conditional GET."""
        return self.headers.get("etag")

    @property
    def last_modified(self) -> str | None:
        """The response's Last-Modified, for the next conditional GET."""
        return self.headers.get("last-modified")

    @property
    def content_type(self) -> str | None:
        """The media type without parameters, lower-cased (``text/html``)."""
        value = self.headers.get("content-type")
        return value.split(";", 1)[0].strip().lower() or None if value else None
