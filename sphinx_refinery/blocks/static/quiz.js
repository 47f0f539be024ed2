/* sphinx_refinery quizzes (blocks/quiz/html.py): shows the buttons the page
 * holds hidden, "Check" (multiple-choice and short-answer questions) and
 * "Reset"; announces results in the quiz's aria-live region (a single choice
 * its own, once chosen); remembers the choices per page in localStorage.  A
 * screen reader hears an option's feedback once it shows, not before.
 * Without this script the forms still work: a chosen option shows its
 * feedback (quiz.css), a short answer has "Show answer".  No request leaves
 * the page. */
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
    /* Short answers as blocks/quiz/answers.py writes them: "n:VALUE:TOLERANCE" or "t:TEXT". */
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
