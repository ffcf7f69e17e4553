// navigator-result.js - the result of the navigator as DOM (and the same words as plain text,
// for "Copy as text"), and its dates as calendar events. Every word comes from Python's
// result (navigator/decide.py), which takes every figure, contact and ground from the rule data.

import { h, contactCard, longDate } from "./navigator-dom.js";

const HEADINGS = {
  out_of_scope: "The complaints procedure cannot deal with this",
  not_a_complaint: "This is not a complaint",
  not_permitted: "We cannot take this complaint as it is",
};

export function resultHeading(result) {
  if (result.outcome === "complaint") {
    if (result.service_recovery_decides) return "The Service Recovery Team decides which procedure applies";
    return result.procedure.name;
  }
  return result.answer?.heading ?? HEADINGS[result.outcome] ?? "Your result";
}

// "App. 2 para 7-8" is the tables' short form; in a sentence it is "appendix 2, paragraph 7-8".
function policyRef(s) {
  const words = String(s).replace(/App\. (\d+)/g, "appendix $1").replace(/ para /g, ", paragraph ");
  return words.startsWith("appendix") ? `complaints policy, ${words}` : `complaints policy section ${words}`;
}
const section = (s) => (s ? ` (${policyRef(s)})` : "");
const sectionLine = (s) => { const ref = policyRef(s); return `${ref[0].toUpperCase()}${ref.slice(1)}`; };

/** Builds DOM nodes and keeps a plain-text copy of the same words. */
class Writer {
  constructor(container) { this.container = container; this.lines = []; }
  add(node, text) { this.container.append(node); if (text !== null && text !== undefined) this.lines.push(text, ""); return node; }
  h2(text, attrs = {}) { return this.add(h("h2", { ...attrs, text }), text.toUpperCase()); }
  h3(text) { return this.add(h("h3", { text }), text); }
  p(text, attrs = {}) {
    if (!text) return null;
    const node = this.add(h("p", { ...attrs, text }), text);
    // GOV.UK warning text: the word "Warning" for screen readers, which do not see the style.
    if (/\bwarning-text\b/.test(attrs.class ?? "")) node.prepend(h("span", { class: "visually-hidden", text: "Warning: " }));
    return node;
  }
  list(items) {
    const ul = h("ul");
    for (const item of items) ul.append(h("li", { text: item }));
    this.container.append(ul);
    this.lines.push(...items.map((i) => `- ${i}`), "");
    return ul;
  }
  contact(contact) { if (contact) this.container.append(contactCard(contact, this.lines)); }
}

function itemDate(item) {
  if (!item.date) return item.status === "unknown" ? "Cannot be worked out" : "Not known yet";
  if (item.maximum_date && !item.extended && item.maximum_date !== item.date) {
    return `${item.date_text} to ${longDate(item.maximum_date)}`;
  }
  return item.date_text;
}

// On a phone the four columns do not fit, so site.css shows each row as a block, with each cell's
// label (below) in front of it. That label is hidden from screen readers, which hear the column
// header instead; the roles keep the table a table for them when CSS changes how it is displayed.
function timelineTable(w, procedure, timeline, asAtText) {
  const caption = `Dates for your complaint under the ${procedure.name.toLowerCase()}, as at ${asAtText}`;
  const body = h("tbody", { role: "rowgroup" });
  const column = (text) => h("th", { scope: "col", role: "columnheader", text });
  const cell = (label, ...content) => h("td", { role: "cell" },
    h("span", { class: "cell-label", "aria-hidden": "true", text: `${label}: ` }), ...content);
  const table = h("table", { class: "table table-stack timeline", role: "table" },
    h("caption", { text: caption }),
    h("thead", { role: "rowgroup" }, h("tr", { role: "row" },
      column("What happens"), column("Date"), column("Timescale"), column("Status"))),
    body);
  w.lines.push(caption);
  for (const item of timeline) {
    // In words, not a dash, which a screen reader reads as "dash" or not at all; and not "None", which on a
    // phone ("Timescale: None") read like a fault in the page (re-test)
    const rule = item.rule ? `${item.rule}${section(item.section)}` : (item.section ? sectionLine(item.section) : "");
    // The note goes with the status, not in the row header, which a screen reader repeats for every cell.
    const what = h("th", { scope: "row", role: "rowheader" }, item.label);
    const status = cell("Status", h("strong", { class: `status status-${item.status}`, text: item.status_text }));
    if (item.note) status.append(h("span", { class: "item-note", text: item.note }));
    body.append(h("tr", { "data-item": item.id, role: "row" },
      what, cell("Date", itemDate(item)), cell("Timescale", rule || "Does not apply"), status));
    // Named as the column is: "within 3 working days" after a full stop read as a broken sentence (re-test)
    w.lines.push(`- ${item.label}: ${itemDate(item)}. ${rule ? `Timescale: ${rule}. ` : ""}Status: ${item.status_text}.${item.note ? ` ${item.note}` : ""}`);
  }
  w.lines.push("");
  w.container.append(table);
  return table;
}

