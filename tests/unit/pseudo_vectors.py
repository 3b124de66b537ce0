#!/usr/bin/env python3
"""The expected values of tests/unit/test_pseudo.c, from Python's own hmac and hashlib
(independent of ripple's SHA-256): codes of a few ids under two secrets, and HMACs of
messages whose lengths sit on SHA-256's padding boundaries (55, 56, 63, 64, 65, 119, 120)."""
import hashlib
import hmac

K1 = b"a secret of the evaluation team"
K2 = b"another secret, not the same one"
for ident in ["P1", "X", "Ann Lee", "T1", "O1"]:
    print(ident, hmac.new(K1, ident.encode(), hashlib.sha256).hexdigest()[:10])
print("P1 (K2)", hmac.new(K2, b"P1", hashlib.sha256).hexdigest()[:10])
for n in (55, 56, 63, 64, 65, 119, 120):
    print(n, hmac.new(b"k" * 16, b"m" * n, hashlib.sha256).hexdigest())
