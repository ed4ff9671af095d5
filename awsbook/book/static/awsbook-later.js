/* Loads the page's behaviour scripts (the theme's, the extensions', the book's) after the page's
 * first paint, in their order: on a phone their ~80 KB would otherwise share the network with
 * what the first paint needs, and the text would show later.  awsbook/book/assets.py writes
 * this into each page and turns <script defer src> into <script type="awsbook/later" data-src>;
 * every such script waits for the DOM itself (or finds it complete).  When all have run, <html>
 * gets data-awsbook-scripts="loaded". */
(function () {
  "use strict";
  var started = false;
  function load() {
    if (started) { return; }
    started = true;
    var later = document.querySelectorAll('script[type="awsbook/later"]'), left = later.length;
    function done() { if (--left <= 0) { document.documentElement.setAttribute("data-awsbook-scripts", "loaded"); } }
    if (!left) { left = 1; done(); }
    later.forEach(function (placeholder) {
      var script = document.createElement("script");
      script.src = placeholder.getAttribute("data-src");
      script.async = false;  // run in document order, as with defer
      script.onload = done;
      script.onerror = done;
      document.head.appendChild(script);
    });
  }
  var paint = window.PerformanceObserver && (PerformanceObserver.supportedEntryTypes || []).indexOf("paint") >= 0;
  if (paint) {
    new PerformanceObserver(function (list) {
      if (list.getEntriesByName("first-contentful-paint").length) { setTimeout(load, 0); }
    }).observe({ type: "paint", buffered: true });
  }
  // Without paint timing, or if no paint is reported (a page opened in the background), at load.
  window.addEventListener("load", function () { setTimeout(load, paint ? 3000 : 0); });
})();
