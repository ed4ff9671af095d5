"""A data-visualisation editor's checks, in Chromium, on every chart of the built book in every
state its controls can reach, at 390 px and on a desktop (issue 28).

One page load per page and screen width; the page's own controls are then set, state after
state, by a script in the page (every combination, one control change at a time), and each
drawn state is checked for the classes of defect the editor found:

* categories read as numbers and thin bars — bar labels such as "99.9%" on an axis that is not a
  category axis (plotly reads them as the number 99.9 and squeezes the bars against 100), and a
  bar narrower than 4 px or than a quarter of its share of the axis;
* English abbreviations in tick labels ("10k", "1M", "100M", "2e+06"): counts use 만/억;
* code in captions (``snake_case``, ``calendar='30d'``, a Python call);
* clipped or colliding text — a text of the drawing outside the plot's box, or two labels,
  annotations or tick labels on top of each other;
* a stale legend — the legend under the plot naming other series than the state draws (a series
  without data listed, a name not updated, a marker shape unlike the plot's), or naming a
  control value that is not selected;
* a service in another colour than the book's one colour for it (EC2, Lambda, Lambda + API
  Gateway, Fargate, ECS, EKS), in any chart.
"""

from __future__ import annotations

import re
import time

import pytest

from awsbook.charts.theme import SERVICES
from conftest import toc_files

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1400, "height": 900}
CHAPTERS = [f"{name}.html" for name in toc_files() if name.startswith("chapters/")]

#: The service a series stands for, from its name (independent of the chart code): a name that
#: starts with the service; ECS on Fargate bills Fargate and is drawn as Fargate.
SERVICE_NAMES = (("Lambda", "lambda"), ("ECS(Fargate", "fargate"), ("EKS", "eks"), ("ECS", "ecs"),
                 ("Fargate", "fargate"), ("EC2", "ec2"))


def service_of(name: str) -> str | None:
    text = re.sub(r"<[^>]+>", " ", name or "").strip()
    for prefix, service in SERVICE_NAMES:
        if text.startswith(prefix):
            return "lambda_api" if service == "lambda" and "API" in text else service
    return None


#: Caption text that is code, not Korean: snake_case names, keyword arguments, Python calls.
CODE = [re.compile(r"\b[a-z]+_[a-z]+\b"), re.compile(r"\b\w+=['\"]"), re.compile(r"\b[a-z]+_[a-z0-9_]*\("),
        re.compile(r"\(['\"]")]
#: A tick label that is a number with an English unit abbreviation or an exponent.
ABBREVIATED = re.compile(r"^[-−]?[$₩]?\d[\d.,]*\s?[kKMGTB]$|\de[+-]?\d")

