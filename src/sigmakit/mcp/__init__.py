"""``sigmakit mcp``: a Model Context Protocol server on the SDK, read-only unless told
otherwise, every change in two steps (a plan, then its id applied), and able to practise on
the local emulator. Needs the ``mcp`` extra (``pip install 'sigmakit[mcp]'``).

:func:`~sigmakit.mcp.server.build_server` makes the server for one SDK client;
``sigmakit mcp`` (``sigmakit.cli.mcp``) runs it over stdio or streamable HTTP.
"""
