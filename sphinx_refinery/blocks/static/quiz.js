/* sphinx_refinery quizzes (blocks/quiz/html.py): "Check" for multiple-choice
 * and short-answer questions, the result in an aria-live region, the choices
 * remembered per page in localStorage, with "Reset".  Without this script the
 * forms still work: a chosen option shows its feedback (quiz.css), a short
 * answer has "Show answer".  No request leaves the page. */
(() => {
  "use strict";

  const KEY = "refinery-quiz:" + location.pathname;
  let saved = {};
  const store = () => {
    try {
      localStorage.setItem(KEY, JSON.stringify(saved));
    } catch (error) {}
  };
  try {
    saved = JSON.parse(localStorage.getItem(KEY)) || {};
  } catch (error) {}
  /* The answers as blocks/quiz/answers.py writes them: "n:VALUE:TOLERANCE" or "t:TEXT". */
  const accepts = (answers, given) =>
    answers.split(" | ").some((answer) => {
      const [type, value, tolerance] = answer.split(":");
      if (type === "t") return given.trim().replace(/\s+/g, " ").toLowerCase() === answer.slice(2);
      const number = /^\s*[-+]?(\d+([.,]\d*)?|[.,]\d+)(e[-+]?\d+)?\s*$/i.test(given)
        ? parseFloat(given.replace(",", "."))
        : NaN;
      return Math.abs(number - value) <= +tolerance + 1e-12;
    });

  document.querySelectorAll("fieldset[data-refinery-quiz]").forEach((form) => {
    const data = form.dataset;
    const inputs = Array.from(form.querySelectorAll("input"));
    const field = data.refineryQuiz === "short" && inputs[0];
    const actions = document.createElement("p");
    const result = document.createElement("p");
    result.className = "refinery-quiz-result";
    result.setAttribute("aria-live", "polite");
    const isRight = (input) =>
      document.getElementById(input.id + "-f").classList.contains("refinery-quiz-right");
    const say = (right) => (result.textContent = right ? data.right : data.wrong);
    const update = (checked, text) => {
      form.classList.toggle("refinery-quiz-checked", checked);
      result.textContent = text;
    };
    const button = (text, action) => {
      const element = document.createElement("button");
      element.type = "button";
      element.textContent = text;
      element.onclick = action;
      actions.append(element);
    };
    if (data.refineryQuiz !== "single") {
      button(data.check, () => {
        update(true);
        say(field ? accepts(field.dataset.answers, field.value) : inputs.every((i) => i.checked === isRight(i)));
      });
    }
    button(data.reset, () => {
      inputs.forEach((input) => (field ? (input.value = "") : (input.checked = false)));
      update(false, "");
      delete saved[form.id];
      store();
    });
    form.addEventListener("input", (event) => {
      update(false, "");
      saved[form.id] = field ? field.value : inputs.filter((i) => i.checked).map((i) => i.value);
      store();
      if (!field && event.target.type === "radio") say(isRight(event.target));
    });
    const remembered = saved[form.id] || [];
    if (field) field.value = remembered;
    else inputs.forEach((i) => (i.checked = remembered.includes(i.value)));
    (field ? field.parentNode : form.lastElementChild).after(actions, result);
    form.classList.add("refinery-quiz-js");
  });
})();
