/* sphinx_refinery theme: enhancements only; every page works without them.
 * - colour scheme toggle (auto -> light -> dark), remembered in localStorage
 * - Escape closes the navigation drawer
 * - on-page contents open on wide screens
 * - scroll boxes that do not scroll leave the Tab order
 */
(function () {
  "use strict";
  var KEY = "refinery-scheme";
  var ORDER = ["auto", "light", "dark"];
  var root = document.documentElement;

  function stored() {
    try {
      var value = localStorage.getItem(KEY);
      return ORDER.indexOf(value) >= 0 ? value : "auto";
    } catch (e) {
      return "auto";
    }
  }

  function apply(button, scheme) {
    root.dataset.theme = scheme;
    if (button) {
      button.dataset.scheme = scheme;
      button.setAttribute("aria-label", button.dataset["label" + scheme[0].toUpperCase() + scheme.slice(1)]);
    }
  }

  function setUpToggle() {
    var button = document.querySelector(".scheme-toggle");
    if (!button) return;
    apply(button, stored());
    button.hidden = false;
    button.addEventListener("click", function () {
      var next = ORDER[(ORDER.indexOf(root.dataset.theme || "auto") + 1) % ORDER.length];
      apply(button, next);
      try {
        if (next === "auto") localStorage.removeItem(KEY);
        else localStorage.setItem(KEY, next);
      } catch (e) { /* private mode: the choice lasts for this page */ }
    });
  }

  function setUpDrawer() {
    var toggle = document.getElementById("nav-toggle");
    if (!toggle) return;
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && toggle.checked) {
        toggle.checked = false;
        toggle.focus();
      }
    });
  }

  function setUpPageToc() {
    var details = document.querySelector(".page-toc-details");
    if (!details || !window.matchMedia) return;
    var wide = window.matchMedia("(min-width: 75em)");
    var sync = function () { if (wide.matches) details.open = true; };
    sync();
    if (wide.addEventListener) wide.addEventListener("change", sync);
  }

  function trimTabStops() {
    var boxes = document.querySelectorAll("pre[tabindex='0'], .table-scroll[tabindex='0']");
    for (var i = 0; i < boxes.length; i++) {
      var box = boxes[i];
      if (box.scrollWidth <= box.clientWidth + 1 && box.scrollHeight <= box.clientHeight + 1) {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
      }
    }
  }

  /* Print every collapsible block open; restore afterwards. */
  function setUpPrint() {
    var opened = [];
    window.addEventListener("beforeprint", function () {
      var closed = document.querySelectorAll("details:not([open])");
      for (var i = 0; i < closed.length; i++) { closed[i].open = true; opened.push(closed[i]); }
    });
    window.addEventListener("afterprint", function () {
      while (opened.length) opened.pop().open = false;
    });
  }

  function ready() {
    setUpPrint();
    setUpToggle();
    setUpDrawer();
    setUpPageToc();
    trimTabStops();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
})();
