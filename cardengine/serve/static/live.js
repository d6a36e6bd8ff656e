// cardengine serve: live pages. Listens to the page's server-sent events and swaps in each part of the new
// fragment (matched by id); a part whose data-key is unchanged is kept, so a half-filled vote form survives
// an update of the results. Also counts a phone's choices. No inline script anywhere (Content-Security-Policy).
(function () {
  "use strict";

  function setStatus(on) {
    var s = document.getElementById("live-status");
    if (!s) { return; }
    s.textContent = on ? s.getAttribute("data-on") : s.getAttribute("data-off");
    s.classList.toggle("off", !on);
  }

  function swap(html) {
    var t = document.createElement("template");
    t.innerHTML = html;
    Array.prototype.slice.call(t.content.children).forEach(function (part) {
      if (!part.id) { return; }
      var old = document.getElementById(part.id);
      if (!old) { return; }
      var key = part.getAttribute("data-key");
      if (key !== null && key === old.getAttribute("data-key")) { return; }
      old.replaceWith(part);
    });
    wireForms();
    fit();
  }

  // A projector panel fits its content: a panel that would overflow gets a smaller font, step by step (down to
  // 60%), rather than losing its last lines; one with room to spare grows (up to 140%) to be read from the back
  // of the room. The plenary never scrolls and never cuts silently. The tables side by side share one size;
  // before it falls under the normal size, each table's last ranked rows give way (down to three), counted in
  // its "+N more", so a small projector keeps text readable from the back of the room.
  function fitPanels() {
    var tables = [];
    Array.prototype.forEach.call(document.querySelectorAll("[data-fit]"), function (el) {
      var over = function () { return el.scrollHeight > el.clientHeight + 1; };
      var size = 100;
      el.style.fontSize = "";
      // Only a panel whose height the layout fixes may grow (data-fit="grow"); another would push the rest off.
      while (el.getAttribute("data-fit") === "grow" && !over() && size < 140) {
        size += 5;
        el.style.fontSize = size + "%";
      }
      if (size > 100 && over()) {  // the step that overflowed
        size -= 5;
        el.style.fontSize = size + "%";
      }
      while (over() && size > 60) {
        size -= 4;
        el.style.fontSize = size + "%";
      }
      if (el.getAttribute("data-fit") === "grow") { tables.push(size); }
    });
    // The tables side by side in one size: the smallest that fits them all.
    var least = tables.length ? Math.min.apply(null, tables) : 100;
    Array.prototype.forEach.call(document.querySelectorAll("[data-fit=grow]"), function (el) {
      el.style.fontSize = least + "%";
    });
    return least;
  }

  function dropRows(level) {
    Array.prototype.forEach.call(document.querySelectorAll("[data-drop]"), function (row) {
      row.hidden = parseInt(row.getAttribute("data-drop"), 10) <= level;
    });
    Array.prototype.forEach.call(document.querySelectorAll("[data-more]"), function (more) {
      var own = level;
      while (own > 0 && !more.hasAttribute("data-more-" + own)) { own -= 1; }
      more.textContent = more.getAttribute("data-more-" + own) || "";
    });
  }

  function fit() {
    var most = 0;
    Array.prototype.forEach.call(document.querySelectorAll("[data-drop]"), function (row) {
      most = Math.max(most, parseInt(row.getAttribute("data-drop"), 10));
    });
    var level = 0;
    dropRows(level);
    var least = fitPanels();
    while (least < 100 && level < most) {
      level += 1;
      dropRows(level);
      least = fitPanels();
    }
    document.body.setAttribute("data-dropped", String(level));
  }

  function connect(root) {
    var source = new EventSource(root.getAttribute("data-live"));
    source.onopen = function () { setStatus(true); };
    source.onerror = function () { setStatus(false); };  // the browser reconnects by itself
    source.onmessage = function (e) {
      setStatus(true);
      swap(e.data);
      document.body.setAttribute("data-version", e.lastEventId);
    };
  }

  // A phone's form: how many choices or dots are left, and no more than allowed.
  function wireForms() {
    Array.prototype.forEach.call(document.querySelectorAll("form.vote"), function (form) {
      if (form.getAttribute("data-wired")) { return; }
      form.setAttribute("data-wired", "1");
      var max = parseInt(form.getAttribute("data-max"), 10);
      var kind = form.getAttribute("data-kind");
      var counter = form.querySelector(".counter");
      function update() {
        var used = 0;
        if (kind === "goals") {
          var boxes = form.querySelectorAll("input[type=checkbox]");
          Array.prototype.forEach.call(boxes, function (b) { if (b.checked) { used += 1; } });
          Array.prototype.forEach.call(boxes, function (b) { b.disabled = !b.checked && used >= max; });
        } else if (kind === "dots") {
          Array.prototype.forEach.call(form.querySelectorAll("select"), function (s) { used += parseInt(s.value, 10) || 0; });
        } else {
          Array.prototype.forEach.call(form.querySelectorAll("select"), function (s) { if (s.value) { used += 1; } });
        }
        if (counter) { counter.textContent = used + " / " + max; counter.classList.toggle("over", used > max); }
      }
      form.addEventListener("change", update);
      update();
    });
  }

  window.addEventListener("resize", fit);
  document.addEventListener("DOMContentLoaded", function () {
    wireForms();
    fit();
    var root = document.querySelector("[data-live]");
    if (root && window.EventSource) { connect(root); }
  });
}());
