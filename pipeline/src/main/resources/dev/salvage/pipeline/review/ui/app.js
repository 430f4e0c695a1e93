(function () {
  "use strict";
  var token = new URLSearchParams(location.search).get("token") || "";
  var $ = function (id) { return document.getElementById(id); };
  // queueAsked/recordAsked number the requests: an answer to an older one (a filter typed further
  // since, a record moved past) arrives late at times and must not replace the newer one's.
  var state = { entries: [], current: null, record: null, undo: [], entitiesFilled: false,
    queueAsked: 0, recordAsked: 0, version: null, queueLoading: false };

  function api(method, path, body) {
    var options = { method: method, headers: { "X-Salvage-Token": token } };
    if (body !== undefined) {
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body);
    }
    return fetch(path, options).then(function (response) {
      return response.json().then(function (json) {
        if (!response.ok) {
          var error = new Error(json.error || ("HTTP " + response.status));
          error.status = response.status;
          throw error;
        }
        return json;
      });
    });
  }
  function say(text, isError) {
    var status = $("status");
    status.textContent = text;
    status.className = isError ? "error" : "";
  }
  function fail(error) { say(error.message, true); }
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) { node.textContent = text; }
    return node;
  }
  function filters() {
    return {
      entity: $("f-entity").value, action: $("f-action").value, minConfidence: $("f-min").value,
      flagged: $("f-flagged").value, status: $("f-status").value, search: $("f-search").value
    };
  }

  function unlinkedView() { return $("f-status").value === "unlinked"; }

  function loadQueue() {
    var params = new URLSearchParams(filters()).toString();
    var asked = ++state.queueAsked;
    state.queueLoading = true;
    return api("GET", (unlinkedView() ? "/api/unlinked?" : "/api/queue?") + params).then(function (answer) {
      if (asked !== state.queueAsked) { return; }
      state.queueLoading = false;
      state.entries = answer.entries;
      // the decisions this queue shows: a decision's answer naming another version before it
      // means another tab decided meanwhile (the unlinked list has none: the next decision reloads)
      state.version = answer.version === undefined ? null : answer.version;
      $("who").textContent = "reviewer: " + answer.who;
      showProgress(answer.progress);
      if (answer.partitions_not_read > 0) {
        $("incomplete").hidden = false;
        $("incomplete").textContent = "Incomplete run: " + answer.partitions_not_read +
          " partition(s) of its sources were not read (see the report); these records lack what they hold";
      }
      // hand-written lines that are not applied: the records they name stay as without them
      var notApplied = $("not-applied");
      notApplied.textContent = "";
      (answer.not_applied || []).forEach(function (line) { notApplied.appendChild(el("li", {}, line)); });
      notApplied.hidden = !(answer.not_applied || []).length;
      if (!state.entitiesFilled) {
        var seen = {};
        answer.entries.forEach(function (e) { seen[e.entity] = true; });
        Object.keys(seen).sort().forEach(function (v) { $("f-entity").appendChild(el("option", {}, v)); });
        state.entitiesFilled = true;
      }
      renderQueue();
      var stillThere = state.entries.some(function (e) { return e.id === state.current; });
      if (!stillThere) { state.current = state.entries.length ? state.entries[0].id : null; }
      return state.current ? loadRecord(state.current) : renderEmpty();
    }).catch(function (error) {
      if (asked === state.queueAsked) { state.queueLoading = false; }
      fail(error);
    });
  }

  function showProgress(p) {
    $("progress").textContent = (p.total - p.undecided) + " of " + p.total + " decided (" +
      p.approve + " approved, " + p.edit + " edited, " + p.reject + " rejected)" +
      (p.another_version > 0 ? "; " + p.another_version + " of the undecided were decided on another version (review them again)" : "") +
      (p.unchanged > 0 ? "; " + p.unchanged + " UNCHANGED not counted (they need no decision)" : "");
  }

  // On focus: the queue is reloaded only when a decision was made since it was loaded (another tab,
  // a colleague); reloading it every time cost 3.6 MB at 22k records (trial 89).
  function checkVersion() {
    if (state.queueLoading) { return; }
    var had = state.version;
    return api("GET", "/api/version").then(function (answer) {
      if (answer.version !== had || state.version !== had) { return loadQueue(); }
    }).catch(fail);
  }

  // The queue lists at most QUEUE_SHOWN records around the selected one: laying out all 21,926 of a
  // 10k-reservation run took seconds after every decision (trial 88). j/k and the filters reach the rest.
  var QUEUE_SHOWN = 1000;

  function renderQueue() {
    var list = $("queue-list");
    list.textContent = "";
    var at = state.entries.findIndex(function (e) { return e.id === state.current; });
    var start = at >= QUEUE_SHOWN ? Math.max(0, Math.min(at - QUEUE_SHOWN / 2, state.entries.length - QUEUE_SHOWN)) : 0;
    var shown = state.entries.slice(start, start + QUEUE_SHOWN);
    if (start > 0) {
      list.appendChild(el("li", { "class": "more", id: "queue-before" }, start + " record(s) before these: k moves up to them, or narrow the filters"));
    }
    var after = state.entries.length - start - shown.length;
    shown.forEach(function (e) { list.appendChild(queueItem(e)); });
    if (after > 0) {
      list.appendChild(el("li", { "class": "more", id: "queue-after" }, after + " more record(s) match: j moves on to them, or narrow the filters"));
    }
  }

  function queueItem(e) {
    var li = el("li", { "data-id": e.id, "data-decision": e.decision || "" });
    if (e.id === state.current) { li.className = "current"; }
    li.appendChild(el("span", { "class": "badge " + e.action }, e.action));
    if (e.flagged) { li.appendChild(el("span", { "class": "badge flag" }, "flagged")); }
    li.appendChild(el("span", { "class": "title" }, e.title || e.id));
    li.appendChild(el("span", { "class": "conf" }, confidence(e.confidence)));
    if (e.decision) { li.appendChild(el("span", { "class": "state " + e.decision }, e.decision)); }
    if (e.state === "another_version") { li.appendChild(el("span", { "class": "state another-version" }, "decided on another version")); }
    li.addEventListener("click", function () { select(e.id); });
    return li;
  }

  function renderEmpty() {
    var detail = $("detail");
    detail.textContent = "";
    detail.appendChild(el("p", { "class": "empty" }, "No record matches the filters."));
    state.record = null;
  }

  // Moves the selection mark only: rebuilding a queue of 1707 items took 0.36 s per j/k press.
  function select(id) {
    state.current = id;
    var previous = document.querySelector("#queue-list li.current");
    if (previous) { previous.classList.remove("current"); }
    var current = document.querySelector('#queue-list li[data-id="' + CSS.escape(id) + '"]');
    if (!current && state.entries.some(function (e) { return e.id === id; })) {
      renderQueue(); // beyond the records listed: list those around it
      current = document.querySelector('#queue-list li[data-id="' + CSS.escape(id) + '"]');
    }
    if (current) {
      current.classList.add("current");
      current.scrollIntoView({ block: "nearest" });
    }
    return loadRecord(id);
  }

  function loadRecord(id) {
    var asked = ++state.recordAsked;
    return api("GET", "/api/record?id=" + encodeURIComponent(id)).then(function (answer) {
      if (asked !== state.recordAsked) { return; }
      state.record = answer;
      renderRecord(answer);
    }).catch(fail);
  }

  function renderRecord(answer) {
    var r = answer.record, decision = answer.decision;
    var edits = decision && decision.decision === "edit" ? decision.edits : {};
    var detail = $("detail");
    detail.textContent = "";
    detail.setAttribute("data-record-id", r.id);
    detail.setAttribute("data-decision", decision ? decision.decision : "");
    var h = el("h2", {}, (r.entity + " " + (r.id)));
    detail.appendChild(h);
    var line = el("p");
    line.appendChild(el("span", { "class": "badge " + r.action }, r.action));
    line.appendChild(document.createTextNode(" confidence " + confidence(r.confidence) + " "));
    if (r.flagged) { line.appendChild(el("span", { "class": "badge flag" }, "flagged")); }
    if (r.backupRef) { line.appendChild(document.createTextNode(" backup row ")); line.appendChild(evChip(r.backupRef)); }
    line.appendChild(el("span", { id: "current-decision", "class": "state " + (decision ? decision.decision : "") },
      decision ? "  decided: " + decision.decision + " by " + decision.who +
        (decision.reason ? " (" + decision.reason + ")" : "") : "  undecided"));
    detail.appendChild(line);
    if (answer.earlier) {
      // the decision shows in the history below, but the import does not apply it
      detail.appendChild(el("p", { id: "earlier-decision", "class": "note" },
        "Decided on another version, not in force: " + answer.earlier));
    }

    if (answer.unlinked) {
      detail.setAttribute("data-unlinked", "true");
      detail.appendChild(el("p", { id: "unlinked-note", "class": "note" },
        "Unlinked evidence: Salvage could not tie it to an identifiable " + r.entity +
        ", so it is never imported. Use it to find what the records miss, by hand."));
    } else {
      detail.removeAttribute("data-unlinked");
      detail.appendChild(actionBar());
      if (answer.holds_back && answer.holds_back.length) {
        // said before the reject, not only in its answer: plan keeps these out while it stands
        detail.appendChild(el("p", { id: "holds-back", "class": "note" },
          "A reject of this record also holds back " + answer.holds_back.join(", ") +
          ": every piece of their evidence made this record too, and import plan keeps them out" +
          " until each is approved. If a reject is for another reason than spam and they are real," +
          " approve each."));
      }
    }
    renderDetails(r, answer, edits);
  }

  function actionBar() {
    var actions = el("div", { "class": "actions" });
    [["btn-approve", "Approve (a)", function () { decide("approve"); }],
     ["btn-reject", "Reject (r)", function () { decide("reject"); }],
     ["btn-edit", "Edit a field (e)", openEdit],
     ["btn-undo", "Undo last (u)", undo]].forEach(function (b) {
      var button = el("button", { id: b[0] }, b[1]);
      button.addEventListener("click", b[2]);
      actions.appendChild(button);
    });
    actions.appendChild(el("input", { id: "reason", placeholder: "reason (optional for approve/reject)" }));
    return actions;
  }

  function renderDetails(r, answer, edits) {
    var detail = $("detail");

    if (r.reasons && r.reasons.length) {
      detail.appendChild(el("h3", {}, "Why"));
      var ul = el("ul", { "class": "reasons" });
      r.reasons.forEach(function (reason) { ul.appendChild(el("li", {}, reason)); });
      detail.appendChild(ul);
    }

    var changed = {};
    (r.changes || []).forEach(function (c) { changed[c.field] = c; });
    var names = Object.keys(r.fields || {});
    Object.keys(r.backup || {}).forEach(function (n) { if (names.indexOf(n) < 0) { names.push(n); } });
    (state.record.declared_fields || []).forEach(function (n) { if (names.indexOf(n) < 0) { names.push(n); } });
    names.sort();
    var table = el("table", { "class": "fields", id: "fields" });
    var head = el("tr");
    ["field", "backup", "reconstructed", "confidence", "evidence"].forEach(function (t) { head.appendChild(el("th", {}, t)); });
    table.appendChild(head);
    names.forEach(function (name) {
      var f = (r.fields || {})[name];
      var before = r.backup ? r.backup[name] : undefined;
      var after = f ? f.value : undefined;
      var tr = el("tr", { "data-field": name });
      var isChanged = changed[name] || (r.backup && f && before !== undefined && before !== after);
      if (isChanged) { tr.className = "changed"; }
      if (edits[name] !== undefined) { tr.className += " edited"; }
      tr.appendChild(el("th", {}, name));
      tr.appendChild(el("td", { "class": "before" }, before === undefined || before === null ? "" : before));
      var afterCell = el("td", { "class": "after" }, edits[name] !== undefined ? edits[name] : (after === undefined ? "" : after));
      if (edits[name] !== undefined) { afterCell.appendChild(el("small", {}, "  (edited; was " + (after || "empty") + ")")); }
      tr.appendChild(afterCell);
      tr.appendChild(el("td", {}, f ? confidence(f.confidence) : ""));
      var evCell = el("td");
      ((f && f.sources) || (changed[name] ? changed[name].sources : [])).forEach(function (ref) { evCell.appendChild(evChip(ref)); });
      tr.appendChild(evCell);
      table.appendChild(tr);
    });
    detail.appendChild(table);

    renderChoices(r.fields || {});
    renderLinks(r.links || []);

    detail.appendChild(el("h3", {}, "All evidence"));
    var evList = el("ul", { id: "evidence-list" });
    (r.evidence || []).forEach(function (e) {
      var li = el("li");
      li.appendChild(evChip(e.ref));
      li.appendChild(document.createTextNode(" " + e.source + " · rule " + e.rule + " · observed " + e.observedAt));
      evList.appendChild(li);
    });
    detail.appendChild(evList);
    if (r.keys && Object.keys(r.keys).length) {
      detail.appendChild(el("h3", {}, "Keys"));
      detail.appendChild(el("pre", {}, JSON.stringify(r.keys, null, 1)));
    }
    if (answer.history.length) {
      detail.appendChild(el("h3", {}, "Decision history"));
      var hist = el("ul", { id: "history" });
      answer.history.forEach(function (d) {
        hist.appendChild(el("li", {}, d.at + " " + d.who + ": " + d.decision +
          (Object.keys(d.edits).length ? " " + JSON.stringify(d.edits) : "") + (d.reason ? " — " + d.reason : "")));
      });
      detail.appendChild(hist);
    }
  }

  // Per disputed field, the chosen value and each value it won over, with the independent sources
  // behind each, when its newest claim holds from, and why it lost.
  function renderChoices(fields) {
    var disputed = Object.keys(fields).filter(function (n) { return (fields[n].alternatives || []).length; }).sort();
    if (!disputed.length) { return; }
    var detail = $("detail");
    var section = el("section", { id: "choices" });
    section.appendChild(el("h3", {}, "How disputed values were chosen"));
    var table = el("table", { "class": "choices" });
    var head = el("tr");
    ["field", "value", "independent sources", "newest claim", "evidence", "outcome"].forEach(function (t) {
      head.appendChild(el("th", {}, t));
    });
    table.appendChild(head);
    disputed.forEach(function (name) {
      var f = fields[name];
      var chosen = el("tr", { "class": "chosen", "data-field": name });
      chosen.appendChild(el("th", { rowspan: String(f.alternatives.length + 1) }, name));
      chosen.appendChild(el("td", { "class": "value" }, f.value));
      chosen.appendChild(el("td", { "class": "num" }, ""));
      chosen.appendChild(el("td", {}, ""));
      var evCell = el("td");
      f.sources.forEach(function (ref) { evCell.appendChild(evChip(ref)); });
      chosen.appendChild(evCell);
      chosen.appendChild(el("td", { "class": "outcome" }, "chosen ✔"));
      table.appendChild(chosen);
      f.alternatives.forEach(function (a) {
        var tr = el("tr", { "class": "alternative", "data-field": name });
        tr.appendChild(el("td", { "class": "value" }, a.value === "" ? "(no value)" : a.value));
        tr.appendChild(el("td", { "class": "num support" }, String(a.support)));
        tr.appendChild(el("td", { "class": "latest" }, a.latest));
        var cell = el("td");
        a.sources.forEach(function (ref) { cell.appendChild(evChip(ref)); });
        tr.appendChild(cell);
        tr.appendChild(el("td", { "class": "outcome" }, a.note));
        table.appendChild(tr);
      });
    });
    section.appendChild(table);
    detail.appendChild(section);
  }

  function signed(weight) {
    var text = Math.abs(weight).toFixed(2);
    return text === "0.00" ? text : (weight > 0 ? "+" : "-") + text;
  }

  // A confidence as a probability: 0.9996 must not read as 1.00, which only 1 is.
  function confidence(c) {
    return c >= 1 ? "1.00" : probability(c);
  }

  // Enough decimals that 0.99998 does not read as 1.
  function probability(p) {
    if (p <= 0 || p >= 1) { return String(p); }
    var digits = Math.min(8, Math.max(2, Math.ceil(-Math.log10(Math.min(p, 1 - p))) + 1));
    return p.toFixed(digits);
  }

  // Each link as a waterfall: the prior, then every compared field moves the running total
  // (log2 odds) up or down; the total is the link's weight.
  function renderLinks(links) {
    if (!links.length) { return; }
    var detail = $("detail");
    var section = el("section", { id: "links" });
    section.appendChild(el("h3", {}, "How the evidence was linked"));
    links.forEach(function (link, index) { section.appendChild(linkWaterfall(link, index)); });
    section.appendChild(el("p", { "class": "hint" }, "Weights are log2 odds: +1 doubles the odds of a match, " +
      "-1 halves them. The prior is the odds of picking the right record at random; " +
      "each field then adds what its agreement (or disagreement) is worth. Missing fields weigh nothing."));
    detail.appendChild(section);
  }

  function linkWaterfall(link, index) {
    var box = el("div", { "class": "link" + (link.review ? " review" : ""), "data-link": String(index) });
    var head = el("p", { "class": "link-head" });
    head.appendChild(document.createTextNode("Attached "));
    link.evidence.forEach(function (ref) { head.appendChild(evChip(ref)); });
    head.appendChild(el("span", { "class": "link-weight" }, " weight " + signed(link.weight)));
    head.appendChild(el("span", { "class": "link-probability" }, " · probability " + probability(link.probability)));
    if (link.review) { head.appendChild(el("span", { "class": "badge flag link-flag" }, "flagged: below the link threshold")); }
    box.appendChild(head);

    var totals = [], total = 0;
    link.fields.forEach(function (f) { total += f.weight; totals.push(total); });
    var lo = Math.min.apply(null, [0].concat(totals)), hi = Math.max.apply(null, [0].concat(totals));
    var span = hi - lo || 1;
    var scale = function (v) { return (v - lo) / span * 100; };

    var table = el("table", { "class": "waterfall" });
    var head2 = el("tr");
    ["field", "evidence value", "record value", "level", "weight", "running total", ""].forEach(function (t) {
      head2.appendChild(el("th", {}, t));
    });
    table.appendChild(head2);
    link.fields.forEach(function (f, i) {
      var before = i === 0 ? 0 : totals[i - 1];
      var cls = f.level === "missing" ? "missing" : (f.field === "(prior)" ? "prior" : "");
      var tr = el("tr", { "data-field": f.field, "class": cls });
      tr.appendChild(el("th", { "class": "field" }, f.field));
      tr.appendChild(el("td", { "class": "a" }, f.a === null || f.a === undefined ? "" : f.a));
      tr.appendChild(el("td", { "class": "b" }, f.b === null || f.b === undefined ? "" : f.b));
      tr.appendChild(el("td", { "class": "level" }, f.level));
      tr.appendChild(el("td", { "class": "weight num" }, signed(f.weight)));
      tr.appendChild(el("td", { "class": "total num" }, signed(totals[i])));
      tr.appendChild(barCell(before, totals[i], scale));
      table.appendChild(tr);
    });
    var sum = el("tr", { "class": "sum" });
    sum.appendChild(el("th", { colspan: "5" }, "link weight"));
    sum.appendChild(el("td", { "class": "total num" }, signed(link.weight)));
    sum.appendChild(barCell(0, link.weight, scale));
    table.appendChild(sum);
    box.appendChild(table);
    return box;
  }

  // A bar from one running total to the next on a shared axis: a rise points right (solid, ▶),
  // a fall points left (hatched, ◀), so the direction reads without colour.
  function barCell(from, to, scale) {
    var td = el("td", { "class": "bar" });
    var track = el("div", { "class": "track" });
    var zero = el("div", { "class": "zero", title: "0" });
    zero.style.left = scale(0) + "%";
    track.appendChild(zero);
    if (to !== from) {
      var bar = el("div", { "class": to > from ? "up" : "down", title: signed(to - from) });
      bar.style.left = scale(Math.min(from, to)) + "%";
      bar.style.width = (scale(Math.max(from, to)) - scale(Math.min(from, to))) + "%";
      track.appendChild(bar);
    }
    td.appendChild(track);
    return td;
  }

  function evChip(ref) {
    var chip = el("button", { "class": "ev", "data-ref": ref, title: "open " + ref }, ref);
    chip.addEventListener("click", function () { openEvidence(ref); });
    return chip;
  }

  // Raw evidence keeps the invisible marks that set the direction of text (the mappings drop them
  // from values): a From name starting with U+202E showed "From: <elpmaxe.live@rekcatta>
  // bookings@rentwise.example" for a mail of attacker@evil.example (trial 88). Shown as code points.
  function visible(text) {
    return String(text).replace(/[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g, function (c) {
      return "<U+" + ("000" + c.charCodeAt(0).toString(16).toUpperCase()).slice(-4) + ">";
    });
  }

  function openEvidence(ref) {
    api("GET", "/api/evidence?ref=" + encodeURIComponent(ref)).then(function (answer) {
      $("evidence-title").textContent = visible(ref);
      var body = $("evidence-body");
      body.textContent = "";
      answer.items.forEach(function (item) {
        body.appendChild(el("p", {}, visible(item.source + " · " + item.kind + " · " + item.location)));
        var json = item.json;
        if (item.kind === "mail" && json && typeof json === "object") {
          body.appendChild(el("pre", { "class": "mail" }, visible("From: " + (json.from_name ? json.from_name + " " : "") + "<" + json.from + ">\n" +
            "To: " + (json.to || []).join(", ") + "\nDate: " + json.date + "\nSubject: " + json.subject + "\n\n" + (json.text || ""))));
        }
        body.appendChild(el("pre", { "class": "json" }, visible(JSON.stringify(json, null, 2))));
      });
      $("evidence-dialog").showModal();
    }).catch(fail);
  }

  // After a decision of this tab: its answer says what changed in the queue. When the queue shown
  // is the one just before it (no other tab decided meanwhile, no reload under way) the queue is
  // updated in place; else it is reloaded whole, so another's decision never stays unseen.
  function afterDecision(ids, message, update) {
    state.undo.push(ids);
    say(message);
    var index = state.entries.findIndex(function (e) { return e.id === state.current; });
    var next = state.entries.slice(index + 1).find(function (e) { return !e.decision; });
    if (!update || unlinkedView() || state.queueLoading || state.version === null ||
        update.version_before !== state.version) {
      return loadQueue().then(function () { if (next && ids.length === 1) { return select(next.id); } });
    }
    state.version = update.version;
    showProgress(update.progress);
    var id = update.entry.id;
    var at = state.entries.findIndex(function (e) { return e.id === id; });
    var li = document.querySelector('#queue-list li[data-id="' + CSS.escape(id) + '"]');
    if (at >= 0) {
      var entry = state.entries[at];
      entry.state = update.entry.state;
      if (update.entry.decision) { entry.decision = update.entry.decision; } else { delete entry.decision; }
      var status = $("f-status").value;
      if (status && status !== entry.state) {
        // it no longer matches the status filter, as a reload would leave it out
        state.entries.splice(at, 1);
        if (li) { li.remove(); }
      } else if (li) {
        var item = queueItem(entry);
        item.className = li.className;
        li.replaceWith(item);
      }
    }
    if (next) { return select(next.id); }
    if (!state.entries.some(function (e) { return e.id === state.current; })) {
      state.current = state.entries.length ? state.entries[0].id : null;
      return state.current ? select(state.current) : renderEmpty();
    }
    return loadRecord(state.current);
  }

  // The decision this tab shows for the record: the server refuses (409) a decision on a record
  // decided otherwise since, so another tab's or a colleague's decision is never overwritten unseen.
  function shownDecision() {
    return state.record.decision ? state.record.decision.id : null;
  }

  // Another decision came first: show the record as it is now and say so, keeping the message.
  function decidedMeanwhile(id, error) {
    return loadQueue().then(function () { return state.current === id ? null : select(id); })
      .then(function () { say(error.message, true); });
  }

  function decide(kind) {
    if (!state.record || state.record.unlinked) { return; }
    var id = state.record.record.id;
    var reason = $("reason") ? $("reason").value : "";
    if (kind === "approve" && state.record.decision && state.record.decision.decision === "edit" &&
        !confirm("This record has edits; approving it as reconstructed drops them. Continue?")) { return; }
    return api("POST", "/api/decisions", { record_id: id, decision: kind, reason: reason, expected_decision: shownDecision() })
      .then(function (d) { return afterDecision([d.id], (kind === "approve" ? "approved " : "rejected ") + id, d.queue); })
      .catch(function (error) { return error.status === 409 ? decidedMeanwhile(id, error) : fail(error); });
  }

  function openEdit() {
    if (!state.record || state.record.unlinked) { return; }
    var r = state.record.record, select = $("edit-field");
    select.textContent = "";
    var names = Object.keys(r.fields || {});
    Object.keys(r.backup || {}).forEach(function (n) { if (names.indexOf(n) < 0) { names.push(n); } });
    (state.record.declared_fields || []).forEach(function (n) { if (names.indexOf(n) < 0) { names.push(n); } });
    names.sort().forEach(function (n) { select.appendChild(el("option", {}, n)); });
    var decision = state.record.decision;
    var inForce = decision && decision.decision === "edit" ? decision.edits : {};
    // the value in force (the record's edit) is the one to correct, as the table shows it
    var fill = function () {
      var f = r.fields[select.value];
      $("edit-value").value = inForce[select.value] !== undefined ? inForce[select.value] :
        (f ? f.value : ((r.backup || {})[select.value] || ""));
    };
    select.onchange = fill;
    fill();
    $("edit-reason").value = "";
    $("edit-error").textContent = "";
    $("edit-dialog").showModal();
    $("edit-value").focus();
  }

  $("edit-form").addEventListener("submit", function (event) {
    if (event.submitter && event.submitter.value !== "save") { return; }
    event.preventDefault();
    var edits = {};
    edits[$("edit-field").value] = $("edit-value").value;
    var id = state.record.record.id;
    api("POST", "/api/decisions", { record_id: id, decision: "edit", edits: edits, reason: $("edit-reason").value,
      expected_decision: shownDecision() })
      .then(function (d) {
        $("edit-dialog").close();
        var stored = Object.keys(d.stored || {}).map(function (f) { return f + ": " + d.stored[f]; });
        return afterDecision([d.id], "edited " + d.record_id + (stored.length ? " (" + stored.join("; ") + ")" : ""), d.queue);
      })
      .catch(function (error) {
        if (error.status === 409) { $("edit-dialog").close(); return decidedMeanwhile(id, error); }
        $("edit-error").textContent = error.message;
        fail(error);
      });
  });

  // Undoes what this tab decided, naming it: with nothing decided here there is nothing to undo,
  // and another tab's or a colleague's decision is never undone from this one.
  function undo() {
    if (!state.undo.length) { say("Nothing to undo: this tab has made no decision since it was opened.", true); return; }
    var ids = state.undo.pop();
    return api("POST", "/api/undo", { decisions: ids }).then(function (answer) {
      say("undid " + answer.count + " decision(s)");
      if (answer.count === 1) { state.current = answer.decisions[0].record_id; }
      return loadQueue();
    }).catch(fail);
  }

  $("bulk-approve").addEventListener("click", function () {
    if (unlinkedView()) { say("Unlinked evidence is never approved or imported.", true); return; }
    var f = filters();
    f.status = "undecided";
    var includeFlagged = $("bulk-flagged").checked;
    api("GET", "/api/queue?" + new URLSearchParams(f).toString()).then(function (answer) {
      var flagged = answer.entries.filter(function (e) { return e.flagged; }).length;
      // unchanged records need no decision: the server leaves them out unless the action filter names them
      var unchanged = f.action === "UNCHANGED" ? 0 : answer.entries.filter(function (e) { return e.action === "UNCHANGED" && !e.flagged; }).length;
      var n = answer.entries.length - (includeFlagged ? 0 : flagged) - unchanged;
      var aside = flagged === 0 ? "" : includeFlagged ?
        "\n" + flagged + " of them flagged for review: these are approved too." :
        "\n" + flagged + " flagged record(s) matching are left out (tick \"include flagged\" to approve them too).";
      if (n === 0) { say("No undecided record matches the filters" + (flagged ? " but " + flagged + " flagged one(s), left out." : ".")); return; }
      if (!confirm("Approve " + n + " undecided record(s) matching the filters?" + aside)) { return; }
      return api("POST", "/api/bulk-approve", { filter: f, reason: "bulk approval by filter", include_flagged: includeFlagged }).then(function (made) {
        state.undo.push(made.decisions.map(function (d) { return d.id; }));
        say("approved " + made.count + " record(s)" +
          (made.flagged_left_out ? "; left out " + made.flagged_left_out + " flagged" : "") +
          (made.unchanged_left_out ? "; left out " + made.unchanged_left_out + " unchanged (they need no decision)" : ""));
        return loadQueue();
      });
    }).catch(fail);
  });

  function move(step) {
    var index = state.entries.findIndex(function (e) { return e.id === state.current; });
    var next = state.entries[index + step];
    if (next) { select(next.id); }
  }

  document.addEventListener("keydown", function (event) {
    var t = event.target;
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    if (t && (t.tagName === "INPUT" || t.tagName === "SELECT" || t.tagName === "TEXTAREA")) { return; }
    if (document.querySelector("dialog[open]")) { return; }
    var keys = { a: function () { decide("approve"); }, r: function () { decide("reject"); }, e: openEdit,
      j: function () { move(1); }, k: function () { move(-1); }, u: undo };
    if (keys[event.key]) { event.preventDefault(); keys[event.key](); }
  });

  ["f-entity", "f-action", "f-min", "f-flagged", "f-status", "f-search"].forEach(function (id) {
    $(id).addEventListener("change", loadQueue);
  });
  $("f-search").addEventListener("input", loadQueue);
  window.addEventListener("focus", checkVersion);
  $("report-link").href = "/report.html?token=" + encodeURIComponent(token);
  loadQueue();
})();
