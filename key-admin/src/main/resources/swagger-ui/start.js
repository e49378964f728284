// Starts Swagger UI for key-admin's OpenAPI document. A file rather than the inline script
// micronaut-openapi generates, so the page runs under a Content-Security-Policy without 'unsafe-inline'.
'use strict';

window.addEventListener('DOMContentLoaded', () => {
  const root = document.getElementById('swagger-ui');
  window.ui = SwaggerUIBundle({
    url: root.dataset.specUrl,
    dom_id: '#swagger-ui',
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    plugins: [SwaggerUIBundle.plugins.DownloadUrl],
    layout: 'StandaloneLayout',
    deepLinking: true,
    tagsSorter: 'alpha',
    validatorUrl: null,
  });
});
