"""Synthetic Telegram Desktop exports of any size, written as a stream (for tests and
benchmarks): memory stays flat however many messages are asked for."""

from __future__ import annotations

import json
from pathlib import Path

PLACES = ["Мазыр", "Ельск", "Калінкавічы", "Рэчыца", "Хойнікі", "Нараўля", "Брагін", "Лельчыцы"]
KINDS = ["танкаў Т-72Б3", "БТР-82А", "грузавікоў КамАЗ", "паліўных цыстэрнаў", "БМП-2"]


def message(i: int, base: int = 1_700_000_000) -> dict:
    """Message number `i`: mostly plain Russian/Belarusian text, some entity lists,
    forwards, replies, edits, media and service messages, all with distinct text."""
    date = base + i * 37
    m: dict = {"id": i, "type": "message", "date": "2023-11-14T22:13:20", "date_unixtime": str(date),
               "from": "Палессе Манітор", "from_id": "channel1876543210"}
    place, kind = PLACES[i % len(PLACES)], KINDS[i % len(KINDS)]
    text = f"Паведамленне {i}: {3 + i % 40} {kind} каля {place}, рух у бок мяжы."
    r = i % 10
    if r == 0:
        return {"id": i, "type": "service", "date_unixtime": str(date), "actor": "Палессе Манітор",
                "actor_id": "channel1876543210", "action": "pin_message", "message_id": i - 1, "text": ""}
    if r == 1:
        m["text"] = [{"type": "bold", "text": f"Тэрмінова {i}."}, " " + text,
                     {"type": "text_link", "text": " крыніца", "href": f"https://palessie.example/{i}"}]
    else:
        m["text"] = text
    if r == 2:
        m["forwarded_from"], m["forwarded_from_id"] = "Беларускі Гаюн", "channel1234567890"
    if r == 3:
        m["reply_to_message_id"] = i - 3
    if r == 4:
        m["edited_unixtime"] = str(date + 600)
    if r == 5:
        m["photo"], m["width"], m["height"] = f"photos/photo_{i}@14-11-2023_22-13-20.jpg", 1280, 960
    m["text_entities"] = [{"type": "plain", "text": text}]
    return m


def write_export(path: Path, n: int, *, name: str = "Палессе Манітор", chat_id: int = 1876543210) -> Path:
    with path.open("w", encoding="utf-8") as f:
        f.write(json.dumps({"name": name, "type": "public_channel", "id": chat_id}, ensure_ascii=False)[:-1])
        f.write(', "messages": [\n')
        for i in range(1, n + 1):
            f.write(json.dumps(message(i), ensure_ascii=False))
            f.write(",\n" if i < n else "\n")
        f.write("]}\n")
    return path
