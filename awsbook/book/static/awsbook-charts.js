/* Draws the book's charts and makes their controls work with no kernel.
 *
 * Each chart is a <figure class="awsbook-chart"> written by awsbook/book/render.py:
 * a caption (title and key result), native controls (range inputs, selects,
 * radio buttons), the plot <div>, a collapsed "표로 보기" table and the figure
 * as JSON (moved by awsbook/book/assets.py into the page's _static/charts/*.js,
 * which sets window.awsbookChartData[<figure id>]).  The JSON holds every state the controls can reach (precomputed by
 * awsbook/charts/controls.py): "base" is the default value of everything a
 * state changes, "states" what each combination of positions changes.
 */
(function () {
  "use strict";

  var NARROW_PX = 560;  // below this width two-line tick labels keep their first line
  var MAX_ROWS = 60;    // rows per table in "표로 보기" (longer series are sampled evenly)
  var number = new Intl.NumberFormat("ko-KR", { maximumSignificantDigits: 4 });

  function plainText(markup) {
    var box = document.createElement("textarea");
    box.innerHTML = String(markup || "").replace(/<[^>]*>/g, " ");
    return box.value.replace(/\s+/g, " ").trim();
  }

  function cell(value) {
    if (typeof value === "number") { return isFinite(value) ? number.format(value) : "–"; }
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

  /* `refit` re-applies the phone layout after a state change (a state's new two-line tick labels
     keep their first line on a phone, like the figure's own). */
  function wire(fig, gd, spec, refit) {
    var controls = spec.controls || [];
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
      var next = stateUpdate(gd.data, spec, at.join(",")), layout = next[1];
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
      Object.keys(layout).forEach(function (path) {
        var axis = /^([xy]axis\d*)\.ticktext$/.exec(path);
        if (axis && gd.layout[axis[1]]) { delete gd.layout[axis[1]]._wideTicks; }
      });
      window.Plotly.update(gd, next[0], layout).then(refit).then(function () {
        if (gd.getAttribute("data-legend")) { drawLegend(fig, gd); }
        drawTable(fig, gd);
      });
    }
    fig.querySelectorAll("[data-control]").forEach(function (el) {
      el.addEventListener(el.type === "range" ? "input" : "change", update);
    });
  }

  var DASHES = { dash: "6,4", dot: "2,3", dashdot: "6,3,2,3", longdash: "10,4", longdashdot: "10,4,2,4" };

  function first(value) { return Array.isArray(value) ? value[0] : value; }

  /* A small picture of a trace for the legend: its line (colour and dash), marker or bar colour. */
  function swatch(t) {
    var ns = "http://www.w3.org/2000/svg", svg = document.createElementNS(ns, "svg");
    svg.setAttribute("width", "28"); svg.setAttribute("height", "14"); svg.setAttribute("aria-hidden", "true");
    var line = t.line || {}, marker = t.marker || {}, shape;
    if (t.type === "bar" || (t.fill && t.fill !== "none")) {
      shape = document.createElementNS(ns, "rect");
      shape.setAttribute("x", "2"); shape.setAttribute("y", "2"); shape.setAttribute("width", "24"); shape.setAttribute("height", "10");
      var edge = t.type === "bar" ? (marker.line || {}).color : line.color;
      shape.setAttribute("fill", t.type === "bar" ? first(marker.color) : (t.fillcolor || line.color));
      shape.setAttribute("stroke", edge && (t.type !== "bar" || (marker.line || {}).width) ? edge : "none");
      // the hatching of a patterned bar or area ("/", "\", "x", "."), as in the plot
      var pattern = (t.type === "bar" ? marker.pattern : t.fillpattern) || {}, hatch = first(pattern.shape);
      if (HATCHES[hatch]) {
        svg.appendChild(shape);
        shape = document.createElementNS(ns, "path");
        shape.setAttribute("d", HATCHES[hatch]);
        shape.setAttribute("stroke", pattern.fgcolor || edge || first(marker.color) || "#000");
        shape.setAttribute("stroke-width", "1.5"); shape.setAttribute("fill", "none");
        svg.setAttribute("data-pattern", hatch);
      }
    } else if (String(t.mode || "").indexOf("lines") >= 0) {
      shape = document.createElementNS(ns, "line");
      shape.setAttribute("x1", "1"); shape.setAttribute("y1", "7"); shape.setAttribute("x2", "27"); shape.setAttribute("y2", "7");
      shape.setAttribute("stroke", line.color); shape.setAttribute("stroke-width", String(Math.min(line.width || 2, 6)));
      if (DASHES[line.dash]) { shape.setAttribute("stroke-dasharray", DASHES[line.dash]); }
    } else {
      var symbol = String(first(marker.symbol) || "circle"), open = /-open$/.test(symbol), base = symbol.replace(/-open$/, "");
      var color = first(marker.color) || (marker.line || {}).color;
      shape = document.createElementNS(ns, SYMBOLS[base] ? "path" : "circle");
      if (SYMBOLS[base]) { shape.setAttribute("d", SYMBOLS[base]); } else {
        shape.setAttribute("cx", "14"); shape.setAttribute("cy", "7"); shape.setAttribute("r", "5");
      }
      var stroked = open || base === "x" || base === "cross";
      shape.setAttribute("fill", stroked ? "none" : color);
      shape.setAttribute("stroke", stroked ? color : "none");
      shape.setAttribute("stroke-width", "2");
      svg.setAttribute("data-symbol", symbol);
    }
    svg.appendChild(shape);
    return svg;
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

  /* The legend as HTML under the plot: it wraps on a phone instead of covering the plot, and each
     entry is a toggle button (keyboard and screen reader) that hides or shows its series.  Drawn
     again after every control change, so that it names the series of the state shown (a series
     with no data in a state has showlegend false there, see awsbook.charts.controls). */
  function drawLegend(fig, gd) {
    var old = fig.querySelector(".awsbook-legend"), list = document.createElement("div");
    if (old) { old.parentNode.removeChild(old); }
    list.className = "awsbook-legend";
    list.setAttribute("role", "group");
    list.setAttribute("aria-label", "범례 (누르면 계열을 숨기거나 다시 보입니다)");
    var groups = {};
    gd.data.forEach(function (t, i) {
      var name = plainText(t.name), key = t.legendgroup || "trace" + i;
      if (!name || t.showlegend === false || groups[key]) { return; }
      groups[key] = true;
      var button = document.createElement("button"), members = [];
      gd.data.forEach(function (u, k) { if ((u.legendgroup || "trace" + k) === key) { members.push(k); } });
      button.type = "button";
      button.className = "awsbook-legend-item";
      button.setAttribute("aria-pressed", String(gd.data[i].visible !== "legendonly"));
      button.appendChild(swatch(gd._fullData[i]));
      button.appendChild(document.createTextNode(name));
      button.addEventListener("click", function () {
        var on = button.getAttribute("aria-pressed") !== "true";
        button.setAttribute("aria-pressed", String(on));
        window.Plotly.restyle(gd, { visible: on ? true : "legendonly" }, members).then(function () { drawTable(fig, gd); });
      });
      list.appendChild(button);
    });
    if (list.childNodes.length) { gd.parentNode.insertBefore(list, gd.nextSibling); }
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

  var config = {
    responsive: true, displaylogo: false, scrollZoom: false, displayModeBar: "hover",
    modeBarButtons: [[{
      name: "awsbook-image", title: "이미지로 저장",
      icon: window.Plotly && window.Plotly.Icons ? window.Plotly.Icons.camera : undefined,
      click: function (gd) { window.Plotly.downloadImage(gd, { format: "png", filename: "chart" }); }
    }]]
  };

  function init(fig) {
    var gd = fig.querySelector(".awsbook-plot"), source = fig.querySelector("script.awsbook-chart-spec");
    var spec = (window.awsbookChartData || {})[fig.id] || (source && JSON.parse(source.textContent));
    if (!gd || !spec || !window.Plotly) { return; }
    var layout = spec.figure.layout;
    spec.axisTypes = {};  // the figure's own category and date axes (plotly writes its guesses into layout)
    Object.keys(layout).forEach(function (key) {
      var type = /^[xy]axis\d*$/.test(key) && layout[key] && layout[key].type;
      if (type === "category" || type === "date") { spec.axisTypes[key] = type; }
    });
    withFirstState(fig, spec);
    var legend = layout.showlegend !== false, narrow = fig.clientWidth < NARROW_PX, wide = {};
    Object.keys(spec.narrow || {}).forEach(function (path) { wide[path] = getPath(layout, path); });
    layout.showlegend = false;
    function adapt() {
      var update = Object.assign(shortTicks(layout, narrow), fitted(spec, wide, narrow));
      if (update.height) { gd.style.height = update.height + "px"; }
      return Object.keys(update).length ? window.Plotly.relayout(gd, update) : Promise.resolve();
    }
    window.Plotly.newPlot(gd, spec.figure.data, layout, config).then(adapt).then(function () {
      // The figure's name (aria-label) and the "표로 보기" table speak for the drawing itself.
      gd.querySelectorAll("svg.main-svg").forEach(function (svg) { svg.setAttribute("aria-hidden", "true"); });
      if (legend) { gd.setAttribute("data-legend", "html"); drawLegend(fig, gd); }
      drawTable(fig, gd);
      wire(fig, gd, spec, function () {  // after a state change on a phone: shorten its new two-line ticks
        var update = narrow ? shortTicks(layout, true) : {};
        return Object.keys(update).length ? window.Plotly.relayout(gd, update) : null;
      });
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
  }

  function start() { document.querySelectorAll("figure.awsbook-chart").forEach(init); }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
