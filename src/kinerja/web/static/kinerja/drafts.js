/*
 * kinerja: what a person types into a form is never lost.
 *
 * Written here because no maintained library does it with htmx and a strict CSP (garlic.js and
 * sisyphus.js need jQuery and are no longer maintained); it is small.
 *
 * - While a person types into a form that is sent by POST (a task's note or reason, minutes, a
 *   letter, the Target page's activities), what they typed is kept in this browser (localStorage),
 *   under their own user id, the page and the form (or what the form says it holds, data-draft-scope: the
 *   same figure typed on the input page opened at another address). Passwords, files and hidden fields never are;
 *   nor forms marked data-no-draft.
 * - When the page is opened again with that form (a reload, signing in again after the session ended,
 *   the browser restarted), what was kept is put back into the fields the page shows empty or as the
 *   server gave them, with a notice saying so and a button to discard it.
 * - What was kept is dropped once the form was sent and answered: after an htmx form's 2xx answer
 *   (accepted, or the form back with its error and the text in it), or when a plain form's answer
 *   was a redirect to a page other than the sign-in page or a page of its own (settleSent). An error
 *   page, the form again with its error, a reload or going back keep it. Signing out drops the
 *   person's drafts (shared office computers); drafts older than 14 days are dropped.
 * - An htmx form whose answer is an error (the session ended, the form expired, not allowed, a server
 *   error, no network) says so above the form instead of doing nothing; the session's end offers the
 *   sign-in page, which comes back to this page (web/middleware.py, SessionEndedMiddleware).
 *
 * The texts come translated from the page (#kinerja-drafts, base.html).
 */
