// The PaperLink API reference page: Swagger UI (served by the gateway, no CDN), pre-authorized
// from a `#key=<token>` fragment (a fragment never reaches any server, and we drop it from the
// address bar once read), plus a small plugin that renders each operation's x-codeSamples.
(function () {
  "use strict";

  function keyFromFragment() {
    var match = /(?:^#|&)key=([^&]+)/.exec(window.location.hash || "");
    return match ? decodeURIComponent(match[1]) : null;
  }

  function CodeSamplesPlugin(system) {
    var React = system.React;
    var h = React.createElement;

    function CodeSamples(props) {
      var state = React.useState(0);
      var selected = state[0], select = state[1];
      var copiedState = React.useState(false);
      var sample = props.samples[selected];
      return h("section", { className: "pl-code-samples", "aria-label": "Code samples" },
        h("h4", null, "Code samples"),
        h("div", { className: "pl-code-tabs", role: "tablist" }, props.samples.map(function (s, i) {
          return h("button", {
            key: s.label, type: "button", role: "tab", className: "pl-code-tab",
            "aria-selected": i === selected ? "true" : "false",
            onClick: function () { select(i); copiedState[1](false); }
          }, s.label);
        })),
        h("div", { className: "pl-code-source", role: "tabpanel", "data-lang": sample.lang },
          h("button", {
            type: "button", className: "pl-code-copy",
            onClick: function () {
              if (navigator.clipboard) { navigator.clipboard.writeText(sample.source); }
              copiedState[1](true);
            }
          }, copiedState[0] ? "Copied" : "Copy"),
          h("pre", null, h("code", null, sample.source))));
    }

    return {
      wrapComponents: {
        // Parameters is rendered once per expanded operation and receives the operation itself.
        parameters: function (Original) {
          return function (props) {
            var samples = props.operation && props.operation.get("x-codeSamples");
            var children = [h(Original, Object.assign({ key: "parameters" }, props))];
            if (samples && samples.size) {
              children.push(h(CodeSamples, { key: "samples", samples: samples.toJS() }));
            }
            return h("div", null, children);
          };
        }
      }
    };
  }

  // ---- "Which key is this?": GET /api/v1/key after Authorize, one line above the operations ----

  var SCOPES = { read_write: "read & write", read_only: "read-only" };

  function per(windowSeconds) {
    if (windowSeconds === 60) return "per minute";
    if (windowSeconds === 3600) return "per hour";
    if (windowSeconds === 1) return "per second";
    return "per " + windowSeconds + " seconds";
  }

  /** "pk_live_AbC1… · live · read & write · documents only · 60 per minute" */
  function describeKey(info) {
    var routes = info.routes && info.routes.length ? info.routes.join(", ") + " only" : "all routes";
    var parts = [info.prefix + "…", info.mode, SCOPES[info.scope] || info.scope, routes,
      info.rateLimit.requests + " " + per(info.rateLimit.windowSeconds)];
    if (info.expiresAt) parts.push("expires " + new Date(info.expiresAt).toLocaleString());
    return parts.join(" · ");
  }

  function showKeyLine(text, isError) {
    var line = document.getElementById("pl-key-info");
    line.textContent = text || "";
    line.className = "pl-key-info" + (isError ? " pl-error" : "");
    line.hidden = !text;
  }

  var keyLookup = 0;
  function lookUpKey(token) {
    var mine = ++keyLookup;
    if (!token) { showKeyLine(""); return; }
    showKeyLine("Checking your key…");
    fetch("/api/v1/key", { headers: { Authorization: "Bearer " + token, Accept: "application/json" },
      cache: "no-store", credentials: "omit" })
      .then(function (response) {
        return response.json().catch(function () { return null; }).then(function (body) {
          if (mine !== keyLookup) return;
          if (response.ok && body) showKeyLine("Authorized as " + describeKey(body));
          else showKeyLine("This key does not work: " + (body && body.error ? body.error.message : "HTTP " + response.status), true);
        });
      })
      .catch(function () { if (mine === keyLookup) showKeyLine("The gateway could not be reached to check the key.", true); });
  }

  function KeyInfoPlugin() {
    return {
      statePlugins: {
        auth: {
          wrapActions: {
            authorize: function (original) {
              return function (payload) {
                var result = original(payload);
                var entry = payload && payload.bearerAuth;
                if (entry) lookUpKey(entry.value);
                return result;
              };
            },
            logout: function (original) {
              return function (payload) {
                var result = original(payload);
                keyLookup++;
                showKeyLine("");
                return result;
              };
            }
          }
        }
      }
    };
  }

  // ---- History: the last 50 requests from this page, in localStorage (never the key, no body over 10 KB) ----

  var HISTORY_KEY = "paperlink.docs.history";
  var HISTORY_MAX = 50;
  var BODY_MAX = 10 * 1024;
  var pending = {};

  function loadHistory() {
    try {
      var list = JSON.parse(localStorage.getItem(HISTORY_KEY) || "[]");
      return Array.isArray(list) ? list : [];
    } catch (e) {
      return [];
    }
  }

  function saveHistory(list) {
    try { localStorage.setItem(HISTORY_KEY, JSON.stringify(list.slice(0, HISTORY_MAX))); } catch (e) { /* full or off */ }
    renderHistory();
  }

  /** The path and query of an /api/v1 URL, or null for anything else (the spec download, other sites). */
  function apiPath(url) {
    try {
      var parsed = new URL(url, window.location.href);
      if (parsed.origin !== window.location.origin || parsed.pathname.indexOf("/api/v1/") !== 0) return null;
      return parsed.pathname + parsed.search;
    } catch (e) {
      return null;
    }
  }

  /** Only the method, path, a small body and the outcome: headers (and so the key) are never kept. */
  function remember(method, path, body, status, millis) {
    var entry = { method: method, path: path, status: status, at: new Date().toISOString(), ms: millis };
    if (typeof body === "string" && body.length && new Blob([body]).size <= BODY_MAX) entry.body = body;
    var list = loadHistory();
    list.unshift(entry);
    saveHistory(list);
  }

  function requestInterceptor(request) {
    var path = apiPath(request.url);
    if (path) pending[request.url] = { method: (request.method || "GET").toUpperCase(), path: path,
      body: request.body, start: Date.now() };
    return request;
  }

  function responseInterceptor(response) {
    var sent = pending[response.url];
    if (sent) {
      delete pending[response.url];
      remember(sent.method, sent.path, sent.body, response.status, Date.now() - sent.start);
    }
    return response;
  }

  function currentKey() {
    var auth = window.ui && window.ui.authSelectors.authorized();
    return auth ? auth.getIn(["bearerAuth", "value"]) : null;
  }

  function replay(entry) {
    var out = document.getElementById("pl-replay-result");
    var headers = { Accept: "application/json" };
    var key = currentKey();
    if (key) headers.Authorization = "Bearer " + key;
    if (entry.body !== undefined) headers["Content-Type"] = "application/json";
    var started = Date.now();
    out.hidden = false;
    out.textContent = entry.method + " " + entry.path + " …";
    fetch(entry.path, { method: entry.method, headers: headers, body: entry.body, cache: "no-store", credentials: "omit" })
      .then(function (response) {
        return response.text().then(function (text) {
          remember(entry.method, entry.path, entry.body, response.status, Date.now() - started);
          out.textContent = entry.method + " " + entry.path + " → " + response.status + "\n" + text.slice(0, 4000);
        });
      })
      .catch(function (e) { out.textContent = entry.method + " " + entry.path + " failed: " + e.message; });
  }

  function renderHistory() {
    var list = loadHistory();
    var ol = document.getElementById("pl-history-list");
    if (!ol) return;
    while (ol.firstChild) ol.removeChild(ol.firstChild);
    list.forEach(function (entry) {
      var li = document.createElement("li");
      li.className = "pl-history-entry";
      var code = document.createElement("code");
      code.textContent = entry.method + " " + entry.path;
      var status = document.createElement("span");
      status.className = "pl-history-status " + (entry.status >= 200 && entry.status < 400 ? "pl-status-ok" : "pl-status-err");
      status.textContent = " → " + entry.status;
      var when = document.createElement("time");
      when.dateTime = entry.at;
      when.textContent = " · " + new Date(entry.at).toLocaleTimeString() + (typeof entry.ms === "number" ? " · " + entry.ms + " ms" : "");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "pl-button pl-replay";
      button.textContent = "Replay";
      button.setAttribute("aria-label", "Replay " + entry.method + " " + entry.path);
      button.addEventListener("click", function () { replay(entry); });
      li.appendChild(code);
      li.appendChild(status);
      li.appendChild(when);
      li.appendChild(button);
      ol.appendChild(li);
    });
    document.getElementById("pl-history-count").textContent = "(" + list.length + ")";
    document.getElementById("pl-history-empty").hidden = list.length > 0;
    document.getElementById("pl-history-clear").hidden = list.length === 0;
  }

  window.addEventListener("load", function () {
    renderHistory();
    document.getElementById("pl-history-clear").addEventListener("click", function () {
      try { localStorage.removeItem(HISTORY_KEY); } catch (e) { /* nothing kept */ }
      document.getElementById("pl-replay-result").hidden = true;
      renderHistory();
    });

    var key = keyFromFragment();
    var ui = SwaggerUIBundle({
      url: "/api/openapi.json",
      dom_id: "#swagger-ui",
      deepLinking: false,           // the fragment carries the key, not operation links
      tryItOutEnabled: true,
      displayRequestDuration: true,
      requestSnippetsEnabled: true,
      defaultModelsExpandDepth: 0,
      presets: [SwaggerUIBundle.presets.apis],
      plugins: [CodeSamplesPlugin, KeyInfoPlugin],
      requestInterceptor: requestInterceptor,
      responseInterceptor: responseInterceptor,
      layout: "BaseLayout",
      onComplete: function () {
        if (key) {
          ui.preauthorizeApiKey("bearerAuth", key);
          lookUpKey(key); // preauthorizing does not always pass through the authorize action
          history.replaceState(null, "", window.location.pathname + window.location.search);
        }
      }
    });
    window.ui = ui;
  });
})();
