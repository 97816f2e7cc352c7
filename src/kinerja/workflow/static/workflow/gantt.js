/*
 * kinerja: a Gantt chart wider than its box (a case's plan against what happened, on a phone) opens
 * scrolled to today, the line of now (data-focus-x, workflow/gantt.py), with a third of the box before it,
 * instead of at the case's first day weeks ago. Without JavaScript the box opens at the start and scrolls.
 */
(function () {
  "use strict";
  function focus() {
    document.querySelectorAll("svg.gantt[data-focus-x]").forEach(function (svg) {
      var box = svg.parentElement;
      if (!box || box.scrollWidth <= box.clientWidth) {
        return;
      }
      var scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
      var at = Number(svg.getAttribute("data-focus-x")) * scale;
      box.scrollLeft = Math.max(0, at - box.clientWidth / 3);
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", focus);
  } else {
    focus();
  }
})();