/** The council's words for a ground, turned round for a letter from the complainant ("the complaint"
 * from someone acting for another, who may not have made it). */
function groundForLetter(text, forSomeoneElse = false) {
  const own = forSomeoneElse ? text.replace(/\byour complaint\b/g, "the complaint") : text;
  return own.replace(/\bWe\b/g, "You").replace(/\bwe\b/g, "you").replace(/\byour\b/g, "my").replace(/\bour\b/g, "your");
}

/** A letter's first two paragraphs: "Dear ... team," and which complaint it is about. */
function letterOpening(contact, complained, letterLine, forSomeoneElse) {
  return [
    `Dear ${contact?.short_name ? (/\bteam$/i.test(contact.short_name) ? contact.short_name : `${contact.short_name} team`) : "complaints team"},`,
    // For someone else (4.1), either of you may have made the complaint: the letter does not say who.
    (forSomeoneElse
      ? `A complaint was made on ${complained ?? "[date of the complaint]"}. The reference is [the reference, if there is one].`
      : `I made a complaint on ${complained ?? "[date of your complaint]"}. My reference is [your reference, if you have one].`) +
      (letterLine ? ` ${letterLine}` : ""), // who the complaint is for, if not the writer (4.1, 4.2)
  ];
}

/**
 * Puts a letter on the page, with its To and Subject (`head`) above it, and returns its body as text for
 * "Copy the letter", paragraphs apart, as they would be in an email. A paragraph of `body` is a text (a
 * line break at each "\n") or {text, items}: a text with a list under it.
 */
function showLetter(w, id, head, body, title) {
  const box = h("div", { class: "letter", id });
  for (const line of head) box.append(h("p", { class: "letter-head", text: line }));
  const paragraphs = [];
  for (const part of body) {
    if (typeof part === "string") {
      box.append(h("p", {}, ...part.split("\n").flatMap((line, i) => (i ? [h("br"), line] : [line]))));
      paragraphs.push(part);
    } else {
      box.append(h("p", { text: part.text }), h("ul", {}, ...part.items.map((item) => h("li", { text: item }))));
      paragraphs.push([part.text, ...part.items.map((item) => `- ${item}`)].join("\n"));
    }
  }
  const text = paragraphs.join("\n\n");
  w.lines.push(title, ...head, "", text, "");
  w.container.append(box);
  return text;
}

/** "To: Speak Up, speakup@...": shown above a letter, not copied with it (an email has its own). */
const letterTo = (contact) => `To: ${contact?.short_name ?? "the complaints team"}${contact?.email ? `, ${contact.email}` : ""}`;

/** The stage the complaint is at, from the result's procedure. */
const currentStage = (result) => result.procedure.stages.find((s) => s.id === result.procedure.current_stage);

/**
 * A letter asking when our late reply will come (11.2, 12.2, App. 1 para 6, App. 2 para 7): what
 * "Contact ... to ask when you will get it" asks, written out, for someone who would rather write.
 */
