// navigator.js - the navigator page, enhanced progressively.
//
// Without JavaScript the page is the first question as links to generated answer pages.
// With it: the same question is a form at once (no spinner); Python starts in a module
// worker (navigator-client.js) while the user reads; every later question, the errors,
// "Check your answers" and the result come from navigator.browser.handle.
//
// State: the answers live in this page's memory only. Each step pushes a history entry whose URL
// differs only in its fragment (#q=..., #check, #result), and Back and Forward find that entry's
// answers by a token in history.state. The answers themselves are never in history.state: the
// browser keeps that after the page is gone, so "Exit this page" then Back, or a reload, would show
// them again (social care complaints can involve people at risk at home). After a reload the page
// says the answers were not kept. The answers reach the URL only when the user asks for a share link
// (#a=<base64url JSON>). Any fragment is data: it is decoded, parsed as JSON and sent to
// Python, which checks every value; nothing from it is ever inserted as HTML.

import { h, todayIso, announcer, errorSummary, errorMessage, dateInput, readDate, longDate } from "./navigator-dom.js";
import { NavigatorClient } from "./navigator-client.js";
import { events, renderResult, resultHeading } from "./navigator-result.js";
import { calendar, download } from "./ics.js";

const root = document.getElementById("navigator");
const view = document.getElementById("navigator-view");
const statusBox = document.getElementById("navigator-status");
const staticLinks = document.getElementById("navigator-static");
const intro = document.getElementById("navigator-intro");
const announce = announcer(document.getElementById("navigator-live"));
const today = todayIso(root);
const baseTitle = document.title;
const pageTitle = root.dataset.title;
const firstForm = document.getElementById("navigator-form");

const KEYS = { problem_dates: ["happened", "found_out"],
  stage: ["stage", "stage_received", "new_date", "responded", "extended", "panel"] }; // navigator/flow.py STAGE_DETAILS
const keysOf = (qid) => KEYS[qid] ?? [qid];
const without = (answers, keys) => Object.fromEntries(Object.entries(answers).filter(([k]) => !keys.includes(k)));

let answers = {};
// What was typed on a question and not accepted, by question id: it had errors, or the person went Back
// before continuing. Shown again, without errors, when that question is next shown other than by
// submitting it (re-test: Back from a stage question with an error, then Continue, met the error
// again before anything was submitted, and lost what had been typed for another stage since).
// Never shown over an accepted answer. Forgotten with the answers, and when an earlier answer changes
// (the questions may differ then).
const drafts = new Map();
// The "as at" date of the result last shown (null: today), kept while an answer is changed (the questions
// do not ask it), and given again on "See your result", each time (re-test: an advocate's meeting date
// went, after a Change, without a word).
let keptAsAt = null;
let depth = 0;
const kept = new Map(); // history token -> that entry's answers
// Tokens name this page load too: after a reload, an older entry's token must not find new answers.
const LOAD = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
let nextToken = 1;
const NOT_KEPT = "For your safety, we do not keep your answers once you leave or reload this page. " +
  "Start the questions again below.";
const NO_ANSWERS_IN_LINK = "The link you followed does not contain answers. To share answers, use " +
  "\u201cCopy a link to these answers\u201d on the result page. Start the questions below.";
let generation = 0;
let waiting = false;
// Set by a Change link: the question being changed and the answers listed then, to tell the person
// which of them the new answer removed (they would otherwise vanish from the list unannounced).
let changing = null;

// ---- the worker -----------------------------------------------------------------------

const client = new NavigatorClient({ timeoutMs: 12000, onState });

function onState(state, detail) {
  root.dataset.state = state;
  if (state === "ready" || state === "failed") document.dispatchEvent(new Event("navigator-settled")); // offline.js waits for it
  if (state === "ready") {
    performance.mark("navigator-python-ready"); // read by `make bench`
    root.dataset.readyMs = String(detail.ms);
    root.dataset.workerMs = String(detail.workerMs);
    root.dataset.snapshot = detail.snapshot ?? "none"; // "used" on a later visit; read by the tests
    if (statusBox.dataset.kind !== "notice") hideStatus();
    staticLinks.hidden = true; // shown while it was slow; the live questions are here now
    if (waiting) announce("Ready. Checking your answer.");
  } else {
    // Failed: the form cannot go on, so it goes, and the page's own heading comes back above the list
    // of answers. (Slow: the form stays; Python may still be ready in time.)
    const focusWasInForm = state === "failed" && (view.contains(document.activeElement) ||
      document.activeElement === document.body);
    if (state === "failed") {
      intro.hidden = false;
      root.insertBefore(intro, statusBox);
      view.hidden = true;
    }
    // Failed with WebAssembly and workers there, it is the loading (the connection, or the site), not the browser.
    showFallback(state === "slow" ? "The questions are taking longer than usual to load."
      : detail.unsupported ? "The questions cannot run in this browser."
      : detail.compileFailed ? "The questions could not start. Try reloading the page. If that does not help, " +
        "this browser cannot run them."
      : "The questions could not load. You can try reloading the page later.", state === "slow");
    if (focusWasInForm) statusBox.querySelector("h2").focus();
  }
}

