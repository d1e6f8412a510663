"""Holding as little about reporters as the work allows.

- `Keys.pseudonym(kind, value)`: a keyed pseudonym (HMAC-SHA256 with
  BORDERWATCH_PSEUDONYM_KEY) for a private sender's platform id. Without the key there
  are no pseudonyms: the identifier is dropped. The key never goes into the store: a
  store that kept its own key would let whoever seizes it test known ids against it.
- `Keys.encrypt_contact(text)`: Fernet encryption with BORDERWATCH_CONTACT_KEY; without
  a key contact details are refused, never stored in clear.
- `scrub(text)`: phone numbers and e-mail addresses in free text become placeholders.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
from dataclasses import dataclass

from borderwatch.errors import InputError

PSEUDONYM_ENV = "BORDERWATCH_PSEUDONYM_KEY"
CONTACT_ENV = "BORDERWATCH_CONTACT_KEY"

_PHONE = re.compile(
    r"(?<![\w+])(?:(?:\+|00)\d[\d\s().-]{7,18}\d"          # +375 29 123-45-67, 00380671234567
    r"|8[\s-]?\(?0\d{2}\)?[\s-]?\d{3}[\s-]?\d{2}[\s-]?\d{2}"  # 8 (029) 123-45-67 (BY, UA, RU trunk prefix)
    r")(?!\w)")
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63})+(?!\w)")
_MENTION = re.compile(r"(?<![\w@])@[A-Za-z][A-Za-z0-9_]{3,31}\b")


def scrub(text: str, *, mentions: bool = False) -> tuple[str, int]:
    """Replace phone numbers and e-mail addresses (and @usernames when asked) with
    placeholders. Returns the text and how many were replaced."""
    count = 0

    def sub(pattern: re.Pattern, placeholder: str, value: str) -> str:
        nonlocal count
        value, n = pattern.subn(placeholder, value)
        count += n
        return value

    text = sub(_EMAIL, "[e-mail removed]", text)
    text = sub(_PHONE, "[phone removed]", text)
    if mentions:
        text = sub(_MENTION, "[username removed]", text)
    return text, count


@dataclass(frozen=True)
class Keys:
    pseudonym_key: bytes | None = None
    contact_key: str | None = None

    @classmethod
    def from_env(cls) -> "Keys":
        p = os.environ.get(PSEUDONYM_ENV) or None
        return cls(pseudonym_key=p.encode() if p else None, contact_key=os.environ.get(CONTACT_ENV) or None)

    def pseudonym(self, kind: str, value: object) -> str | None:
        """'p-' and 16 hex digits of HMAC-SHA256(key, kind:value); None without a key."""
        if self.pseudonym_key is None or value is None or value == "":
            return None
        mac = hmac.new(self.pseudonym_key, f"{kind}:{value}".encode(), hashlib.sha256).hexdigest()
        return f"p-{mac[:16]}"

    def _fernet(self):
        from cryptography.fernet import Fernet

        if not self.contact_key:
            raise InputError(f"contact details were given with consent, but {CONTACT_ENV} is not set: refusing to "
                             "store them unencrypted (set the key and ingest again, or leave the contact out)")
        try:
            return Fernet(self.contact_key.encode())
        except (ValueError, TypeError):
            raise InputError(f"{CONTACT_ENV} is not a Fernet key (32 url-safe base64-encoded bytes; make one with "
                             "python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())')"
                             ) from None

    def encrypt_contact(self, text: str) -> bytes:
        return self._fernet().encrypt(text.encode("utf-8"))

    def decrypt_contact(self, token: bytes) -> str:
        return self._fernet().decrypt(token).decode("utf-8")
