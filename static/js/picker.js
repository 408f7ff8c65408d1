/* Type-ahead pickers (core/partials/picker.html, core.widgets.Picker): an ARIA combobox in place of a <select> of
   thousands of rows. htmx fetches the options as the user types; this file lets the keyboard and the mouse choose
   one and puts its id in the hidden input the form posts. Options carry data-choice-id and data-choice-label.
   A picker marked data-picker-multiple keeps a list instead: each choice adds a hidden input and a Remove button.
   No inline script (Content-Security-Policy). */
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

  function summaryOf(option) {
    // The option's own summary, copied out of the list item.
    var summary = document.createElement("span");
    Array.prototype.forEach.call(option.childNodes, function (node) { summary.appendChild(node.cloneNode(true)); });
    return summary;
  }

  function choose(picker, option) {
    var p = parts(picker);
    if (picker.hasAttribute("data-picker-multiple")) {
      add(picker, option);
    } else {
      p.value.value = option.dataset.choiceId;
      p.search.value = option.dataset.choiceLabel;
      p.search.dataset.chosenLabel = option.dataset.choiceLabel;
      var label = document.createElement("span");
      label.className = "d-block";
      label.textContent = "Chosen:";
      p.chosen.replaceChildren(label, summaryOf(option));
      p.status.textContent = "Chosen: " + option.dataset.choiceLabel + ".";
    }
    close(picker);
    p.search.focus();
  }

  function add(picker, option) {
    var p = parts(picker);
    var list = picker.querySelector("[data-picker-list]");
    var id = option.dataset.choiceId;
    p.search.value = "";
    if (list.querySelector('input[value="' + id + '"]')) {
      p.status.textContent = option.dataset.choiceLabel + " is already chosen.";
      return;
    }
    var item = document.createElement("li");
    item.className = "d-flex align-items-start gap-2 py-1";
    item.setAttribute("data-picker-item", "");
    var input = document.createElement("input");
    input.type = "hidden";
    input.name = picker.dataset.name;
    input.value = id;
    var remove = document.createElement("button");
    remove.type = "button";
    remove.className = "btn btn-sm btn-link p-0 ms-auto";
    remove.setAttribute("data-picker-remove", "");
    remove.setAttribute("aria-label", "Remove " + option.dataset.choiceLabel);
    remove.textContent = "Remove";
    item.append(input, summaryOf(option), remove);
    list.appendChild(item);
    picker.querySelector("[data-picker-none]").hidden = true;
    p.status.textContent = "Added: " + option.dataset.choiceLabel + ".";
  }

  function move(picker, step) {
    var items = options(picker);
    if (!items.length) { return; }
    var current = items.indexOf(picker.querySelector("[role=option].active"));
    var next = current === -1 ? (step > 0 ? 0 : items.length - 1) : (current + step + items.length) % items.length;
    activate(picker, items[next]);
  }

  function pickerOf(node) {
    return node && node.closest ? node.closest("[data-picker]") : null;
  }

  document.addEventListener("keydown", function (event) {
    var picker = pickerOf(event.target);
    if (!picker || !event.target.matches("[data-picker-search]")) { return; }
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      move(picker, event.key === "ArrowDown" ? 1 : -1);
    } else if (event.key === "Enter" && isOpen(picker)) {
      // Enter chooses the highlighted option; it never submits the form while the list is open.
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
    if (p.value && p.value.value && p.search.value !== p.search.dataset.chosenLabel) {
      p.value.value = "";
      p.chosen.textContent = picker.dataset.nothingChosen;
    }
  });

  // Keep the focus in the text box while an option is clicked, then choose it.
  document.addEventListener("mousedown", function (event) {
    if (pickerOf(event.target) && event.target.closest("[role=option]")) { event.preventDefault(); }
  });
  document.addEventListener("click", function (event) {
    if (!event.target.closest) { return; }
    var option = event.target.closest("[data-picker] [role=option]");
    if (option) { choose(pickerOf(option), option); }
    var remove = event.target.closest("[data-picker] [data-picker-remove]");
    if (remove) {
      var picker = pickerOf(remove);
      var p = parts(picker);
      remove.closest("[data-picker-item]").remove();
      picker.querySelector("[data-picker-none]").hidden = !!picker.querySelector("[data-picker-item]");
      p.status.textContent = remove.getAttribute("aria-label").replace(/^Remove /, "Removed: ") + ".";
      p.search.focus();
    }
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
    root.querySelectorAll("[data-picker] [data-picker-search]").forEach(function (search) {
      search.dataset.chosenLabel = search.value;
    });
  }
  document.addEventListener("DOMContentLoaded", function () { remember(document); });
})();