# Every state of one chart, drawn and checked in the page.  Returns the problems found (each with
# the state's positions) and the colour each service was drawn in.
CHECK_EVERY_STATE = r"""async ([plotId, minBar]) => {
  const gd = document.getElementById(plotId), fig = gd.closest('figure');
  const controls = [...new Set([...fig.querySelectorAll('[data-control]')].map(e => e.getAttribute('data-control')))]
    .map(k => ({k, els: [...fig.querySelectorAll(`[data-control="${k}"]`)]}));
  const spec = (window.awsbookChartData || {})[fig.id] ||
    JSON.parse((fig.querySelector('script.awsbook-chart-spec') || {textContent: '{}'}).textContent);
  const options = (spec.controls || []).map(c => c.options);
  const scale = (spec.controls || []).map(c => !!c.factors);
  // Wait for every redraw a control change starts (update, then the phone layout, legend and table).
  const P = window.Plotly, update = P.update, relayout = P.relayout;
  let pending = [];
  P.update = function () { const p = update.apply(this, arguments); pending.push(p); return p; };
  P.relayout = function () { const p = relayout.apply(this, arguments); pending.push(p); return p; };
  const settle = async () => {
    for (let round = 0; round < 5; round++) {
      await new Promise(r => setTimeout(r, 0));
      if (!pending.length) { break; }
      const now = pending; pending = [];
      await Promise.all(now);
    }
  };
  const position = c => {
    const radio = c.els.find(e => e.type === 'radio' && e.checked);
    return Number(radio ? radio.value : c.els[0].value);
  };
  const setTo = (c, v) => {
    const radio = c.els.find(e => e.type === 'radio' && Number(e.value) === v);
    if (radio) { radio.checked = true; radio.dispatchEvent(new Event('change')); return; }
    const el = c.els[0];
    el.value = String(v);
    el.dispatchEvent(new Event(el.type === 'range' ? 'input' : 'change'));
  };
  const box = e => e.getBoundingClientRect();
  const overlap = (a, b) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 2 &&
    Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 2;
  const hasData = t => [t.y, t.x].some(v => v && Array.from(v).some(x => typeof x === 'number' && isFinite(x)));
  const plain = s => String(s || '').replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
  const colourOf = t => {
    const fill = t.fill && t.fill !== 'none';
    const line = t.line || {}, marker = t.marker || {};
    if (t.type === 'bar') { return Array.isArray(marker.color) ? marker.color[0] : marker.color; }
    if (fill && !(line.width > 0)) { return t.fillcolor; }
    return String(t.mode || 'lines').includes('lines') ? line.color :
      (Array.isArray(marker.color) ? marker.color[0] : marker.color);
  };
  const rgb = c => {
    const s = String(c || '').trim().toLowerCase(), hex = s.match(/^#([0-9a-f]{6})/);
    if (hex) { return [0, 2, 4].map(i => parseInt(hex[1].slice(i, i + 2), 16)).join(','); }
    const m = s.match(/rgba?\((\d+)\s*,\s*(\d+)\s*,\s*(\d+)/);
    return m ? [m[1], m[2], m[3]].join(',') : s;
  };

  function check(at) {
    const found = [], where = `[${at.join(',')}]`;
    const say = text => found.push(`${where} ${text}`);
    // Captions: words, not code.
    const caption = fig.querySelector('figcaption').textContent;
    CODE.forEach(re => { const m = caption.match(new RegExp(re, '')); if (m) { say(`캡션에 코드: ${m[0]}`); } });
    // Tick labels: no English abbreviations.
    gd.querySelectorAll('.xaxislayer-above text, .yaxislayer-above text').forEach(t => {
      if (ABBREVIATED.test(t.textContent.trim())) { say(`눈금에 영어 약어: ${t.textContent}`); }
    });
    // Bars: category labels drawn as categories, and no bar thinner than 4 px or a quarter of its
    // share of the axis (the axis length over the number of bar positions).
    const subplots = {};
    gd.querySelectorAll('.barlayer .trace').forEach(g => {
      const trace = g.__data__ && g.__data__[0] && g.__data__[0].trace;
      if (!trace || trace.visible !== true) { return; }
      const flat = trace.orientation === 'h', key = (trace.xaxis || 'x') + (trace.yaxis || 'y');
      const axis = gd._fullLayout[(flat ? 'yaxis' : 'xaxis') + String(flat ? trace.yaxis : trace.xaxis).slice(1)];
      const where = Array.from((flat ? trace.y : trace.x) || []);
      if (where.some(v => typeof v === 'string') && axis.type !== 'category') {
        say(`범주 "${where[0]}"가 ${axis.type} 축에 숫자로 그려집니다`);
      }
      const s = subplots[key] = subplots[key] || {flat, axis, positions: new Set(), widths: []};
      where.forEach(v => s.positions.add(String(v)));
      g.querySelectorAll('.point path').forEach(p => {
        const r = box(p);
        if (r.width >= 0.5 && r.height >= 0.5) { s.widths.push(flat ? r.height : r.width); }  // a zero bar draws nothing
      });
    });
    Object.values(subplots).forEach(s => {
      if (!s.widths.length) { return; }
      const share = s.axis._length / s.positions.size, thinnest = Math.min(...s.widths);
      if (thinnest < minBar || thinnest < share / 4) {
        say(`가는 막대: ${thinnest.toFixed(1)} px (막대 자리 ${share.toFixed(0)} px)`);
      }
    });
    // Text of the drawing: inside the plot's box, and no two labels on top of each other.
    const frame = box(gd);
    const texts = [...gd.querySelectorAll('svg text')].map(t => [t, box(t)])
      .filter(([t, r]) => r.width > 0.5 && r.height > 0.5 && t.textContent.trim());
    texts.forEach(([t, r]) => {
      if (r.left < frame.left - 1 || r.right > frame.right + 1 || r.top < frame.top - 1 || r.bottom > frame.bottom + 1) {
        say(`잘린 글자: "${t.textContent}"`);
      }
    });
    const labels = texts.filter(([t]) => t.closest('.textpoint, .bartext, .annotation, [class$="tick"]'));
    for (let i = 0; i < labels.length; i++) {
      for (let j = i + 1; j < labels.length; j++) {
        if (overlap(labels[i][1], labels[j][1])) {
          say(`겹친 글자: "${labels[i][0].textContent}" / "${labels[j][0].textContent}"`);
        }
      }
    }
    // The legend names the series this state draws, with their look.
    const legend = fig.querySelector('.awsbook-legend');
    if (legend || gd.getAttribute('data-legend')) {
      const groups = new Set(), expected = [];
      gd.data.forEach((t, i) => {
        const key = t.legendgroup || 'trace' + i;
        if (!plain(t.name) || t.showlegend === false || !hasData(t) || groups.has(key)) { return; }
        groups.add(key);
        expected.push([plain(t.name), gd._fullData[i]]);
      });
      const shown = legend ? [...legend.querySelectorAll('.awsbook-legend-item:not([hidden])')] : [];
      const names = shown.map(b => b.textContent.trim());
      if (JSON.stringify(names) !== JSON.stringify(expected.map(e => e[0]))) {
        say(`범례 ${JSON.stringify(names)} ≠ 그린 계열 ${JSON.stringify(expected.map(e => e[0]))}`);
      }
      shown.forEach((b, k) => {
        const t = expected[k] && expected[k][1];
        if (!t || t.type !== 'scatter' || String(t.mode).includes('lines') || !String(t.mode).includes('markers')) { return; }
        const symbol = String(Array.isArray(t.marker.symbol) ? t.marker.symbol[0] : (t.marker.symbol || 'circle'));
        const drawn = b.querySelector('svg').getAttribute('data-symbol') || 'circle?';
        if (drawn !== symbol) { say(`범례 기호 ${drawn} ≠ 그림 기호 ${symbol} (${names[k]})`); }
      });
      // No entry names a value of a control that is not selected (numbers and services aside).
      options.forEach((opts, c) => {
        if (scale[c]) { return; }
        const chosen = opts[at[c]];
        opts.forEach((o, k) => {
          if (k === at[c] || o.length < 3 || /^[\d.,%\s]+$/.test(o) || /^(Lambda|EC2|Fargate|ECS|EKS)$/.test(o)) { return; }
          names.filter(n => n.includes(o) && !n.includes(chosen))
               .forEach(n => say(`범례 "${n}"가 고르지 않은 값 "${o}"를 말합니다`));
        });
      });
    }
    return found;
  }

  const CODE = [CODE_PATTERNS];
  const ABBREVIATED = new RegExp(ABBREV_PATTERN);
  const colours = {}, problems = [];
  const sizes = controls.map(c => c.els[0].type === 'radio' ? c.els.length : (c.els[0].options ? c.els[0].options.length
    : Number(c.els[0].max) + 1));
  let at = controls.map(position);
  const start = at.slice();
  const record = () => gd.data.forEach((t, i) => {
    const service = SERVICE_OF(t.name);
    if (service && hasData(t) && t.visible !== false) {
      (colours[service] = colours[service] || {})[rgb(colourOf(gd._fullData[i]))] = plain(t.name);
    }
  });
  let count = 0;
  // Every combination of positions, odometer order: mostly one control change a step.
  const combo = sizes.map(() => 0);
  do {
    for (let k = 0; k < controls.length; k++) {
      if (at[k] !== combo[k]) { setTo(controls[k], combo[k]); at[k] = combo[k]; }
    }
    await settle();
    problems.push(...check(at));
    record();
    count++;
    let k = sizes.length - 1;
    while (k >= 0 && ++combo[k] === sizes[k]) { combo[k] = 0; k--; }
    if (k < 0) { break; }
  } while (controls.length);  // a chart without controls: its one state, checked once
  for (let k = 0; k < controls.length; k++) { if (at[k] !== start[k]) { setTo(controls[k], start[k]); } }
  await settle();
  P.update = update; P.relayout = relayout;
  return {problems, colours, count, title: fig.querySelector('.awsbook-chart-title').textContent};
}"""