function showStatus(kind, ...children) {
  statusBox.replaceChildren(...children);
  statusBox.dataset.kind = kind;
  statusBox.hidden = false;
}

function hideStatus() {
  statusBox.hidden = true;
  statusBox.replaceChildren();
  delete statusBox.dataset.kind;
}

// (Told whether it is slow, not asking the client: without WebAssembly it fails while being made.)
function showFallback(first, slow) {
  const text = `${first} ${slow ? "You can wait, or" : "You can still"} find out which procedure applies and ` +
    "when we should reply.";
  // Slow, the questions may yet work and stay on screen: a notice, not a heading above their h1, and
  // the list of answers only when asked for (else the same choices are on screen twice).
  showStatus("fallback",
    slow ? null : h("h2", { tabindex: "-1", text: "The questions are not working" }),
    h("p", { text }),
    h("ul", {},
      h("li", {}, h("a", { href: "#navigator-static", text: "Choose what your complaint is about from a list", onclick: (e) => {
        e.preventDefault(); staticLinks.hidden = false; staticLinks.querySelector("a")?.focus();
      } })),
      h("li", {}, h("a", { href: "../timescales/", text: "See all the complaint timescales" })),
      h("li", {}, h("a", { href: "../working-days/", text: "See how we count working days" }))));
  staticLinks.hidden = slow;
  announce(text);
}

async function ask(request) {
  const mine = ++generation;
  if (client.state !== "ready" && client.state !== "failed") {
    waiting = true;
    if (statusBox.dataset.kind !== "fallback") showStatus("waiting", h("p", { class: "status-waiting", text: "Getting ready to check your answer. This takes a moment." }));
    announce("Getting ready to check your answer");
  }
  let reply = null;
  try {
    reply = await client.ask(request);
  } catch (error) {
    return null;
  } finally {
    waiting = false;
    if (statusBox.dataset.kind === "waiting") hideStatus();
  }
  if (mine !== generation) return null; // a newer action has started
  if (reply && reply.kind === "error") {
    // The reason is for a developer (a request the navigator could not read); the person needs what to do.
    console.warn(`navigator: ${reply.message}`);
    showStatus("notice", h("p", {}, "Sorry, something went wrong when we checked your answer. Try again, or ",
      h("a", { href: "../timescales/", text: "see all the complaint timescales" }), "."));
    return null;
  }
  return reply;
}

// ---- views ------------------------------------------------------------------------------

function setView(nodes, { title, heading = null, focus = "heading", say = null }) {
  // Once Python has failed, the page is the notice and the list of answers: nothing may replace them
  // (a share link, Back or Start again would otherwise hide the page's heading and the list again).
  if (client.state === "failed") return;
  if (statusBox.dataset.kind === "notice") hideStatus();
  intro.hidden = true;
  view.replaceChildren(...nodes.filter(Boolean));
  root.dataset.step = String(Number(root.dataset.step ?? 0) + 1);
  document.title = `${title} - ${baseTitle}`;
  const target = focus === "errors" ? view.querySelector(".error-summary") : (heading ?? view.querySelector("h1"));
  if (focus && target) target.focus();
  // An old announcement left in the region would be read again by someone reading down the page.
  if (say) announce(say); else announce.clear();
}

function pushState(state, hash, push) {
  const { answers: saved, ...rest } = state;
  const full = { nav: 1, ...rest, depth: push ? depth + 1 : depth };
  if (saved) { full.token = `${LOAD}:${nextToken++}`; kept.set(full.token, saved); }
  if (push) { depth += 1; history.pushState(full, "", hash); } else history.replaceState(full, "", hash);
}

function backLink(prev) {
  if (!prev) return null;
  return h("a", { href: `#q=${prev}`, class: "back-link", text: "Back", onclick: (e) => {
    e.preventDefault();
    if (depth > 0) history.back(); else { keepDraft(); changeQuestion(prev, true); }
  } });
}

/** Keep what is typed on the question shown, before leaving it without continuing (see `drafts`). */
function keepDraft() {
  const form = view.querySelector("form[data-question]");
  if (form && form !== firstForm) drafts.set(form.dataset.question, readForm(form, form.dataset.question));
}

function forgetAnswers() {
  answers = {};
  drafts.clear();
  keptAsAt = null;
}

function caption() { return h("p", { class: "caption", text: pageTitle }); }

