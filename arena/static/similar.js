// "These look similar" while writing a proposal: after a pause in typing the title or
// summary, the list under the summary is fetched again (an HTML fragment made by the
// server, so it looks as without JavaScript). Without JavaScript the form shows the
// same list as a step after "Publish". No inline script: the CSP forbids it.
(function () {
  var form = document.querySelector("form[data-similar-url]");
  if (!form || !window.fetch) return;
  var box = document.getElementById("similar");
  var seen = form.querySelector("[data-similar-seen]");
  var fields = ["title", "summary", "language"].map(function (name) {
    return form.elements[name];
  });
  var timer = null;
  var last = "";

  function update() {
    var params = new URLSearchParams();
    fields.forEach(function (field) {
      if (field) params.set(field.name, field.value);
    });
    var query = params.toString();
    if (query === last) return;
    last = query;
    fetch(form.dataset.similarUrl + "?" + query, { headers: { Accept: "text/html" } })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (html === null || query !== last) return;
        box.innerHTML = html;
        // Whoever has seen the list need not be stopped by the step again.
        if (seen && box.querySelector(".similar-list")) seen.value = "1";
      })
      .catch(function () { /* the step after "Publish" still shows them */ });
  }

  fields.forEach(function (field) {
    if (!field) return;
    field.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(update, 500);
    });
  });
})();
