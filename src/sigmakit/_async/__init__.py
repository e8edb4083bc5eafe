"""The async SDK (``AsyncSigma``), and the one source of the sync SDK.

Every module here but ``_transport`` is the source of a sync module one level up
(``_async/_http.py`` -> ``_http.py``, ``_async/resources/members.py`` ->
``resources/members.py``): ``scripts/unasync.py`` writes them. Edit the code here, then run
``make generate``. Nothing in the sync SDK imports this package (nor asyncio).
"""
