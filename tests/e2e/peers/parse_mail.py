#!/usr/bin/env python3
"""Parses a received message with python's email package and prints what the tests check, as JSON."""
import email, email.policy, json, sys

raw = open(sys.argv[1], 'rb').read()
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
    })
raw_subject = None
for line in raw.split(b'\r\n\r\n', 1)[0].decode('ascii').split('\r\n'):
    if line.lower().startswith('subject:'):
        raw_subject = line
print(json.dumps({
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
}, ensure_ascii=False))
