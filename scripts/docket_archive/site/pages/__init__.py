"""One builder per page kind: `(Site, Renderer) -> {path: Page}`."""