// A question form, as generator/templates/navigator.html renders the first one.
function questionForm(def, prefill, errors) {
  const errorFor = (id) => (errors ?? []).find((e) => e.field === id || e.field.startsWith(`${id}-`)) ?? null;
  const form = h("form", { class: "navigator-form", method: "dialog", novalidate: true, "data-question": def.id });
  form.append(caption());
  const legend = h("legend", { class: "legend-heading" }, h("h1", { class: "step-heading", tabindex: "-1", text: def.title }));

  if (def.type === "date") {
    const field = def.fields[0];
    form.append(dateInput({ ...field, hint: field.hint }, prefill[field.id], errorFor(field.id), { heading: def.title }));
  } else {
    const error = errorFor(def.id);
    const group = h("div", { class: `form-group${error && def.type !== "dates" ? " form-group-error" : ""}`, "data-field": def.id });
    const fieldset = h("fieldset", {}, legend);
    const described = [];
    if (def.hint) { fieldset.append(h("div", { class: "hint", id: `${def.id}-hint`, text: def.hint })); described.push(`${def.id}-hint`); }
    if (error && def.type !== "dates") { fieldset.append(errorMessage(`${def.id}-error`, error.message)); described.push(`${def.id}-error`); }
    if (described.length) fieldset.setAttribute("aria-describedby", described.join(" "));
    if (def.type === "dates") {
      for (const field of def.fields) fieldset.append(dateInput(field, prefill[field.id], errorFor(field.id)));
    } else {
      fieldset.append(choices(def, prefill[def.id]));
    }
    group.append(fieldset);
    form.append(group);
    if (def.type === "stage") stageFields(def, prefill, errorFor, form); // it places itself
  }
  form.append(h("button", { type: "submit", class: "button", text: "Continue" }));
  wireForm(form, def.id);
  return form;
}

function choices(def, value) {
  const checkbox = def.type === "checkboxes";
  const box = h("div", { class: checkbox ? "checkboxes" : "radios" });
  const selected = Array.isArray(value) ? value : [value];
  const onlyStage = def.type === "stage" && def.options.length === 1;
  def.options.forEach((option, i) => {
    const id = i === 0 ? def.id : `${def.id}-${i + 1}`;
    if (option.exclusive) box.append(h("p", { class: "choice-divider", text: "or" }));
    const input = h("input", { type: checkbox ? "checkbox" : "radio", name: def.id, id, value: option.value,
      "aria-describedby": option.hint ? `${id}-item-hint` : null, "data-exclusive": option.exclusive ? "true" : null });
    // One stage only (adults', App. 2 para 7): nothing to choose, so it is chosen, and its details show.
    input.checked = selected.includes(option.value) || onlyStage;
    const item = h("div", { class: "choice" }, input, h("label", { for: id, text: option.label }));
    if (option.hint) item.append(h("div", { class: "hint choice-hint", id: `${id}-item-hint`, text: option.hint }));
    box.append(item);
  });
  // ... and not shown: the question asks about our reply alone (navigator/flow.py ONE_STAGE_TITLE)
  box.hidden = onlyStage;
  if (checkbox) {
    box.addEventListener("change", (event) => {
      const input = event.target;
      if (!input.checked) return;
      for (const other of box.querySelectorAll("input")) {
        if (other !== input && (input.dataset.exclusive || other.dataset.exclusive)) other.checked = false;
      }
    });
  }
  return box;
}

const keptStageDetails = { key: null, byStage: {} }; // stageFields: each stage's details, as last given

// The stage question's details: shown for the stages they apply to (GOV.UK conditional reveal).
function stageFields(def, prefill, errorFor, form) {
  const box = h("div", { class: "conditional", id: "stage-details" });
  for (const field of def.fields) {
    let node;
    if (field.type === "date") {
      node = dateInput(field, prefill[field.id], errorFor(field.id), { headingLevel: "h2" });
    } else {
      const input = h("input", { type: "checkbox", name: field.id, id: field.id, value: field.value, "aria-describedby": `${field.id}-hint` });
      input.checked = prefill[field.id] === field.value;
      node = h("div", { class: "form-group", "data-field": field.id },
        h("div", { class: "choice" }, input, h("label", { for: field.id, text: field.label }),
          h("div", { class: "hint choice-hint", id: `${field.id}-hint` })));
    }
    node.dataset.stages = JSON.stringify(field.stages ?? []);
    if (field.hint_by_stage) node.dataset.hints = JSON.stringify(field.hint_by_stage);
    if (field.label_by_stage) node.dataset.labels = JSON.stringify(field.label_by_stage);
    box.append(node);
  }
  const update = () => {
    const checked = form.querySelector('input[name="stage"]:checked');
    const stage = checked?.value ?? null;
    for (const node of box.children) {
      const stages = JSON.parse(node.dataset.stages);
      node.hidden = !stage || !stages.includes(stage);
      if (node.dataset.hints) {
        const hint = node.querySelector(".choice-hint");
        hint.textContent = JSON.parse(node.dataset.hints)[stage] ?? "";
      }
      if (node.dataset.labels) { // "Date you asked for stage 3", as its errors name it
        const legend = node.querySelector("legend");
        legend.textContent = JSON.parse(node.dataset.labels)[stage] ?? legend.textContent;
      }
    }
    box.hidden = [...box.children].every((node) => node.hidden);
    // Straight under the chosen stage, as GOV.UK reveals it: after the last one, it looked as if it
    // belonged to that stage. (Moved, not made again: what was typed stays.)
    const choice = checked?.closest(".choice");
    if (choice && !choice.closest("[hidden]") && box.previousElementSibling !== choice) choice.after(box);
    // GOV.UK conditional reveal: each stage's radio controls the details it shows. (Not aria-expanded:
    // a radio may not carry it, and GOV.UK Frontend dropped it for that reason.)
    for (const radio of form.querySelectorAll('input[name="stage"]')) radio.setAttribute("aria-controls", box.id);
  };
  // The details belong to the stage they were given for: our reply at stage 2 is not our reply at stage 3.
  // So each stage keeps its own, and one not chosen before starts blank. (Re-test: changing stage 2 to
  // stage 3 kept stage 2's date, now under "Date stage 3 was asked for", and worked from the wrong day.)
  // Kept while this question is shown again (after an error, or Back); a stage question with no stage
  // chosen yet, or another procedure's, starts afresh.
  const key = JSON.stringify([def.options.map((o) => o.value), def.fields.map((f) => f.id)]);
  if (!prefill.stage || keptStageDetails.key !== key) Object.assign(keptStageDetails, { key, byStage: {} });
  const kept = keptStageDetails.byStage;
  let shownFor = form.querySelector('input[name="stage"]:checked')?.value ?? null;
  const keepFor = (stage) => {
    const inputs = [...box.querySelectorAll("input")];
    const valueOf = (i) => (i.type === "checkbox" ? i.checked : i.value);
    if (shownFor) kept[shownFor] = Object.fromEntries(inputs.map((i) => [i.id, valueOf(i)]));
    for (const input of inputs) {
      const value = kept[stage]?.[input.id];
      if (input.type === "checkbox") input.checked = value ?? false;
      else input.value = value ?? "";
    }
    shownFor = stage;
    clearErrors(box, view);
  };
  form.addEventListener("change", (e) => {
    if (e.target.name !== "stage") return;
    if (e.target.value !== shownFor) keepFor(e.target.value);
    update();
  });
  form.append(box); // then moved under the chosen stage, if one is chosen (shown again after an error, or Back)
  update();
}

