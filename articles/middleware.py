"""Read counting middleware: filled by the reads issue (counts article views, cached or not)."""


class ReadCountingMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)
