"""ssh_public_key_problem: what is wrong with an OpenSSH public key line, or '' when nothing is.

A pattern accepts a key cut short ("ssh-ed25519 AAAAC3Nza") or a body of another type; this reads the
key as sshd will: the base64 body must decode, name the same type as the line, and hold a whole key.
"""

from __future__ import annotations

import base64
import binascii
import struct

# Fields after the type name, for the types sshd accepts; "mpint"/"string" as in RFC 4253.
KEY_FIELDS = {
    "ssh-ed25519": ["string"],
    "ssh-rsa": ["mpint", "mpint"],
    "ecdsa-sha2-nistp256": ["string", "string"],
    "ecdsa-sha2-nistp384": ["string", "string"],
    "ecdsa-sha2-nistp521": ["string", "string"],
    "sk-ssh-ed25519@openssh.com": ["string", "string"],
    "sk-ecdsa-sha2-nistp256@openssh.com": ["string", "string", "string"],
}
MIN_RSA_BITS = 2048


def _read_strings(blob: bytes) -> list[bytes]:
    fields, offset = [], 0
    while offset < len(blob):
        if offset + 4 > len(blob):
            raise ValueError("ends inside a length field")
        (length,) = struct.unpack(">I", blob[offset:offset + 4])
        offset += 4
        if offset + length > len(blob):
            raise ValueError("ends inside a field")
        fields.append(blob[offset:offset + length])
        offset += length
    return fields


def ssh_public_key_problem(line) -> str:
    text = str(line).strip()
    if "PRIVATE KEY" in text:
        return "this is a private key; give the public key (the .pub file) and keep the private one secret"
    parts = text.split()
    if len(parts) < 2:
        return "not a key line: expected '<type> <base64 key> [comment]'"
    key_type, body = parts[0], parts[1]
    if key_type not in KEY_FIELDS:
        return f"unknown key type {key_type!r} (expected one of {', '.join(sorted(KEY_FIELDS))})"
    try:
        blob = base64.b64decode(body, validate=True)
    except (binascii.Error, ValueError):
        return "the key body is not valid base64 (cut short or altered?)"
    try:
        fields = _read_strings(blob)
    except ValueError as exc:
        return f"the key body {exc}: it was cut short"
    if not fields or fields[0] != key_type.encode():
        inner = fields[0].decode(errors="replace") if fields else "nothing"
        return f"the line says {key_type} but its body holds a {inner} key"
    if len(fields) - 1 != len(KEY_FIELDS[key_type]):
        return f"the {key_type} body has {len(fields) - 1} fields instead of {len(KEY_FIELDS[key_type])}: cut short?"
    if key_type == "ssh-ed25519" and len(fields[1]) != 32:
        return "the ed25519 key is not 32 bytes long"
    if key_type == "ssh-rsa":
        bits = int.from_bytes(fields[2], "big").bit_length()
        if bits < MIN_RSA_BITS:
            return f"the RSA key has {bits} bits; use at least {MIN_RSA_BITS} (or ed25519)"
    return ""


class FilterModule:
    def filters(self):
        return {"ssh_public_key_problem": ssh_public_key_problem}