function chaseLetter(w, result, contact, letterLine, forSomeoneElse = false) {
  const respond = result.timeline.find((i) => i.id === "respond");
  const received = result.timeline.find((i) => i.id === "received");
  const current = currentStage(result);
  const first = current === result.procedure.stages[0];
  const head = [
    letterTo(contact),
    `Subject: ${forSomeoneElse ? "A complaint" : "My complaint"}: when will you reply?`,
  ];
  const asked = first || !received?.date_text ? "" : (forSomeoneElse
    ? `Stage ${current.number} was asked for on ${received.date_text}. `
    : `I asked for stage ${current.number} on ${received.date_text}. `);
  // Past an aim's longest time too (App. 1 para 6b: "up to sixty-five working days"), it is late, not only slow.
  const longest = respond.aim && respond.status === "overdue" ? " The longest time the complaints policy allows has " +
    "passed too." : "";
  const due = respond.new_date ? `Your update said the reply would come by ${respond.date_text}.`
    : respond.aim ? `You aimed to reply by ${respond.date_text}.${longest}` : `Your reply was due by ${respond.date_text}.`;
  const body = [
    ...letterOpening(contact, result.complained_text, letterLine, forSomeoneElse),
    `${asked}${due} It has not come yet.`,
    "Please tell me when you will reply, and why it is taking longer.",
    "Yours sincerely,\n[your name and how you would like us to contact you]",
  ];
  w.chaseLetter = showLetter(w, "chase-letter", head, body, "LETTER TO ASK WHEN OUR REPLY WILL COME");
}

function letter(w, result, escalate, contact, letterLine, forSomeoneElse = false) {
  const stageName = escalate.stage_name;
  // The date of the complaint itself: at stage 2 or 3 the timeline's "received" is the request for that stage.
  const complained = result.complained_text;
  const respondedItem = result.timeline.find((i) => i.id === "respond");
  const responded = respondedItem?.responded_text ?? "[date of our reply]";
  // "stage 3: Review panel" as "stage 3 of my complaint (review panel)": two colons in a subject read badly.
  const [stageNumber, stageTitle] = stageName.split(": ");
  const head = [
    letterTo(contact),
    `Subject: Request for ${stageNumber} of ${forSomeoneElse ? "a" : "my"} complaint` +
      (stageTitle ? ` (${stageTitle.toLowerCase()})` : ""),
  ];
  // Which reply: at stage 3, the one at stage 2, not the first (re-test).
  const current = currentStage(result);
  // A late reply is itself a ground (12.1); Python words it, in the complainant's voice.
  const late = respondedItem?.letter_late_text ? ` ${respondedItem.letter_late_text}` : "";
  const body = [
    ...letterOpening(contact, complained, letterLine, forSomeoneElse),
    `You sent ${forSomeoneElse ? "" : "me "}your reply${current ? ` at stage ${current.number}` : ""} on ${responded}.${late} I am not happy with your reply, and I ask you to take ` +
      `${forSomeoneElse ? "the" : "my"} complaint to ${stageName}.`,
  ];
  // 12.4 "ordinarily": after the usual time, the page says to give the reason; so does the letter (re-test)
  if (escalate.status === "passed") {
    body.push(`I am asking later than usual because [say why ${forSomeoneElse ? "it could not be asked" :
      "you could not ask"} sooner].`);
  }
  const grounds = escalate.grounds && escalate.grounds.length ? escalate.grounds : null;
  if (grounds) {
    // Instructions to the writer go in square brackets, as the hint above says, so none is sent by mistake.
    body.push({
      text: `I am asking for this because: [Keep the reasons that apply, delete the others, and say what happened${escalate.grounds_section ? ` (${policyRef(escalate.grounds_section)})` : ""}.]`,
      items: grounds.map((g) => `${groundForLetter(g, forSomeoneElse)} [Say what happened.]`),
    });
  } else {
    body.push("I am not happy with your reply because: [say why].");
  }
  body.push("To put things right, I would like you to [say what you would like us to do].",
    "Please confirm you have received this request and tell me when I will hear from you.",
    "Yours sincerely,\n[your name and how you would like us to contact you]");
  w.letter = showLetter(w, "letter", head, body, "LETTER");
  w.letterButton = `Copy the letter asking for ${stageNumber}`;
}

/**
 * A message that may say the complaint is out of time: up to the fact itself (`late`, "It is more than
 * 12 months since ...") it is a warning; the rest, that we may still accept it and how, is ordinary text.
 * All in bold it was a screen of bold type on a phone. (`late` not found in it: all of it is the warning.)
 */
function limitMessage(w, message, late, { lead = false } = {}) {
  const classes = (...names) => [lead ? "lead" : null, ...names].filter(Boolean).join(" ") || null;
  const cut = late && message.includes(late) ? message.indexOf(late) + late.length : 0;
  if (!cut) return w.p(message, { class: classes(late ? "warning-text" : null) });
  w.p(message.slice(0, cut), { class: classes("warning-text") });
  if (message.slice(cut).trim()) w.p(message.slice(cut).trim());
}

