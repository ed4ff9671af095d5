/* Links several native plotly controls (sliders and dropdowns) of one figure.
 *
 * Plotly's own controls each apply one fixed update, so two controls cannot
 * combine.  Figures built by awsbook.charts.controls.add_controls with more
 * than one control carry every reachable state in layout.meta.awsbook; this
 * script reads the active index of each control and applies the matching
 * precomputed state.  Single-control figures need no script at all.
 */
(function () {
  "use strict";

  function activeIndex(control) {
    return control && typeof control.active === "number" ? control.active : 0;
  }

  function applyState(gd) {
    var spec = gd.layout && gd.layout.meta && gd.layout.meta.awsbook;
    if (!spec) { return; }
    var key = spec.order.map(function (ref) {
      var list = ref[0] === "slider" ? gd.layout.sliders : gd.layout.updatemenus;
      return activeIndex(list && list[ref[1]]);
    }).join(",");
    var state = spec.states[key];
    if (state) {
      window.Plotly.update(gd, state.data, state.layout || {});
    }
  }

  window.awsbookLinkControls = function (id) {
    var gd = document.getElementById(id);
    if (!gd || !gd.on || !(gd.layout && gd.layout.meta && gd.layout.meta.awsbook)) { return; }
    var later = function () { window.setTimeout(function () { applyState(gd); }, 0); };
    gd.on("plotly_sliderchange", later);
    gd.on("plotly_buttonclicked", later);
  };
})();
