// A button that prints the page (the first passwords to hand out): no inline script under the CSP.
document.addEventListener("click", (event) => {
  if (event.target.closest("[data-print]")) window.print();
});
