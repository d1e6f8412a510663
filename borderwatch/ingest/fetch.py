"""Fetching URLs without becoming a weapon (httpx).

Every hop of a fetch (the URL, then each redirect) is checked the same way:
1. only http and https, no user name or password in the URL;
2. the host is resolved here and *every* address it resolves to must be public: private
   (10/8, 172.16/12, 192.168/16, fc00::/7), loopback, link-local (169.254/16, fe80::/10,
   which holds cloud metadata services), shared (100.64/10), multicast, reserved and
   unspecified addresses are refused. Encoded forms (2130706433, 0x7f.1, 0177.0.0.1,
   ::ffff:127.0.0.1, 64:ff9b::7f00:1) are refused because the check is on the resolved
   address, after decoding;
3. the connection goes to the address that was checked (no second DNS lookup that could
   answer differently), with the host name kept for the Host header and TLS (SNI and
   certificate check).
`FetchPolicy(allow_private=True)` (the CLI's `--allow-private`) allows private and
loopback addresses, never link-local or metadata ones; `allow_networks` allows named
networks explicitly. Responses are limited in time (connect, read, and a total
deadline that also stops slow drips and endless streams), size (before and after
decompression), redirects and content type.
"""

from __future__ import annotations

import ipaddress
import socket
import time
import zlib
from dataclasses import dataclass
from typing import Callable
from urllib.parse import urljoin

import httpx

from borderwatch.errors import InputError
from borderwatch.ingest.base import FetchPolicy

FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml",
              "text/xml", "application/feed+json")
PAGE_TYPES = ("text/html", "application/xhtml+xml")
DOCUMENT_TYPES = FEED_TYPES + PAGE_TYPES + ("text/plain",)
USER_AGENT = "borderwatch/0.1 (+https://github.com/borderwatch; open-source early warning)"
Resolver = Callable[[str, int], list[str]]
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_METADATA = {ipaddress.ip_address("169.254.169.254"), ipaddress.ip_address("fd00:ec2::254"),
             ipaddress.ip_address("100.100.100.200")}


class FetchError(InputError):
    """A URL that was refused or could not be fetched within the limits."""


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    status: int
    content_type: str
    charset: str | None
    data: bytes


def system_resolver(host: str, port: int) -> list[str]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as e:
        raise FetchError(f"cannot resolve {host}: {e}") from None
    return list(dict.fromkeys(info[4][0] for info in infos))


