"""The async SDK (``AsyncSigma``), and the one source of the sync SDK.

Every module here but ``_transport`` is the source of a sync module in the mirror
``sigmakit._sync`` (``_async/_http.py`` -> ``_sync/_http.py``, ``_async/resources/members.py``
-> ``_sync/resources/members.py``): ``scripts/unasync.py`` writes them, and the public paths
(``sigmakit._client``, ``sigmakit.resources.members``...) re-export them. Edit the code here,
then run ``make generate``. Nothing in the sync SDK imports this package (nor asyncio).
"""