// What was said about the details of the stage shown before (review: "Date of our reply at stage 2 must
// be ..." stayed under stage 3's blank boxes): its messages, their style, and their lines in the summary.
function clearErrors(box, view) {
  for (const message of box.querySelectorAll(".error-message")) {
    const group = message.closest("[aria-describedby]");
    const ids = (group?.getAttribute("aria-describedby") ?? "").split(" ").filter((id) => id && id !== message.id);
    if (group && ids.length) group.setAttribute("aria-describedby", ids.join(" "));
    else group?.removeAttribute("aria-describedby");
    message.remove();
  }
  for (const node of box.querySelectorAll(".form-group-error")) node.classList.remove("form-group-error");
  for (const node of box.querySelectorAll(".input-error")) node.classList.remove("input-error");
  for (const node of box.querySelectorAll("[aria-invalid]")) node.removeAttribute("aria-invalid");
  const summary = view.querySelector(".error-summary");
  if (!summary) return;
  for (const link of summary.querySelectorAll("a")) {
    const id = link.getAttribute("href").slice(1);
    if (box.querySelector(`#${CSS.escape(id)}`)) link.closest("li").remove();
  }
  if (summary.querySelector("li")) return;
  summary.remove();
  document.title = document.title.replace(/^Error: /, ""); // no problem left on the page
}

function readForm(form, qid) {
  const values = {};
  const type = form.dataset.type;
  const checked = (name) => [...form.querySelectorAll(`input[name="${name}"]:checked`)].map((i) => i.value);
  if (qid === "out_of_scope") values[qid] = checked(qid);
  else if (form.querySelector(`input[type="radio"][name="${qid}"]`)) values[qid] = checked(qid)[0] ?? "";
  for (const group of form.querySelectorAll(".form-group[data-field]")) {
    if (group.hidden) continue;
    const id = group.dataset.field;
    if (group.querySelector(`input[name="${id}-day"]`)) values[id] = readDate(form, id);
    else if (id !== qid && group.querySelector(`input[type="checkbox"][name="${id}"]`)?.checked) values[id] = "yes";
  }
  return values;
}

function wireForm(form, qid) {
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    submitQuestion(form, qid);
  });
}

async function submitQuestion(form, qid) {
  const given = readForm(form, qid);
  const before = answers;
  const merged = { ...without(answers, keysOf(qid)), ...given };
  delete merged.as_at; // kept in keptAsAt, from the result it was shown on
  answers = merged;
  const reply = await ask({ action: "next", today, answers: merged });
  if (!reply) return;
  if (reply.kind === "errors") {
    if (reply.question === qid) {
      // Not accepted, so not an answer: kept as typed, for this question only (see `drafts`). The answer
      // accepted before, if any, stays the answer (so a later submit can tell whether it changed).
      drafts.set(qid, given);
      const accepted = Object.fromEntries(keysOf(qid).filter((key) => key in before).map((key) => [key, before[key]]));
      answers = { ...without(merged, keysOf(qid)), ...accepted };
      showQuestion(reply.definition, reply, reply.errors, false, merged);
    } else {
      answers = reply.answers;
      showQuestion(reply.definition, reply, reply.errors, false);
    }
    return;
  }
  answers = reply.answers;
  drafts.delete(qid);
  const same = (key) => JSON.stringify(before[key]) === JSON.stringify(answers[key]);
  if (!keysOf(qid).every(same)) drafts.clear();
  const removed = removedBy(qid, reply);
  if (reply.kind === "question") showQuestion(reply.question, reply, null, true, answers, removed);
  else showCheck(reply, true, removed);
}

