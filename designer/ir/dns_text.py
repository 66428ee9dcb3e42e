"""A run's DNS configuration as the Properties pane's text lines (Qt-free).

Nameservers ``1.2.3.4, 10.0.0.10`` (IP addresses, at most 3, as Kubernetes' pod validation
requires), search domains ``ml.svc.cluster.local, corp.example``, resolver options
``ndots=2, edns0``. kfp 1.8.9 checks none of it; the cluster refuses a pod whose DNS
configuration breaks these rules, so they are checked while typing.
"""
from __future__ import annotations

import ipaddress
import re

from .settings import DnsConfig, DnsOption
from .settings_rules import Problem, RuleError
from .translatable import QT_TRANSLATE_NOOP

MAX_NAMESERVERS = 3          # Kubernetes (validation.MaxDNSNameservers)
_DOMAIN = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\.?$")

NAMESERVER = QT_TRANSLATE_NOOP("SettingsRules",
                               "“{item}” is not an IP address: give each nameserver by its "
                               "address, e.g. 1.2.3.4")
NAMESERVERS = QT_TRANSLATE_NOOP("SettingsRules",
                                "Kubernetes takes at most {n} nameservers")
SEARCH = QT_TRANSLATE_NOOP("SettingsRules",
                           "“{item}” is not a domain name (lower-case letters, digits, - and "
                           "dots, e.g. ml.svc.cluster.local)")
OPTION = QT_TRANSLATE_NOOP("SettingsRules",
                           "“{item}”: write name or name=value, separated by commas, e.g. "
                           "ndots=2, edns0")


def _items(text: str) -> list[str]:
    return [i.strip() for i in text.split(",") if i.strip()]


def parse_nameservers(text: str) -> tuple[str, ...]:
    items = _items(text)
    for item in items:
        try:
            ipaddress.ip_address(item)
        except ValueError:
            raise RuleError(Problem(NAMESERVER, {"item": item})) from None
    if len(items) > MAX_NAMESERVERS:
        raise RuleError(Problem(NAMESERVERS, {"n": MAX_NAMESERVERS}))
    return tuple(items)


def parse_searches(text: str) -> tuple[str, ...]:
    items = _items(text)
    for item in items:
        if len(item) > 253 or _DOMAIN.match(item) is None:
            raise RuleError(Problem(SEARCH, {"item": item}))
    return tuple(items)


def parse_dns_options(text: str) -> tuple[DnsOption, ...]:
    out = []
    for item in _items(text):
        name, sep, value = item.partition("=")
        name = name.strip()
        if not name or " " in name:
            raise RuleError(Problem(OPTION, {"item": item}))
        out.append(DnsOption(name, value.strip() if sep else None))
    return tuple(out)


def format_dns_options(options: tuple[DnsOption, ...]) -> str:
    return ", ".join(o.name if o.value is None else f"{o.name}={o.value}" for o in options)


def dns_options_editable(options: tuple[DnsOption, ...]) -> bool:
    try:
        return parse_dns_options(format_dns_options(options)) == tuple(options)
    except RuleError:
        return False


def with_dns(dns: DnsConfig | None, field: str, value: tuple) -> DnsConfig | None:
    """``dns`` with one field replaced; None when nothing is left (kfp writes no dnsConfig)."""
    new = DnsConfig(**{**({} if dns is None else dns.__dict__), field: value})
    return None if new == DnsConfig() else new


__all__ = ["parse_nameservers", "parse_searches", "parse_dns_options", "format_dns_options",
           "dns_options_editable", "with_dns", "MAX_NAMESERVERS"]
