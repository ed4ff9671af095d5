"""수강신청 규칙: 과목 목록, 요청 검사, 좌석 배정.

웹 앱(app.py, EC2·ECS·EKS·Fargate 실습)과 Lambda 핸들러(../lambda/handler.py)가 같은 규칙을 씁니다.
좌석 수는 이 프로세스의 메모리에만 있습니다. 인스턴스나 태스크가 여러 개면 각자 따로 세므로,
실제 서비스라면 모두가 함께 보는 저장소(예: DynamoDB의 조건부 쓰기)에 두어야 합니다.
표준 라이브러리만 씁니다(Amazon Linux 2023의 python3와 Lambda python3.13에서 그대로 돕니다).
"""

from __future__ import annotations

import re
import threading

#: 과목 코드 -> (과목명, 정원).  실습용 예시입니다.
COURSES = {
    "CS101": ("클라우드 컴퓨팅 입문", 40),
    "CS205": ("분산 시스템", 30),
    "AWS300": ("서버리스 설계 세미나", 1),
}

STUDENT_ID = re.compile(r"\d{8}")


class Registrar:
    """좌석을 배정합니다.  ``register``는 (HTTP 상태 코드, 응답 본문) 쌍을 돌려줍니다."""

    def __init__(self, courses: dict[str, tuple[str, int]] = COURSES):
        self._courses = dict(courses)
        self._enrolled: dict[str, set[str]] = {code: set() for code in courses}
        self._lock = threading.Lock()

    def courses(self) -> list[dict]:
        """과목마다 코드, 이름, 정원, 남은 좌석."""
        with self._lock:
            return [{"course_id": code, "title": title, "capacity": capacity,
                     "seats_left": capacity - len(self._enrolled[code])}
                    for code, (title, capacity) in self._courses.items()]

    def register(self, request: object) -> tuple[int, dict]:
        """``{"student_id": "20261234", "course_id": "CS101"}`` 요청을 처리합니다."""
        if not isinstance(request, dict):
            return 400, {"error": "요청 본문은 JSON 객체여야 합니다."}
        student_id, course_id = request.get("student_id"), request.get("course_id")
        if not isinstance(student_id, str) or not STUDENT_ID.fullmatch(student_id):
            return 400, {"error": "student_id는 숫자 8자리 문자열이어야 합니다."}
        if course_id not in self._courses:
            return 404, {"error": f"없는 과목입니다: {course_id!r}"}
        title, capacity = self._courses[course_id]
        with self._lock:
            enrolled = self._enrolled[course_id]
            if student_id in enrolled:
                return 409, {"error": "이미 신청한 과목입니다.", "course_id": course_id}
            if len(enrolled) >= capacity:
                return 409, {"error": "정원이 찼습니다.", "course_id": course_id, "seats_left": 0}
            enrolled.add(student_id)
            left = capacity - len(enrolled)
        return 201, {"student_id": student_id, "course_id": course_id, "title": title, "seats_left": left}
