// calculator.js - the working-days calculator page (navigator/working-days/).
// Two forms: a date plus N working days ({"action": "add"}) and the working days between two
// dates ({"action": "between"}), checked by Python (navigator/browser.py) field by field, with
// the same date inputs, error messages and error summary as the navigator.

import { h, announcer, errorSummary, errorMessage, dateInput, readDate } from "./navigator-dom.js";
import { NavigatorClient } from "./navigator-client.js";

const root = document.getElementById("calculator");
const statusBox = document.getElementById("calculator-status");
const errorsBox = document.getElementById("calculator-errors");
const announce = announcer(document.getElementById("calculator-live"));
const baseTitle = document.title;
const FIELDS = {
  // Not "Start date", as the other form's is: an error summary saying "Start date must be ..." could
  // then be about either form (navigator/browser.py FORM_DATES starts its messages the same way).
  date: { id: "date", label: "Date to count from", hint: "For example, the date we received your complaint: 27 3 2026" },
  start: { id: "start", label: "Start date", hint: "For example, 24 12 2026" },
  end: { id: "end", label: "End date", hint: "For example, 4 1 2027" },
};

const client = new NavigatorClient({
  timeoutMs: 12000,
  onState(state, detail) {
    root.dataset.state = state;
    if (state === "ready") { root.dataset.readyMs = String(detail.ms); if (statusBox.dataset.kind !== "fallback") statusBox.hidden = true; return; }
    statusBox.dataset.kind = "fallback";
    statusBox.replaceChildren(
      h("p", { text: state === "slow" ? "The calculator is taking a long time to load." : "The calculator cannot run in this browser." }),
      h("p", {}, "You can count working days with ", h("a", { href: "../../working-days/", text: "the bank holidays and closure days tables" }), "."));
    statusBox.hidden = false;
    document.getElementById("calculator-static").hidden = false;
  },
});

function fill(form, values = {}, errors = []) {
  for (const slot of form.querySelectorAll("[data-slot]")) {
    const id = slot.dataset.slot;
    const error = errors.find((e) => e.field.startsWith(`${id}-`)) ?? null;
    slot.replaceChildren(dateInput(FIELDS[id], values[id] ?? {}, error, {}));
  }
  const days = form.querySelector("#days");
  if (days) {
    const group = days.closest(".form-group");
    const error = errors.find((e) => e.field === "days");
    group.classList.toggle("form-group-error", Boolean(error));
    group.querySelector(".error-message")?.remove();
    days.classList.toggle("input-error", Boolean(error));
    if (error) {
      days.before(errorMessage("days-error", error.message));
      days.setAttribute("aria-describedby", "days-hint days-error");
      days.setAttribute("aria-invalid", "true");
    } else {
      days.setAttribute("aria-describedby", "days-hint");
      days.removeAttribute("aria-invalid");
    }
  }
}

function closedList(closed) {
  if (!closed.length) return h("p", { text: "No bank holidays or closure days were left out of the count." });
  const ul = h("ul");
  for (const c of closed) ul.append(h("li", { text: `${c.date_text}: ${c.reason}` }));
  return h("div", {}, h("p", { text: "Bank holidays and closure days that were not counted:" }), ul);
}

/** The other form's errors, from an earlier try, go with the summary that listed them. */
function clearOtherForm(form) {
  const other = form === addForm ? betweenForm : addForm;
  if (!other.querySelector(".error-message")) return;
  const values = {};
  for (const slot of other.querySelectorAll("[data-slot]")) values[slot.dataset.slot] = readDate(other, slot.dataset.slot);
  fill(other, values, []);
}

function showErrors(form, values, errors) {
  announce.clear(); // the summary takes focus and is read; an old result must not be read with it
  clearOtherForm(form);
  fill(form, values, errors);
  form.querySelector(".calculator-result").replaceChildren();
  errorsBox.replaceChildren(errorSummary(errors));
  document.title = `Error: ${baseTitle}`;
  errorsBox.firstChild.focus();
}

function showResult(form, heading, ...children) {
  clearOtherForm(form);
  errorsBox.replaceChildren();
  document.title = baseTitle;
  const title = h("h3", { tabindex: "-1", class: "result-heading", text: heading });
  form.querySelector(".calculator-result").replaceChildren(h("div", { class: "panel-result" }, title, ...children));
  title.focus();
  // Focus reads the heading (the date, or the count); the live region says the sentence under it, which
  // says what it was counted from (it said the heading again)
  announce(children[0]?.textContent ?? heading);
}

async function ask(request) {
  if (client.state !== "ready") { statusBox.hidden = false; if (statusBox.dataset.kind !== "fallback") { statusBox.dataset.kind = "waiting"; statusBox.replaceChildren(h("p", { text: "Getting the calculator ready." })); } announce("Getting the calculator ready"); }
  try {
    const reply = await client.ask(request);
    if (statusBox.dataset.kind === "waiting") statusBox.hidden = true;
    return reply;
  } catch (error) {
    return null;
  }
}

const addForm = document.getElementById("add-form");
const betweenForm = document.getElementById("between-form");

addForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  const values = { date: readDate(addForm, "date"), days: addForm.querySelector("#days").value.trim() };
  const reply = await ask({ action: "add", ...values });
  if (!reply) return;
  if (reply.kind === "errors") { showErrors(addForm, values, reply.errors); return; }
  if (reply.kind !== "date") { showErrors(addForm, values, [{ field: "date-day", message: reply.message }]); return; }
  fill(addForm, values, []);
  const n = reply.days === 1 ? "1 working day" : `${reply.days} working days`;
  showResult(addForm, reply.date_text,
    h("p", { text: reply.counted_from_text
      ? `${n} after ${reply.counted_from_text}, the day something received on ${reply.start_text} counts as received, is ${reply.date_text}.`
      : `${n} after ${reply.start_text} is ${reply.date_text}.` }),
    reply.counting_text ? h("p", { text: reply.counting_text }) : "",
    closedList(reply.closed));
});

betweenForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  const values = { start: readDate(betweenForm, "start"), end: readDate(betweenForm, "end") };
  const reply = await ask({ action: "between", ...values });
  if (!reply) return;
  if (reply.kind === "errors") { showErrors(betweenForm, values, reply.errors); return; }
  if (reply.kind !== "between") { showErrors(betweenForm, values, [{ field: "start-day", message: reply.message }]); return; }
  fill(betweenForm, values, []);
  const n = reply.working_days === 1 ? "1 working day" : `${reply.working_days} working days`;
  showResult(betweenForm, n,
    h("p", { text: `There ${reply.working_days === 1 ? "is" : "are"} ${n} after ${reply.start_text}, up to and including ${reply.end_text}.` }),
    closedList(reply.closed));
});

fill(addForm);
fill(betweenForm);
addForm.hidden = false;
betweenForm.hidden = false;
document.getElementById("calculator-static").hidden = true;
root.dataset.enhanced = "true";
