// The "Print" button of the access-code sheet: shown only when JavaScript runs (the
// page says how to print with the browser otherwise). No inline script: the CSP forbids it.
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.hidden = false;
  button.addEventListener("click", function () { window.print(); });
});
