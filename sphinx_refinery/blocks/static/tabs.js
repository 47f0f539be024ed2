/* sphinx_refinery tabs: turn the static tab sets written by tabs.py into
 * WAI-ARIA tabs (https://www.w3.org/WAI/ARIA/apg/patterns/tabs/).
 *
 * Without this script every panel shows, each under its label.  With it,
 * each set gets a tab list built from those labels; group and code tabs
 * (panels with data-refinery-tab-sync) switch together across the page and
 * the choice is remembered in localStorage for the next pages.
 * No dependencies; the DOM is built with createElement and textContent.
 */
(() => {
  "use strict";

  const STORAGE_KEY = "sphinx-refinery-tabs";
  const MAX_REMEMBERED = 20;
  const SET_CLASS = "refinery-tabs";
  const PANEL_CLASS = "refinery-tab-panel";
  const LABEL_CLASS = "refinery-tab-label";
  const READY_CLASS = "refinery-tabs-ready";
  const SUPPORTS_UNTIL_FOUND = "onbeforematch" in document.documentElement;

  /** @type {Map<HTMLElement, {tabs: HTMLButtonElement[], panels: HTMLElement[]}>} */
  const sets = new Map();

  /** Direct children of `parent` with class `name`. */
  const childrenWith = (parent, name) =>
    Array.from(parent.children).filter((child) => child.classList.contains(name));

  /** The remembered sync keys, most recent first. */
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
      /* Storage may be disabled: the choice is then kept for this page only. */
    }
  }

  /** Show panel `index` of `set` and hide the others. */
  function show(set, index, focus) {
    const { tabs, panels } = sets.get(set);
    tabs.forEach((tab, i) => {
      const selected = i === index;
      tab.setAttribute("aria-selected", String(selected));
      tab.tabIndex = selected ? 0 : -1;
      if (selected) {
        panels[i].removeAttribute("hidden");
      } else {
        // "until-found" keeps hidden text findable with the browser's search.
        panels[i].setAttribute("hidden", SUPPORTS_UNTIL_FOUND ? "until-found" : "");
      }
    });
    if (focus) tabs[index].focus();
  }

  /** Select panel `index` of `set` as the reader asked: sync the page and remember. */
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
    // Sets above may have changed height: keep the chosen tab where it was.
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

  /** Build the tab list of one static set. */
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

  /** Initial choice of each set: the most recently remembered key it has, else its first tab. */
  function initialIndex(set, remembered) {
    const { panels } = sets.get(set);
    for (const key of remembered) {
      const index = panels.findIndex((panel) => panel.dataset.refineryTabSync === key);
      if (index >= 0) return index;
    }
    return 0;
  }

  /** Open the panels (outermost first) that hide the element named in the URL. */
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

  // A deferred script (as every page loads it): the document is parsed.
  document.querySelectorAll(`.${SET_CLASS}`).forEach(build);
  const remembered = recall();
  sets.forEach((_, set) => show(set, initialIndex(set, remembered), false));
  revealTarget();
  window.addEventListener("hashchange", revealTarget);
})();
