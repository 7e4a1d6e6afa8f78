// The query page: YASGUI (served from /static, no CDN) on this server's /sparql.
// Autocompletion from prefix.cc and LOV is switched off: those are other hosts, and the
// page's Content-Security-Policy only lets it talk to its own.
//
// Results are shown as people read them: a thing by its label (asked from the same
// endpoint) linking to its page here, a number in Dutch notation ("1.286.315.000",
// "7,30"), yes/no for a boolean, a text without quotes or language tag; the RDF term
// itself is in the cell's tooltip. The editor's own words are Dutch where YASGUI lets
// them be set: the tab, the plugins, the table's controls and pages, the answer's summary
// (English on a server started with --lang en, whose pages say <html lang="en">).
"use strict";

var WORDS = {
  nl: { table: "Tabel", response: "Antwoord", tab: "Vraag", simple: "Eenvoudig",
        ellipse: "Afkorten", filter: "Zoek in de resultaten", result: " resultaat",
        results: " resultaten", second: " seconde", seconds: " seconden", yes: "ja",
        no: "nee", info: "Rij _START_ tot _END_ van _TOTAL_", infoEmpty: "Geen rijen",
        infoFiltered: "(gezocht in _MAX_ rijen)", emptyTable: "Geen resultaten",
        zeroRecords: "Niets gevonden", lengthMenu: "_MENU_ rijen per pagina" },
  en: { table: "Table", response: "Response", tab: "Query", simple: "Simple view",
        ellipse: "Ellipse", filter: "Filter query results", result: " result",
        results: " results", second: " second", seconds: " seconds", yes: "yes", no: "no",
        info: "Rows _START_ to _END_ of _TOTAL_", infoEmpty: "No rows",
        infoFiltered: "(searched in _MAX_ rows)", emptyTable: "No results",
        zeroRecords: "Nothing found", lengthMenu: "_MENU_ rows a page" },
};
var ENGLISH = document.documentElement.lang === "en";
var W = ENGLISH ? WORDS.en : WORDS.nl;

var LABEL_PREDICATES = [
  "http://www.w3.org/2004/02/skos/core#prefLabel",
  "http://www.w3.org/2000/01/rdf-schema#label",
  "http://purl.org/dc/terms/title",
];
var XSD = "http://www.w3.org/2001/XMLSchema#";
var LANGUAGE_RANK = { nl: 0, "": 1, en: 2 };
// At most this many things are looked up per answer, in groups of GROUP.
var MOST_LABELS = 2000;
var GROUP = 200;

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, function (c) {
    return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
  });
}

// Digits of a number as written, grouped by thousands with dots, the decimals after a
// comma: "1286315000" -> "1.286.315.000", "7.30" -> "7,30" (in English "1,286,315,000",
// "7.30"). Whole numbers under 10.000 (years, line numbers, counts) stay as written.
function dutchNumber(text, whole) {
  var match = /^([+-]?)(\d+)(?:\.(\d+))?(?:[eE][+-]?\d+)?$/.exec(text);
  if (!match || /[eE]/.test(text)) {
    return text;
  }
  var digits = match[2];
  if (whole && digits.length < 5) {
    return match[1] === "-" ? "−" + digits : digits;
  }
  var grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ENGLISH ? "," : ".");
  var fraction = match[3] ? (ENGLISH ? "." : ",") + match[3] : "";
  return (match[1] === "-" ? "−" : "") + grouped + fraction;
}

function readableLiteral(binding) {
  var value = binding.value;
  var datatype = binding.datatype || "";
  if (datatype === XSD + "boolean") {
    return value === "true" || value === "1" ? W.yes : W.no;
  }
  if (["integer", "int", "long", "short", "nonNegativeInteger", "positiveInteger",
       "negativeInteger", "nonPositiveInteger"].some(function (t) { return datatype === XSD + t; })) {
    return dutchNumber(value, true);
  }
  if (["decimal", "double", "float"].some(function (t) { return datatype === XSD + t; })) {
    return dutchNumber(value, false);
  }
  return value;
}

function rawTerm(binding) {
  if (binding.type === "uri") {
    return "<" + binding.value + ">";
  }
  if (binding.type === "bnode") {
    return "_:" + binding.value;
  }
  if (binding["xml:lang"]) {
    return JSON.stringify(binding.value) + "@" + binding["xml:lang"];
  }
  if (binding.datatype) {
    return JSON.stringify(binding.value) + "^^<" + binding.datatype + ">";
  }
  return JSON.stringify(binding.value);
}

