"""Serve the built site on 127.0.0.1 as a static host such as GitHub Pages does: text files
gzip-compressed when the browser accepts it (``Content-Encoding: gzip``), images and fonts as
they are. For Lighthouse (benchmarks/lighthouse.sh); Python's http.server sends everything
uncompressed, which no production host does.

    python benchmarks/serve.py DIRECTORY PORT [--plain]
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import os

TEXT = (".html", ".css", ".js", ".json", ".svg", ".txt", ".xml", ".map")


class Handler(http.server.SimpleHTTPRequestHandler):
    compress = True

    def log_message(self, *args: object) -> None:
        pass

    def send_head(self):
        path = self.translate_path(self.path)
        wants = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (self.compress and wants and path.endswith(TEXT) and os.path.isfile(path)):
            return super().send_head()
        with open(path, "rb") as f:
            body = gzip.compress(f.read(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        import io

        return io.BytesIO(body)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory")
    parser.add_argument("port", type=int)
    parser.add_argument("--plain", action="store_true", help="no compression (http.server)")
    args = parser.parse_args()
    Handler.compress = not args.plain
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", args.port), functools.partial(Handler, directory=args.directory)
    )
    server.serve_forever()


if __name__ == "__main__":
    main()
