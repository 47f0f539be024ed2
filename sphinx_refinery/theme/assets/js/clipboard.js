/* A small stand-in for clipboard.js, with only what sphinx-copybutton uses:
 * `new ClipboardJS(selector, {text: fn}).on("success" | "error", fn)`.
 * Uses the asynchronous Clipboard API, or a hidden textarea and
 * execCommand("copy") where that is missing (plain http, old browsers). */
(function () {
  "use strict";
  if (window.ClipboardJS) return;

  function copyWithTextarea(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.cssText = "position:fixed;top:0;opacity:0";
    document.body.appendChild(area);
    area.select();
    var done = false;
    try {
      done = document.execCommand("copy");
    } catch (e) {
      // done stays false
    }
    document.body.removeChild(area);
    return done ? Promise.resolve() : Promise.reject(new Error("copy failed"));
  }

  function write(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () { return copyWithTextarea(text); });
    }
    return copyWithTextarea(text);
  }

  function ClipboardJS(selector, options) {
    var handlers = { success: [], error: [] };
    this.on = function (name, handler) {
      (handlers[name] = handlers[name] || []).push(handler);
      return this;
    };
    document.addEventListener("click", function (event) {
      var trigger = event.target.closest ? event.target.closest(selector) : null;
      if (!trigger) return;
      var text = options.text(trigger);
      var emit = function (name) {
        handlers[name].forEach(function (handler) {
          handler({ action: "copy", text: text, trigger: trigger, clearSelection: function () {} });
        });
      };
      write(text).then(function () { emit("success"); }, function () { emit("error"); });
    });
  }

  window.ClipboardJS = ClipboardJS;
})();