def _script() -> str:
    code = ", ".join(f"new RegExp({p.pattern!r}, '')" for p in CODE)
    service = ("(name) => { const text = String(name || '').replace(/<[^>]*>/g, ' ').trim(); "
               + " ".join(f"if (text.startsWith({prefix!r})) {{ return {service!r} === 'lambda' && text.includes('API') "
                          f"? 'lambda_api' : {service!r}; }}" for prefix, service in SERVICE_NAMES)
               + " return null; }")
    return (CHECK_EVERY_STATE.replace("[CODE_PATTERNS]", f"[{code}]")
            .replace("ABBREV_PATTERN", repr(ABBREVIATED.pattern))
            .replace("SERVICE_OF(t.name)", f"({service})(t.name)"))


def _rgb(color: str) -> str:
    return ",".join(str(int(color.lstrip("#")[i:i + 2], 16)) for i in (0, 2, 4))


@pytest.mark.browser
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390px", "1400px"])
@pytest.mark.parametrize("page_path", CHAPTERS)
def test_every_state_of_every_chart_reads_well(browser, server, page_path, viewport):
    context = browser.new_context(viewport=viewport, locale="ko-KR")
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(f"{server}/{page_path}", wait_until="load")
        plots = page.eval_on_selector_all("figure.awsbook-chart .awsbook-plot", "els => els.map(e => e.id)")
        problems, states, started = [], 0, time.perf_counter()
        script = _script()
        for plot_id in plots:
            # Charts may be drawn only near the viewport: bring each one in view first.
            page.eval_on_selector(f'[id="{plot_id}"]', "el => el.closest('figure').scrollIntoView()")
            page.wait_for_function("(id) => document.getElementById(id).getAttribute('data-ready') === 'true'",
                                   arg=plot_id, timeout=30_000)
            result = page.evaluate(script, [plot_id, 4])
            states += result["count"]
            problems += [f"{result['title']} {p}" for p in result["problems"]]
            for service, drawn in result["colours"].items():
                expected = _rgb(SERVICES[service]["color"])
                problems += [f"{result['title']}: {name}({service})의 색 rgb({colour}) ≠ 책의 {service} 색 rgb({expected})"
                             for colour, name in drawn.items() if colour != expected]
        print(f"\n{page_path} {viewport['width']}px: 차트 {len(plots)}개, 상태 {states}개, "
              f"{time.perf_counter() - started:.1f}초")
        unique = list(dict.fromkeys(problems))
        assert unique == [], f"{page_path} {viewport['width']}px: 문제 {len(unique)}개\n" + "\n".join(unique[:40])
        assert errors == []
    finally:
        context.close()