/** After a changed answer, the questions listed before whose answers the navigator has now dropped
 * (they no longer apply, or, like the stage after a new service, must be answered again), or null.
 * Only the first answer accepted after a Change link counts (an error on the changed question keeps it). */
function removedBy(qid, reply) {
  const was = changing;
  changing = null;
  if (!was || was.qid !== qid) return null;
  const still = new Set(reply.summary.map((row) => row.question));
  const removed = was.rows.filter((row) => row.question !== qid && !still.has(row.question));
  return removed.length ? removed : null;
}

/** GOV.UK inset text saying which answers were removed, and its words for the live region.
 * `asking`: the question on screen, if it is one of them: it is asked again, so it is said so. */
function removedNotice(removed, asking = null) {
  if (!removed) return [null, null];
  const again = removed.some((row) => row.question === asking);
  const others = removed.filter((row) => row.question !== asking);
  const box = h("div", { class: "inset-text", id: "removed-answers" });
  const said = [];
  if (again) {
    said.push("You changed an earlier answer, so answer this question again.");
    box.append(h("p", { text: said[0] }));
  }
  if (others.length) {
    const lead = others.length === 1 ? "This answer no longer applies, so we removed it:" :
      "These answers no longer apply, so we removed them:";
    box.append(h("p", { text: lead }), h("ul", {}, ...others.map((row) => h("li", { text: row.title }))));
    said.push(`${lead} ${others.map((row) => row.title).join("; ")}`);
  }
  return [box, said.join(" ")];
}

function showQuestion(def, reply, errors, push, prefill = answers, removed = null) {
  // Not over an accepted answer: Back from changing one leaves it as it was (GOV.UK "Check answers")
  const answered = keysOf(def.id).some((key) => key in prefill);
  if (!errors && !answered && drafts.has(def.id)) prefill = { ...prefill, ...drafts.get(def.id) };
  const prev = reply.summary.filter((row) => row.question !== def.id).at(-1)?.question ?? null;
  const form = questionForm(def, prefill, errors);
  const [notice, said] = removedNotice(removed, def.id);
  // After the question's heading, where reading on from the focus reaches it (above it, it was passed by)
  if (notice) (form.querySelector("legend") ?? form.querySelector("h1")).after(notice);
  setView([backLink(prev), errors ? errorSummary(errors) : null, form], {
    title: `${errors ? "Error: " : ""}${def.title}`,
    // Focus says the new question (its heading) or the errors (the summary, role=alert); the live
    // region would say either again, so it says only what focus does not: answers removed.
    focus: errors ? "errors" : "heading",
    say: said,
  });
  if (!errors) pushState({ view: "question", qid: def.id }, `#q=${def.id}`, push);
}

function showFirst(push = false, notice = null, focus = true, fromChangeLink = false) {
  const form = firstForm;
  for (const input of form.querySelectorAll("input")) input.checked = input.value === answers.service;
  // Reached by a Change link, it is a question like the others: its own title, and a way back to where
  // the link was ("Check your answers" or the result; a Change link always adds a history entry).
  const back = fromChangeLink ? h("a", { href: "#check", class: "back-link", text: "Back",
    onclick: (e) => { e.preventDefault(); history.back(); } }) : null;
  // Titled as every other question is, however it is reached (Change, Back, Start again)
  setView([back, form], { title: form.querySelector(".step-heading").textContent, focus: focus ? "heading" : null });
  pushState({ view: "question", qid: "service" }, location.pathname, push);
  if (notice) {
    showStatus("notice", h("p", { text: notice }));
    announce(notice); // the status box is not a live region; the page's live region says it
  }
}

async function changeQuestion(qid, push = true, fromChangeLink = false) {
  if (qid === "service") { showFirst(push, null, true, fromChangeLink); return; }
  const reply = await ask({ action: "next", today, answers: without(answers, keysOf(qid)) });
  if (!reply) return;
  if (reply.kind === "question") showQuestion(reply.question, reply, null, push, answers);
  else if (reply.kind === "errors") showQuestion(reply.definition, reply, reply.errors, false, answers);
  else showCheck(reply, push);
}

function summaryList(reply) {
  const dl = h("dl", { class: "summary-list" });
  for (const row of reply.summary) {
    const change = h("a", { href: `#q=${row.question}`, onclick: (e) => {
      e.preventDefault();
      changing = { qid: row.question, rows: reply.summary };
      changeQuestion(row.question, true, true);
    } },
      "Change", h("span", { class: "visually-hidden", text: ` your answer to: ${row.title}` }));
    dl.append(h("div", {}, h("dt", { text: row.title }), h("dd", { text: row.answer_text }), h("dd", { class: "actions" }, change)));
  }
  return dl;
}

