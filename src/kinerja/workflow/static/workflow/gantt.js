/*
 * kinerja: a Gantt chart wider than its box (a case's plan against what happened, on a phone) opens
 * scrolled to today, the line of now (data-focus-x, workflow/gantt.py), with a third of the box before it,
 * instead of at the case's first day weeks ago; and the steps' names (g.gantt-labels) move along as the
 * box scrolls, so every row keeps its name in view. Without JavaScript the box opens at the start, names
 * and all, and scrolls.
 */
(function () {
  "use strict";
  function setUp(svg) {
    var box = svg.parentElement;
    if (!box || box.scrollWidth <= box.clientWidth) {
      return;
    }
    var scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    var labels = svg.querySelector("g.gantt-labels");
    function follow() {
      if (labels) {
        labels.setAttribute("transform", "translate(" + (box.scrollLeft / scale).toFixed(1) + " 0)");
      }
    }
    box.addEventListener("scroll", follow, {passive: true});
    var focusX = svg.getAttribute("data-focus-x");
    if (focusX !== null) {
      box.scrollLeft = Math.max(0, Number(focusX) * scale - box.clientWidth / 3);
    }
    follow();
  }
  function start() {
    document.querySelectorAll("svg.gantt").forEach(setUp);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
