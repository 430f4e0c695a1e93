(function () {
  "use strict";
  var LIMIT = 1000;
  var rows = JSON.parse(document.getElementById("records-data").textContent);
  var $ = function (id) { return document.getElementById(id); };
  function fill(select, values) {
    values.forEach(function (v) {
      var o = document.createElement("option"); o.value = v; o.textContent = v; select.appendChild(o);
    });
  }
  function distinct(key) {
    var seen = {};
    rows.forEach(function (r) { seen[r[key]] = true; });
    return Object.keys(seen).sort();
  }
  fill($("f-entity"), distinct("entity"));
  fill($("f-action"), distinct("action"));
  function cell(tr, text, cls) {
    var td = document.createElement("td"); td.textContent = text;
    if (cls) { td.className = cls; }
    tr.appendChild(td);
  }
  function render() {
    var entity = $("f-entity").value, action = $("f-action").value, flagged = $("f-flagged").value;
    var min = $("f-min").value === "" ? -1 : Number($("f-min").value);
    var max = $("f-max").value === "" ? 2 : Number($("f-max").value);
    var search = $("f-search").value.trim().toLowerCase();
    var matching = rows.filter(function (r) {
      return (!entity || r.entity === entity) && (!action || r.action === action) &&
        (!flagged || String(r.flagged) === flagged) && r.confidence >= min && r.confidence <= max &&
        (!search || (r.id + " " + r.title + " " + r.reasons + " " + r.competing).toLowerCase().indexOf(search) >= 0);
    });
    var body = document.querySelector("#records tbody");
    body.textContent = "";
    matching.slice(0, LIMIT).forEach(function (r) {
      var tr = document.createElement("tr");
      cell(tr, r.id); cell(tr, r.entity); cell(tr, r.action, "action-" + r.action);
      cell(tr, r.confidence.toFixed(2), "num"); cell(tr, r.flagged ? "yes" : "");
      cell(tr, r.title); cell(tr, String(r.evidence), "num"); cell(tr, r.reasons); cell(tr, r.competing);
      body.appendChild(tr);
    });
    $("f-count").textContent = matching.length + " of " + rows.length + " records" +
      (matching.length > LIMIT ? " (first " + LIMIT + " shown)" : "");
  }
  ["f-entity", "f-action", "f-flagged", "f-min", "f-max", "f-search"].forEach(function (id) {
    $(id).addEventListener("input", render);
    $(id).addEventListener("change", render);
  });
  render();
})();