function procedureDates(w, proc, r, answers) {
  const limit = proc.time_limit;
  if (!r.message.includes(limit.message)) limitMessage(w, limit.message, limit.late_text); // not twice
  // "Usual": 9.1 lets a later complaint in for a good reason, which the message above says how to give.
  // The section sets the months; for social care, counting from when you found out is the statutory procedure's.
  // Made in time, its last day is no longer anything to act by: without it, it does not read as a new
  // deadline beside the Ombudsman's (re-test, at stage 3).
  const usual = `The usual time limit is ${limit.months} months${section(limit.section)}.`;
  const forYou = r.for_someone_else ? "For this complaint" : "For you"; // 4.1: the reader may not be its subject
  if (r.complaint_made && limit.in_time) {
    w.p(`${usual} ${forYou}, it counts from ${limit.from_date_text}, and ${r.for_someone_else ? "the complaint was made" :
      "you complained"} within it.`);
  } else {
    w.p(`${usual} ${forYou}, it ${limit.in_time ? "runs" : "ran"} from ${limit.from_date_text}, so until ` +
      `${limit.last_day_text}.`);
  }
  for (const o of proc.overdue ?? []) {
    const box = h("div", { class: "warning-box overdue" });
    w.container.append(box);
    const inner = new Writer(box);
    inner.p(o.text, { class: "warning-text" });
    inner.contact(o.contact);
    w.lines.push(...inner.lines);
  }
  timelineTable(w, proc.procedure, proc.timeline, r.as_at_text);
}

/**
 * Render `reply.result` into `container`. Returns {heading, text, events}.
 * `asAtForm` is a DOM node (the "as at" form) placed after the dates; `today` (ISO) picks the
 * calendar's events (the result's own as-at date if not given).
 */
