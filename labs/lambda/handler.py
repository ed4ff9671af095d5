"""수강신청 요청을 받는 Lambda 함수 (API Gateway HTTP API, 페이로드 형식 2.0).

배포 패키지(zip)에는 이 파일과 ../app/registration.py가 나란히 들어갑니다.
핸들러 설정은 ``handler.lambda_handler``입니다.

    GET  /courses   -> 과목과 남은 좌석
    POST /register  -> 좌석 배정 (웹 앱과 같은 규칙)

좌석 수는 실행 환경(Lambda가 재사용하는 프로세스) 하나의 메모리에만 있습니다.
10시 정각에 요청이 몰려 실행 환경이 여러 개 뜨면 각자 따로 세므로, 실제로는 공유 저장소가 필요합니다.
"""

from __future__ import annotations

import json

from registration import Registrar

# 핸들러 밖에서 만든 객체는 같은 실행 환경의 다음 호출에서 다시 쓰입니다(콜드 스타트 때 한 번).
registrar = Registrar()


def _response(status: int, body: object) -> dict:
    return {"statusCode": status,
            "headers": {"Content-Type": "application/json; charset=utf-8"},
            "body": json.dumps(body, ensure_ascii=False)}


def lambda_handler(event: dict, context: object) -> dict:
    """API Gateway가 넘긴 ``event``를 처리해 HTTP 응답 형태의 dict를 돌려줍니다."""
    route = event.get("routeKey", "")
    if route == "GET /courses":
        return _response(200, {"courses": registrar.courses()})
    if route != "POST /register":
        return _response(404, {"error": f"없는 경로입니다: {route!r}"})
    try:
        request = json.loads(event.get("body") or "null")
    except ValueError:
        return _response(400, {"error": "요청 본문이 JSON이 아닙니다."})
    return _response(*registrar.register(request))
