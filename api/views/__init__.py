"""The REST endpoints, one module per resource. Each: fetch with the screens' visibility helper
(404), check the role with corpus.roles (403), validate a serializer, call one service."""
