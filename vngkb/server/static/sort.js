// Sortable answers: each heading of a table.sortable becomes a button that sorts the
// rows by that column (again: the other way). Numbers sort by their value (data-sort),
// text in Dutch order. Without JavaScript the table reads the same, unsorted.
"use strict";
window.addEventListener("DOMContentLoaded", function () {
  var collator = new Intl.Collator(document.documentElement.lang || "nl", { numeric: true });
  document.querySelectorAll("table.sortable").forEach(function (table) {
    var headings = table.tHead ? table.tHead.rows[0].cells : [];
    Array.prototype.forEach.call(headings, function (th, column) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      while (th.firstChild) { button.appendChild(th.firstChild); }
      th.appendChild(button);
      th.setAttribute("aria-sort", "none");
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(headings, function (other) {
          other.setAttribute("aria-sort", "none");
        });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        var key = function (row) {
          var cell = row.cells[column];
          return cell ? (cell.dataset.sort !== undefined ? cell.dataset.sort : cell.textContent.trim()) : "";
        };
        var numeric = rows.every(function (row) {
          var k = key(row);
          return k === "" || !isNaN(Number(k));
        });
        rows.sort(function (a, b) {
          var x = key(a), y = key(b), order;
          if (x === "" || y === "") { order = (x === "") - (y === ""); return order; }
          order = numeric ? Number(x) - Number(y) : collator.compare(x, y);
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  });
});