function showCheck(reply, push, removed = null) {
  const last = reply.summary.at(-1)?.question ?? null;
  const button = h("button", { type: "button", class: "button", id: "see-result", text: "See your result",
    onclick: () => seeResult(reply) });
  const [notice, said] = removedNotice(removed);
  setView([backLink(last), caption(), h("h1", { tabindex: "-1", class: "step-heading", text: "Check your answers" }),
    notice, summaryList(reply), button], { title: "Check your answers", say: said }); // focus on its heading says it
  pushState({ view: "check", answers: reply.answers }, "#check", push);
}

// ---- the result -------------------------------------------------------------------------

/** "See your result", as at the day kept from before a changed answer, if any (see `keptAsAt`). A day that
 * no longer fits (before the complaint now, say) is shown in its boxes with its error, as the "as at" form
 * shows one, over the result as at today. */
async function seeResult(reply) {
  const asAt = keptAsAt;
  const made = reply.result?.outcome === "complaint" && reply.result.complaint_made;
  if (!asAt || !made) { showResult(reply, true); return; }
  const again = await showResultAsAt(reply, asAt, true);
  const shown = again?.kind === "result" || (again?.kind === "errors" && again.question === "as_at");
  if (again && !shown) showResult(reply, true);
}

/** The result for `reply`'s answers as at `asAt`; or, if that day does not fit, `reply` shown with the day
 * in its boxes and its error (the result and its share link stay as they were). `push`: a new history
 * entry. Returns the worker's reply (null if it gave none). */
async function showResultAsAt(reply, asAt, push, focusOn = "heading") {
  const next = await ask({ action: "next", today, answers: { ...reply.answers, as_at: asAt } });
  if (next?.kind === "errors" && next.question === "as_at") {
    showResult(reply, false, next.errors, "heading", asAt);
    if (push) pushState({ view: "result", answers: reply.answers }, "#result", true);
  } else if (next?.kind === "result") {
    answers = next.answers;
    showResult(next, push, null, focusOn);
  }
  return next;
}

// `typed`: the date as entered, kept in the boxes when it has an error (the result and its share link
// stay as they were, with the last date that worked).
function asAtForm(reply, errors, typed = null) {
  const error = (errors ?? [])[0] ?? null;
  const form = h("form", { class: "as-at", method: "dialog", novalidate: true, id: "as-at-form" });
  // The label is the one its error messages start with (navigator/flow.py DATE_FIELDS["as_at"]).
  form.append(dateInput({ id: "as_at", label: "Date to work out the statuses on",
    hint: `To see them on another day, for example the date of a meeting. Leave it blank for today. Now showing ${reply.result?.as_at_text ?? "today"}.` },
  typed ?? reply.answers?.as_at ?? {}, error),
  h("button", { type: "submit", class: "button button-secondary", text: "Update the statuses" }));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const next = await showResultAsAt(reply, readDate(form, "as_at"), false, "dates");
    if (next?.kind === "result") {
      // Focus goes to the dates; the lead above them may have changed too ("Our response is overdue ..."), so say it.
      announce(`Statuses updated as at ${next.result.as_at_text}. ${next.result.message ?? ""}`.trim());
    }
  });
  return form;
}

export function shareHash(data) {
  const bytes = new TextEncoder().encode(JSON.stringify(data));
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return `#a=${btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "")}`;
}

// The shape answers have: {question: text, a list of texts, or a date's {day, month, year} as text},
// where a blank may be null.
// Anything else in a link is not ours, and deeply nested data would overflow Python's stack in Pyodide.
function isAnswers(data) {
  const text = (v) => typeof v === "string" || v === null;
  const plain = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
  return plain(data) && Object.keys(data).length <= 50 && Object.values(data).every((v) =>
    text(v) || (Array.isArray(v) && v.length <= 50 && v.every(text)) ||
    (plain(v) && Object.keys(v).length <= 3 && Object.values(v).every(text)));
}

function readShare(hash) {
  try {
    const text = hash.slice(3);
    if (!text || text.length > 20000 || !/^[A-Za-z0-9_-]+$/.test(text)) return null;
    const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    const data = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
    return isAnswers(data) ? data : null;
  } catch (error) {
    return null;
  }
}

// The calendar holds the dates still to come from today. Statuses worked out as at another date
// can hide some (as at a date before our response, there is no date yet to ask for the next stage),
// so the events then come from the same answers worked out as at today.
async function eventsFromToday(reply) {
  const now = await ask({ action: "next", today, answers: without(reply.answers ?? {}, ["as_at"]) });
  return now?.kind === "result" ? events(now.result, { today, answers: now.answers }) : [];
}

