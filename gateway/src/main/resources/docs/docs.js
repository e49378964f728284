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

  window.addEventListener("load", function () {
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
      plugins: [CodeSamplesPlugin],
      layout: "BaseLayout",
      onComplete: function () {
        if (key) {
          ui.preauthorizeApiKey("bearerAuth", key);
          history.replaceState(null, "", window.location.pathname + window.location.search);
        }
      }
    });
    window.ui = ui;
  });
})();