function setUp(element) {
  var endpoint = new URL(element.dataset.endpoint, window.location.href).href;
  var base = element.dataset.base || "";
  var labels = {}; // IRI -> label, for the things of the answers shown
  var asked = {}; // IRIs already looked up

  // The page of a thing on this server, where it has one.
  function pageOf(iri) {
    if (base && iri.indexOf(base + "/id/") === 0) {
      return "/doc/" + iri.substring(base.length + 4);
    }
    if (base && iri.indexOf(base + "/def/") === 0) {
      return "/def/" + iri.substring(base.length + 5);
    }
    return iri;
  }

  function shortName(iri, prefixes) {
    for (var prefix in prefixes) {
      if (iri.indexOf(prefixes[prefix]) === 0 && iri.length > prefixes[prefix].length) {
        return prefix + ":" + iri.substring(prefixes[prefix].length);
      }
    }
    return iri;
  }

  // Look up the labels of the IRIs in *bindings* that are not known yet; calls *done*
  // when any arrived.
  function lookUp(bindings, done) {
    var wanted = [];
    bindings.forEach(function (row) {
      Object.keys(row).forEach(function (name) {
        var term = row[name];
        if (term.type === "uri" && !asked[term.value] && wanted.length < MOST_LABELS
            && /^[^<>"{}|^`\\\s]+$/.test(term.value)) {
          asked[term.value] = true;
          wanted.push(term.value);
        }
      });
    });
    var groups = [];
    for (var i = 0; i < wanted.length; i += GROUP) {
      groups.push(wanted.slice(i, i + GROUP));
    }
    var ranks = {};
    var pending = groups.map(function (group) {
      var query = "SELECT ?s ?label WHERE { VALUES ?s { " + group.map(function (iri) {
        return "<" + iri + ">";
      }).join(" ") + " } ?s " + LABEL_PREDICATES.map(function (p) {
        return "<" + p + ">";
      }).join("|") + " ?label }";
      return fetch(endpoint, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded",
                   "Accept": "application/sparql-results+json" },
        body: "query=" + encodeURIComponent(query),
      }).then(function (response) {
        return response.ok ? response.json() : { results: { bindings: [] } };
      }).then(function (answer) {
        answer.results.bindings.forEach(function (row) {
          if (!row.s || !row.label) {
            return;
          }
          var lang = row.label["xml:lang"] || "";
          var rank = lang in LANGUAGE_RANK ? LANGUAGE_RANK[lang] : 3;
          if (!(row.s.value in ranks) || rank < ranks[row.s.value]) {
            ranks[row.s.value] = rank;
            labels[row.s.value] = row.label.value;
          }
        });
      }).catch(function () { /* without labels the short names stay */ });
    });
    if (pending.length) {
      Promise.all(pending).then(done);
    }
  }

  var Table = Yasgui.Yasr.plugins.table;

  class Tabel extends Table {
    constructor(yasr) {
      super(yasr);
      this.label = W.table;
    }

    getCellContent(binding, prefixes) {
      var raw = escapeHtml(rawTerm(binding));
      if (binding.type === "uri") {
        var shown = labels[binding.value] || shortName(binding.value, prefixes);
        return "<div><span><a class='iri' href='" + escapeHtml(pageOf(binding.value))
          + "' title='" + raw + "'>" + escapeHtml(shown) + "</a></span></div>";
      }
      if (binding.type === "bnode") {
        return "<div><span class='nonIri'>" + raw + "</span></div>";
      }
      var lang = binding["xml:lang"] ? " lang='" + escapeHtml(binding["xml:lang"]) + "'" : "";
      return "<div><span class='nonIri' title='" + raw + "'" + lang + ">"
        + escapeHtml(readableLiteral(binding)) + "</span></div>";
    }

    draw(config) {
      var result = super.draw(config);
      var plugin = this;
      var results = this.yasr.results;
      var bindings = results && results.getBindings ? results.getBindings() : null;
      if (bindings) {
        lookUp(bindings, function () {
          if (plugin.yasr.results === results) {
            plugin.yasr.draw();
          }
        });
      }
      return result;
    }

    drawControls() {
      super.drawControls();
      var controls = this.tableControls;
      if (!controls) {
        return;
      }
      var names = { "Simple view": W.simple, "Ellipse": W.ellipse };
      controls.querySelectorAll("span.label").forEach(function (span) {
        span.innerText = names[span.innerText] || span.innerText;
      });
      if (this.tableFilterField) {
        this.tableFilterField.placeholder = W.filter;
        this.tableFilterField.setAttribute("aria-label", W.filter);
      }
    }
  }
  Table.defaults.tableConfig.language = {
    paginate: { first: "&lt;&lt;", last: "&gt;&gt;", next: "&gt;", previous: "&lt;" },
    info: W.info,
    infoEmpty: W.infoEmpty,
    infoFiltered: W.infoFiltered,
    emptyTable: W.emptyTable,
    zeroRecords: W.zeroRecords,
    lengthMenu: W.lengthMenu,
  };
  Yasgui.Yasr.registerPlugin("table", Tabel);

  var Response = Yasgui.Yasr.plugins.response;
  class Antwoord extends Response {
    constructor(yasr) {
      super(yasr);
      this.label = W.response;
    }
  }
  Yasgui.Yasr.registerPlugin("response", Antwoord);

  // The summary above the answer: "1 resultaat in 0,05 seconden".
  Yasgui.Yasr.prototype.updateResponseInfo = function () {
    var text = "";
    if (this.results) {
      this.dataElement.classList.remove("empty");
      var bindings = this.results.getBindings();
      if (bindings) {
        text = dutchNumber(String(bindings.length), true)
          + (bindings.length === 1 ? W.result : W.results);
      }
      var time = this.results.getResponseTime();
      if (time) {
        var seconds = String(time / 1000);
        text = (text || W.response) + " in " + (ENGLISH ? seconds : seconds.replace(".", ","))
          + (time === 1000 ? W.second : W.seconds);
      }
    } else {
      this.dataElement.classList.add("empty");
    }
    this.dataElement.innerText = text;
  };

  var example = document.getElementById("example-query");
  Yasgui.Yasqe.defaults.autocompleters = ["variables"];
  Yasgui.Yasqe.defaults.value = example ? example.content.textContent : "";
  window.yasgui = new Yasgui(element, {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: false,
    endpointCatalogueOptions: {
      getData: function () { return [{ endpoint: endpoint }]; },
      keys: [],
    },
    persistenceId: null,
    tabName: W.tab,
  });
}

window.addEventListener("DOMContentLoaded", function () {
  var element = document.getElementById("yasgui");
  if (!element || typeof Yasgui === "undefined") {
    return;
  }
  setUp(element);
});