function takeAway(built, reply) {
  const box = h("div", { class: "take-away", "data-no-print": "true" });
  box.append(h("h2", { text: "Take this away" }));
  const buttons = h("div", { class: "button-group" });
  const asAtAnotherDay = reply.result?.outcome === "complaint" && reply.result.as_at !== today;
  if (built.events.length || asAtAnotherDay) {
    buttons.append(h("button", { type: "button", class: "button button-secondary", id: "download-ics",
      text: "Download the dates (.ics)", onclick: async () => {
        const list = asAtAnotherDay ? await eventsFromToday(reply) : built.events;
        if (!list.length) {
          const none = box.querySelector(".ics-status") ?? h("p", { class: "ics-status" });
          none.textContent = "There are no dates still to come to put in a calendar.";
          box.append(none);
          announce(none.textContent); // a status added now may not be read out by itself, so not a live region too
          return;
        }
        download(calendar(list, { name: built.heading }), "complaint-dates.ics");
        announce("The dates are downloading as a calendar file.");
      } }));
  }
  const hash = shareHash(reply.answers);
  const url = `${location.origin}${location.pathname}${hash}`;
  buttons.append(
    h("button", { type: "button", class: "button button-secondary", id: "print-page", text: "Print this page", onclick: () => window.print() }),
    h("button", { type: "button", class: "button button-secondary", id: "copy-text", text: "Copy as text",
      onclick: () => copyText(textToKeep(built.text, reply, url), buttons, "result") }));
  box.append(buttons);
  const input = h("input", { class: "input input-w20 share-url", id: "share-url", type: "text", readonly: true, "aria-describedby": "share-hint" });
  input.value = url;
  // A button, not a link to the answers' own address: following that link drew the same result again
  // and took focus back to the top, with nothing copied (accessibility review).
  const share = h("div", { class: "button-group" },
    h("button", { type: "button", class: "button button-secondary", id: "copy-link", text: "Copy a link to these answers",
      onclick: () => copyText(url, share, "link") }));
  box.append(share, h("div", { class: "form-group" },
    h("label", { for: "share-url", text: "Or copy this link" }),
    h("div", { class: "hint", id: "share-hint", text: "Anyone with this link can see these answers. The answers are in the part after the #, which your browser does not send to any website." }),
    input));
  return box;
}

/** The result as text, with what an advocate keeps on file with it: the answers it came from, when it
 * was worked out, the link back to it, and that the policy is a draft (the page's banner). */
function textToKeep(resultText, reply, url) {
  const answers = (reply.summary ?? []).map((row) => `- ${row.title} ${row.answer_text}`);
  const banner = document.querySelector(".phase-banner");
  const draft = banner ? banner.textContent.replace(banner.querySelector(".tag")?.textContent ?? "", "").trim() : "";
  return [resultText.trimEnd(), "", "YOUR ANSWERS", ...answers, "",
    `Worked out on ${longDate(today)}${reply.result?.as_at && reply.result.as_at !== today ? `, with statuses as at ${reply.result.as_at_text}` : ""}. These answers: ${url}`, draft].filter((line, i, all) => line || all[i - 1]).join("\n").trim();
}

const COPIED = {
  result: ["Copied. You can paste the result into an email or a document.", "The result as text"],
  letter: ["Copied. You can paste the letter into an email.", "The letter as text"],
  chase: ["Copied. You can paste the letter into an email.", "The letter about our late reply as text"],
  link: ["Copied. Anyone you send the link to can see these answers.", null], // the link's own box is below
};

/** Copy `text` (`what`: "result", "letter" or "link"); the status, and the text to select if the
 * browser will not copy, go straight after `next` (the button's group), where the person is looking.
 * The status is said through the page's live region: a status added and filled at once, or filled
 * again with the same words, is often not read out. */
async function copyText(text, next, what) {
  const id = `copy-${what}`;
  const [copied, fallbackLabel] = COPIED[what];
  const done = document.getElementById(`${id}-status`) ?? h("p", { class: "copy-status", id: `${id}-status` });
  // Only the last copy is on the clipboard: another "Copied." still showing would say otherwise (re-test)
  for (const other of document.querySelectorAll(".copy-status")) if (other !== done) other.textContent = "";
  if (!done.isConnected) next.after(done);
  try {
    await navigator.clipboard.writeText(text);
    done.textContent = copied;
  } catch (error) {
    done.textContent = fallbackLabel ? "Your browser did not let us copy. Select the text below and copy it." :
      "Your browser did not let us copy. Select the link below and copy it.";
    const area = document.getElementById(fallbackLabel ? `${id}-fallback` : "share-url");
    if (!area) {
      const box = h("textarea", { id: `${id}-fallback`, class: "input textarea", readonly: true, rows: "10" });
      box.value = text;
      done.after(h("label", { for: `${id}-fallback`, text: fallbackLabel }), box);
      box.select();
    } else {
      area.select();
    }
  }
  announce(done.textContent);
}

