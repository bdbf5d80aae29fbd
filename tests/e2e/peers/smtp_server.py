#!/usr/bin/env python3
"""A real SMTP server on loopback for the tests (aiosmtpd): AUTH PLAIN/LOGIN with one user, saves every
message it accepts as <dir>/<n>.eml with a <n>.json envelope (mail_from, rcpt_tos). Prints "READY <port>".
Usage: smtp_server.py DIR PORT USER PASSWORD [--reject-domain example.invalid]"""
import asyncio, json, os, sys, threading
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

out_dir, port, user, password = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
reject = sys.argv[6] if len(sys.argv) > 6 and sys.argv[5] == '--reject-domain' else None
lock = threading.Lock()
counter = [0]


class Handler:
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if reject and address.lower().endswith('@' + reject):
            return '550 5.1.1 mailbox unavailable'
        envelope.rcpt_tos.append(address)
        return '250 OK'

    async def handle_DATA(self, server, session, envelope):
        with lock:
            counter[0] += 1
            n = counter[0]
        with open(os.path.join(out_dir, f'{n}.eml'), 'wb') as f:
            f.write(envelope.original_content)
        with open(os.path.join(out_dir, f'{n}.json'), 'w') as f:
            json.dump({'mail_from': envelope.mail_from, 'rcpt_tos': envelope.rcpt_tos}, f)
        return '250 Message accepted for delivery'


def authenticator(server, session, envelope, mechanism, auth_data):
    if isinstance(auth_data, LoginPassword) and auth_data.login.decode() == user and auth_data.password.decode() == password:
        return AuthResult(success=True)
    return AuthResult(success=False, handled=False)


controller = Controller(Handler(), hostname='127.0.0.1', port=port, authenticator=authenticator,
                        auth_required=True, auth_require_tls=False, data_size_limit=10 * 1024 * 1024)
controller.start()
print(f'READY {controller.port}', flush=True)
try:
    asyncio.get_event_loop().run_forever() if False else threading.Event().wait()
except KeyboardInterrupt:
    pass
finally:
    controller.stop()
