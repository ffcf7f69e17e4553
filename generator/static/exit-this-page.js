// exit-this-page.js - GOV.UK "Exit this page": the button, or pressing Shift 3 times within
// 5 seconds, replaces this page with a neutral one (location.replace, so Back does not return
// here). Without JavaScript the button is an ordinary link to the same place.

const button = document.querySelector(".exit-this-page-button");
if (button) {
  const live = document.querySelector(".exit-this-page-live");
  const leave = () => {
    document.dispatchEvent(new Event("exit-this-page")); // the navigator forgets its answers (navigator.js)
    document.body.classList.add("exiting");
    try { history.replaceState(null, "", location.pathname); } catch (e) { /* ignore */ }
    location.replace(button.href);
  };
  button.addEventListener("click", (event) => { event.preventDefault(); leave(); });
  // It looks like a button, so with this script it is one, as GOV.UK's is: Space leaves too (on a
  // link, Space scrolled the page). Without the script it stays a link, which Enter follows.
  button.setAttribute("role", "button");
  button.addEventListener("keydown", (event) => {
    if (event.key === " ") { event.preventDefault(); leave(); }
  });
  // Back to this page kept whole in the back-forward cache: show it again (without its answers).
  window.addEventListener("pageshow", (event) => { if (event.persisted) document.body.classList.remove("exiting"); });
  // The hint is hidden in the HTML: without this script pressing Shift does nothing, and someone
  // relying on it must not be told it works.
  document.querySelector(".exit-this-page-hint")?.removeAttribute("hidden");
  let presses = 0;
  let timer = null;
  // As GOV.UK Frontend does: a Shift let go after another key pressed with it (Shift+Tab, moving
  // back through the page) is not a press, or every Shift+Tab would announce a countdown.
  let lastKeyWasModified = false;
  document.addEventListener("keyup", (event) => {
    const modified = lastKeyWasModified;
    lastKeyWasModified = event.shiftKey;
    if (event.key !== "Shift") { presses = 0; return; }
    if (modified) return;
    presses += 1;
    clearTimeout(timer);
    timer = setTimeout(() => {
      presses = 0;
      if (live) live.textContent = "Exit this page expired.";
    }, 5000);
    if (presses >= 3) { presses = 0; if (live) live.textContent = "Exiting this page."; leave(); }
    else if (live) live.textContent = `Shift, press ${3 - presses} more time${3 - presses === 1 ? "" : "s"} to exit.`;
  });
}