function showResult(reply, push, errors = null, focusOn = "heading", typedAsAt = null) {
  if (!errors) keptAsAt = reply.answers?.as_at ?? null; // the day shown; an error keeps the one before
  const body = h("div", { class: "result" });
  const built = renderResult(body, reply, { today,
    asAtForm: reply.result?.outcome === "complaint" && reply.result.complaint_made ? asAtForm(reply, errors, typedAsAt) : null });
  // Each letter on its own: "Copy as text" copies the whole result, which is not what you send.
  for (const [box, text, what, label] of [["#letter", built.letter, "letter", built.letterButton ?? "Copy the letter"],
    ["#chase-letter", built.chaseLetter, "chase", "Copy the letter about our late reply"]]) {
    // (the first named by what it asks for, where it says: two "Copy the letter" buttons could not be told apart)
    const letterBox = body.querySelector(box);
    if (!letterBox || !text) continue;
    const group = h("div", { class: "button-group", "data-no-print": "true" },
      h("button", { type: "button", class: "button button-secondary", id: `copy-${what}`, text: label,
        onclick: () => copyText(text, group, what) }));
    letterBox.after(group);
  }
  const back = h("a", { href: "#check", class: "back-link", text: "Back", onclick: (e) => {
    e.preventDefault();
    if (depth > 0) history.back(); else showCheck(reply, true);
  } });
  const nodes = [back, errors ? errorSummary(errors) : null, body];
  nodes.push(takeAway(built, reply), h("h2", { text: "Your answers" }), summaryList(reply),
    h("p", { class: "start-again" }, h("a", { href: "./", id: "start-again", text: "Start again", onclick: (e) => { e.preventDefault(); forgetAnswers(); showFirst(true); } })));
  setView(nodes, {
    title: `${errors ? "Error: " : ""}Result: ${built.heading}`,
    heading: focusOn === "dates" && built.datesHeading ? built.datesHeading : null,
    focus: errors ? "errors" : "heading",
    say: errors ? null : `Your result: ${built.heading}`,
  });
  if (!errors) pushState({ view: "result", answers: reply.answers }, "#result", push);
}

// ---- history and share links ---------------------------------------------------------

async function restore(state) {
  if (state.view === "question") { await changeQuestion(state.qid, false); return; }
  if (!kept.has(state.token)) { forgetAnswers(); showFirst(false, NOT_KEPT); return; } // from before a reload
  answers = kept.get(state.token);
  const reply = await ask({ action: "next", today, answers });
  if (!reply) return;
  answers = reply.answers;
  if (reply.kind === "result") (state.view === "result" ? showResult : showCheck)(reply, false);
  else if (reply.kind === "question") showQuestion(reply.question, reply, null, false);
  else showQuestion(reply.definition, reply, reply.errors, false);
}

async function openShared(hash) {
  const data = readShare(hash);
  drafts.clear(); // the link's answers replace these
  keptAsAt = null;
  if (!data) {
    answers = {};
    showFirst(false, "The link you followed does not contain answers we can read. Start the questions below.");
    return;
  }
  answers = data;
  const reply = await ask({ action: "next", today, answers: data });
  if (!reply) { showFirst(false); return; }
  answers = reply.kind === "errors" ? data : reply.answers;
  if (reply.kind === "errors" && !reply.definition && reply.question === "as_at") {
    // Only the "as at" date is wrong (a date with no working-day data, say): show the result as at
    // today, with the error at that date's boxes, rather than lose every answer.
    const asAtToday = await ask({ action: "next", today, answers: without(data, ["as_at"]) });
    if (asAtToday?.kind === "result") {
      answers = asAtToday.answers;
      showResult(asAtToday, false, reply.errors, "heading", data.as_at);
      return;
    }
  }
  if (reply.kind === "result") showResult(reply, false);
  else if (reply.kind === "question") showQuestion(reply.question, reply, null, false);
  else if (reply.definition) showQuestion(reply.definition, reply, reply.errors, false, data);
  else showFirst(false, "The link you followed does not contain answers we can read. Start the questions below.");
}

window.addEventListener("popstate", (event) => {
  changing = null; // Back from a changed question without answering it: nothing was removed
  keepDraft();
  const state = event.state;
  if (state && state.nav) { depth = state.depth ?? 0; restore(state); return; }
  if (location.hash.startsWith("#a=")) { openShared(location.hash); return; }
  if (!location.hash) { forgetAnswers(); showFirst(false); }
  // any other fragment (the skip link's #main, say) is an ordinary in-page link
});

// ---- start ------------------------------------------------------------------------------

function start() {
  root.dataset.enhanced = "true";
  if (client.state === "failed") return; // no WebAssembly or workers: the notice and the list are the page
  wireForm(firstForm, "service");
  firstForm.hidden = false;
  staticLinks.hidden = true;
  intro.hidden = true;
  root.dataset.interactiveMs = String(Math.round(performance.now()));
  performance.mark("navigator-interactive"); // read by `make bench`
  const state = history.state;
  if (location.hash.startsWith("#a=")) { openShared(location.hash); return; }
  if (state && state.nav && (state.view !== "question" || state.qid !== "service")) {
    // A reload, or Back from another page, part way through: this page kept no answers.
    depth = state.depth ?? 0;
    showFirst(false, NOT_KEPT, false);
    return;
  }
  if (/^#(q=|check|result)/.test(location.hash)) { showFirst(false, NO_ANSWERS_IN_LINK, false); return; }
  history.replaceState({ nav: 1, view: "question", qid: "service", depth: 0 }, "", location.pathname);
}

// "Exit this page" (exit-this-page.js): forget every answer before the page goes, so that Back,
// even to this page kept whole in the browser's back-forward cache, shows none of them.
let exited = false;
document.addEventListener("exit-this-page", () => {
  exited = true;
  kept.clear();
  forgetAnswers();
  view.replaceChildren();
  hideStatus();
});
window.addEventListener("pageshow", (event) => {
  if (event.persisted && exited) { exited = false; showFirst(false, NOT_KEPT, false); }
});

start();
