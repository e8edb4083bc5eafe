"""The async resources, one module per API resource; the source of
``sigmakit._sync.resources`` (re-exported as ``sigmakit.resources``).

Their models are shared with the sync SDK (``sigmakit.types``): ``AsyncSigma().members``
answers the same :class:`~sigmakit.Member` as ``Sigma().members``.
"""