def classify(address: str) -> str | None:
    """Why an address may not be fetched ('loopback', 'private', ...), or None if public."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if ip.version == 6:
        if ip.ipv4_mapped:
            return classify(str(ip.ipv4_mapped))
        if ip in _NAT64:
            return classify(str(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)))
        if ip.sixtofour:
            return classify(str(ip.sixtofour))
        if ip.teredo:
            return classify(str(ip.teredo[1]))
    if ip in _METADATA:
        return "cloud metadata"
    if ip.is_loopback:
        return "loopback"
    if ip.is_link_local:
        return "link-local"
    if ip.is_unspecified:
        return "unspecified"
    if ip.is_multicast:
        return "multicast"
    if ip.is_private:
        return "private"
    if ip.is_reserved or not ip.is_global:
        return "reserved"
    return None


def _allowed(address: str, why: str | None, policy: FetchPolicy) -> bool:
    if why is None:
        return True
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if any(ip in ipaddress.ip_network(n, strict=False) for n in policy.allow_networks):
        return True
    return policy.allow_private and why in ("loopback", "private")


def check_target(url: str, policy: FetchPolicy, resolve: Resolver) -> tuple[httpx.URL, str]:
    """The parsed URL and the one address to connect to; FetchError when refused."""
    try:
        u = httpx.URL(url)
    except (httpx.InvalidURL, TypeError, ValueError) as e:
        raise FetchError(f"{url[:200]}: not a valid URL ({e})") from None
    if u.scheme not in ("http", "https"):
        raise FetchError(f"{url[:200]}: only http and https URLs are fetched")
    if u.userinfo:
        raise FetchError(f"{url[:200]}: URLs with a user name or password are refused")
    host = u.raw_host.decode("ascii", "replace").strip("[]")
    if not host:
        raise FetchError(f"{url[:200]}: no host")
    port = u.port or (443 if u.scheme == "https" else 80)
    addresses = resolve(host, port)
    if not addresses:
        raise FetchError(f"{url[:200]}: {host} resolves to no address")
    for address in addresses:
        why = classify(address)
        if not _allowed(address, why, policy):
            hint = "" if why in ("link-local", "cloud metadata", "multicast", "unspecified", "reserved") \
                else " (use --allow-private to allow it)"
            raise FetchError(f"{url[:200]}: refused: {host} resolves to {address}, a {why} address{hint}")
    return u, addresses[0]


def fetch(url: str, *, policy: FetchPolicy = FetchPolicy(), accept: tuple[str, ...] = DOCUMENT_TYPES,
          resolve: Resolver = system_resolver, transport: httpx.BaseTransport | None = None) -> Fetched:
    """GET a URL within the policy's limits. Raises FetchError with a one-line reason."""
    deadline = time.monotonic() + policy.total_timeout
    timeout = httpx.Timeout(connect=policy.connect_timeout, read=policy.read_timeout,
                            write=policy.read_timeout, pool=policy.connect_timeout)
    current = url
    with httpx.Client(timeout=timeout, follow_redirects=False, trust_env=False, transport=transport,
                      headers={"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"}) as client:
        for hop in range(policy.max_redirects + 1):
            u, address = check_target(current, policy, resolve)
            ip_host = f"[{address}]" if ":" in address else address
            target = u.copy_with(host=ip_host) if transport is None else u
            headers = {"Host": u.netloc.decode("ascii")}
            ext = {"sni_hostname": u.host} if u.scheme == "https" else {}
            try:
                with client.stream("GET", target, headers=headers, extensions=ext) as r:
                    if r.status_code in (301, 302, 303, 307, 308):
                        location = r.headers.get("location")
                        if not location:
                            raise FetchError(f"{current[:200]}: redirect without a Location")
                        current = urljoin(current, location)
                        continue
                    if r.status_code != 200:
                        raise FetchError(f"{current[:200]}: HTTP {r.status_code}")
                    ctype, charset = _content_type(r.headers.get("content-type", ""))
                    if accept and not any(ctype == a for a in accept):
                        raise FetchError(f"{current[:200]}: content type {ctype or 'missing'!r} is not one of "
                                         f"{', '.join(accept)}")
                    length = r.headers.get("content-length")
                    if length and length.isdigit() and int(length) > policy.max_bytes:
                        raise FetchError(f"{current[:200]}: {int(length):,} bytes is over the "
                                         f"{policy.max_bytes:,}-byte limit")
                    data = _read_body(r, policy, deadline, current)
                    return Fetched(url=current, status=r.status_code, content_type=ctype, charset=charset, data=data)
            except httpx.TimeoutException:
                raise FetchError(f"{current[:200]}: no answer within the time limit") from None
            except httpx.HTTPError as e:
                raise FetchError(f"{current[:200]}: {type(e).__name__}: {str(e)[:200]}") from None
    raise FetchError(f"{url[:200]}: more than {policy.max_redirects} redirects")


def _content_type(header: str) -> tuple[str, str | None]:
    parts = [p.strip() for p in header.split(";")]
    charset = next((p.split("=", 1)[1].strip('"\' ') for p in parts[1:] if p.lower().startswith("charset=")), None)
    return parts[0].lower(), charset


def _read_body(r: httpx.Response, policy: FetchPolicy, deadline: float, url: str) -> bytes:
    """The body, decompressed here with a cap on the output (a gzip bomb stops at the cap)."""
    encoding = r.headers.get("content-encoding", "identity").lower().strip()
    if encoding in ("gzip", "x-gzip"):
        decoder = zlib.decompressobj(16 + zlib.MAX_WBITS)
    elif encoding == "deflate":
        decoder = zlib.decompressobj()
    elif encoding in ("identity", ""):
        decoder = None
    else:
        raise FetchError(f"{url[:200]}: unsupported content encoding {encoding!r}")
    out = bytearray()
    for chunk in r.iter_raw():  # as the bytes arrive, so the deadline is checked on every drip
        if time.monotonic() > deadline:
            raise FetchError(f"{url[:200]}: took longer than {policy.total_timeout:g} s (slow or endless response)")
        if decoder is None:
            out += chunk
        else:
            try:
                while chunk:
                    out += decoder.decompress(chunk, policy.max_bytes + 1 - len(out))
                    chunk = decoder.unconsumed_tail
                    if len(out) > policy.max_bytes:
                        break
            except zlib.error as e:
                raise FetchError(f"{url[:200]}: broken {encoding} data ({e})") from None
        if len(out) > policy.max_bytes:
            raise FetchError(f"{url[:200]}: over the {policy.max_bytes:,}-byte limit"
                             + (" after decompression" if decoder else ""))
    if time.monotonic() > deadline:
        raise FetchError(f"{url[:200]}: took longer than {policy.total_timeout:g} s (slow or endless response)")
    return bytes(out)


def kind_of_response(got: Fetched) -> str:
    """'feed' or 'web' for a fetched body."""
    if got.content_type in FEED_TYPES:
        return "feed"
    head = got.data[:2048].lstrip().lower()
    if got.content_type == "text/plain" and (head.startswith(b"<?xml") or b"<rss" in head or b"<feed" in head):
        return "feed"
    return "web"
