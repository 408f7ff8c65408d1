/* The credential picker (credentials/partials/credential_picker.html): an ARIA combobox over the catalog.
   htmx fetches the options as the user types; this file lets the keyboard and the mouse choose one and puts its id
   in the hidden input the form posts. No inline script (Content-Security-Policy). */
(function () {
  "use strict";

  function parts(picker) {
    return {
      search: picker.querySelector("[data-picker-search]"),
      value: picker.querySelector("[data-picker-value]"),
      results: picker.querySelector("[data-picker-results]"),
      status: picker.querySelector("[data-picker-status]"),
      chosen: picker.querySelector("[data-picker-chosen]")
    };
  }

  function options(picker) {
    return Array.prototype.slice.call(picker.querySelectorAll("[data-picker-results] [role=option]"));
  }

  function isOpen(picker) {
    return parts(picker).search.getAttribute("aria-expanded") === "true";
  }

  function close(picker) {
    var p = parts(picker);
    p.search.setAttribute("aria-expanded", "false");
    p.search.removeAttribute("aria-activedescendant");
    p.results.replaceChildren();
  }

  function activate(picker, option) {
    var p = parts(picker);
    options(picker).forEach(function (item) {
      var active = item === option;
      item.classList.toggle("active", active);
      item.setAttribute("aria-selected", active ? "true" : "false");
    });
    if (option) {
      p.search.setAttribute("aria-activedescendant", option.id);
      option.scrollIntoView({ block: "nearest" });
    } else {
      p.search.removeAttribute("aria-activedescendant");
    }
  }

  function choose(picker, option) {
    var p = parts(picker);
    p.value.value = option.dataset.credentialId;
    p.search.value = option.dataset.credentialTitle;
    p.search.dataset.chosenTitle = option.dataset.credentialTitle;
    var label = document.createElement("span");
    label.className = "d-block";
    label.textContent = "Chosen:";
    // The option's title, issuer and cap, copied out of the list item.
    var summary = document.createElement("span");
    Array.prototype.forEach.call(option.childNodes, function (node) { summary.appendChild(node.cloneNode(true)); });
    p.chosen.replaceChildren(label, summary);
    p.status.textContent = "Chosen: " + option.dataset.credentialTitle + ".";
    close(picker);
    p.search.focus();
  }

  function move(picker, step) {
    var items = options(picker);
    if (!items.length) { return; }
    var current = items.indexOf(picker.querySelector("[role=option].active"));
    var next = current === -1 ? (step > 0 ? 0 : items.length - 1) : (current + step + items.length) % items.length;
    activate(picker, items[next]);
  }

  function pickerOf(node) {
    return node && node.closest ? node.closest("[data-credential-picker]") : null;
  }

  document.addEventListener("keydown", function (event) {
    var picker = pickerOf(event.target);
    if (!picker || !event.target.matches("[data-picker-search]")) { return; }
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      move(picker, event.key === "ArrowDown" ? 1 : -1);
    } else if (event.key === "Enter" && isOpen(picker)) {
      // Enter chooses the highlighted credential; it never submits the form while the list is open.
      event.preventDefault();
      var active = picker.querySelector("[role=option].active");
      if (active) { choose(picker, active); }
    } else if (event.key === "Escape" && isOpen(picker)) {
      event.preventDefault();
      close(picker);
    }
  });

  document.addEventListener("input", function (event) {
    var picker = pickerOf(event.target);
    if (!picker || !event.target.matches("[data-picker-search]")) { return; }
    var p = parts(picker);
    // Typing after a choice starts a new search: the old choice no longer stands.
    if (p.value.value && p.search.value !== p.search.dataset.chosenTitle) {
      p.value.value = "";
      p.chosen.textContent = "No credential chosen yet.";
    }
  });

  // Keep the focus in the text box while an option is clicked, then choose it.
  document.addEventListener("mousedown", function (event) {
    if (pickerOf(event.target) && event.target.closest("[role=option]")) { event.preventDefault(); }
  });
  document.addEventListener("click", function (event) {
    var option = event.target.closest ? event.target.closest("[data-credential-picker] [role=option]") : null;
    if (option) { choose(pickerOf(option), option); }
  });

  document.addEventListener("focusout", function (event) {
    var picker = pickerOf(event.target);
    if (picker && !picker.contains(event.relatedTarget) && isOpen(picker)) { close(picker); }
  });

  document.addEventListener("htmx:afterSwap", function (event) {
    var picker = pickerOf(event.target);
    if (!picker || !event.target.matches("[data-picker-results]")) { return; }
    var p = parts(picker);
    var answer = event.target.querySelector("[data-count-text]");
    p.search.setAttribute("aria-expanded", options(picker).length ? "true" : "false");
    p.search.removeAttribute("aria-activedescendant");
    p.status.textContent = answer ? answer.dataset.countText : "";
  });

  function remember(root) {
    root.querySelectorAll("[data-credential-picker] [data-picker-search]").forEach(function (search) {
      search.dataset.chosenTitle = search.value;
    });
  }
  document.addEventListener("DOMContentLoaded", function () { remember(document); });
})();
