/* sphinx_refinery theme: enhancements only; every page works without them.
 * - colour scheme toggle (auto -> light -> dark), remembered in localStorage
 * - Escape closes the navigation drawer
 * - on-page contents open on wide screens
 * - scroll boxes that do not scroll leave the Tab order
 * - projector mode (larger text, no navigation), remembered for the session
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
    var key = scheme[0].toUpperCase() + scheme.slice(1);
    var text = button.querySelector(".scheme-toggle-text");
    root.dataset.theme = button.dataset.scheme = scheme;
    button.title = button.dataset["label" + key];
    if (text) text.textContent = button.dataset["short" + key];
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
      } catch (e) {
        // private mode: the choice lasts for this page
      }
    });
  }

  function setUpDrawer() {
    var toggle = document.getElementById("nav-toggle");
    if (!toggle) return;
    var nav = document.getElementById("site-nav");
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && toggle.checked) {
        toggle.checked = false;
        toggle.focus();
      }
    });
    // The open drawer covers the page: when focus moves on past it (Tab
    // after its last link), close it, so focus never sits behind it.
    document.addEventListener("focusin", function (event) {
      var target = event.target;
      if (toggle.checked && target !== toggle && nav && !nav.contains(target)) {
        toggle.checked = false;
      }
    });
  }

  function setUpPageToc() {
    var details = document.querySelector(".page-toc-details");
    if (!details) return;
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

  /* Projector mode: no navigation, larger text. "?projector" (or "?projector=0")
   * in the address sets it, as do sphinx-lesson's (sphinx_minipres) "?minipres",
   * "?pres", "?slideshow" and "?plain"; the choice lasts for the browser tab's session. */
  function setUpProjector() {
    var button = document.querySelector(".projector-toggle");
    var KEY_P = "refinery-projector";
    var on = false;
    try {
      on = sessionStorage.getItem(KEY_P) === "1";
    } catch (e) {
      // no storage
    }
    var match = /[?&](projector|minipres|pres|slideshow|plain)(=([^&]*))?(&|$)/.exec(window.location.search);
    if (match) on = match[3] !== "0" && match[3] !== "off";
    function set(value) {
      on = value;
      root.classList.toggle("projector", on);
      if (button) button.setAttribute("aria-pressed", on ? "true" : "false");
      try {
        sessionStorage.setItem(KEY_P, on ? "1" : "0");
      } catch (e) {
        // no storage
      }
    }
    set(on);
    if (!button) return;
    button.hidden = false;
    button.addEventListener("click", function () { set(!on); });
  }

  // The bundle is a deferred script: the document is parsed when it runs.
  setUpProjector();
  setUpPrint();
  setUpToggle();
  setUpDrawer();
  setUpPageToc();
  trimTabStops();
})();
