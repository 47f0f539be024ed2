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
function setUpProjector() {
var button = document.querySelector(".projector-toggle");
var KEY_P = "refinery-projector";
var on = false;
try {
on = sessionStorage.getItem(KEY_P) === "1";
} catch (e) {
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
}
}
set(on);
if (!button) return;
button.hidden = false;
button.addEventListener("click", function () { set(!on); });
}
setUpProjector();
setUpPrint();
setUpToggle();
setUpDrawer();
setUpPageToc();
trimTabStops();
})();
/*! quiz.js */
;(function(){
(() => {
"use strict";
const KEY = "refinery-quiz:" + location.pathname;
let saved = {};
try {
saved = JSON.parse(localStorage.getItem(KEY)) || {};
} catch (error) {}
for (const form of document.querySelectorAll("fieldset[data-refinery-quiz]")) {
const data = form.dataset;
const single = data.refineryQuiz === "single";
const inputs = [...form.querySelectorAll("input")];
const field = data.refineryQuiz === "short" && inputs[0];
const actions = form.querySelector(".refinery-quiz-actions");
const [check, reset = check] = actions.children;
const right = (input) =>
document.getElementById(input.id + "-f").classList.contains("refinery-quiz-right");
const accepted = (given) =>
field.dataset.answers.split(" | ").some((answer) => {
const [type, value, tolerance] = answer.split(":");
return type === "t"
? given.trim().replace(/\s+/g, " ").toLowerCase() === answer.slice(2)
: given.trim() !== "" && Math.abs(given.replace(",", ".") - value) <= +tolerance + 1e-12;
});
const show = (checked, ok) => {
form.classList.toggle("refinery-quiz-waiting", !checked);
form.querySelector(".refinery-quiz-result").textContent =
ok === undefined ? "" : ok ? data.right : data.wrong;
for (const input of inputs) {
if (input.checked && (checked || single)) input.setAttribute("aria-describedby", input.id + "-f");
else input.removeAttribute("aria-describedby");
}
saved[form.id] = field ? field.value : inputs.filter((i) => i.checked).map((i) => i.value);
try {
localStorage.setItem(KEY, JSON.stringify(saved));
} catch (error) {}
};
if (!single) {
check.onclick = () =>
show(true, field ? accepted(field.value) : inputs.every((i) => i.checked === right(i)));
}
reset.onclick = () => {
for (const input of inputs) field ? (input.value = "") : (input.checked = false);
show(false);
};
form.oninput = (event) => show(false, single ? right(event.target) : undefined);
const remembered = saved[form.id] || [];
if (field) field.value = remembered;
else for (const input of inputs) input.checked = remembered.includes(input.value);
show(false);
actions.hidden = false;
}
})();
}).call(window);
/*! tabs.js */
;(function(){
(() => {
"use strict";
const STORAGE_KEY = "sphinx-refinery-tabs";
const MAX_REMEMBERED = 20;
const SET_CLASS = "refinery-tabs";
const PANEL_CLASS = "refinery-tab-panel";
const LABEL_CLASS = "refinery-tab-label";
const READY_CLASS = "refinery-tabs-ready";
const SUPPORTS_UNTIL_FOUND = "onbeforematch" in document.documentElement;
const sets = new Map();
const childrenWith = (parent, name) =>
Array.from(parent.children).filter((child) => child.classList.contains(name));
function recall() {
try {
const stored = JSON.parse(window.localStorage.getItem(STORAGE_KEY) || "[]");
return Array.isArray(stored) ? stored.filter((key) => typeof key === "string") : [];
} catch (error) {
return [];
}
}
function remember(key) {
const keys = [key, ...recall().filter((known) => known !== key)].slice(0, MAX_REMEMBERED);
try {
window.localStorage.setItem(STORAGE_KEY, JSON.stringify(keys));
} catch (error) {
}
}
function show(set, index, focus) {
const { tabs, panels } = sets.get(set);
tabs.forEach((tab, i) => {
const selected = i === index;
tab.setAttribute("aria-selected", String(selected));
tab.tabIndex = selected ? 0 : -1;
if (selected) {
panels[i].removeAttribute("hidden");
} else {
panels[i].setAttribute("hidden", SUPPORTS_UNTIL_FOUND ? "until-found" : "");
}
});
if (focus) tabs[index].focus();
}
function choose(set, index, focus) {
const { tabs, panels } = sets.get(set);
const key = panels[index].dataset.refineryTabSync;
const anchor = tabs[index];
const before = anchor.getBoundingClientRect().top;
show(set, index, focus);
if (!key) return;
sets.forEach(({ panels: others }, other) => {
const match = others.findIndex((panel) => panel.dataset.refineryTabSync === key);
if (other !== set && match >= 0) show(other, match, false);
});
remember(key);
const shift = anchor.getBoundingClientRect().top - before;
if (shift) window.scrollBy(0, shift);
}
function onKeydown(event) {
const tab = event.target.closest('[role="tab"]');
if (!tab) return;
const set = tab.parentElement.parentElement;
const { tabs } = sets.get(set);
const index = tabs.indexOf(tab);
const rtl = getComputedStyle(tab.parentElement).direction === "rtl";
const step = { ArrowRight: rtl ? -1 : 1, ArrowLeft: rtl ? 1 : -1 }[event.key];
let next;
if (step) next = (index + step + tabs.length) % tabs.length;
else if (event.key === "Home") next = 0;
else if (event.key === "End") next = tabs.length - 1;
else return;
event.preventDefault();
choose(set, next, true);
}
function build(set) {
const panels = childrenWith(set, PANEL_CLASS).filter((panel) => panel.id);
if (panels.length === 0) return;
const list = document.createElement("div");
list.className = "refinery-tablist";
list.setAttribute("role", "tablist");
const tabs = panels.map((panel, i) => {
const label = childrenWith(panel, LABEL_CLASS)[0];
const tab = document.createElement("button");
tab.type = "button";
tab.className = "refinery-tab";
tab.id = `${panel.id}-tab`;
tab.setAttribute("role", "tab");
tab.setAttribute("aria-controls", panel.id);
tab.textContent = label ? label.textContent.trim() : String(i + 1);
tab.addEventListener("click", () => choose(set, i, false));
list.appendChild(tab);
panel.setAttribute("role", "tabpanel");
panel.setAttribute("aria-labelledby", tab.id);
panel.tabIndex = 0;
panel.addEventListener("beforematch", () => show(set, i, false));
return tab;
});
list.addEventListener("keydown", onKeydown);
set.insertBefore(list, set.firstChild);
set.classList.add(READY_CLASS);
sets.set(set, { tabs, panels });
}
function initialIndex(set, remembered) {
const { panels } = sets.get(set);
for (const key of remembered) {
const index = panels.findIndex((panel) => panel.dataset.refineryTabSync === key);
if (index >= 0) return index;
}
return 0;
}
function revealTarget() {
const id = decodeURIComponent(window.location.hash.slice(1));
const target = id && document.getElementById(id);
if (!target) return;
const path = [];
for (let node = target; node; node = node.parentElement) {
if (node.classList.contains(PANEL_CLASS) && sets.has(node.parentElement)) path.unshift(node);
}
path.forEach((panel) => {
const set = panel.parentElement;
show(set, sets.get(set).panels.indexOf(panel), false);
});
if (path.length) target.scrollIntoView();
}
document.querySelectorAll(`.${SET_CLASS}`).forEach(build);
const remembered = recall();
sets.forEach((_, set) => show(set, initialIndex(set, remembered), false));
revealTarget();
window.addEventListener("hashchange", revealTarget);
})();
}).call(window);
