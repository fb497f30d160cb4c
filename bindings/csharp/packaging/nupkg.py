#!/usr/bin/env python3
"""Writes a NuGet package (.nupkg) from a .nuspec, laid out as `nuget pack` lays it out.

A .nupkg is an Open Packaging Conventions zip: the manifest `<id>.nuspec` at the root (without
its <files> element), the package's files at the paths the <files> element gives them,
`_rels/.rels` (relationships to the manifest and the core properties), `[Content_Types].xml`
(a content type for every extension) and
`package/services/metadata/core-properties/<name>.psmdcp` (the core properties). Names and ids
follow NuGet's deterministic mode, so the same files give the same package.

Usage: nupkg.py NUSPEC OUTPUT_DIR [NAME=VALUE ...]   (values for the nuspec's $NAME$ tokens)
Prints the path of the written package.
"""

import copy
import hashlib
import os
import re
import sys
import xml.etree.ElementTree as ET
import zipfile

USAGE = "usage: nupkg.py NUSPEC OUTPUT_DIR [NAME=VALUE ...]"
RELATIONSHIPS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CONTENT_TYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
CORE_PROPERTIES_NS = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
DC_NS = "http://purl.org/dc/elements/1.1/"
DCTERMS_NS = "http://purl.org/dc/terms/"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
MANIFEST_RELATIONSHIP = "http://schemas.microsoft.com/packaging/2010/07/manifest"
CORE_PROPERTIES_RELATIONSHIP = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
# The earliest time a zip entry can carry; NuGet's deterministic mode stamps every entry with it.
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
REQUIRED_METADATA = ("id", "version", "authors", "description")
CREATOR = "cognito-feedback bindings/csharp/packaging/nupkg.py"


class PackError(Exception):
    """A nuspec or file that cannot be packed, with what was wrong."""


def fill_tokens(text, properties):
    """Replaces every $NAME$ token with its property value; a token without a value is an error."""

    def value(match):
        name = match.group(1)
        if name not in properties:
            raise PackError(f"the nuspec uses ${name}$ but no value was given for it")
        return properties[name]

    return re.sub(r"\$([A-Za-z][A-Za-z0-9_]*)\$", value, text)


def local(tag):
    """An element's name without its namespace."""
    return tag.rsplit("}", 1)[-1]


class Manifest:
    """A parsed nuspec: its root element, metadata element and the files it names."""

    def __init__(self, text, base_dir):
        try:
            self.root = ET.fromstring(text)
        except ET.ParseError as e:
            raise PackError(f"the nuspec is not well-formed XML: {e}") from e
        self.ns = self.root.tag[1:].split("}")[0] if self.root.tag.startswith("{") else ""
        self.metadata = self.child(self.root, "metadata")
        if self.metadata is None:
            raise PackError("the nuspec has no <metadata> element")
        for name in REQUIRED_METADATA:
            if not self.value(name):
                raise PackError(f"the nuspec's <metadata> has no <{name}>")
        self.files = self.package_files(base_dir)

    def child(self, parent, name):
        """The first child element called `name`, or None."""
        return next((e for e in parent if local(e.tag) == name), None)

    def value(self, name):
        """The text of metadata element `name` (stripped), or ''."""
        element = self.child(self.metadata, name)
        return (element.text or "").strip() if element is not None else ""

    def package_files(self, base_dir):
        """(path in the package, path on disk) for each <file>, in the nuspec's order."""
        files_element = self.child(self.root, "files")
        if files_element is None:
            raise PackError("the nuspec has no <files> element naming what goes into the package")
        files = []
        for entry in files_element:
            src, target = entry.get("src"), entry.get("target")
            if not src or target is None:
                raise PackError("every <file> needs a src and a target attribute")
            if any(c in src for c in "*?"):
                raise PackError(f'<file src="{src}">: wildcards are not supported here')
            source = os.path.normpath(os.path.join(base_dir, src))
            if not os.path.isfile(source):
                raise PackError(f'<file src="{src}">: {source} does not exist')
            target = target.replace("\\", "/").strip("/")
            path = f"{target}/{os.path.basename(source)}" if target else os.path.basename(source)
            files.append((path, source))
        paths = [p.lower() for p, _ in files]
        duplicates = sorted({p for p in paths if paths.count(p) > 1})
        if duplicates:
            raise PackError(f"more than one file would go to {', '.join(duplicates)}")
        if not files:
            raise PackError("the nuspec's <files> element names no file")
        return files

    def packaged_manifest(self):
        """The manifest as it goes into the package: no <files>; with a license expression,
        NuGet's licenseUrl for it (for clients that predate <license>)."""
        root = copy.deepcopy(self.root)
        root.remove(self.child(root, "files"))
        metadata = self.child(root, "metadata")
        license_element = self.child(metadata, "license")
        if (
            license_element is not None
            and license_element.get("type") == "expression"
            and self.child(metadata, "licenseUrl") is None
        ):
            url = ET.Element(f"{{{self.ns}}}licenseUrl" if self.ns else "licenseUrl")
            url.text = "https://licenses.nuget.org/" + (license_element.text or "").strip()
            metadata.insert(list(metadata).index(license_element) + 1, url)
        ET.register_namespace("", self.ns)
        return xml_bytes(root)


def xml_bytes(element):
    """An element as an indented UTF-8 XML document, as NuGet writes its parts."""
    ET.indent(element, space="  ")
    body = ET.tostring(element, encoding="unicode", short_empty_elements=True)
    return ('<?xml version="1.0" encoding="utf-8"?>\n' + body).encode("utf-8")


def relationship_id(target):
    """NuGet's relationship id for a part: R and the first 16 hex digits of SHA-512(target)."""
    return "R" + hashlib.sha512(target.encode("utf-8")).hexdigest().upper()[:16]


