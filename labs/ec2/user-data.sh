#!/bin/bash
# 인스턴스가 처음 켜질 때 cloud-init이 root 권한으로 한 번 실행하는 스크립트입니다.
# commands.sh가 APP_ARCHIVE_BASE64 자리에 앱 파일(app.py, registration.py)의 압축본을 넣습니다.
set -euo pipefail
useradd --system --no-create-home sugang
mkdir -p /opt/sugang
echo "APP_ARCHIVE_BASE64" | base64 -d | tar -xz -C /opt/sugang
cat > /etc/systemd/system/sugang.service <<'UNIT'
[Unit]
Description=sugang course registration web app
After=network-online.target

[Service]
User=sugang
WorkingDirectory=/opt/sugang
ExecStart=/usr/bin/python3 app.py
Restart=always

[Install]
WantedBy=multi-user.target
UNIT
systemctl daemon-reload
systemctl enable --now sugang
