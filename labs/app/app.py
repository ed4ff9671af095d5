"""수강신청 웹 앱: 표준 라이브러리만 쓰는 작은 HTTP 서버.

    GET  /health     -> 200 {"status": "ok"}           (로드 밸런서·ECS 상태 확인용)
    GET  /courses    -> 200 과목과 남은 좌석
    POST /register   -> 201 신청 완료, 400 잘못된 요청, 404 없는 과목, 409 정원 초과·중복

실행: ``python3 app.py`` (포트는 환경 변수 PORT, 기본 8000; 주소는 HOST, 기본 0.0.0.0).
"""

from __future__ import annotations

import json
import os
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from registration import Registrar

PORT = 8000
MAX_BODY_BYTES = 4096

registrar = Registrar()


class Handler(BaseHTTPRequestHandler):
    server_version = "sugang/1.0"

    def _send(self, status: int, body: object) -> None:
        data = json.dumps(body, ensure_ascii=False).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:
        if self.path == "/health":
            self._send(200, {"status": "ok"})
        elif self.path == "/courses":
            self._send(200, {"courses": registrar.courses()})
        else:
            self._send(404, {"error": "없는 경로입니다."})

    def do_POST(self) -> None:
        if self.path != "/register":
            self._send(404, {"error": "없는 경로입니다."})
            return
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY_BYTES:
            self._send(413, {"error": "요청 본문이 너무 깁니다."})
            return
        try:
            request = json.loads(self.rfile.read(length) or b"null")
        except ValueError:
            self._send(400, {"error": "요청 본문이 JSON이 아닙니다."})
            return
        self._send(*registrar.register(request))

    def log_message(self, format: str, *args) -> None:  # 한 줄 접근 기록을 표준 출력으로(CloudWatch Logs로 갑니다)
        print(f"{self.address_string()} {format % args}", flush=True)


def main() -> None:
    host = os.environ.get("HOST", "0.0.0.0")
    port = int(os.environ.get("PORT", PORT))
    server = ThreadingHTTPServer((host, port), Handler)
    print(f"수강신청 앱이 {host}:{port}에서 요청을 기다립니다.", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
