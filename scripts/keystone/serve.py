"""Serves Keystone's public WSGI app on loopback for scripts/keystone.sh.

keystone-wsgi-public would serve it too, but on wsgiref's single-threaded
server with a listen backlog of 5. Here each connection gets its own thread, so
a client that stalls holds only itself up, and the backlog is larger; the
Keystone app still sees one request at a time (see serialized()). Production
Keystones run under uwsgi or mod_wsgi.

Configuration comes from OS_KEYSTONE_CONFIG_DIR (read by keystone itself).
"""
import argparse
import socketserver
import sys
import threading
from wsgiref.simple_server import ServerHandler, WSGIRequestHandler, WSGIServer, make_server

from keystone.server.wsgi import initialize_public_application


class ThreadingWSGIServer(socketserver.ThreadingMixIn, WSGIServer):
    daemon_threads = True
    # With the default backlog of 5, a burst of parallel clients sees refused or retried connects.
    request_queue_size = 64


class ClosingServerHandler(ServerHandler):
    def cleanup_headers(self):
        super().cleanup_headers()
        # wsgiref serves one request per connection but does not say so. Clients
        # that keep connections alive (.NET's HttpClient) then send their next
        # request on a socket the server is closing: "response ended prematurely".
        self.headers["Connection"] = "close"


class ClosingRequestHandler(WSGIRequestHandler):
    def handle(self):
        # As WSGIRequestHandler.handle, with ClosingServerHandler.
        self.raw_requestline = self.rfile.readline(65537)
        if len(self.raw_requestline) > 65536:
            self.send_error(414)
            return
        if not self.parse_request():
            return
        handler = ClosingServerHandler(
            self.rfile, self.wfile, self.get_stderr(), self.get_environ(), multithread=False)
        handler.request_handler = self
        handler.run(self.server.get_app())


def serialized(app):
    """Runs one request at a time through Keystone.

    Keystone's SQL layer opens deferred transactions that read, then write
    (every password check updates local_user.failed_auth_count). Two of those
    at once on SQLite fail with "database is locked" at once, without waiting
    for the busy timeout, because neither can upgrade its read snapshot.
    Connections are still accepted and read by their own threads.
    """
    lock = threading.Lock()

    def call(environ, start_response):
        with lock:
            # Flask may produce the response lazily, and its close() ends the
            # request (database session included): both while holding the lock.
            result = app(environ, start_response)
            try:
                return list(result)
            finally:
                if hasattr(result, "close"):
                    result.close()

    return call


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    # oslo.config parses sys.argv when keystone loads its configuration.
    sys.argv[1:] = []

    app = serialized(initialize_public_application())
    server = make_server(args.host, args.port, app,
                         server_class=ThreadingWSGIServer,
                         handler_class=ClosingRequestHandler)
    print(f"keystone listening on http://{args.host}:{args.port}/v3", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    sys.exit(0)


if __name__ == "__main__":
    main()
