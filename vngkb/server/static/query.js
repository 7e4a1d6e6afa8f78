// The query page: YASGUI (served from /static, no CDN) on this server's /sparql.
// Autocompletion from prefix.cc and LOV is switched off: those are other hosts, and the
// page's Content-Security-Policy only lets it talk to its own.
"use strict";
window.addEventListener("DOMContentLoaded", function () {
  var element = document.getElementById("yasgui");
  if (!element || typeof Yasgui === "undefined") {
    return;
  }
  var endpoint = new URL(element.dataset.endpoint, window.location.href).href;
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
  });
});
