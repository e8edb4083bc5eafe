"""``/v2/saml/service-providers``: the organization's SAML service provider and the
certificates its identity provider checks (Sigma's public beta)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body
from fastapi.responses import JSONResponse, Response

from ..store.saml import SamlStore
from .deps import Caller, State, ok
from .token_paging import TokenListing

router = APIRouter()
BASE = "/v2/saml/service-providers"
ONE = BASE + "/{samlServiceProviderId}/certificates/{samlServiceProviderCertificateId}"


def _store(state: State) -> SamlStore:
    return state.store.get(SamlStore)


@router.get(BASE)
def list_saml_service_providers(
    state: State, caller: Caller, listing: TokenListing
) -> JSONResponse:
    return listing.answer(_store(state).providers(caller))


@router.get(BASE + "/{samlServiceProviderId}/certificates")
def list_saml_service_provider_certificates(
    state: State,
    caller: Caller,
    samlServiceProviderId: str,
    listing: TokenListing,
) -> JSONResponse:
    return listing.answer(_store(state).certificates(samlServiceProviderId, caller))


@router.post(BASE + "/{samlServiceProviderId}/certificates")
def create_saml_service_provider_certificate(
    state: State,
    caller: Caller,
    samlServiceProviderId: str,
    body: Annotated[dict[str, Any], Body()],
) -> JSONResponse:
    made = _store(state).create(
        samlServiceProviderId, body.get("purpose"), body.get("validForDays"), caller
    )
    return ok(made, status=201)


@router.get(ONE)
def get_saml_service_provider_certificate(
    state: State, caller: Caller, samlServiceProviderId: str, samlServiceProviderCertificateId: str
) -> JSONResponse:
    return ok(
        _store(state).certificate(samlServiceProviderId, samlServiceProviderCertificateId, caller)
    )


@router.delete(ONE)
def remove_saml_service_provider_certificate(
    state: State, caller: Caller, samlServiceProviderId: str, samlServiceProviderCertificateId: str
) -> Response:
    _store(state).remove(samlServiceProviderId, samlServiceProviderCertificateId, caller)
    return Response(status_code=204)


@router.post(ONE + "/activate")
def activate_saml_service_provider_certificate(
    state: State, caller: Caller, samlServiceProviderId: str, samlServiceProviderCertificateId: str
) -> Response:
    _store(state).set_active(samlServiceProviderId, samlServiceProviderCertificateId, True, caller)
    return Response(status_code=204)


@router.post(ONE + "/deactivate")
def deactivate_saml_service_provider_certificate(
    state: State, caller: Caller, samlServiceProviderId: str, samlServiceProviderCertificateId: str
) -> Response:
    _store(state).set_active(samlServiceProviderId, samlServiceProviderCertificateId, False, caller)
    return Response(status_code=204)
