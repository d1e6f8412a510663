"""Telegram Desktop JSON exports (`result.json`), streamed.

Both shapes are read: one chat (`{"name", "type", "id", "messages": [...]}`) and a full
account export (`{"chats": {"list": [...]}, "left_chats": {...}, ...}`). Messages are
built one at a time from a flat event stream (`jsonstream`), so memory does not grow with
the export. The account's personal information, contacts, sessions and other sections are
skipped without being built.

What is kept and what is not (see docs/ingest.md):
- channel and group names and ids are kept; a private chat's name and id never are;
- a private sender's user id becomes a keyed pseudonym (BORDERWATCH_PSEUDONYM_KEY) or is
  dropped; display names, usernames and phone numbers of private senders are dropped;
  phone numbers and e-mail addresses in text become placeholders; outside public
  channels, @usernames and name mentions do too;
- a forward keeps its origin (`Document.forwarded_from`), a reply the id of the post it
  answers, an edited post its edit time; media are kept as references only;
- service messages (joins, pins, calls) and posts without text are skipped.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any, BinaryIO

from borderwatch.ingest import jsonstream as js
from borderwatch.ingest.base import Context, Item, Rejected, Skipped, Stream, make_document, parse_iso_time
from borderwatch.ingest.privacy import scrub
from borderwatch.model import Forward, Source

CHANNELS = {"public_channel", "private_channel"}
GROUPS = {"public_supergroup", "private_supergroup", "private_group"}
PRIVATE = {"personal_chat", "bot_chat", "saved_messages", "replies"}
CHAT_LISTS = ("chats", "left_chats")
MEDIA_KEYS = ("photo", "file", "thumbnail")
ROUND = 2  # decimals kept of a location shared outside a public channel (about 1 km)


def looks_like_export(head: bytes) -> bool:
    """A cheap test on the first bytes of a JSON file: an object with a message list or a
    chat list (a sightings file is a list, or an object with "sightings")."""
    text = head[:65536].decode("utf-8", "ignore").lstrip("\ufeff \t\r\n")
    if not text.startswith("{") or re.search(r'^\s*"sightings"\s*:', text[1:200]):
        return False
    return bool(re.search(r'"messages"\s*:\s*\[|"chats"\s*:\s*\{|"personal_information"\s*:', text))


class _Chat:
    def __init__(self, meta: dict, ctx: Context) -> None:
        self.type = str(meta.get("type") or "")
        raw_id = meta.get("id")
        self.public = self.type in ("public_channel", "public_supergroup")
        if self.type in PRIVATE or self.type not in CHANNELS | GROUPS:
            pseudo = ctx.keys.pseudonym("telegram-chat", raw_id)
            sid = f"telegram-private-{pseudo}" if pseudo else "telegram-private"
            name = f"Telegram private chat {pseudo}" if pseudo else "Telegram private chat"
            self.private = True
        else:
            sid = f"telegram-{int(raw_id)}" if isinstance(raw_id, (int, float)) else "telegram-unknown"
            name = str(meta.get("name") or sid)[:300]
            self.private = False
        self.channel = self.type in CHANNELS
        self.source = Source(id=sid, name=name, kind="telegram")


def read_export(f: BinaryIO, *, origin: str, ctx: Context, limit: int | None = None) -> Stream:
    """Yield an Item per message with text, Skipped for the rest, Rejected for bad ones."""
    count = 0
    try:
        events = js.Events(f, limit=limit, what=origin)
        events.expect("start_map")
        meta: dict[str, Any] = {}
        for key in js.iter_map(events):
            event, value = events.pull()
            if key == "messages":
                if event != "start_array":
                    raise js.StreamError("'messages' is not a list")
                for result in _messages(events, _Chat(meta, ctx), origin, ctx):
                    count += 1
                    yield result
            elif key in ("name", "type", "id") and event not in js.START:
                meta[key] = value
            elif key in CHAT_LISTS and event == "start_map":
                for result in _chat_list(events, origin, ctx):
                    count += 1
                    yield result
            else:
                js.skip(events, event)  # personal_information, contacts, sessions, ...: never built
        if count == 0:
            yield Rejected(origin, "no messages found: not a Telegram Desktop export (result.json)?")
    except js.StreamError as e:
        yield Rejected(origin, f"{e}; {count:,} messages before it were read")


def _chat_list(events: js.Events, origin: str, ctx: Context) -> Stream:
    for key in js.iter_map(events):
        event, value = events.pull()
        if key != "list" or event != "start_array":
            js.skip(events, event)
            continue
        for event, value in events:
            if event == "end_array":
                break
            if event != "start_map":
                js.skip(events, event)
                continue
            meta: dict[str, Any] = {}
            for ckey in js.iter_map(events):
                cevent, cvalue = events.pull()
                if ckey == "messages" and cevent == "start_array":
                    yield from _messages(events, _Chat(meta, ctx), origin, ctx)
                elif ckey in ("name", "type", "id") and cevent not in js.START:
                    meta[ckey] = cvalue
                else:
                    js.skip(events, cevent)


def _messages(events: js.Events, chat: _Chat, origin: str, ctx: Context) -> Stream:
    n = 0
    for event, value in events:
        if event == "end_array":
            return
        n += 1
        where = f"{origin}#{chat.source.id}/{n}"
        try:
            msg = js.build(events, event, value)
        except js.ValueProblem as e:
            yield Rejected(where, f"message {n}: {e}")
            continue
        if not isinstance(msg, dict):
            yield Rejected(where, f"message {n} is not an object")
            continue
        if isinstance(msg.get("id"), (int, float)):
            where = f"{origin}#{chat.source.id}/{int(msg['id'])}"
        try:
            yield message_item(msg, chat, where, ctx)
        except (ValueError, TypeError) as e:
            yield Rejected(where, str(e))
    raise js.StreamError("truncated (the file ends in the middle of the JSON)")


def _peer(value: Any) -> tuple[str, int] | None:
    """'channel123' -> ('channel', 123); also 'user…' and 'chat…'."""
    if isinstance(value, str):
        for kind in ("channel", "chat", "user"):
            if value.startswith(kind) and value[len(kind):].isdigit():
                return kind, int(value[len(kind):])
    return None


def _time(msg: dict, key: str, ctx: Context) -> dt.datetime | None:
    unix = msg.get(f"{key}_unixtime")
    if unix not in (None, ""):
        try:
            return parse_iso_time(float(unix), now=ctx.now, what=key)
        except (TypeError, ValueError) as e:
            raise ValueError(str(e)) from None
    if msg.get(key) in (None, ""):
        return None
    return parse_iso_time(msg[key], now=ctx.now, what=key)  # local time of the exporting machine


def _text(value: Any, chat: _Chat, links: list[str]) -> tuple[str, int]:
    """Plain text from a string or a list of strings and entity objects; removed entities counted."""
    if isinstance(value, str):
        return value, 0
    if not isinstance(value, list):
        raise ValueError("text is neither a string nor a list of parts")
    parts, removed = [], 0
    for part in value:
        if isinstance(part, str):
            parts.append(part)
            continue
        if not isinstance(part, dict):
            continue
        kind, text = part.get("type"), str(part.get("text") or "")
        if kind in ("phone", "email", "bank_card"):
            parts.append(f"[{'e-mail' if kind == 'email' else kind.replace('_', ' ')} removed]")
            removed += 1
        elif kind in ("mention", "mention_name") and not chat.public:
            parts.append("[username removed]" if kind == "mention" else "[name removed]")
            removed += 1
        else:
            if kind == "text_link" and str(part.get("href", "")).startswith(("http://", "https://")):
                links.append(str(part["href"])[:2000])
            parts.append(text)
    return "".join(parts), removed


def _forward(msg: dict, chat: _Chat, ctx: Context) -> Forward | None:
    name = msg.get("forwarded_from") if msg.get("forwarded_from") is not None else msg.get("saved_from")
    peer = _peer(msg.get("forwarded_from_id") or msg.get("saved_from_id"))
    if name is None and peer is None:
        return None
    if peer and peer[0] == "user" or (peer is None and not chat.public):
        pseudo = ctx.keys.pseudonym("telegram-user", f"user{peer[1]}" if peer else f"name:{name}")
        return Forward(name=f"private sender {pseudo}" if pseudo else "private sender")
    source = f"telegram-{peer[1]}" if peer else None
    return Forward(name=str(name or source)[:300], source=source)


def message_item(msg: dict, chat: _Chat, where: str, ctx: Context):
    """One message as an Item, or Skipped when it is not a report."""
    if msg.get("type") != "message":
        return Skipped(where, f"{msg.get('type') or 'untyped'} message")
    links: list[str] = []
    text, removed = _text(msg.get("text", ""), chat, links)
    text, scrubbed = scrub(text, mentions=not chat.public)
    removed += scrubbed
    media = [{"type": msg.get("media_type") or key, "ref": str(msg[key])[:500]} for key in MEDIA_KEYS if msg.get(key)]
    extra: dict[str, Any] = {}
    flags: list[str] = []
    if media:
        extra["media"] = media
    loc = msg.get("location_information")
    if isinstance(loc, dict) and "live_location_period_seconds" not in msg:
        lat, lon = loc.get("latitude"), loc.get("longitude")
        if isinstance(lat, (int, float)) and isinstance(lon, (int, float)) and -90 <= lat <= 90 and -180 <= lon <= 180:
            extra["location"] = (lat, lon) if chat.public else (round(lat, ROUND), round(lon, ROUND))
    if msg.get("contact_information") or msg.get("contact_vcard"):
        flags.append("contact-card-dropped")
    if links:
        extra["links"] = links
    if removed:
        flags.append("personal-data-removed")
    if not text.strip():
        return Skipped(where, "no text (media only)" if media or loc else "no text")
    mid = msg.get("id")
    if not isinstance(mid, (int, float)) or isinstance(mid, bool):
        raise ValueError("message without a numeric id")
    external = f"telegram:{chat.source.id}/{int(mid)}"
    author = None
    sender = _peer(msg.get("from_id"))
    if sender and sender[0] == "user":
        author = ctx.keys.pseudonym("telegram-user", f"user{sender[1]}")
    elif msg.get("author"):  # a channel signature names an admin: a person
        author = ctx.keys.pseudonym("telegram-signature", msg["author"])
    reply = msg.get("reply_to_message_id")
    reply_to = None
    if isinstance(reply, (int, float)) and not isinstance(reply, bool):
        peer = _peer(msg.get("reply_to_peer_id"))
        target = f"telegram-{peer[1]}" if peer and peer[0] == "channel" else chat.source.id
        reply_to = f"telegram:{target}/{int(reply)}" if not peer or peer[0] == "channel" else None
    forward = _forward(msg, chat, ctx)
    published, edited = _time(msg, "date", ctx), _time(msg, "edited", ctx)
    kept = {"id": int(mid), "date": published.isoformat() if published else None, "text": text,
            "forwarded_from": forward.to_json() if forward else None, "reply_to": reply_to,
            "edited": edited.isoformat() if edited else None, "author": author, **extra}
    raw = json.dumps({k: v for k, v in kept.items() if v is not None}, ensure_ascii=False)
    doc = make_document(chat.source, text, raw=raw, ctx=ctx, origin=where, published=published,
                        external_id=external, forwarded_from=forward, reply_to=reply_to, edited=edited,
                        author=author, flags=tuple(flags))
    return Item(chat.source, doc, extra)
