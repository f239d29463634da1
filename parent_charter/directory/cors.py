"""Cross-origin reading of the open API, by django-cors-headers (settings: `CORS_*`).

The library does the work: it answers preflights and sends `Access-Control-Allow-Origin: *` on
the API's addresses only (`CORS_URLS_REGEX`), for GET only and never with credentials. Two
details keep the API's documented answers: a preflight is "204 No Content" (the library sends a
200 with an empty body), and it allows whichever request headers the caller asked about, since
every address is public and no credentials are ever accepted.
"""

from corsheaders.middleware import ACCESS_CONTROL_ALLOW_HEADERS, CorsMiddleware


class OpenApiCorsMiddleware(CorsMiddleware):
    def check_preflight(self, request):
        response = super().check_preflight(request)
        if response is not None:
            response.status_code = 204
            del response["Content-Length"]
        return response

    def add_response_headers(self, request, response):
        response = super().add_response_headers(request, response)
        asked = request.headers.get("Access-Control-Request-Headers")
        if asked and response.has_header(ACCESS_CONTROL_ALLOW_HEADERS):
            response[ACCESS_CONTROL_ALLOW_HEADERS] = asked
        return response
