#!/usr/bin/env python3
"""Parses received messages with python's email package and prints what the tests check, as JSON:
one object for one file; with --many FILE..., an array in the files' order (one process for hundreds)."""
import email, email.policy, hashlib, json, sys


def parse(path):
    raw = open(path, 'rb').read()
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    parts = []
    for part in msg.walk():
        if part.is_multipart():
            continue
        parts.append({
            'type': part.get_content_type(),
            'charset': part.get_content_charset(),
            'cte': part.get('Content-Transfer-Encoding'),
            'disposition': part.get_content_disposition(),
            'filename': part.get_filename(),
            'content': part.get_content() if part.get_content_maintype() == 'text' else None,
            # binary parts (attachments): the decoded bytes' SHA-256 and size
            'sha256': None if part.get_content_maintype() == 'text' else hashlib.sha256(part.get_payload(decode=True)).hexdigest(),
            'size': len(part.get_payload(decode=True) or b''),
        })
    raw_subject = None
    for line in raw.split(b'\r\n\r\n', 1)[0].decode('ascii').split('\r\n'):
        if line.lower().startswith('subject:'):
            raw_subject = line
    return {
        'subject': str(msg['Subject']),
        'raw_subject': raw_subject,
        'from': str(msg['From']),
        'to': str(msg['To']),
        'message_id': msg['Message-ID'],
        'list_unsubscribe': msg['List-Unsubscribe'],
        'list_unsubscribe_post': msg['List-Unsubscribe-Post'],
        'content_type': msg.get_content_type(),
        'max_line': max(len(l) for l in raw.split(b'\r\n')),
        'ascii_only': all(b < 128 for b in raw),
        'parts': parts,
    }


if sys.argv[1] == '--many':
    print(json.dumps([parse(f) for f in sys.argv[2:]], ensure_ascii=False))
else:
    print(json.dumps(parse(sys.argv[1]), ensure_ascii=False))
