#!/usr/bin/env python3
"""Checks Herald's X-Clab-Hmac-Signature (the DM Hub scheme) over the raw body a receiver got.

Usage: python3 verify.py <secret> <body-file> <X-Clab-Hmac-Signature> [<X-Clab-Hmac-Signature-New>]
Prints "valid" (exit 0) or "invalid" (exit 1). The algorithm: ../signatures.md.
"""
import hashlib
import hmac
import re
import sys

# Java's \s: space, \t, \n, \x0B, \f, \r, on the raw bytes. Not Python's str \s, which would also
# remove U+3000 and U+00A0 (DM Hub keeps them).
JAVA_WHITESPACE = re.compile(rb"[ \t\n\x0b\f\r]+")


def dmhub_signature(secret: str, raw_body: bytes) -> str:
    """Lowercase hex HMAC-SHA256(secret, raw body without Java whitespace)."""
    return hmac.new(secret.encode("utf-8"), JAVA_WHITESPACE.sub(b"", raw_body), hashlib.sha256).hexdigest()


def verify(secret: str, raw_body: bytes, header_values: list[str]) -> bool:
    """True when one of the header values matches (during a secret rotation Herald sends two)."""
    expected = dmhub_signature(secret, raw_body)
    return any(hmac.compare_digest(value.strip().lower(), expected) for value in header_values)


def main() -> int:
    if len(sys.argv) < 4:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    secret, body_file, *header_values = sys.argv[1:]
    with open(body_file, "rb") as f:
        ok = verify(secret, f.read(), header_values)
    print("valid" if ok else "invalid")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
