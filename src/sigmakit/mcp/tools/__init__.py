"""The server's tools, a module per group: ``reads`` (paged lists and lookups), ``raw``
(any operation of the bundled API description, checked), ``plans`` (plan, then apply) and
``files`` (exports to a folder). Each module has a ``register(server, ctx)``."""
