// The meeting page, live: every form posts in the background and the page takes the record's new state in
// part by part, never over what the clerk is typing; notes save as they are typed (and are kept in this
// browser until the service has them); the other clerk's entries arrive by polling. Without this script
// every part is a plain form that posts and comes back.
(function () {
  "use strict";
  var root = document.getElementById("live");
  if (!root || !window.fetch) { return; }
  document.documentElement.className += " js";
  var page = root.getAttribute("data-live");
  var version = root.getAttribute("data-version");
  var status = document.getElementById("live-status");
  var pending = 0;
  var timers = new WeakMap();
  var KEEP = "govdocs:" + page + ":";

  function say(text, bad) {
    status.innerHTML = "";
    var p = document.createElement("p");
    p.className = bad ? "form-error" : "message";
    p.textContent = text;
    status.appendChild(p);
  }

  function send(form) {
    pending += 1;
    return fetch(form.action, {method: "POST", body: new FormData(form), credentials: "same-origin",
                               headers: {"X-Govdocs-Live": "1"}})
      .then(function (r) {
        return r.json().catch(function () {
          return {ok: false, message: "Not saved: the service answered " + r.status + "."};
        });
      }, function () { return {ok: false, message: "Not saved: the service cannot be reached. Try again."}; })
      .then(function (data) { pending -= 1; return data; });
  }

  // a part the clerk has typed into is never replaced; one that merely has the focus keeps it
  function dirty(el) { return el.hasAttribute("data-dirty") || el.querySelector("[data-dirty]"); }

  function refresh() {
    return fetch(page, {credentials: "same-origin"}).then(function (r) { return r.text(); }).then(function (html) {
      var doc = new DOMParser().parseFromString(html, "text/html");
      var fresh = doc.getElementById("live");
      if (!fresh) { return; }
      version = fresh.getAttribute("data-version");
      fresh.querySelectorAll("[data-part]").forEach(function (part) {
        var name = part.getAttribute("data-part");
        var old = root.querySelector('[data-part="' + name + '"]');
        if (!old || dirty(old) || old.outerHTML === part.outerHTML) { return; }
        var focused = old.contains(document.activeElement) ? document.activeElement.id : "";
        old.replaceWith(document.importNode(part, true));
        if (focused && document.getElementById(focused)) { document.getElementById(focused).focus(); }
      });
    });
  }

  function saveNotes(form) {
    var box = form.querySelector("textarea");
    var typed = box.value;
    var shown = form.querySelector(".saved");
    shown.textContent = "Saving…";
    return send(form).then(function (data) {
      if (data.ok) {
        if (box.value === typed) {
          box.removeAttribute("data-dirty");
          box.setAttribute("data-saved-text", typed);
          localStorage.removeItem(KEEP + form.getAttribute("data-item"));
        }
        shown.textContent = "Saved " + new Date().toTimeString().slice(0, 5);
        version = data.version;
      } else {
        shown.textContent = "Not saved";
        say(data.message, true);
      }
    });
  }

  root.addEventListener("input", function (e) {
    var box = e.target;
    if (box.matches("input[data-now]")) { box.removeAttribute("data-now"); }
    var form = box.form;
    if (!form) { return; }
    if (!box.matches(".notes textarea")) {
      if (!form.classList.contains("autosave")) { form.setAttribute("data-dirty", "1"); }
      return;
    }
    box.setAttribute("data-dirty", "1");
    form.querySelector(".saved").textContent = "Not saved yet";
    localStorage.setItem(KEEP + form.getAttribute("data-item"),
                         JSON.stringify({text: box.value, base: box.getAttribute("data-saved-text")}));
    clearTimeout(timers.get(form));
    timers.set(form, setTimeout(function () { saveNotes(form); }, 1200));
  });

  root.addEventListener("focusout", function (e) {
    var box = e.target;
    if (box.matches(".notes textarea") && box.hasAttribute("data-dirty")) {
      clearTimeout(timers.get(box.form));
      saveNotes(box.form);
    }
  });

  root.addEventListener("change", function (e) {
    var form = e.target.form;
    if (form && form.classList.contains("autosave")) { submitted(form); }
  });

  root.addEventListener("submit", function (e) {
    e.preventDefault();
    var form = e.target;
    if (form.classList.contains("notes")) { saveNotes(form); return; }
    submitted(form);
  });

  function submitted(form) {
    var error = form.querySelector(".form-error");
    send(form).then(function (data) {
      if (error) { error.textContent = data.ok ? "" : data.message; }
      say(data.message, !data.ok);
      if (data.ok) {
        form.removeAttribute("data-dirty");
        if (!form.classList.contains("autosave")) { form.reset(); }
        return refresh();
      }
    });
  }

  // nothing lost on a reload: what is typed and not yet saved goes as the page is left ...
  window.addEventListener("pagehide", function () {
    root.querySelectorAll(".notes textarea[data-dirty]").forEach(function (box) {
      navigator.sendBeacon(box.form.action, new FormData(box.form));
    });
  });
  // ... and what this browser kept, when the service did not get it, goes when the page is back
  root.querySelectorAll(".notes").forEach(function (form) {
    var box = form.querySelector("textarea");
    var kept = localStorage.getItem(KEEP + form.getAttribute("data-item"));
    if (!kept) { return; }
    try { kept = JSON.parse(kept); } catch (err) { kept = null; }
    if (kept && kept.base === box.value && kept.text !== box.value) {
      box.value = kept.text;
      box.setAttribute("data-dirty", "1");
      saveNotes(form);
    } else {
      localStorage.removeItem(KEEP + form.getAttribute("data-item"));
    }
  });

  // the other clerk's entries
  setInterval(function () {
    if (document.hidden || pending) { return; }
    fetch(page + "/version", {credentials: "same-origin"}).then(function (r) { return r.json(); })
      .then(function (data) { if (data.version !== version) { return refresh(); } })
      .catch(function () {});
  }, 2000);

  // times of arrival and departure follow the clock until the clerk types one
  setInterval(function () {
    var now = new Date().toTimeString().slice(0, 5);
    root.querySelectorAll("input[data-now='1']").forEach(function (el) {
      if (el !== document.activeElement) { el.value = now; }
    });
  }, 15000);

  // the next item one key away
  function editable(el) {
    return el.matches("textarea, select, input:not([type=radio]):not([type=checkbox]):not([type=submit])") || el.isContentEditable;
  }
  document.addEventListener("keydown", function (e) {
    var step = 0;
    if (e.altKey && e.key === "ArrowDown") { step = 1; }
    else if (e.altKey && e.key === "ArrowUp") { step = -1; }
    else if (!e.altKey && !e.ctrlKey && !e.metaKey && !editable(e.target)) {
      step = e.key === "n" ? 1 : e.key === "p" ? -1 : 0;
    }
    if (!step) { return; }
    e.preventDefault();
    var items = Array.prototype.slice.call(root.querySelectorAll("section.item, section#after"));
    var here = items.findIndex(function (s) { return s.contains(document.activeElement); });
    if (here < 0 && location.hash) { here = items.findIndex(function (s) { return "#" + s.id === location.hash; }); }
    var to = items[Math.max(0, Math.min(items.length - 1, here + step))];
    var heading = to.querySelector("h2");
    history.replaceState(null, "", "#" + to.id);
    heading.focus();
    heading.scrollIntoView({block: "start"});
  });
})();
