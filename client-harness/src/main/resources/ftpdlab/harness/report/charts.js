// Draws report.html's charts with uPlot from the page's own JSON blocks (data-<chart>).
// Text from the run (phase names) reaches the page only through uPlot's textContent, never as HTML.
(function () {
  "use strict";
  var COLORS = document.body.getAttribute("data-colors").split(" ");
  var OK = "#4caf50", FAILED = "#d62728", TW = "#1f77b4", EST = "#ff7f0e";
  // counts are whole: these steps keep every tick an integer
  var INT_STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1e3, 2e3, 5e3, 1e4, 2e4, 5e4, 1e5, 2e5, 5e5, 1e6, 2e6, 5e6, 1e7, 2e7, 5e7, 1e8];
  var HEIGHT = 240;

  function data(id) {
    return JSON.parse(document.getElementById("data-" + id).textContent).series;
  }

  function color(i) {
    return COLORS[i % COLORS.length];
  }

  function fmtMs(ms) {
    return ms == null ? "-" : ms < 1000 ? Math.round(ms) + " ms" : (ms / 1000).toFixed(2) + " s";
  }

  function fmtCount(v) {
    return v == null ? "-" : String(Math.round(v));
  }

  function fmtSeconds(s) {
    return s == null ? "-" : s.toFixed(s < 10 ? 2 : 1) + " s";
  }

  function countAxis(label) {
    return {label: label, incrs: INT_STEPS, values: function (u, vals) { return vals.map(fmtCount); }};
  }

  function countScale() {
    return {range: function (u, min, max) { return [0, Math.max(1, max) * 1.05]; }};
  }

  // one cell of a figure's grid; the chart takes the cell's width
  function cell(id, title) {
    var box = document.createElement("div");
    box.className = "plot";
    if (title) {
      var h = document.createElement("h4");
      h.textContent = title;
      box.appendChild(h);
    }
    document.querySelector('.plots[data-chart="' + id + '"]').appendChild(box);
    return box;
  }

  function width(box) {
    return Math.max(320, Math.min(box.clientWidth || 640, 1280));
  }

  function empty(box, why) {
    var p = document.createElement("p");
    p.textContent = why;
    box.appendChild(p);
  }

  function cdf() {
    var series = data("latency-cdf").filter(function (s) { return s.points.length > 0; });
    var box = cell("latency-cdf");
    if (series.length === 0) {
      return empty(box, "no transfers");
    }
    // a log axis has no 0: a transfer under 1 ms is drawn at 1 ms
    var tables = series.map(function (s) {
      return [s.points.map(function (p) { return Math.max(1, p.ms); }),
              s.points.map(function (p) { return p.fraction; })];
    });
    var uSeries = [{label: "within", value: function (u, v) { return fmtMs(v); }}];
    series.forEach(function (s, i) {
      uSeries.push({label: s.phase, stroke: color(i), width: 2, spanGaps: true,
        paths: uPlot.paths.stepped({align: 1}),
        value: function (u, v) { return v == null ? "-" : (v * 100).toFixed(1) + " %"; }});
    });
    new uPlot({
      width: width(box), height: HEIGHT + 40,
      scales: {x: {time: false, distr: 3, log: 10}, y: {range: [0, 1]}},
      axes: [{label: "ms (log)", values: function (u, vals) { return vals.map(function (v) { return v == null ? "" : String(v); }); }},
             {label: "share of transfers", values: function (u, vals) { return vals.map(function (v) { return Math.round(v * 100) + "%"; }); }}],
      series: uSeries
    }, uPlot.join(tables), box);
  }

  function timeline() {
    data("timeline").forEach(function (s, i) {
      var box = cell("timeline", s.phase + ": transfers finished per " + fmtMs(s.bucketMs) + " bucket");
      if (s.buckets.length === 0) {
        return empty(box, "no transfers");
      }
      var x = s.buckets.map(function (b) { return b.tMs / 1000; });
      var end = Math.max(s.durationMs, s.buckets[s.buckets.length - 1].tMs + s.bucketMs) / 1000;
      var showPoints = s.buckets.length <= 60;
      new uPlot({
        width: width(box), height: HEIGHT,
        scales: {x: {time: false, range: [0, end]}, y: countScale()},
        axes: [{label: "s from the phase's start"}, countAxis("transfers")],
        series: [{label: "t", value: function (u, v) { return fmtSeconds(v); }},
                 {label: "ok", stroke: OK, width: 2, points: {show: showPoints}, value: function (u, v) { return fmtCount(v); }},
                 {label: "failed", stroke: FAILED, width: 2, dash: [6, 3], points: {show: showPoints}, value: function (u, v) { return fmtCount(v); }}]
      }, [x, s.buckets.map(function (b) { return b.ok; }), s.buckets.map(function (b) { return b.failed; })], box);
    });
  }

  function sockets() {
    data("sockets").forEach(function (s) {
      var where = s.hostWide ? "host-wide: every TCP socket of this host (no fixed data port)"
          : "data port " + s.dataPort;
      var box = cell("sockets", s.phase + ": " + where);
      if (s.samples.length === 0) {
        return empty(box, "sockets were not sampled");
      }
      var suffix = s.hostWide ? " (host-wide)" : " (port " + s.dataPort + ")";
      new uPlot({
        width: width(box), height: HEIGHT,
        scales: {x: {time: false, range: [0, Math.max(0.1, s.samples[s.samples.length - 1].tMs / 1000)]}, y: countScale()},
        axes: [{label: "s from the phase's start"}, countAxis(s.hostWide ? "sockets on the host" : "sockets on the port")],
        series: [{label: "t", value: function (u, v) { return fmtSeconds(v); }},
                 {label: "TIME_WAIT" + suffix, stroke: TW, width: 2, value: function (u, v) { return fmtCount(v); }},
                 {label: "ESTABLISHED" + suffix, stroke: EST, width: 2, dash: [6, 3], value: function (u, v) { return fmtCount(v); }}]
      }, [s.samples.map(function (p) { return p.tMs / 1000; }),
          s.samples.map(function (p) { return p.timeWait; }),
          s.samples.map(function (p) { return p.established; })], box);
    });
  }

  function binds() {
    var series = data("binds-per-transfer");
    if (series.length === 0) {
      return empty(cell("binds-per-transfer"), "no server reported bind.per-transfer counters");
    }
    series.forEach(function (s, i) {
      var box = cell("binds-per-transfer", s.phase);
      var max = Math.max.apply(null, Object.keys(s.counts).map(Number));
      var x = [], y = [];
      for (var n = 1; n <= max; n++) {
        x.push(n);
        y.push(s.counts[n] || 0);
      }
      // bars centred on whole numbers of binds, the axis ticking on the same numbers
      new uPlot({
        width: width(box), height: HEIGHT,
        scales: {x: {time: false, range: [0.5, max + 0.5]}, y: countScale()},
        axes: [{label: "binds needed", incrs: INT_STEPS, values: function (u, vals) { return vals.map(fmtCount); }},
               countAxis("active transfers")],
        series: [{label: "binds", value: function (u, v) { return fmtCount(v); }},
                 {label: "transfers", stroke: color(i), fill: color(i) + "99", width: 1,
                  paths: uPlot.paths.bars({size: [0.6, 80], align: 0}), points: {show: false},
                  value: function (u, v) { return fmtCount(v); }}]
      }, [x, y], box);
    });
  }

  [cdf, timeline, sockets, binds].forEach(function (draw) {
    try {
      draw();
    } catch (e) {
      // one chart that cannot be drawn must not take the others with it
      if (window.console) { console.error(e); }
    }
  });
})();
