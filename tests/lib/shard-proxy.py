#!/usr/bin/env python3
# Dateline tests: a TCP proxy in front of one xapian-tcpsrv that breaks
# the connection part-way, to test a shard that dies or stalls after a
# search has started (tests/e2e/t0711-remote-midsearch.sh).
#
# Copyright (C) 2026 the Dateline developers.
# SPDX-License-Identifier: GPL-2.0-or-later
#
#   shard-proxy.py PORTFILE TARGET_PORT MODE K LOG
#
# Listens on a free loopback port and writes it to PORTFILE.  For each
# connection it forwards bytes both ways; every read from the client
# counts as one request.  MODE "pass" forwards everything; "drop" closes
# both sides instead of forwarding the client's request number K (so the
# server answered K-1 requests: the greeting and the opening exchanges
# come first); "stall" stops forwarding from request K on and keeps the
# connection open, silent.  When a connection ends, the number of client
# requests seen is appended to LOG.  It runs until killed.
import os
import select
import socket
import sys
import threading


def serve(client, target_port, mode, k, log):
    server = socket.create_connection(("127.0.0.1", target_port))
    requests = 0
    stalled = False
    try:
        while True:
            ready, _, _ = select.select([client, server], [], [], 1.0)
            for s in ready:
                data = s.recv(65536)
                if not data:
                    return
                if s is client:
                    requests += 1
                    if mode == "drop" and requests >= k:
                        return
                    if mode == "stall" and requests >= k:
                        stalled = True
                    if not stalled:
                        server.sendall(data)
                elif not stalled:
                    client.sendall(data)
    except OSError:
        return
    finally:
        with open(log, "a") as f:
            f.write("%d\n" % requests)
        for s in (client, server):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            s.close()


def main():
    portfile, target, mode, k, log = sys.argv[1:6]
    lsn = socket.socket()
    lsn.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    lsn.bind(("127.0.0.1", 0))
    lsn.listen(16)
    with open(portfile + ".tmp", "w") as f:
        f.write("%d\n" % lsn.getsockname()[1])
    os.rename(portfile + ".tmp", portfile)
    while True:
        c, _ = lsn.accept()
        threading.Thread(target=serve, daemon=True,
                         args=(c, int(target), mode, int(k), log)).start()


if __name__ == "__main__":
    main()