def relationships(manifest_path, psmdcp_path):
    """_rels/.rels: the package's relationships to its manifest and core properties."""
    ET.register_namespace("", RELATIONSHIPS_NS)
    root = ET.Element(f"{{{RELATIONSHIPS_NS}}}Relationships")
    for kind, path in ((MANIFEST_RELATIONSHIP, manifest_path), (CORE_PROPERTIES_RELATIONSHIP, psmdcp_path)):
        ET.SubElement(
            root,
            f"{{{RELATIONSHIPS_NS}}}Relationship",
            {"Type": kind, "Target": "/" + path, "Id": relationship_id("/" + path)},
        )
    return xml_bytes(root)


def extension_of(path):
    """What follows the last dot of a part's file name ('' when none), as .NET's
    Path.GetExtension sees it: `.rels` is an extension."""
    name = path.rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[1] if "." in name else ""


def content_types(paths):
    """[Content_Types].xml: OPC's types for .rels and .psmdcp, application/octet for the
    extension of every other part, and an override for each part without an extension."""
    ET.register_namespace("", CONTENT_TYPES_NS)
    root = ET.Element(f"{{{CONTENT_TYPES_NS}}}Types")
    defaults = [
        ("rels", "application/vnd.openxmlformats-package.relationships+xml"),
        ("psmdcp", "application/vnd.openxmlformats-package.core-properties+xml"),
    ]
    seen = set()
    overrides = []
    for path in paths:
        extension = extension_of(path)
        if not extension:
            overrides.append("/" + path)
        elif extension.lower() not in seen:
            seen.add(extension.lower())
            defaults.append((extension, "application/octet"))
    for extension, kind in defaults:
        ET.SubElement(root, f"{{{CONTENT_TYPES_NS}}}Default", {"Extension": extension, "ContentType": kind})
    for part in overrides:
        ET.SubElement(root, f"{{{CONTENT_TYPES_NS}}}Override", {"PartName": part, "ContentType": "application/octet"})
    return xml_bytes(root)


def core_properties(manifest):
    """The .psmdcp part: the package's creator, description, id, version and keywords."""
    for prefix, uri in (("dc", DC_NS), ("dcterms", DCTERMS_NS), ("xsi", XSI_NS), ("", CORE_PROPERTIES_NS)):
        ET.register_namespace(prefix, uri)
    root = ET.Element(f"{{{CORE_PROPERTIES_NS}}}coreProperties")
    # ElementTree declares only the namespaces in use; declare dcterms and xsi as NuGet does.
    root.set("xmlns:dcterms", DCTERMS_NS)
    root.set("xmlns:xsi", XSI_NS)
    for tag, text in (
        (f"{{{DC_NS}}}creator", manifest.value("authors")),
        (f"{{{DC_NS}}}description", manifest.value("description")),
        (f"{{{DC_NS}}}identifier", manifest.value("id")),
        (f"{{{CORE_PROPERTIES_NS}}}version", manifest.value("version")),
        (f"{{{CORE_PROPERTIES_NS}}}keywords", manifest.value("tags")),
        (f"{{{CORE_PROPERTIES_NS}}}lastModifiedBy", CREATOR),
    ):
        ET.SubElement(root, tag).text = text
    return xml_bytes(root)


def psmdcp_name(contents):
    """NuGet's deterministic core-properties name: 32 hex digits of SHA-512 over the files."""
    digest = hashlib.sha512()
    for data in contents:
        digest.update(data)
    return digest.hexdigest().upper()[:32]


def write_entry(archive, name, data):
    """Adds one deflated part with the fixed zip timestamp."""
    info = zipfile.ZipInfo(name, date_time=ZIP_EPOCH)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    archive.writestr(info, data)


def pack(nuspec_path, output_dir, properties):
    """Writes OUTPUT_DIR/<id>.<version>.nupkg from the nuspec; returns its path."""
    with open(nuspec_path, encoding="utf-8") as f:
        text = fill_tokens(f.read(), properties)
    manifest = Manifest(text, os.path.dirname(os.path.abspath(nuspec_path)))
    package_id, version = manifest.value("id"), manifest.value("version")
    contents = []
    for _, source in manifest.files:
        with open(source, "rb") as f:
            contents.append(f.read())
    manifest_path = package_id + ".nuspec"
    psmdcp_path = f"package/services/metadata/core-properties/{psmdcp_name(contents)}.psmdcp"
    file_paths = [path for path, _ in manifest.files]

    os.makedirs(output_dir, exist_ok=True)
    output = os.path.join(output_dir, f"{package_id}.{version}.nupkg")
    partial = output + ".partial"
    with zipfile.ZipFile(partial, "w") as archive:
        write_entry(archive, "_rels/.rels", relationships(manifest_path, psmdcp_path))
        write_entry(archive, manifest_path, manifest.packaged_manifest())
        for path, data in zip(file_paths, contents, strict=True):
            write_entry(archive, path, data)
        write_entry(archive, "[Content_Types].xml", content_types(file_paths + [manifest_path]))
        write_entry(archive, psmdcp_path, core_properties(manifest))
    os.replace(partial, output)
    return output


def main(argv):
    if len(argv) < 3:
        print(USAGE, file=sys.stderr)
        return 2
    properties = {}
    for assignment in argv[3:]:
        name, sep, value = assignment.partition("=")
        if not sep or not name:
            print(f"nupkg.py: expected NAME=VALUE, got {assignment!r}", file=sys.stderr)
            return 2
        properties[name] = value
    try:
        print(pack(argv[1], argv[2], properties))
    except PackError as e:
        print(f"nupkg.py: {argv[1]}: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