(function () {
  "use strict";
  var PREFIX = "kinerja-draft:";
  var SENT = "kinerja-draft-sent";
  var MAX_AGE = 14 * 24 * 3600 * 1000;
  var TEXT_TYPES = ["text", "number", "date", "datetime-local", "time", "month", "email", "search", "tel", "url"];

  function config() {
    return document.getElementById("kinerja-drafts");
  }

  function text(name) {
    var c = config();
    return (c && c.getAttribute("data-" + name)) || "";
  }

  function storage() {
    try {
      var s = window.localStorage, probe = PREFIX + "probe";
      s.setItem(probe, "1");
      s.removeItem(probe);
      return s;
    } catch (e) {
      return null;
    }
  }

  function user() {
    var c = config();
    return c ? c.getAttribute("data-user") || "" : "";
  }

  function kept(field) {
    if (!field.name || field.disabled || field.name === "csrfmiddlewaretoken") return false;
    var tag = field.tagName;
    if (tag === "TEXTAREA" || tag === "SELECT") return true;
    if (tag !== "INPUT") return false;
    var type = (field.getAttribute("type") || "text").toLowerCase();
    return TEXT_TYPES.indexOf(type) >= 0 || type === "checkbox" || type === "radio";
  }

  function eligible(form) {
    if (!form || form.tagName !== "FORM" || !user()) return false;
    if ((form.getAttribute("method") || "get").toLowerCase() !== "post") return false;
    if (form.hasAttribute("data-no-draft") || form.querySelector("input[type=password]")) return false;
    for (var i = 0; i < form.elements.length; i++) {
      var f = form.elements[i];
      if (kept(f) && (f.tagName === "TEXTAREA" || f.tagName === "INPUT" && f.type !== "checkbox" && f.type !== "radio")) {
        return true;
      }
    }
    return false;
  }

  function actionOf(form) {
    var url = new URL(form.getAttribute("hx-post") || form.getAttribute("action") || "", window.location.href);
    return url.pathname + url.search;
  }

  // A form that says what it holds (data-draft-scope: a division's figure of one indicator and period) keeps
  // its draft under that, whatever address the page was opened at: /data/input/ shows the same period's
  // cards as /data/input/?year=2026&quarter=3, and what was typed on one comes back on the other.
  function keyOf(form) {
    var scope = form.getAttribute("data-draft-scope");
    if (scope) return PREFIX + user() + ":scope:" + scope;
    var action = actionOf(form), same = 0, forms = document.forms;
    for (var i = 0; i < forms.length && forms[i] !== form; i++) {
      if (eligible(forms[i]) && actionOf(forms[i]) === action) same++;
    }
    return PREFIX + user() + ":" + window.location.pathname + window.location.search + ":" + action + "#" + same;
  }

  // The form's kept fields: as they are now, or (`initial`) as the page gave them.
  function snapshot(form, initial) {
    var out = {};
    for (var i = 0; i < form.elements.length; i++) {
      var f = form.elements[i];
      if (!kept(f)) continue;
      if (f.type === "checkbox" || f.type === "radio") {
        out[f.name + "=" + f.value] = initial ? f.defaultChecked : f.checked;
      } else if (f.tagName === "SELECT") {
        var chosen = Array.prototype.filter.call(f.options, function (o) { return initial ? o.defaultSelected : o.selected; })
          .map(function (o) { return o.value; });
        // A single choice with none marked shows its first option.
        out[f.name] = f.multiple ? chosen : (chosen.length ? chosen[0] : (f.options.length ? f.options[0].value : ""));
      } else {
        out[f.name] = initial ? f.defaultValue : f.value.slice(0, 100000);
      }
    }
    return out;
  }

  function values(form) {
    return snapshot(form, false);
  }

  function defaults(form) {
    return snapshot(form, true);
  }

  function same(a, b) {
    return JSON.stringify(a) === JSON.stringify(b);
  }

  var timers = {};

  function save(form) {
    var s = storage();
    // A form htmx has replaced is no longer on the page: its key could not be told, and it was sent.
    if (!s || !form.isConnected || !eligible(form)) return;
    var key = keyOf(form), now = values(form);
    if (same(now, defaults(form))) {
      s.removeItem(key);
      return;
    }
    try {
      s.setItem(key, JSON.stringify({ t: Date.now(), v: now }));
    } catch (e) { /* storage full: the form itself still holds the text */ }
  }

  function later(form) {
    var key = keyOf(form);
    window.clearTimeout(timers[key]);
    timers[key] = window.setTimeout(function () { save(form); }, 300);
  }

  // On sending: saved now, no save left waiting (it would come after the answer), and the key kept on
  // the form, which htmx may have taken off the page by the time its answer is read.
  function saveNow(form) {
    var key = keyOf(form);
    window.clearTimeout(timers[key]);
    save(form);
    form.kinerjaDraftKey = key;
    return key;
  }

  function read(key) {
    var s = storage();
    if (!s) return null;
    try {
      var d = JSON.parse(s.getItem(key) || "null");
      return d && d.v && typeof d.t === "number" ? d : null;
    } catch (e) {
      return null;
    }
  }

  function put(form, draft) {
    var base = defaults(form), restored = 0;
    for (var i = 0; i < form.elements.length; i++) {
      var f = form.elements[i];
      if (!kept(f)) continue;
      if (f.type === "checkbox" || f.type === "radio") {
        var k = f.name + "=" + f.value;
        if (k in draft.v && draft.v[k] !== f.checked && f.checked === base[k]) {
          f.checked = draft.v[k];
          restored++;
        }
      } else if (f.name in draft.v) {
        var wanted = draft.v[f.name], current = values({ elements: [f] })[f.name];
        if (!same(wanted, current) && same(current, base[f.name])) {
          if (f.tagName === "SELECT" && f.multiple) {
            Array.prototype.forEach.call(f.options, function (o) { o.selected = wanted.indexOf(o.value) >= 0; });
          } else {
            f.value = wanted;
          }
          if (f.tagName !== "SELECT" || same(values({ elements: [f] })[f.name], wanted)) restored++;
        }
      }
    }
    return restored;
  }

  function note(form, cls, role, message, button) {
    var old = form.previousElementSibling;
    if (old && old.classList && old.classList.contains("draft-note")) old.remove();
    var box = document.createElement("div");
    box.className = "draft-note " + cls;
    box.setAttribute("role", role);
    var p = document.createElement("span");
    p.textContent = message + " ";
    box.appendChild(p);
    if (button) box.appendChild(button);
    form.parentNode.insertBefore(box, form);
    return box;
  }

  function restore(root) {
    var forms = (root.tagName === "FORM" ? [root] : []).concat(Array.prototype.slice.call(root.querySelectorAll("form")));
    forms.forEach(function (form) {
      if (!eligible(form)) return;
      var key = keyOf(form), draft = read(key);
      if (!draft) return;
      if (Date.now() - draft.t > MAX_AGE) {
        storage().removeItem(key);
        return;
      }
      if (!put(form, draft)) return;
      var when = new Date(draft.t);
      var hhmm = ("0" + when.getHours()).slice(-2) + "." + ("0" + when.getMinutes()).slice(-2);
      var discard = document.createElement("button");
      discard.type = "button";
      discard.className = "link";
      discard.textContent = text("discard");
      var message = text("restored").replace("{time}", hhmm);
      if (form.querySelector("input[type=file]")) message += " " + text("files");
      var box = note(form, "restored", "status", message, discard);
      discard.addEventListener("click", function () {
        form.reset();
        storage().removeItem(key);
        box.remove();
      });
    });
  }

  function dropAll(prefix) {
    var s = storage();
    if (!s) return;
    for (var i = s.length - 1; i >= 0; i--) {
      var k = s.key(i);
      if (k && k.indexOf(prefix) === 0) s.removeItem(k);
    }
  }

  function dropOld() {
    var s = storage();
    if (!s) return;
    for (var i = s.length - 1; i >= 0; i--) {
      var k = s.key(i);
      if (k && k.indexOf(PREFIX) === 0) {
        var d = read(k);
        if (!d || Date.now() - d.t > MAX_AGE) s.removeItem(k);
      }
    }
  }

  // The first page after a plain form was sent. The form was accepted when the server answered it
  // with a redirect (post, redirect, get: what kinerja's forms do on success) to a page other than the
  // sign-in page, or with a page of its own at the form's address that does not hold the form again.
  // The sign-in page, an error page (data-keep-drafts) or message, the form again (with its errors), a reload,
  // going back, or any other page (the browser's own error page came in between) keep the draft.
  function settleSent() {
    var sent = null;
    try {
      sent = JSON.parse(window.sessionStorage.getItem(SENT) || "null");
      window.sessionStorage.removeItem(SENT);
    } catch (e) { /* no session storage: drafts are then dropped only when they age */ }
    if (!sent || !sent.k || document.body.hasAttribute("data-keep-drafts")) return;
    var nav = window.performance && performance.getEntriesByType ? performance.getEntriesByType("navigation")[0] : null;
    if (!nav || nav.type !== "navigate") return;
    if (!nav.redirectCount) {
      if (window.location.pathname + window.location.search !== sent.a || document.querySelector(".messages .error")) return;
      for (var i = 0; i < document.forms.length; i++) {
        if (eligible(document.forms[i]) && keyOf(document.forms[i]) === sent.k) return;
      }
    }
    var s = storage();
    if (s) s.removeItem(sent.k);
  }

  function responseMessage(xhr) {
    if (xhr.status === 401) return text("session");
    var type = xhr.getResponseHeader("Content-Type") || "";
    var body = xhr.responseText || "";
    if (type.indexOf("text/html") >= 0 && body) {
      var doc = new DOMParser().parseFromString(body, "text/html");
      var main = doc.querySelector("main") || doc.body;
      var parts = [];
      var h = main.querySelector("h1");
      var p = main.querySelector("p");
      if (h) parts.push(h.textContent.trim());
      if (p) parts.push(p.textContent.trim());
      if (parts.length) return parts.join(": ");
    } else if (body && body.length < 500) {
      return body.trim();
    }
    return text("failed").replace("{status}", String(xhr.status));
  }

  // The form that sent the request. When htmx has swapped it off the page, it tells of the answer on an
  // ancestor still there (detail.elt), so the sender is taken from the request itself.
  function htmxForm(evt) {
    var d = evt.detail || {}, elt = (d.requestConfig && d.requestConfig.elt) || d.elt;
    return elt && (elt.tagName === "FORM" ? elt : elt.closest && elt.closest("form"));
  }

  document.addEventListener("input", function (e) {
    if (e.target.form && eligible(e.target.form)) later(e.target.form);
  });
  document.addEventListener("change", function (e) {
    if (e.target.form && eligible(e.target.form)) later(e.target.form);
  });
  document.addEventListener("submit", function (e) {
    var form = e.target;
    if (form.matches && form.matches("form[action$='/logout/']")) {
      dropAll(PREFIX + user() + ":");
      return;
    }
    if (!eligible(form)) return;
    var key = saveNow(form);
    if (!form.hasAttribute("hx-post")) {
      try {
        window.sessionStorage.setItem(SENT, JSON.stringify({ k: key, a: actionOf(form) }));
      } catch (err) { /* see settleSent */ }
    }
  });

  document.addEventListener("htmx:afterRequest", function (evt) {
    var form = htmxForm(evt), xhr = evt.detail.xhr;
    if (!form || !xhr || evt.detail.requestConfig && evt.detail.requestConfig.verb !== "post") return;
    // Accepted, or refused with the form back in place holding what was typed (kinerja answers htmx
    // with 2xx either way; sending it again keeps it again). htmx leaves `successful` unset when the
    // answer redirects the page (HX-Redirect: a task done), so the status decides.
    if (xhr.status >= 200 && xhr.status < 300) {
      var s = storage(), key = form.kinerjaDraftKey || (form.isConnected && eligible(form) ? keyOf(form) : null);
      if (s && key) s.removeItem(key);
      return;
    }
    if (!form.isConnected) return;
    var signIn = xhr.getResponseHeader("X-Kinerja-Sign-In");
    var button = null;
    if (signIn) {
      button = document.createElement("a");
      button.href = signIn;
      button.textContent = text("sign-in");
    } else if (xhr.status === 403 || xhr.status === 0) {
      button = document.createElement("button");
      button.type = "button";
      button.className = "link";
      button.textContent = text("reload");
      button.addEventListener("click", function () { window.location.reload(); });
    }
    var message = xhr.status === 0 ? text("offline") : responseMessage(xhr);
    var kept_ = eligible(form) && !signIn ? " " + text("kept") : "";
    note(form, "error", "alert", message + kept_, button);
  });

  document.addEventListener("htmx:sendError", function (evt) {
    var form = htmxForm(evt);
    if (!form || !form.isConnected) return;
    note(form, "error", "alert", text("offline") + (eligible(form) ? " " + text("kept") : ""), null);
  });

  // A poll or a link that finds the session ended: say it once, at the top of the page.
  document.addEventListener("htmx:responseError", function (evt) {
    var xhr = evt.detail.xhr;
    if (!xhr || xhr.status !== 401 || htmxForm(evt) || document.querySelector(".session-ended")) return;
    var main = document.getElementById("main");
    var signIn = xhr.getResponseHeader("X-Kinerja-Sign-In");
    if (!main || !signIn) return;
    var box = document.createElement("div");
    box.className = "draft-note error session-ended";
    box.setAttribute("role", "alert");
    var p = document.createElement("span");
    p.textContent = text("session-page") + " ";
    var a = document.createElement("a");
    a.href = signIn;
    a.textContent = text("sign-in");
    box.appendChild(p);
    box.appendChild(a);
    main.insertBefore(box, main.firstChild);
  });

  document.addEventListener("htmx:load", function (evt) {
    if (evt.detail && evt.detail.elt && evt.detail.elt !== document.body) restore(evt.detail.elt);
  });

  function start() {
    if (!storage()) return;
    dropOld();
    settleSent();
    restore(document.body);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