export function renderResult(container, reply, { asAtForm = null, today = null } = {}) {
  const r = reply.result;
  const answers = reply.answers ?? {};
  const w = new Writer(container);
  const heading = resultHeading(r);
  const h1 = h("h1", { tabindex: "-1", class: "step-heading", text: heading });
  container.append(h("p", { class: "caption", text: "Your result" }), h1);
  w.lines.push(heading.toUpperCase(), "");
  // What to do at once (social care: call 999 if someone is in danger) comes before anything about dates.
  if (r.service?.warning) w.p(r.service.warning, { class: "warning-text" });
  // Out of time: the lead says so (and is not repeated under the dates), so it carries the warning style.
  limitMessage(w, r.message, r.time_limit?.late_text, { lead: true });

  if (r.outcome === "out_of_scope") {
    for (const item of r.out_of_scope) {
      w.h2(item.question);
      w.p(item.why);
      w.h3("Where to go instead");
      w.p(item.where_to_go);
      for (const c of item.contacts) w.contact(c);
      if (item.section) w.p(`${sectionLine(item.section)}.`, { class: "meta-small" });
    }
    return { heading, text: w.lines.join("\n"), events: [] };
  }
  if (r.outcome !== "complaint") {
    if (r.answer?.contacts?.length) {
      w.h2("Who to contact");
      for (const c of r.answer.contacts) w.contact(c);
    }
    if (r.answer?.section) w.p(`${sectionLine(r.answer.section)}.`, { class: "meta-small" });
    return { heading, text: w.lines.join("\n"), events: [] };
  }

  const procs = r.service_recovery_decides ? r.possible_procedures : [r];
  w.h2("Why");
  w.p(`You told us your complaint is about: ${r.service.label}.`);
  if (r.procedure && !r.service_recovery_decides) {
    w.p(`This is dealt with under the ${r.procedure.name.toLowerCase()}${section(r.procedure.section)}.`);
  }
  for (const note of r.notes) w.p(`${note.text}${section(note.section)}`);

  // After a formal complaint the first step is behind you: its contacts come last (below), after the dates.
  if (r.first_step && !r.first_step.behind_you) {
    w.h2(`First step: ${r.first_step.service}`);
    w.p(r.first_step.text);
    w.p(r.first_step.only_about);
    w.contact(r.first_step.contact);
    if (r.first_step.also_contact.length) {
      w.h3("You can also contact");
      for (const c of r.first_step.also_contact) w.contact(c);
    }
  }

  const datesHeading = w.h2("Time limit and dates", { id: "dates", tabindex: "-1" });
  for (const proc of procs) {
    if (r.service_recovery_decides) w.h3(`If it is the ${proc.procedure.name.toLowerCase()}`);
    procedureDates(w, proc, r, answers);
  }
  // Beside the dates, so a date after a weekend or a bank holiday is not a surprise.
  if (r.counting_text && procs.length) {
    // A new tab, said in the link: the answers are not kept once you leave this page (for your safety).
    w.add(h("p", {}, `${r.counting_text} `, h("a", { href: "../working-days/", target: "_blank", rel: "noopener",
      text: "How we count working days (opens in new tab)" }), "."), r.counting_text);
  }
  // After the dates, not before: the answer first, then the way to re-check it for another day.
  if (asAtForm) container.append(asAtForm);

  w.h2("What to do next");
  const notYet = answers.complained_yet === "no";
  const main = procs[0];
  const contact = main.procedure.contact;
  const items = Object.fromEntries(main.timeline.map((i) => [i.id, i]));
  // Our reply, given in the answers, has come, even where the statuses are for a day before it (as at).
  const replyGiven = Object.values(answers.responded ?? {}).some((part) => String(part).trim());
  const replyLate = main.overdue?.some((o) => o.item === "respond"); // or past an aim, as at the day shown
  // Out of time and not made yet: what to say in it, after who to send it to (9.1)
  const giveReason = procs.map((p) => p.time_limit?.give_reason).find(Boolean);
  if (r.service_recovery_decides && notYet) {
    w.p("Make your complaint in the usual way. The Service Recovery Team will tell you which procedure it uses, and why.");
    w.contact(contact);
    w.p(giveReason);
  } else if (r.service_recovery_decides) {
    w.p("The Service Recovery Team will tell you which procedure it uses for your complaint, and why. " +
      "If you have not heard from us, contact:");
    w.contact(contact);
  } else if (notYet) {
    // 10.4: informal resolution comes first, so it is said first.
    if (r.informal) w.p(`${r.informal.text}${section(r.informal.section)}`);
    w.p(r.first_step ? "If the first step does not sort it out, make a formal complaint to:" :
      r.informal ? "To complain, or if that does not put things right, contact:" : "Make your complaint to:");
    w.contact(contact);
    w.p(giveReason);
  } else if (!replyGiven && replyLate) {
    // With the contact here too: someone who jumps to this heading should not have to look for it.
    // Past an aim (App. 1 para 6b, App. 2 para 7) the reply is not late, but we should say when it comes.
    const pastAim = main.overdue.some((o) => o.item === "respond" && o.kind === "past_aim");
    // On a day still to come (an advocate's "as at"), it is true then only if no reply has come. Its
    // status ("overdue by 7 working days, counted from ...") says from when, so the day is not read
    // as the deadline.
    const respond = main.timeline.find((i) => i.id === "respond");
    const state = r.as_at_is_ahead
      ? `If we have not replied by ${r.as_at_text}, our reply will then be ${respond.status_text}.`
      : (pastAim ? "We have not replied by the date we aimed for." : "Our reply is late.");
    w.p(`${state} Contact ${contact?.short_name ?? "us"} to ask when you will get it:`);
    w.contact(contact);
    // On a day to come it may yet arrive: no letter saying it has not, unless it is late already today.
    if (!r.as_at_is_ahead || (respond.date && respond.date < (today ?? r.as_at))) {
      w.h3("A letter to ask when you will get our reply");
      w.p("Copy this and change the parts in square brackets.", { class: "hint" });
      chaseLetter(w, main, contact, r.letter_line, r.for_someone_else);
    }
  }
  if (!r.service_recovery_decides && !notYet && items.escalate) {
    const e = items.escalate;
    const stage = e.stage_name;
    if (e.date && e.status === "passed") {
      // A past deadline is not an instruction: say it passed, and that asking later is still possible (12.4
      // "ordinarily").
      w.p(`The usual time to ask for ${stage} ended on ${e.date_text}. ${e.note ?? ""}`.trim());
    } else if (e.date) w.p(`If you are not happy with our reply, ask for ${stage} by ${e.date_text}. ${e.note ?? ""}`.trim());
    else w.p(`When you get our reply, if you are not happy with it, you can ask for ${stage} ${e.rule}.`);
    if (e.grounds?.length) {
      w.p(`The complaints policy (section ${e.grounds_section}) says you can ask for ${stage} if:`);
      w.list(e.grounds);
    }
    if (e.informal_first) w.p(`${e.informal_first.text}${section(e.informal_first.section)}`);
    if (e.next_stage_text) w.p(e.next_stage_text); // its timescales, before you ask (navigator/timeline.py)
    if (!main.overdue?.length) w.contact(contact);
    w.h3(`A letter to ask for ${stage}`);
    w.p("Copy this and change the parts in square brackets.", { class: "hint" });
    letter(w, main, e, contact, r.letter_line, r.for_someone_else);
  } else if (!r.service_recovery_decides && !notYet && items.ombudsman) {
    const o = items.ombudsman;
    // What comes after our reply (App. 2 para 8) is for once it has come. Given in the answers, it has come,
    // even where the statuses are worked out for a day before it came (an advocate's "as at").
    const replied = replyGiven || main.timeline.some((i) => i.id === "respond" && i.status.startsWith("done"));
    // Our last stage's reply still to come, and not late (a late one is said above, with the contact):
    // the Ombudsman is for after it (13.2), so say so first, and who to ask meanwhile.
    if (!replied && items.respond && !replyLate) {
      w.p(`Wait for our reply at stage ${main.procedure.stages.at(-1).number}. If you have a question about ` +
        `${r.for_someone_else ? "the" : "your"} complaint before then, contact ${contact?.short_name ?? "us"}:`);
      w.contact(contact);
    }
    if (o.after) {
      w.p(replied ? o.after : `Once you have our reply: ${o.after.charAt(0).toLowerCase()}${o.after.slice(1)}`);
      w.contact(o.after_contact);
    }
  }
  if (r.ombudsman) {
    w.h3(`The ${r.ombudsman.name}`);
    // Our last reply late: the row and the warning say you can go now; so does this, first, with the date.
    if (items.ombudsman?.late_text) w.p(items.ombudsman.late_text);
    const last = main.procedure.stages.at(-1);
    const lastStage = r.service_recovery_decides || !last ? "the last stage" : `stage ${last.number}`;
    w.p(`If you are still unhappy after our reply at ${lastStage}, you can complain to the ${r.ombudsman.name}. ` +
      `${r.ombudsman.about ? `${r.ombudsman.about} ` : ""}${r.ombudsman.after_all_stages}`);
    // 13.1 "would normally expect": a usual limit to know about, not an instruction to go now, which
    // would contradict 13.2 while our own stages are still open. The discretion says how to go later.
    const limit = r.ombudsman.time_limit;
    const o = r.ombudsman.short_name;
    w.p(`The ${o} usually expects a complaint within ${limit.months} months of when ${limit.counts_from_text}. ` +
      `${r.for_someone_else ? "For this complaint" : "For you"}, the ${limit.months} months ${limit.in_time ? "end" : "ended"} on ${limit.last_day_text} (from ` +
      `${limit.from_date_text}${limit.section ? `; ${policyRef(limit.section)}` : ""}).`);
    w.p(limit.discretion);
    w.contact(r.ombudsman.contact);
  }
  if (r.first_step?.behind_you) {
    w.h2(r.first_step.service);
    w.p(r.first_step.only_about);
    w.p("You have already made a formal complaint. These contacts can still help:");
    w.contact(r.first_step.contact);
    if (r.first_step.also_contact.length) {
      w.h3("You can also contact");
      for (const c of r.first_step.also_contact) w.contact(c);
    }
  }
  return { heading, text: w.lines.join("\n"), events: events(r, { today: today ?? r.as_at, answers }), datesHeading,
    letter: w.letter ?? null, letterButton: w.letterButton ?? null, chaseLetter: w.chaseLetter ?? null };
}

