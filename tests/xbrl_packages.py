"""The taxonomy packages Arelle validates elevenk's Inline XBRL against offline (tests and benchmarks only).

FASB's 2025 package without us-gaap-2025.xsd cannot resolve the DTS: ../shared has a test stand-in declaring
the us-gaap names the EBP schema refers to, and this adds the few more elevenk uses (the fair value hierarchy
axis and its members, the typed investment identifier axis), each one a name FASB's EBP cubes reference. FASB's
srt-2025.xsd is not available offline either: a filing quoting its participant loans' range of rates imports it
for srt:RangeAxis, and this writes a stand-in declaring the srt names FASB's EBP cubes use.
Never shipped, never referenced by a filing. Everything here reads ../shared: a test that uses it skips when
../shared is absent, as tests/test_ixbrl.py does at its top.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from generator.model.xbrl import mapping
from generator.model.xbrl.taxonomy import NAMESPACES, axis_domains, domain_members, known_external

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
TAXONOMY = SHARED / "taxonomy"
EDGAR_PLUGIN = SHARED / "tools" / "arelle-edgar" / "EDGAR" / "validate"
STUB = "us-gaap-2025/elts/us-gaap-2025.xsd"


def _declaration(qname: str) -> str:
    prefix, name = qname.split(":")
    attrs = f"id='{prefix}_{name}' name='{name}' nillable='true' xbrli:periodType='duration'"
    if qname == mapping.SCHEDULE_H["axis"]:  # typed: its members are text
        return (f"<xs:element abstract='true' {attrs} substitutionGroup='xbrldt:dimensionItem' "
                f"type='xbrli:stringItemType' xbrldt:typedDomainRef='#{prefix}_{name}.domain'/>\n"
                f"<xs:element id='{prefix}_{name}.domain' name='{name}.domain' type='xs:string'/>\n")
    if name.endswith("Axis"):
        return (f"<xs:element abstract='true' {attrs} substitutionGroup='xbrldt:dimensionItem' "
                "type='xbrli:stringItemType'/>\n")
    return f"<xs:element abstract='true' {attrs} substitutionGroup='xbrli:item' type='dtr-types:domainItemType'/>\n"


def test_packages(folder: Path) -> list[str]:
    """Write the us-gaap package into folder; return the --packages list (it and the dei stand-in)."""
    fv = mapping.FAIR_VALUE
    wanted = [fv["axis"], axis_domains()[fv["axis"]], fv["1"], fv["2"], fv["3"], fv["hierarchy"], fv["nav"],
              mapping.SCHEDULE_H["axis"]]
    assert all(known_external(q) for q in wanted), "a name FASB's EBP cubes do not reference"
    target = folder / "us-gaap-2025-test.zip"
    with zipfile.ZipFile(TAXONOMY / "us-gaap-2025-partial-plus-stub.zip") as source, \
            zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == STUB:
                text = data.decode("utf-8")
                missing = "".join(_declaration(q) for q in wanted if f"name='{q.split(':')[1]}'" not in text)
                data = text.replace("</xs:schema>", missing + "</xs:schema>").encode("utf-8")
            out.writestr(item, data)
    return [str(target), str(TAXONOMY / "dei-2025-stub.zip"), str(_srt_package(folder))]


def _srt_package(folder: Path) -> Path:
    """A stand-in for FASB's srt 2025 taxonomy package: the srt axes, domains and members FASB's EBP cubes use."""
    names = sorted({q for axis, members in domain_members().items() if axis.startswith("srt:")
                    for q in [axis, axis_domains()[axis], *members]})
    declarations = "".join(_declaration(q) for q in names)
    schema = (
        "<?xml version='1.0' encoding='UTF-8'?>\n"
        "<!-- TEST STUB, NOT THE FASB FILE. Stands in for https://xbrl.fasb.org/srt/2025/elts/srt-2025.xsd. -->\n"
        f"<xs:schema elementFormDefault='qualified' targetNamespace='{NAMESPACES['srt']}' "
        f"xmlns:srt='{NAMESPACES['srt']}' xmlns:dtr-types='http://www.xbrl.org/dtr/type/2024-01-31' "
        "xmlns:xbrldt='http://xbrl.org/2005/xbrldt' xmlns:xbrli='http://www.xbrl.org/2003/instance' "
        "xmlns:xs='http://www.w3.org/2001/XMLSchema'>\n"
        "<xs:import namespace='http://www.xbrl.org/2003/instance' "
        "schemaLocation='http://www.xbrl.org/2003/xbrl-instance-2003-12-31.xsd'/>\n"
        "<xs:import namespace='http://www.xbrl.org/dtr/type/2024-01-31' "
        "schemaLocation='https://www.xbrl.org/dtr/type/2024-01-31/types.xsd'/>\n"
        "<xs:import namespace='http://xbrl.org/2005/xbrldt' schemaLocation='http://www.xbrl.org/2005/xbrldt-2005.xsd'/>\n"
        + declarations + "</xs:schema>\n")
    target = folder / "srt-2025-test.zip"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        out.writestr("srt-2025/META-INF/catalog.xml",
                     "<?xml version='1.0' encoding='UTF-8'?><catalog xmlns='urn:oasis:names:tc:entity:xmlns:xml:"
                     "catalog'><rewriteURI rewritePrefix='../' uriStartString='https://xbrl.fasb.org/srt/2025/'/>"
                     "</catalog>")
        out.writestr("srt-2025/META-INF/taxonomyPackage.xml",
                     "<?xml version='1.0' encoding='UTF-8'?><tp:taxonomyPackage xmlns:tp='http://xbrl.org/2016/"
                     "taxonomy-package' xml:lang='en'><tp:identifier>urn:test:srt-2025-STUB</tp:identifier>"
                     "<tp:name>srt-2025-STUB</tp:name><tp:version>test</tp:version></tp:taxonomyPackage>")
        out.writestr("srt-2025/elts/srt-2025.xsd", schema)
    return target


test_packages.__test__ = False  # a helper, not a test


if __name__ == "__main__":  # python -m tests.xbrl_packages FOLDER: prints Arelle's --packages argument
    import sys

    out = Path(sys.argv[1] if len(sys.argv) > 1 else "tmp/xbrl-packages")
    out.mkdir(parents=True, exist_ok=True)
    print("|".join(test_packages(out)))
