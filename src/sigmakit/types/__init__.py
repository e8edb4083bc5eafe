"""The SDK's models (``Member``, ``Team``, ``Workbook``...) and the pure helpers that build
request bodies, one module per resource: shared by ``Sigma`` and ``AsyncSigma``, so both
answer the very same classes. Each is also importable from its resource module
(``sigmakit.resources.members.Member``) and most from ``sigmakit``.
"""
