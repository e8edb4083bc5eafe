"""The ``sigmakit`` command. One module per command group; ``main`` is the error boundary.

Modules here import only click at the top: the SDK, Rich and the emulator are imported
inside the commands, so ``sigmakit --help`` starts fast.
"""
