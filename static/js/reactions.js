// Reader reactions, progressively enhanced: the form and the "Signaler" links work
// without this file (plain POST and redirect); with it, they answer in place.
(function () {
  "use strict";

  function setNotice(section, text) {
    var slot = section.querySelector(".reactions-notice-slot");
    if (!slot) return;
    slot.textContent = text;
    slot.hidden = !text;
  }

  function clearErrors(form) {
    form.querySelectorAll(".field-errors").forEach(function (box) { box.textContent = ""; });
    form.querySelectorAll(".has-error").forEach(function (p) { p.classList.remove("has-error"); });
    form.querySelectorAll("[aria-invalid]").forEach(function (input) { input.removeAttribute("aria-invalid"); });
    var general = form.querySelector(".reactions-errors");
    if (general) general.remove();
  }

  function showErrors(form, errors) {
    var general = [];
    Object.keys(errors).forEach(function (field) {
      var box = form.querySelector('[data-errors-for="' + field + '"]');
      if (!box) { general = general.concat(errors[field]); return; }
      box.closest(".reactions-field").classList.add("has-error");
      var input = form.elements[field];
      if (input) input.setAttribute("aria-invalid", "true");
      errors[field].forEach(function (message) {
        var span = document.createElement("span");
        span.className = "error";
        span.textContent = message;
        box.appendChild(span);
      });
    });
    if (general.length) {
      var div = document.createElement("div");
      div.className = "reactions-errors";
      div.setAttribute("role", "alert");
      general.forEach(function (message) {
        var p = document.createElement("p");
        p.className = "error";
        p.textContent = message;
        div.appendChild(p);
      });
      form.insertBefore(div, form.firstChild);
    }
    var first = form.querySelector("[aria-invalid]");
    if (first) first.focus();
  }

  function post(url, form) {
    return fetch(url, {
      method: "POST",
      body: new FormData(form),
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    }).then(function (response) {
      return response.json().then(function (data) { return { status: response.status, data: data }; });
    });
  }

  function enhanceForm(section) {
    var form = section.querySelector("[data-reactions-form]");
    if (!form) return;
    var message = form.elements.message;
    var help = message && form.querySelector("#" + message.id + "_helptext");
    if (message && help && message.maxLength > 0) {
      var counter = document.createElement("span");
      counter.className = "reactions-counter";
      counter.setAttribute("aria-live", "polite");
      help.after(counter);
      var update = function () {
        counter.textContent = " " + message.value.length + " / " + message.maxLength;
      };
      message.addEventListener("input", update);
      update();
    }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var button = form.querySelector("[type=submit]");
      button.disabled = true;
      clearErrors(form);
      setNotice(section, "");
      post(form.action, form).then(function (result) {
        var data = result.data;
        if (data.ok) {
          form.reset();
          setNotice(section, data.notice);
          if (data.html) {
            var list = section.querySelector("[data-reactions-list]");
            list.insertAdjacentHTML("beforeend", data.html);
            enhanceReports(section);
          }
        } else {
          if (data.token) form.elements.token.value = data.token;
          showErrors(form, data.errors || {});
        }
      }).catch(function () {
        form.submit(); // let the server answer the plain way
      }).finally(function () {
        button.disabled = false;
      });
    });
  }

  function enhanceReports(section) {
    var template = section.querySelector("[data-report-template]");
    if (!template) return;
    section.querySelectorAll("[data-report-link]:not([data-enhanced])").forEach(function (link) {
      link.setAttribute("data-enhanced", "");
      link.setAttribute("role", "button");
      link.addEventListener("click", function (event) {
        event.preventDefault();
        var item = link.closest(".reaction");
        var existing = item.querySelector(".reactions-report");
        if (existing) { existing.remove(); return; }
        var form = template.content.firstElementChild.cloneNode(true);
        form.action = link.href;
        item.appendChild(form);
        form.addEventListener("submit", function (submitEvent) {
          submitEvent.preventDefault();
          post(form.action, form).then(function (result) {
            var errors = (result.data.errors || {}).__all__ || (result.data.errors || {}).reason;
            var text = result.data.ok ? result.data.notice : (errors && errors[0]) || "Merci de choisir un motif";
            var p = document.createElement("p");
            p.className = "reactions-notice";
            p.setAttribute("role", "status");
            p.textContent = text;
            if (result.data.ok) { form.replaceWith(p); link.remove(); } else { form.prepend(p); }
          });
        });
      });
    });
  }

  document.querySelectorAll("[data-reactions-section]").forEach(function (section) {
    enhanceForm(section);
    enhanceReports(section);
  });
})();