// Reminders, from the start of the event's day: 9am on the day, and for a date you must act by (asking
// for the next stage, the Ombudsman's 12 months), 9am a week before as well, if that is still to come
// (a reminder already past shows as missed in some calendars).
const ON_THE_DAY = "PT9H";
const A_WEEK_BEFORE = "-P6DT15H";
const YOUR_DEADLINES = ["escalate", "ombudsman_limit"];

function weekBefore(iso) {
  const [y, m, d] = iso.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d - 7)).toISOString().slice(0, 10);
}

/** "Speak Up: 0800 269851, speakup@coventry.gov.uk, https://...": every way the contact lists. (No
 * "Contact" in front: an acknowledgement's note already says "contact Speak Up".) */
function contactLine(contact) {
  const ways = contact ? [contact.phone, contact.email, contact.web].filter(Boolean) : [];
  return ways.length ? `${contact.short_name ?? contact.name}: ${ways.join(", ")}.` : null;
}

/**
 * One all-day event per date still to come, across every procedure shown: a diary has no use for a
 * date already gone. Where the policy gives a longest time (10, up to 20), its last day is an event
 * too. With several possible procedures (10.5), each title says which procedure it is for, except an
 * Ombudsman's date they all give, which is one event.
 *
 * "Still to come" is from `today`: give it a result worked out as at today (navigator.js does), since
 * statuses as at another date can hide a date (before our response, there is no date yet to ask
 * for the next stage) or show one already gone as still to come. Each event's UID names the
 * complaint (its service and dates) and the step, never the step's date, so a file downloaded again
 * after an update with a new date replaces the old event instead of adding a second one.
 */
