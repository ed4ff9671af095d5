/* Draws the book's charts and makes their controls work with no kernel.
 *
 * Each chart is a <figure class="awsbook-chart"> written by awsbook/book/render.py:
 * a caption (title and key result), native controls (range inputs, selects,
 * radio buttons), the plot <div>, a collapsed "표로 보기" table and the figure
 * as JSON (moved by awsbook/book/assets.py into the page's _static/charts/*.js,
 * which sets window.awsbookChartData[<figure id>]).  The JSON holds every state the
 * controls can reach (precomputed by awsbook/charts/controls.py): "base" is the default
 * value of everything a state changes, "states" what each combination of positions changes.
 *
 * This script loads plotly.js itself, when the first chart nears the screen, and draws each
 * chart only then (see "Drawing" below); window.awsbookCharts.drawAll() draws them all now.
 */
(function () {
  "use strict";

  var NARROW_PX = 560;  // below this width two-line tick labels keep their first line (and awsbook-charts.css)
  var MAX_ROWS = 60;    // rows per table in "표로 보기" (longer series are sampled evenly)
  var number = null;    // Intl.NumberFormat for the tables, made when the first table is (it costs a page load ~20 ms)

  function plainText(markup) {
    var box = document.createElement("textarea");
    box.innerHTML = String(markup || "").replace(/<[^>]*>/g, " ");
    return box.value.replace(/\s+/g, " ").trim();
  }

  function cell(value) {
    if (typeof value === "number") {
      number = number || new Intl.NumberFormat("ko-KR", { maximumSignificantDigits: 4 });
      return isFinite(value) ? number.format(value) : "–";
    }
    return value === null || value === undefined ? "–" : plainText(String(value));  // "서울<br>ap-…" → "서울 ap-…"
  }

  function axisTitle(axis) {
    return axis && axis.title ? plainText(axis.title.text) : "";
  }

  function sampled(count) {
    var picks = [];
    if (count <= MAX_ROWS) { for (var i = 0; i < count; i++) { picks.push(i); } return picks; }
    for (var k = 0; k < MAX_ROWS; k++) { picks.push(Math.round(k * (count - 1) / (MAX_ROWS - 1))); }
    return picks;
  }

  /* The plotted values as tables: traces that share their category values (x, or y for
     horizontal bars) form one table with a column per trace. */
  function drawTable(fig, gd) {
    var box = fig.querySelector(".awsbook-data-table");
    if (!box) { return; }
    var layout = gd._fullLayout, groups = [];
    gd._fullData.forEach(function (t, n) {
      if (t.visible !== true || !t.y) { return; }
      // shading and bands drawn to mark intervals are not series of values
      if (t.fill === "toself" || (t.hoverinfo === "skip" && String(t.mode).indexOf("text") < 0)) { return; }
      var flipped = t.orientation === "h";
      var cats = Array.from(flipped ? t.y : (t.x || positions0(gd, n, layout.xaxis))), vals = Array.from(flipped ? t.x : t.y);
      if (!cats.length || !vals.some(function (v) { return typeof v === "number"; })) { return; }  // a text-only series (a note) is not data
      var key = JSON.stringify(cats), group = null;
      groups.forEach(function (g) { if (g.key === key) { group = g; } });
      if (!group) {
        group = { key: key, cats: cats, head: axisTitle(flipped ? layout.yaxis : layout.xaxis) || "항목", cols: [], units: [] };
        groups.push(group);
      }
      var unit = axisTitle(layout[flipped ? "xaxis" + String(t.xaxis || "x").slice(1) : "yaxis" + String(t.yaxis || "y").slice(1)]);
      group.cols.push({ name: plainText(t.name) || unit || "값", vals: vals });
      if (unit && group.units.indexOf(unit) < 0) { group.units.push(unit); }
    });
    box.textContent = "";
    groups.forEach(function (g) {
      var table = document.createElement("table"), head = table.createTHead().insertRow(), body = table.createTBody();
      table.className = "awsbook-table";
      [g.head].concat(g.cols.map(function (c) { return c.name; })).forEach(function (text) {
        var th = document.createElement("th");
        th.scope = "col";
        th.textContent = text;
        head.appendChild(th);
      });
      var picks = sampled(g.cats.length);
      picks.forEach(function (i) {
        var row = body.insertRow(), th = document.createElement("th");
        th.scope = "row";
        th.textContent = cell(g.cats[i]);
        row.appendChild(th);
        g.cols.forEach(function (c) { row.insertCell().textContent = cell(c.vals[i]); });
      });
      // The caption names what the values are (the value axis: its unit follows the currency shown).
      var notes = g.units.length ? ["값: " + g.units.join(" · ")] : [];
      if (picks.length < g.cats.length) { notes.push(g.cats.length + "개 값 가운데 " + picks.length + "개를 고르게 골라 보여 줍니다."); }
      if (notes.length) { table.createCaption().textContent = notes.join(" "); }
      box.appendChild(table);
    });
  }

  /* Category values of a trace drawn from x0 and dx (evenly spaced; dates on a date axis). */
  function positions0(gd, n, axis) {
    return (gd.calcdata[n] || []).map(function (point) {
      return axis && axis.type === "date" ? new Date(point.x).toISOString().slice(0, 16).replace("T", " ") : point.x;
    });
  }

  function positions(fig, count) {
    var out = [];
    for (var k = 0; k < count; k++) {
      var el = fig.querySelector('input[type="radio"][data-control="' + k + '"]:checked') ||
        fig.querySelector('[data-control="' + k + '"]:not([type="radio"])');
      out.push(el ? Number(el.value) : 0);
    }
    return out;
  }

  /* Plotly.update arguments for the state at `key` ("0,2,1").  spec.slots lists what the controls
     change (["data", attr, trace] or ["layout", path]); slot k depends on the controls spec.deps[k]
     and spec.tables[k] gives, per combination of their positions, an index into spec.values, where
     each distinct value is stored once (awsbook.book.render.compact_states). */
  function stateUpdate(traces, spec, key) {
    var at = key.split(",").map(Number), data = {}, layout = {};
    spec.slots.forEach(function (slot, k) {
      var row = 0;
      spec.deps[k].forEach(function (c) { row = row * spec.controls[c].options.length + at[c]; });
      var value = scaledValue(spec, slot, spec.values[spec.tables[k][row]], at);
      if (slot[0] === "layout") { layout[slot[1]] = value; return; }
      if (!data[slot[1]]) { data[slot[1]] = traces.map(function () { return undefined; }); }
      data[slot[1]][slot[2]] = value;
    });
    return [data, layout];
  }

  /* A scale control (kind "scale": currency, VAT) multiplies the data arrays listed in spec.scale
     by its option's factor; the states store them once, unscaled (awsbook.charts.controls). */
  function scaledValue(spec, slot, value, at) {
    var traces = slot[0] === "data" && spec.scale && spec.scale[slot[1]];
    if (!traces || traces.indexOf(slot[2]) < 0 || !Array.isArray(value)) { return value; }
    var factor = 1;
    spec.controls.forEach(function (c, k) { if (c.factors) { factor *= c.factors[at[k]]; } });
    return value.map(function (v) { return typeof v === "number" ? v * factor : v; });
  }

  /* Put the state at the controls' first positions into the figure before it is drawn: the page
     stores each state's values once, in spec.values, not also in the figure. */
  function withFirstState(fig, spec) {
    if (!spec.controls) { return; }
    var first = stateUpdate(spec.figure.data, spec, positions(fig, spec.controls.length).join(","));
    Object.keys(first[0]).forEach(function (attr) {
      first[0][attr].forEach(function (value, i) { if (value !== undefined) { spec.figure.data[i][attr] = value; } });
    });
    Object.keys(first[1]).forEach(function (path) {
      if (path.indexOf("caption.") !== 0) { setPath(spec.figure.layout, path, first[1][path]); }
    });
  }

  /* The controls: each change updates its shown value and the caption (a live region) at once,
     and the chart once it is drawn (before that, drawing starts from the controls' positions). */
  function wire(chart) {
    var fig = chart.fig, spec = chart.spec, controls = spec.controls || [];
    var title = fig.querySelector(".awsbook-chart-title"), summary = fig.querySelector(".awsbook-chart-summary"),
      note = fig.querySelector(".awsbook-chart-note");
    function update() {
      var at = positions(fig, controls.length);
      controls.forEach(function (c, k) {
        var range = fig.querySelector('input[type="range"][data-control="' + k + '"]');
        if (range) {
          range.setAttribute("aria-valuetext", c.label + " " + c.options[at[k]]);
          var shown = range.parentNode.querySelector("output");
          if (shown) { shown.textContent = c.options[at[k]]; }
        }
      });
      var next = stateUpdate(spec.figure.data, spec, at.join(",")), layout = next[1];
      // plotly forgets an axis type set by the figure when the data change ("99.9%" would become
      // the number 99.9 on a category axis): keep every type the figure set (setting a type resets the
      // range, so not where the state sets the axis or its range).
      Object.keys(spec.axisTypes || {}).forEach(function (key) {
        if (layout[key] === undefined && layout[key + ".range"] === undefined) { layout[key + ".type"] = spec.axisTypes[key]; }
      });
      [["caption.title", title], ["caption.summary", summary], ["caption.note", note]].forEach(function (pair) {
        if (Object.prototype.hasOwnProperty.call(layout, pair[0])) {
          if (pair[1]) { pair[1].textContent = layout[pair[0]]; }
          delete layout[pair[0]];
        }
      });
      if (!chart.drawn) { return; }
      var gd = chart.gd;
      // chart.done: a change waits for the drawing and for the changes before it (several controls
      // changed at once are applied in order, each with the phone ticks of its own state).
      chart.done = chart.done.then(function () {
        Object.keys(layout).forEach(function (path) {
          var axis = /^([xy]axis\d*)\.ticktext$/.exec(path);
          if (axis && gd.layout[axis[1]]) { delete gd.layout[axis[1]]._wideTicks; }
        });
        return window.Plotly.update(gd, next[0], layout);
      }).then(chart.refit).then(function () {
          updateLegend(chart);
          drawTable(fig, gd);
        });
    }
    fig.querySelectorAll("[data-control]").forEach(function (el) {
      el.addEventListener(el.type === "range" ? "input" : "change", update);
    });
  }

  var DASHES = { dash: "6,4", dot: "2,3", dashdot: "6,3,2,3", longdash: "10,4", longdashdot: "10,4,2,4" };
  var SVG = "http://www.w3.org/2000/svg";

  function first(value) { return Array.isArray(value) ? value[0] : value; }

  function svgElement(name, attrs) {
    var el = document.createElementNS(SVG, name);
    Object.keys(attrs).forEach(function (k) { el.setAttribute(k, attrs[k]); });
    return el;
  }

  /* A legend entry's picture of a trace, drawn into its (fixed-size) svg once plotly knows the
     trace's full style: its line (colour and dash), marker symbol, bar or area colour and hatching. */
  function drawSwatch(svg, t) {
    var line = t.line || {}, marker = t.marker || {}, shape;
    svg.textContent = "";
    svg.removeAttribute("data-pattern");
    svg.removeAttribute("data-symbol");
    if (t.type === "bar" || (t.fill && t.fill !== "none")) {
      var edge = t.type === "bar" ? (marker.line || {}).color : line.color;
      shape = svgElement("rect", { x: 2, y: 2, width: 24, height: 10,
        fill: t.type === "bar" ? first(marker.color) : (t.fillcolor || line.color),
        stroke: edge && (t.type !== "bar" || (marker.line || {}).width) ? edge : "none" });
      // the hatching of a patterned bar or area ("/", "\", "x", "."), as in the plot
      var pattern = (t.type === "bar" ? marker.pattern : t.fillpattern) || {}, hatch = first(pattern.shape);
      if (HATCHES[hatch]) {
        svg.appendChild(shape);
        shape = svgElement("path", { d: HATCHES[hatch], stroke: pattern.fgcolor || edge || first(marker.color) || "#000",
          "stroke-width": "1.5", fill: "none" });
        svg.setAttribute("data-pattern", hatch);
      }
    } else if (String(t.mode || "").indexOf("lines") >= 0) {
      shape = svgElement("line", { x1: 1, y1: 7, x2: 27, y2: 7, stroke: line.color,
        "stroke-width": String(Math.min(line.width || 2, 6)) });
      if (DASHES[line.dash]) { shape.setAttribute("stroke-dasharray", DASHES[line.dash]); }
    } else {
      var symbol = String(first(marker.symbol) || "circle"), open = /-open$/.test(symbol), base = symbol.replace(/-open$/, "");
      var color = first(marker.color) || (marker.line || {}).color, stroked = open || base === "x" || base === "cross";
      shape = SYMBOLS[base] ? svgElement("path", { d: SYMBOLS[base] }) : svgElement("circle", { cx: 14, cy: 7, r: 5 });
      shape.setAttribute("fill", stroked ? "none" : color);
      shape.setAttribute("stroke", stroked ? color : "none");
      shape.setAttribute("stroke-width", "2");
      svg.setAttribute("data-symbol", symbol);
    }
    svg.appendChild(shape);
  }

  /* Hatchings of patterned bars and areas inside the legend's 24 × 10 box. */
  var HATCHES = {
    "/": "M2,12L12,2M10,12L20,2M18,12L26,4", "\\": "M2,2L12,12M10,2L20,12M18,2L26,10",
    x: "M2,12L12,2M10,12L20,2M18,12L26,4M2,2L12,12M10,2L20,12M18,2L26,10", ".": "M6,7h1M14,7h1M22,7h1"
  };

  /* Marker symbols the legend draws (the others fall back to a circle), centred on (14, 7). */
  var SYMBOLS = {
    square: "M9.5,2.5H18.5V11.5H9.5Z", diamond: "M14,1L20,7L14,13L8,7Z", "triangle-up": "M14,1.5L20,12H8Z",
    "triangle-down": "M14,12.5L20,2H8Z", x: "M9.5,2.5L18.5,11.5M18.5,2.5L9.5,11.5", cross: "M14,1.5V12.5M8.5,7H19.5"
  };

  /* The legend follows the state shown: an entry's name, its swatch, and whether it is listed at all
     (a series with no data in a state has showlegend false there, see awsbook.charts.controls). */
  function updateLegend(chart) {
    chart.legend.forEach(function (entry) {
      var t = chart.gd.data[entry.trace], name = plainText(t.name), label = entry.button.lastChild;
      entry.button.hidden = !name || t.showlegend === false;
      if (name && label && label.nodeType === 3) { label.textContent = name; }
      drawSwatch(entry.svg, chart.gd._fullData[entry.trace]);
    });
  }

  /* The legend under the plot (written by render.py, so it is there before the chart is drawn): it
     wraps on a phone instead of covering the plot, and each entry is a toggle button (keyboard and
     screen reader) that hides or shows its series.  A series switched off before the chart is drawn
     is drawn hidden; the swatches are drawn with the chart. */
  function wireLegend(chart) {
    chart.fig.querySelectorAll(".awsbook-legend-item").forEach(function (button) {
      var members = button.getAttribute("data-traces").split(",").map(Number);
      chart.legend.push({ button: button, svg: button.querySelector("svg"), trace: Number(button.getAttribute("data-trace")),
        members: members });
      button.addEventListener("click", function () {
        var on = button.getAttribute("aria-pressed") !== "true";
        button.setAttribute("aria-pressed", String(on));
        if (chart.drawn) {
          window.Plotly.restyle(chart.gd, { visible: on ? true : "legendonly" }, members)
            .then(function () { drawTable(chart.fig, chart.gd); });
        }
      });
    });
  }

  /* Read a plotly layout path such as "yaxis2.domain" or "annotations[0].y". */
  function getPath(obj, path) {
    return path.replace(/\[(\d+)\]/g, ".$1").split(".").reduce(function (o, k) {
      return o === undefined || o === null ? undefined : o[k];
    }, obj);
  }

  function setPath(obj, path, value) {
    var keys = path.replace(/\[(\d+)\]/g, ".$1").split("."), last = keys.pop();
    keys.forEach(function (k) { if (obj[k] === undefined || obj[k] === null) { obj[k] = {}; } obj = obj[k]; });
    obj[last] = value;
  }

  /* The chart's phone layout (awsbook.charts.theme.narrow_layout) or, on a wide screen, the values
     it replaced. */
  function fitted(spec, wide, narrow) {
    if (!spec.narrow) { return {}; }
    return narrow ? spec.narrow : wide;
  }

  /* On a phone, tick labels written on two lines ("1만<br>(0.0038 rps)") keep only their first line. */
  function shortTicks(layout, narrow) {
    var update = {};
    Object.keys(layout).forEach(function (key) {
      var axis = layout[key];
      if (!/^[xy]axis\d*$/.test(key) || !axis || !Array.isArray(axis.ticktext)) { return; }
      if (!axis._wideTicks && (!narrow || !axis.ticktext.some(function (t) { return String(t).indexOf("<br>") >= 0; }))) {
        return;  // nothing to shorten: no relayout (a second redraw) for it
      }
      if (!axis._wideTicks) { axis._wideTicks = axis.ticktext.slice(); }
      update[key + ".ticktext"] = narrow ? axis._wideTicks.map(function (t) { return String(t).split("<br>")[0]; })
        : axis._wideTicks;
    });
    return update;
  }

  /* ---- Drawing, only when a chart nears the screen ---------------------------------------

     plotly.js (1.2 MB) is loaded only when the first chart comes within a screen of the
     viewport, and charts are drawn one per idle period, as they near it: the text of a page shows
     and answers at once, and a page read only in part never downloads plotly.js.  Before a
     chart is drawn, its box already has the chart's size (awsbook-charts.css), its caption,
     controls, legend and "표로 보기" are in place, and its controls already update the caption;
     drawing it moves nothing.  Printing draws every chart first (beforeprint). */

  var PLOTLY_SRC = document.currentScript ? new URL("plotly-basic.min.js", document.currentScript.src).href : "";
  var AHEAD = "100% 0px";  // IntersectionObserver margin: start a chart one screen before it shows
  var charts = [], queue = [], plotlyLoading = null, pumping = false;

  function loadPlotly() {
    if (!plotlyLoading) {
      plotlyLoading = window.Plotly ? Promise.resolve() : new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = PLOTLY_SRC;
        script.onload = resolve;
        script.onerror = function () { reject(new Error("plotly.js를 불러오지 못했습니다: " + PLOTLY_SRC)); };
        document.head.appendChild(script);
      });
    }
    return plotlyLoading;
  }

  /* For printing, which lays the page out right after beforeprint: plotly.js at once (a
     synchronous request for the file the page would load anyway; not possible from file://). */
  function loadPlotlyNow() {
    if (!window.Plotly && !plotlyLoading && location.protocol !== "file:") {
      try {
        var request = new XMLHttpRequest();
        request.open("GET", PLOTLY_SRC, false);
        request.send();
        if (request.status === 200) {
          var script = document.createElement("script");
          script.text = request.responseText;
          document.head.appendChild(script);
          plotlyLoading = Promise.resolve();
        }
      } catch (e) { /* drawn asynchronously below instead */ }
    }
    return !!window.Plotly;
  }

  function plotConfig() {
    return {
      responsive: true, displaylogo: false, scrollZoom: false, displayModeBar: "hover",
      modeBarButtons: [[{
        name: "awsbook-image", title: "이미지로 저장", icon: window.Plotly.Icons.camera,
        click: function (gd) { window.Plotly.downloadImage(gd, { format: "png", filename: "chart" }); }
      }]]
    };
  }

  function nextTask() {
    return new Promise(function (resolve) {
      if (window.requestIdleCallback) { window.requestIdleCallback(function () { resolve(); }, { timeout: 300 }); }
      else { setTimeout(resolve, 0); }
    });
  }

  /* Draw one chart.  Urgent (printing): the whole drawing happens before this returns or in
     microtasks right after; otherwise the finishing steps (legend colours, the table, the
     phone layout) run in later tasks so that no task is long. */
  function draw(chart, urgent) {
    if (chart.drawn) { return chart.done; }
    chart.drawn = true;
    var fig = chart.fig, gd = chart.gd, spec = chart.spec, layout = spec.figure.layout;
    var later = urgent ? function () { return Promise.resolve(); } : nextTask;
    spec.axisTypes = {};  // the figure's own category and date axes (plotly writes its guesses into layout)
    Object.keys(layout).forEach(function (key) {
      var type = /^[xy]axis\d*$/.test(key) && layout[key] && layout[key].type;
      if (type === "category" || type === "date") { spec.axisTypes[key] = type; }
    });
    withFirstState(fig, spec);
    chart.legend.forEach(function (entry) {
      if (entry.button.getAttribute("aria-pressed") === "false") {
        entry.members.forEach(function (k) { spec.figure.data[k].visible = "legendonly"; });
      }
    });
    var narrow = fig.clientWidth < NARROW_PX, wide = {};
    Object.keys(spec.narrow || {}).forEach(function (path) { wide[path] = getPath(layout, path); });
    function adapt() {
      var update = Object.assign(shortTicks(layout, narrow), fitted(spec, wide, narrow));
      // awsbook-charts.css gives the box its phone height already; this covers browsers without container queries.
      if (update.height) { gd.style.height = update.height + "px"; }
      return Object.keys(update).length ? window.Plotly.relayout(gd, update) : Promise.resolve();
    }
    chart.refit = function () {  // after a state change on a phone: shorten its new two-line ticks
      var update = narrow ? shortTicks(layout, true) : {};
      return Object.keys(update).length ? window.Plotly.relayout(gd, update) : null;
    };
    chart.done = window.Plotly.newPlot(gd, spec.figure.data, layout, plotConfig()).then(adapt).then(later).then(function () {
      // The figure's name (aria-label) and the "표로 보기" table speak for the drawing itself.
      gd.querySelectorAll("svg.main-svg").forEach(function (svg) { svg.setAttribute("aria-hidden", "true"); });
      updateLegend(chart);
      drawTable(fig, gd);
      gd.setAttribute("data-ready", "true");
    });
    if (window.ResizeObserver) {
      new ResizeObserver(function () {
        var nowNarrow = fig.clientWidth < NARROW_PX;
        if (nowNarrow !== narrow && gd.getAttribute("data-ready")) {
          narrow = nowNarrow;
          adapt();
        }
      }).observe(fig);
    }
    return chart.done;
  }

  /* Draw the queued charts one per idle period, in the order they neared the screen. */
  function pump() {
    if (pumping) { return; }
    pumping = true;
    (function next() {
      var chart = queue.shift();
      if (!chart) { pumping = false; return; }
      nextTask().then(function () { return draw(chart, false); }).then(next, function (error) {
        pumping = false;
        throw error;
      });
    })();
  }

  function request(chart) {
    if (chart.drawn || chart.queued) { return; }
    chart.queued = true;
    queue.push(chart);
    loadPlotly().then(pump);
  }

  /* Every chart, now: before printing, and for the PDF (awsbook.book.pdf). Returns a promise
     that resolves when every chart is drawn and marked data-ready. */
  function drawAll() {
    if (loadPlotlyNow()) {
      return Promise.all(charts.map(function (chart) { return draw(chart, true); }));
    }
    charts.forEach(request);
    return loadPlotly().then(function () { return Promise.all(charts.map(function (c) { return draw(c, false); })); });
  }

  /* Before a chart is drawn: its legend and controls, which already update the caption and, once
     the chart is drawn, the chart. */
  function prepare(fig) {
    var gd = fig.querySelector(".awsbook-plot"), source = fig.querySelector("script.awsbook-chart-spec");
    var spec = (window.awsbookChartData || {})[fig.id] || (source && JSON.parse(source.textContent));
    if (!gd || !spec) { return null; }
    var chart = { fig: fig, gd: gd, spec: spec, legend: [], drawn: false, queued: false, done: null };
    spec.figure.layout.showlegend = false;  // the page's own legend (wireLegend) stands for plotly's
    wireLegend(chart);
    wire(chart);
    var table = fig.querySelector("details.awsbook-data");
    if (table) { table.addEventListener("toggle", function () { request(chart); }); }
    return chart;
  }

  function start() {
    document.querySelectorAll("figure.awsbook-chart").forEach(function (fig) {
      var chart = prepare(fig);
      if (chart) { charts.push(chart); }
    });
    window.awsbookCharts = { drawAll: drawAll };
    if (!charts.length) { return; }
    window.addEventListener("beforeprint", drawAll);
    if (!window.IntersectionObserver) { charts.forEach(request); return; }
    var byFigure = new Map(charts.map(function (c) { return [c.fig, c]; }));
    var watch = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) {
          watch.unobserve(entry.target);
          request(byFigure.get(entry.target));
        }
      });
    }, { rootMargin: AHEAD });
    charts.forEach(function (chart) { watch.observe(chart.fig); });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
