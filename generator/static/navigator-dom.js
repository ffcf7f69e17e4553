// navigator-dom.js - DOM building for the navigator and the working-days calculator.
// Every string from Python, the rule data or the URL fragment is data: it only ever
// reaches the page through textContent, attribute values or form values, never as HTML.

export function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  append(node, children);
  return node;
}

export function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return node;
}

const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
  "October", "November", "December"];

/** "Tuesday 24 March 2026" from "2026-03-24" (the same style as Python's long_date). */
export function longDate(iso) {
  const [y, m, d] = iso.split("-").map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return `${DAYS[date.getUTCDay()]} ${d} ${MONTHS[m - 1]} ${y}`;
}

/** Today as YYYY-MM-DD: the build's fixed date (tests only) or the user's own clock. */
export function todayIso(root) {
  const fixed = root?.dataset.today;
  if (fixed && /^\d{4}-\d{2}-\d{2}$/.test(fixed)) return fixed;
  const now = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** A polite live region: say(text) puts text in the live region (emptied first, so the same words are said again);
 * say.clear() empties it, and stops a text still waiting to go in. */
export const ANNOUNCEMENT_KEPT_MS = 10000;

/** A polite live region's `say(text)`. The text is emptied again after a while: left there, someone
 * reading down the page later meets an old "Copied" or an old result again (re-test of the result's
 * controls). Emptying it is not announced. */
export function announcer(region, keptMs = ANNOUNCEMENT_KEPT_MS) {
  let timer = null;
  let expiry = null;
  const say = (text) => {
    clearTimeout(timer);
    clearTimeout(expiry);
    region.textContent = "";
    timer = setTimeout(() => {
      region.textContent = text;
      expiry = setTimeout(() => { region.textContent = ""; }, keptMs);
    }, 50);
  };
  say.clear = () => { clearTimeout(timer); clearTimeout(expiry); region.textContent = ""; };
  return say;
}

export function errorMessage(id, message) {
  return h("p", { class: "error-message", id }, h("span", { class: "visually-hidden", text: "Error: " }), message);
}

/**
 * GOV.UK error summary: links move focus to the exact input (no fragment navigation,
 * so the browser history and the answers fragment are left alone).
 */
export function errorSummary(errors) {
  const list = h("ul", { class: "error-summary-list" });
  for (const error of errors) {
    const link = h("a", { href: `#${error.field}`, text: error.message });
    link.addEventListener("click", (event) => {
      event.preventDefault();
      const target = document.getElementById(error.field)
        ?? document.querySelector(`[name="${CSS.escape(error.field)}"]`);
      if (target) {
        target.scrollIntoView({ block: "center" });
        target.focus();
      }
    });
    list.append(h("li", {}, link));
  }
  return h("div", { class: "error-summary", tabindex: "-1", role: "alert", "aria-labelledby": "error-summary-title" },
    h("h2", { id: "error-summary-title", text: "There is a problem" }), list);
}

/**
 * Day/month/year inputs (GOV.UK date input). `field`: {id, label, hint}; `value`: {day, month, year};
 * `error`: {field, message} or null. `asQuestion`: the legend is the page heading.
 */
export function dateInput(field, value = {}, error = null, { heading = null, headingLevel = "h1" } = {}) {
  const id = field.id;
  const described = [];
  const group = h("div", { class: `form-group${error ? " form-group-error" : ""}`, "data-field": id });
  const legendText = heading ?? field.label;
  const legend = heading
    ? h("legend", { class: "legend-heading" }, h(headingLevel, { tabindex: "-1", class: "step-heading", text: legendText }))
    : h("legend", { class: "legend-field", text: legendText });
  const fieldset = h("fieldset", { role: "group" }, legend);
  if (field.hint) {
    fieldset.append(h("div", { class: "hint", id: `${id}-hint`, text: field.hint }));
    described.push(`${id}-hint`);
  }
  if (error) {
    fieldset.append(errorMessage(`${id}-error`, error.message));
    described.push(`${id}-error`);
  }
  if (described.length) fieldset.setAttribute("aria-describedby", described.join(" "));
  const parts = h("div", { class: "date-input" });
  const whole = error && !error.parts && !/must include/.test(error.message); // parts: only those boxes
  for (const [part, label, width] of [["day", "Day", 2], ["month", "Month", 2], ["year", "Year", 4]]) {
    const inputId = `${id}-${part}`;
    const bad = error && (whole || error.field === inputId || (error.parts ?? []).includes(part));
    parts.append(h("div", { class: "date-input-item" },
      h("label", { for: inputId, text: label }),
      h("input", {
        class: `input input-w${width}${bad ? " input-error" : ""}`, id: inputId, name: inputId, type: "text",
        inputmode: "numeric", autocomplete: "off", spellcheck: "false",
        "aria-invalid": bad ? "true" : null,
      })));
    parts.lastChild.querySelector("input").value = typeof value?.[part] === "string" ? value[part] : "";
  }
  fieldset.append(parts);
  group.append(fieldset);
  return group;
}

export function readDate(form, id) {
  const get = (part) => form.querySelector(`[name="${id}-${part}"]`)?.value ?? "";
  return { day: get("day").trim(), month: get("month").trim(), year: get("year").trim() };
}

/** A contact card from the rule data: name, phone, email, web, post. */
export function contactCard(contact, out = null) {
  if (!contact) return null;
  const items = h("ul", { class: "contact-list" });
  const lines = [contact.name];
  if (contact.phone) {
    // The same words as the pages' contact blocks (generator/templates/blocks.html contact).
    items.append(h("li", {}, "Telephone: ", h("a", { href: telHref(contact.phone), text: contact.phone })));
    lines.push(`Telephone: ${contact.phone}`);
  }
  if (contact.email) {
    items.append(h("li", {}, "Email: ", h("a", { href: `mailto:${contact.email}`, text: contact.email })));
    lines.push(`Email: ${contact.email}`);
  }
  if (contact.web && /^https:\/\//.test(contact.web)) {
    const shown = contact.web.split("://")[1].replace(/\/$/, "");
    items.append(h("li", {}, "Online: ", h("a", { href: contact.web, text: shown })));
    lines.push(`Online: ${contact.web}`);
  }
  const card = h("div", { class: "contact" }, h("p", { class: "contact-name", text: contact.name }), items);
  if (contact.post && contact.post.length) {
    const address = h("address");
    contact.post.forEach((line, i) => { if (i) address.append(h("br")); address.append(line); });
    card.append(h("p", { class: "contact-post" }, "Post: ", address));
    lines.push(`Post: ${contact.post.join(", ")}`);
  }
  out?.push(...lines, "");
  return card;
}

/** A tel: address, as generator/shortcodes.py tel_href: digits and + only, no "(free)" note or extension. */
function telHref(phone) {
  const number = phone.split(/\s*ext/i)[0].replace(/\s*\([^)]*[A-Za-z][^)]*\)\s*$/, "");
  return `tel:${number.replace(/[^0-9+]/g, "")}`;
}