export function events(result, { today = result.as_at ?? "", answers = {} } = {}) {
  const several = Boolean(result.service_recovery_decides);
  const procs = several ? result.possible_procedures : [result];
  // Ids from the dates as Python read them (ISO), not as typed: "Jun", "6" and "06" are one complaint.
  const complaint = [answers.service, procs.find((p) => p.complained)?.complained ?? "planned"].filter(Boolean).join("-");
  const dated = ["upcoming", "due_today", "overdue", "passed"]; // not done, and not a date we do not know
  const out = [];
  const shared = new Set(); // the Ombudsman's dates the same for every possible procedure: one event each
  for (const proc of procs) {
    if (!proc.procedure) continue;
    // The stage's own steps belong to the stage; the Ombudsman's time limit to the whole complaint.
    const received = proc.timeline.find((i) => i.id === "received")?.date;
    const stage = answers.stage ? [answers.stage, received].filter(Boolean).join("-") : "";
    for (const item of proc.timeline) {
      if (!item.date || item.id === "received") continue;
      const ombudsman = item.id.startsWith("ombudsman");
      // With several possible procedures (10.5), one event for an Ombudsman date they all give, not one each
      const whole = several && ombudsman && procs.every((p) => !p.procedure ||
        p.timeline.find((i) => i.id === item.id)?.date === item.date);
      if (whole && shared.has(item.id)) continue;
      if (whole) shared.add(item.id);
      const description = [
        whole ? null : `${proc.procedure.name}.`,
        proc.complained_text ? `Complaint made on ${proc.complained_text}.`
          : (received && !ombudsman ? `These dates assume you make a formal complaint on ${longDate(received)}.` : null),
        // At stage 2 or 3 the dates count from the request for that stage, not the complaint (not the Ombudsman's)
        !ombudsman && proc.complained && received && received !== proc.complained
          ? `This stage was asked for on ${longDate(received)}.` : null,
        item.rule ? `Timescale: ${item.rule}.` : null,
        item.section ? `${sectionLine(item.section)}.` : null,
        item.note ?? null,
        contactLine(ombudsman ? (result.ombudsman ?? proc.ombudsman)?.contact : proc.procedure.contact),
      ].filter(Boolean).join(" ");
      const title = (label) => (several && !whole ? `${proc.procedure.name}: ${label}` : label);
      const uid = [complaint, ombudsman ? "" : stage, whole ? "" : proc.procedure.id, item.id].filter(Boolean).join("-");
      // In your own calendar "we" reads as you: the council's steps say who (navigator/timeline.py).
      const label = item.calendar_label ?? item.label;
      if (dated.includes(item.status) && item.date >= today) {
        const alarms = YOUR_DEADLINES.includes(item.id) && weekBefore(item.date) >= today
          ? [A_WEEK_BEFORE, ON_THE_DAY] : [ON_THE_DAY];
        out.push({ date: item.date, summary: title(label), description, uid: `${uid}@complaints-navigator`, alarms });
      }
      const latest = item.maximum_date;
      if (latest && !item.extended && latest !== item.date && latest >= today && !item.status.startsWith("done")) {
        out.push({ date: latest, summary: title(item.calendar_label_latest), description,
          uid: `${uid}-latest@complaints-navigator`, alarms: [ON_THE_DAY] });
      }
    }
  }
  return out;
}
