// The API's documentation page: Swagger UI from this site's static files, set up from the
// JSON settings in the page (no inline script under the Content-Security-Policy).
(function () {
  "use strict";
  const body = document.body.dataset;
  const config = JSON.parse(document.getElementById("swagger-settings").textContent);
  config.dom_id = "#swagger-ui";
  config.presets = [SwaggerUIBundle.presets.apis, SwaggerUIBundle.SwaggerUIStandalonePreset];
  if (body.apiCsrf && body.csrfToken) {
    // "Try it out" with the site's session: unsafe methods need the CSRF token.
    config.requestInterceptor = (request) => {
      request.headers["X-CSRFToken"] = body.csrfToken;
      return request;
    };
  }
  SwaggerUIBundle(config);
})();