def test_service_classifier():
    assert [service_of(n) for n in ("Lambda", "Lambda + API Gateway(HTTP API)", "EC2 t3.micro 1대 (상시 실행)",
                                    "ECS(EC2 m5.large)", "ECS(Fargate)", "EKS(Fargate) + 컨트롤 플레인 요금",
                                    "Fargate 태스크 1개", "Lambda가 더 싼 구간", "손익분기점(상시 가동 EC2)",
                                    "요청 요금")] == \
        ["lambda", "lambda_api", "ec2", "ecs", "fargate", "eks", "fargate", "lambda", None, None]


def test_patterns_catch_what_the_editor_found():
    # code in the downtime chart's old note, a Python call and a snake_case name; Korean text passes
    assert any(p.search("기준: 한 달 = 30일 (30일 규칙, calendar='30d')") for p in CODE)
    assert any(p.search("allowed_downtime(99.9, 'month')") for p in CODE)
    assert not any(p.search("x86_64(인텔·AMD) · arm64(Graviton) · Lambda(512 MB) · 월 735만 건") for p in CODE)
    assert all(ABBREVIATED.search(t) for t in ("10k", "1M", "100M", "1B", "$2k", "2e+06"))
    assert not any(ABBREVIATED.search(t) for t in ("1만", "1,000만", "$10,000", "99.9%", "m5.large", "16"))
