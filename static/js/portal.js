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

  // A category label as lines of at most `width` characters, broken between words (a word longer than a line is
  // cut), so Chart.js can draw it whole instead of clipping it at the canvas edge.
  function wrapLabel(label, width) {
    var lines = [];
    var line = "";
    String(label).split(/\s+/).forEach(function (word) {
      while (word.length > width) {
        if (line) { lines.push(line); line = ""; }
        lines.push(word.slice(0, width));
        word = word.slice(width);
      }
      if (!word) { return; }
      if (line && (line + " " + word).length > width) { lines.push(line); line = word; }
      else { line = line ? line + " " + word : word; }
    });
    if (line) { lines.push(line); }
    return lines.length > 1 ? lines : lines[0] || "";
  }

  // The category axis of a bar chart shows every label, wrapped to what fits: a side axis gets at most a third of
  // the canvas (Chart.js gives it no more than half and clips the rest), a bottom axis a column's width.
  function fitCategoryLabels(config, canvas) {
    if (config.type !== "bar") { return; }
    var options = config.options;
    var axis = options.indexAxis === "y" ? "y" : "x";
    var width = canvas.parentNode.clientWidth || canvas.clientWidth || 300;
    var count = (config.data && config.data.labels && config.data.labels.length) || 1;
    var room = axis === "y" ? width / 3 : width / count;
    // About 7 px a character at Chart.js's default 12 px font.
    var chars = Math.max(6, Math.floor(room / 7));
    options.scales = options.scales || {};
    var scale = options.scales[axis] = options.scales[axis] || {};
    scale.ticks = Object.assign({ autoSkip: false }, scale.ticks || {});
    scale.ticks.callback = function (value) { return wrapLabel(this.getLabelForValue(value), chars); };
    if (axis === "x") { scale.ticks.maxRotation = 0; }
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
      fitCategoryLabels(config, canvas);
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

  // <input data-maxlength="255"> counts its characters live beside its help text; the browser's maxlength would cut
  // pasted text silently, and the server refuses a longer text with a message on the field.
  function countLength(field) {
    var limit = parseInt(field.dataset.maxlength, 10);
    var counter = field.lengthCounter;
    if (!counter) {
      counter = field.lengthCounter = document.createElement("div");
      counter.className = "form-text length-counter";
      counter.setAttribute("aria-live", "polite");
      field.insertAdjacentElement("afterend", counter);
    }
    var used = field.value.length;
    counter.textContent = used + " of " + limit + " characters" + (used > limit ? ": " + (used - limit) + " too many" : "");
    counter.classList.toggle("text-danger", used > limit);
  }
  function watchLengths(root) {
    root.querySelectorAll("[data-maxlength]").forEach(function (field) { if (field.value) { countLength(field); } });
  }
  document.addEventListener("input", function (event) {
    if (event.target.dataset && event.target.dataset.maxlength) { countLength(event.target); }
  });

  // <button data-formset-add="lines"> adds a row to the Django formset with that prefix: it clones
  // <template id="lines-empty-form"> into #lines-forms, numbering it, and counts it in lines-TOTAL_FORMS. Without
  // JavaScript the button stays hidden and the page's "more rows" link ([data-formset-fallback]) asks for rows.
  function enableFormsets(root) {
    root.querySelectorAll("[data-formset-add]").forEach(function (button) {
      button.hidden = false;
      var fallback = button.parentNode.querySelector("[data-formset-fallback]");
      if (fallback) { fallback.hidden = true; }
    });
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-formset-add]");
    if (!button) { return; }
    var prefix = button.dataset.formsetAdd;
    var total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
    var most = document.getElementById("id_" + prefix + "-MAX_NUM_FORMS");
    var template = document.getElementById(prefix + "-empty-form");
    var rows = document.getElementById(prefix + "-forms");
    if (!total || !template || !rows) { return; }
    var index = parseInt(total.value, 10) || 0;
    if (most && index >= parseInt(most.value, 10)) { button.disabled = true; return; }
    rows.insertAdjacentHTML("beforeend", template.innerHTML.replace(/__prefix__/g, index).replace(/__number__/g, index + 1));
    total.value = index + 1;
    var added = rows.lastElementChild;
    init(added);
    var first = added.querySelector("input, select, textarea");
    if (first) { first.focus(); }
  });

  function init(root) { applyProgress(root); drawCharts(root); watchLengths(root); enableFormsets(root); }
  document.addEventListener("DOMContentLoaded", function () { init(document); });
  document.addEventListener("htmx:afterSettle", function (event) { init(event.target); });
})();
