/* Behaviour the templates ask for with data- attributes, so no page needs inline script (CSP). */
(function () {
  "use strict";

  // <div class="progress-bar" data-progress="40"> gets its width here.
  function applyProgress(root) {
    root.querySelectorAll("[data-progress]").forEach(function (bar) {
      var value = Math.max(0, Math.min(100, parseFloat(bar.dataset.progress) || 0));
      bar.style.width = value + "%";
    });
  }

  // <canvas data-chart="id-of-json-script"> draws the Chart.js config held in that json_script element.
  function drawCharts(root) {
    if (typeof Chart === "undefined") { return; }
    root.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      if (canvas.dataset.drawn) { return; }
      var source = document.getElementById(canvas.dataset.chart);
      if (!source) { return; }
      var config = JSON.parse(source.textContent);
      config.options = Object.assign({ responsive: true, maintainAspectRatio: false, animation: false }, config.options || {});
      new Chart(canvas, config);
      canvas.dataset.drawn = "1";
    });
  }

  // <form data-confirm="Delete this?"> or <button data-confirm="..."> asks before submitting.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form.dataset.confirm || (event.submitter && event.submitter.dataset.confirm);
    if (question && !window.confirm(question)) { event.preventDefault(); }
  });

  function init(root) { applyProgress(root); drawCharts(root); }
  document.addEventListener("DOMContentLoaded", function () { init(document); });
  document.addEventListener("htmx:afterSettle", function (event) { init(event.target); });
})();
