"""Who and where, in FHIR: the patient's identifier, the clinician's register number, the organisation's ODS code.

Identifier systems (UK Core and NHS England's FHIR identifier namespaces):

- NHS number: ``https://fhir.nhs.uk/Id/nhs-number``, only for numbers in the ranges
  issued in England, Wales and the Isle of Man (and the 999 test range).
- Scottish CHI numbers and Northern Irish H&C numbers share the ten-digit
  form but are not NHS numbers. No identifier system for them has been
  confirmed for this export, so a record with one is refused with a clear
  message rather than sent under the wrong system (see docs/record-format.md).
- Professional registers: ``https://fhir.hl7.org.uk/Id/gmc-number`` (doctors),
  ``nmc-number`` (nurses and midwives), ``hcpc-number`` (allied health
  professionals), ``gphc-number`` (pharmacists).
- Organisation: ``https://fhir.nhs.uk/Id/ods-organization-code``.

The clinician's register number comes from Preferences, so it is only written
on records made under the clinician name that Preferences hold; a record made
by someone else is exported with the name only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from nhs_number.constants import REGION_ENGLAND_WALES_IOM, REGION_NORTHERN_IRELAND, REGION_SCOTLAND, REGION_SYNTHETIC

from ..config import Config
from .fhir_bundle import LOCAL_REFERENCE_SYSTEM, NHS_NUMBER_SYSTEM
from .model import Record

__all__ = ["LOCAL_REFERENCE_SYSTEM", "NHS_NUMBER_SYSTEM", "FhirContext", "FhirRefusal", "patient_identifier"]

ODS_SYSTEM = "https://fhir.nhs.uk/Id/ods-organization-code"
REGISTER_SYSTEMS = {
    "gmc": "https://fhir.hl7.org.uk/Id/gmc-number",
    "nmc": "https://fhir.hl7.org.uk/Id/nmc-number",
    "hcpc": "https://fhir.hl7.org.uk/Id/hcpc-number",
    "gphc": "https://fhir.hl7.org.uk/Id/gphc-number",
}
DEFAULT_CANONICAL_BASE = "https://sdm-desktop.invalid/fhir"


class FhirRefusal(ValueError):
    """This record cannot be exported as FHIR; the message says why, in plain words."""


@dataclass(frozen=True)
class FhirContext:
    """What an export adds from Preferences."""

    canonical_base: str = DEFAULT_CANONICAL_BASE
    ods_code: str = ""
    clinician_name: str = ""
    register: str = ""
    register_number: str = ""

    @classmethod
    def from_config(cls, config: Config) -> FhirContext:
        register = config.clinician_register.strip().lower()
        return cls(
            canonical_base=(config.fhir_canonical_base.strip() or DEFAULT_CANONICAL_BASE).rstrip("/"),
            ods_code=config.organisation_ods_code.strip().upper(),
            clinician_name=config.clinician_name.strip(),
            register=register if register in REGISTER_SYSTEMS else "",
            register_number=config.clinician_register_number.strip(),
        )

    def clinician(self, record: Record) -> dict[str, Any]:
        """A reference to the clinician who made ``record``: name and role, with the register number if known."""
        who = record.clinician_name + (f" ({record.clinician_role})" if record.clinician_role else "")
        ref: dict[str, Any] = {"display": who or "unknown clinician"}
        if (
            self.register
            and self.register_number
            and record.clinician_name.strip() == self.clinician_name
            and self.clinician_name
        ):
            ref = {
                "type": "Practitioner",
                "identifier": {"system": REGISTER_SYSTEMS[self.register], "value": self.register_number},
                **ref,
            }
        return ref

    def organisation(self) -> dict[str, Any] | None:
        """A reference to the organisation by its ODS code, if Preferences have one."""
        if not self.ods_code:
            return None
        return {"type": "Organization", "identifier": {"system": ODS_SYSTEM, "value": self.ods_code}}


def _in(region: Any, digits: str) -> bool:
    """Whether ``digits`` fall in one of the ``nhs-number`` package's regions (its classes are untyped)."""
    return bool(region.contains_number(digits))


def patient_identifier_problem(digits: str) -> str | None:
    """Why ``digits`` may not be sent as an NHS number, or None if they may."""
    if _in(REGION_SCOTLAND, digits):
        return (
            "the patient's number is a Scottish CHI number, not an NHS number, and this export has no "
            "confirmed identifier system for CHI numbers; export this record as CSV instead"
        )
    if _in(REGION_NORTHERN_IRELAND, digits):
        return (
            "the patient's number is a Northern Irish H&C number, not an NHS number, and this export has no "
            "confirmed identifier system for H&C numbers; export this record as CSV instead"
        )
    if not (_in(REGION_ENGLAND_WALES_IOM, digits) or _in(REGION_SYNTHETIC, digits)):
        return "the patient's number is not in a range issued for NHS numbers in England and Wales"
    return None


def patient_identifier(record: Record) -> dict[str, str]:
    """The patient's identifier for FHIR; :class:`FhirRefusal` for a Scottish or Northern Irish number."""
    if record.patient_id_kind != "nhs_number":
        return {"system": LOCAL_REFERENCE_SYSTEM, "value": record.patient_id}
    problem = patient_identifier_problem(record.patient_id)
    if problem is not None:
        raise FhirRefusal(problem)
    return {"system": NHS_NUMBER_SYSTEM, "value": record.patient_id}
