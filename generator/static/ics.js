// ics.js - an RFC 5545 iCalendar file from a list of all-day events, made in the browser.
//
//   const text = calendar([{ date: "2026-03-24", summary: "...", description: "...", uid: "...",
//                            alarms: ["PT9H"] }]);
//   downloadIcs(text, "complaint-dates.ics");
//
// CRLF line endings; content lines folded at 75 octets (UTF-8, never inside a character);
// TEXT values escaped (backslash, semicolon, comma, newline); one VEVENT per date with
// UID, DTSTAMP, DTSTART;VALUE=DATE and DTEND;VALUE=DATE (the next day), and a VALARM (a reminder
// showing the summary) for each of `alarms`: a duration from the start of the day, the event's
// midnight ("PT9H" is 9am that day, "-P6DT15H" 9am a week before).

const encoder = new TextEncoder();

export function escapeText(value) {
  return String(value)
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r\n|\r|\n/g, "\\n");
}

/** Fold one content line: at most 75 octets per line, continuation lines start with a space. */
export function fold(line) {
  const out = [];
  let current = "";
  let octets = 0;
  let limit = 75;
  for (const char of line) {
    const size = encoder.encode(char).length;
    if (octets + size > limit) {
      out.push(current);
      current = " ";
      octets = 1;
      limit = 75;
    }
    current += char;
    octets += size;
  }
  out.push(current);
  return out.join("\r\n");
}

const basic = (iso) => iso.replace(/-/g, "");

function nextDay(iso) {
  const [y, m, d] = iso.split("-").map(Number);
  const date = new Date(Date.UTC(y, m - 1, d + 1));
  return date.toISOString().slice(0, 10);
}

function stamp(now) {
  return now.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}

export function calendar(events, { prodid = "-//Complaints guidance//Complaint navigator//EN", name = null,
  now = new Date() } = {}) {
  const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", `PRODID:${prodid}`, "CALSCALE:GREGORIAN", "METHOD:PUBLISH"];
  if (name) lines.push(`X-WR-CALNAME:${escapeText(name)}`);
  for (const event of events) {
    lines.push("BEGIN:VEVENT", `UID:${escapeText(event.uid)}`, `DTSTAMP:${stamp(now)}`,
      `DTSTART;VALUE=DATE:${basic(event.date)}`, `DTEND;VALUE=DATE:${basic(nextDay(event.date))}`,
      `SUMMARY:${escapeText(event.summary)}`);
    if (event.description) lines.push(`DESCRIPTION:${escapeText(event.description)}`);
    lines.push("TRANSP:TRANSPARENT");
    for (const trigger of event.alarms ?? []) {
      lines.push("BEGIN:VALARM", "ACTION:DISPLAY", `DESCRIPTION:${escapeText(event.summary)}`, `TRIGGER:${trigger}`,
        "END:VALARM");
    }
    lines.push("END:VEVENT");
  }
  lines.push("END:VCALENDAR");
  return lines.map(fold).join("\r\n") + "\r\n";
}

/** Offer `text` as a file download through a same-origin blob: URL (no request is made). */
export function download(text, filename, type = "text/calendar;charset=utf-8") {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}
