#!/usr/bin/env python3
"""Tests a built CognitoFeedback .nupkg: NuGet's layout, the manifest's fields (against
Cargo.toml, the git commit and CognitoFeedback.csproj's pack metadata), the OPC parts NuGet
writes, and the files themselves (the release library, stripped, exporting the C API).

Usage: check_nupkg.py NUPKG REPOSITORY_ROOT
Prints PASS/FAIL per test and closes with "N passed, N failed"; exits 1 on any failure.
"""

import hashlib
import os
import re
import subprocess
import sys
import tempfile
import tomllib
import unittest
import xml.etree.ElementTree as ET
import zipfile

NUSPEC_NAMESPACES = {
    f"http://schemas.microsoft.com/packaging/{date}/nuspec.xsd"
    for date in ("2010/07", "2011/08", "2011/10", "2012/06", "2013/01", "2013/05")
}
RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}"
CORE = "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}"
DC = "{http://purl.org/dc/elements/1.1/}"
MSBUILD = "{http://schemas.microsoft.com/developer/msbuild/2003}"
PSMDCP = re.compile(r"^package/services/metadata/core-properties/[0-9A-F]{32}\.psmdcp$")
LIBRARY = "runtimes/linux-x64/native/libcognito_feedback.so"
ASSEMBLY = "lib/netstandard2.0/CognitoFeedback.dll"
DOCS = "lib/netstandard2.0/CognitoFeedback.xml"
# The texts at the package's root: the README its <readme> names and the licenses.
ROOT_FILES = ("README.md", "LICENSE", "THIRD-PARTY-NOTICES")

NUPKG = ""
ROOT = ""


def local(tag):
    return tag.rsplit("}", 1)[-1]


class Package:
    """The package under test and the sources it must agree with, read once."""

    def __init__(self, nupkg, root):
        self.zip = zipfile.ZipFile(nupkg)
        self.names = self.zip.namelist()
        self.nuspec = ET.fromstring(self.zip.read("CognitoFeedback.nuspec"))
        self.ns = self.nuspec.tag[1:].split("}")[0]
        self.metadata = self.nuspec.find(f"{{{self.ns}}}metadata")
        with open(os.path.join(root, "Cargo.toml"), "rb") as f:
            self.crate = tomllib.load(f)["workspace"]["package"]
        self.csproj = ET.parse(os.path.join(root, "bindings", "csharp", "CognitoFeedback.csproj")).getroot()
        self.release = subprocess.run(
            [os.path.join(root, "scripts", "release.sh"), "dir"], check=True, capture_output=True, text=True
        ).stdout.strip()
        self.release_notes = subprocess.run(
            [sys.executable, os.path.join(root, "scripts", "changelog.py"), self.crate["version"]],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
        self.head = subprocess.run(
            ["git", "-C", root, "rev-parse", "HEAD"], check=True, capture_output=True, text=True
        ).stdout.strip()

    def meta(self, name):
        element = self.metadata.find(f"{{{self.ns}}}{name}")
        return None if element is None else element

    def text(self, name):
        element = self.meta(name)
        return None if element is None else (element.text or "").strip()

    def psmdcp(self):
        return [n for n in self.names if n.startswith("package/")]

    def project_property(self, name):
        """The csproj's PropertyGroup value of `name` (SDK projects have no namespace)."""
        for tag in (name, MSBUILD + name):
            element = self.csproj.find(f".//{tag}")
            if element is not None:
                return (element.text or "").strip()
        return None


PACKAGE = None


def setUpModule():
    global PACKAGE
    PACKAGE = Package(NUPKG, ROOT)


class Layout(unittest.TestCase):
    """What is where in the zip."""

    def test_the_zip_is_intact(self):
        self.assertIsNone(PACKAGE.zip.testzip())

    def test_exactly_nugets_parts_and_the_package_files(self):
        expected = {
            "_rels/.rels",
            "[Content_Types].xml",
            "CognitoFeedback.nuspec",
            ASSEMBLY,
            DOCS,
            LIBRARY,
            *ROOT_FILES,
        }
        others = set(PACKAGE.names) - expected
        self.assertTrue(expected <= set(PACKAGE.names), f"missing {sorted(expected - set(PACKAGE.names))}")
        self.assertEqual(1, len(others), f"one .psmdcp besides the expected parts, got {sorted(others)}")
        self.assertRegex(others.pop(), PSMDCP)

    def test_every_name_appears_once_and_no_directory_entries(self):
        self.assertEqual(len(PACKAGE.names), len(set(PACKAGE.names)))
        self.assertEqual([], [n for n in PACKAGE.names if n.endswith("/")])

    def test_the_manifest_is_the_only_nuspec_and_sits_at_the_root(self):
        self.assertEqual(["CognitoFeedback.nuspec"], [n for n in PACKAGE.names if n.endswith(".nuspec")])

    def test_parts_are_deflated(self):
        stored = [i.filename for i in PACKAGE.zip.infolist() if i.compress_type != zipfile.ZIP_DEFLATED]
        self.assertEqual([], stored)


class Manifest(unittest.TestCase):
    """The nuspec's fields."""

    def test_schema_namespace(self):
        self.assertIn(PACKAGE.ns, NUSPEC_NAMESPACES)

    def test_id(self):
        self.assertEqual("CognitoFeedback", PACKAGE.text("id"))

    def test_version_is_the_crates(self):
        self.assertEqual(PACKAGE.crate["version"], PACKAGE.text("version"))

    def test_authors(self):
        self.assertTrue(PACKAGE.text("authors"))

    def test_license_is_the_crates_as_an_expression(self):
        license_element = PACKAGE.meta("license")
        self.assertIsNotNone(license_element)
        self.assertEqual("expression", license_element.get("type"))
        self.assertEqual(PACKAGE.crate["license"], license_element.text.strip())
        self.assertEqual("https://licenses.nuget.org/" + PACKAGE.crate["license"], PACKAGE.text("licenseUrl"))

    def test_description_names_the_supported_platform(self):
        self.assertIn("UpdateAuthEventFeedback", PACKAGE.text("description"))
        self.assertIn("Linux x86_64 with glibc 2.17 or newer", PACKAGE.text("description"))

    def test_project_url_is_the_crates_repository(self):
        self.assertEqual(PACKAGE.crate["repository"], PACKAGE.text("projectUrl"))

    def test_readme_is_packed_at_the_root(self):
        self.assertEqual("README.md", PACKAGE.text("readme"))

    def test_release_notes_are_the_changelogs_for_this_version(self):
        self.assertTrue(PACKAGE.release_notes)
        self.assertEqual(PACKAGE.release_notes, PACKAGE.text("releaseNotes"))

    def test_the_readme_and_license_texts_are_the_repositorys(self):
        sources = {"README.md": os.path.join(ROOT, "bindings", "csharp", "README.md")}
        for name in ROOT_FILES:
            with open(sources.get(name, os.path.join(ROOT, name)), "rb") as f:
                self.assertEqual(f.read(), PACKAGE.zip.read(name), name)

    def test_repository_is_git_at_the_packed_commit(self):
        repository = PACKAGE.meta("repository")
        self.assertIsNotNone(repository)
        self.assertEqual("git", repository.get("type"))
        self.assertEqual(PACKAGE.head, repository.get("commit"))

    def test_no_dependencies_for_netstandard20(self):
        dependencies = PACKAGE.meta("dependencies")
        self.assertIsNotNone(dependencies)
        groups = list(dependencies)
        self.assertEqual(["group"], [local(g.tag) for g in groups])
        self.assertEqual(".NETStandard2.0", groups[0].get("targetFramework"))
        self.assertEqual([], list(groups[0]))

    def test_no_files_element_and_no_unfilled_token(self):
        self.assertIsNone(PACKAGE.nuspec.find(f"{{{PACKAGE.ns}}}files"))
        self.assertNotIn("$", PACKAGE.zip.read("CognitoFeedback.nuspec").decode("utf-8"))


class ProjectFile(unittest.TestCase):
    """CognitoFeedback.csproj packs the same package with `dotnet pack`."""

    def test_package_id(self):
        self.assertEqual(PACKAGE.text("id"), PACKAGE.project_property("PackageId"))

    def test_version(self):
        self.assertEqual(PACKAGE.text("version"), PACKAGE.project_property("Version"))

    def test_authors(self):
        self.assertEqual(PACKAGE.text("authors"), PACKAGE.project_property("Authors"))

    def test_description(self):
        self.assertEqual(PACKAGE.text("description"), PACKAGE.project_property("Description"))

    def test_project_url_and_readme(self):
        self.assertEqual(PACKAGE.text("projectUrl"), PACKAGE.project_property("PackageProjectUrl"))
        self.assertEqual(PACKAGE.text("readme"), PACKAGE.project_property("PackageReadmeFile"))

    def test_license(self):
        self.assertEqual(PACKAGE.meta("license").text.strip(), PACKAGE.project_property("PackageLicenseExpression"))

    def test_tags(self):
        self.assertEqual(PACKAGE.text("tags"), PACKAGE.project_property("PackageTags"))

    def test_repository_type(self):
        self.assertEqual(PACKAGE.meta("repository").get("type"), PACKAGE.project_property("RepositoryType"))

    def test_target_framework_is_the_lib_folder(self):
        self.assertEqual("netstandard2.0", PACKAGE.project_property("TargetFramework"))
        self.assertEqual("true", PACKAGE.project_property("GenerateDocumentationFile"))

    def test_the_native_library_is_packed_under_runtimes(self):
        packed = [
            (group, item)
            for group in PACKAGE.csproj.iter()
            if local(group.tag) == "ItemGroup"
            for item in group
            if item.get("Pack") == "true" and item.get("Include", "").endswith("/libcognito_feedback.so")
        ]
        self.assertEqual(1, len(packed), "one packed libcognito_feedback.so item")
        group, item = packed[0]
        self.assertEqual(os.path.dirname(LIBRARY) + "/", item.get("PackagePath"))
        # The release build's library (scripts/release.sh), as make nupkg packs it.
        csproj_dir = os.path.join(ROOT, "bindings", "csharp")
        self.assertEqual(
            os.path.join(PACKAGE.release, "libcognito_feedback.so"),
            os.path.normpath(os.path.join(csproj_dir, item.get("Include"))),
        )
        # Unconditional, so that a missing library fails `dotnet pack` instead of leaving it out.
        self.assertIsNone(item.get("Condition"))
        self.assertIsNone(group.get("Condition"))


class OpcParts(unittest.TestCase):
    """_rels/.rels, [Content_Types].xml and the core properties, as NuGet writes them."""

    @staticmethod
    def relationship_id(target):
        return "R" + hashlib.sha512(target.encode("utf-8")).hexdigest().upper()[:16]

    def test_relationships_point_at_the_manifest_and_the_core_properties(self):
        root = ET.fromstring(PACKAGE.zip.read("_rels/.rels"))
        self.assertEqual(RELS + "Relationships", root.tag)
        found = {r.get("Type"): (r.get("Target"), r.get("Id")) for r in root.findall(RELS + "Relationship")}
        psmdcp = "/" + PACKAGE.psmdcp()[0]
        self.assertEqual(
            {
                "http://schemas.microsoft.com/packaging/2010/07/manifest": (
                    "/CognitoFeedback.nuspec",
                    self.relationship_id("/CognitoFeedback.nuspec"),
                ),
                "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties": (
                    psmdcp,
                    self.relationship_id(psmdcp),
                ),
            },
            found,
        )

    def test_every_part_has_a_content_type(self):
        root = ET.fromstring(PACKAGE.zip.read("[Content_Types].xml"))
        self.assertEqual(TYPES + "Types", root.tag)
        defaults = {d.get("Extension").lower(): d.get("ContentType") for d in root.findall(TYPES + "Default")}
        overrides = {o.get("PartName"): o.get("ContentType") for o in root.findall(TYPES + "Override")}
        self.assertEqual("application/vnd.openxmlformats-package.relationships+xml", defaults.get("rels"))
        self.assertEqual("application/vnd.openxmlformats-package.core-properties+xml", defaults.get("psmdcp"))
        for name in PACKAGE.names:
            if name == "[Content_Types].xml":
                continue
            base = name.rsplit("/", 1)[-1]
            extension = base.rsplit(".", 1)[1].lower() if "." in base else ""
            self.assertTrue(extension in defaults or "/" + name in overrides, f"{name} has no content type")
        for extension in ("dll", "xml", "so", "nuspec"):
            self.assertEqual("application/octet", defaults.get(extension), extension)

    def test_core_properties_repeat_the_manifest(self):
        root = ET.fromstring(PACKAGE.zip.read(PACKAGE.psmdcp()[0]))
        self.assertEqual(CORE + "coreProperties", root.tag)
        self.assertEqual(PACKAGE.text("id"), root.findtext(DC + "identifier"))
        self.assertEqual(PACKAGE.text("version"), root.findtext(CORE + "version"))
        self.assertEqual(PACKAGE.text("authors"), root.findtext(DC + "creator"))
        self.assertEqual(PACKAGE.text("description"), root.findtext(DC + "description"))
        self.assertEqual(PACKAGE.text("tags"), root.findtext(CORE + "keywords"))


class Files(unittest.TestCase):
    """The managed assembly, its docs and the native library."""

    def test_the_native_library_is_the_release_build_stripped(self):
        with tempfile.TemporaryDirectory() as scratch:
            stripped = os.path.join(scratch, "libcognito_feedback.so")
            subprocess.run(
                [
                    "strip",
                    "--strip-unneeded",
                    "-o",
                    stripped,
                    os.path.join(PACKAGE.release, "libcognito_feedback.so"),
                ],
                check=True,
            )
            with open(stripped, "rb") as f:
                self.assertTrue(PACKAGE.zip.read(LIBRARY) == f.read(), "the packaged library differs")

    def test_the_native_library_is_an_x86_64_shared_object_without_symbol_table(self):
        data = PACKAGE.zip.read(LIBRARY)
        self.assertEqual(b"\x7fELF", data[:4])
        self.assertEqual(2, data[4], "64-bit")
        self.assertEqual(3, int.from_bytes(data[16:18], "little"), "ET_DYN")
        self.assertEqual(62, int.from_bytes(data[18:20], "little"), "EM_X86_64")
        sections = re.findall(r"^\s*\[\s*\d+\]\s+(\S+)", self.readelf(data, "--section-headers"), re.M)
        self.assertIn(".dynsym", sections)
        self.assertNotIn(".symtab", sections)
        self.assertEqual([], [s for s in sections if s.startswith(".debug")])

    def test_the_native_library_needs_glibc_2_17_at_most(self):
        needed = re.findall(r"GLIBC_(\d+)\.(\d+)", self.readelf(PACKAGE.zip.read(LIBRARY), "--version-info"))
        self.assertTrue(needed, "the library names the glibc versions it needs")
        self.assertLessEqual(max((int(a), int(b)) for a, b in needed), (2, 17))

    def test_the_native_library_exports_every_function_of_the_header(self):
        with open(os.path.join(ROOT, "include", "cognito_feedback.h"), encoding="utf-8") as f:
            declared = set(re.findall(r"\b(cognito_\w+)\s*\(", f.read()))
        self.assertTrue(declared, "the header declares functions")
        exported = set(
            re.findall(
                r"\bFUNC\s+GLOBAL\s+DEFAULT\s+\d+\s+(\w+)", self.readelf(PACKAGE.zip.read(LIBRARY), "--dyn-syms")
            )
        )
        self.assertEqual(set(), declared - exported)

    def test_the_assembly_is_a_pe_file_documented_by_the_xml(self):
        self.assertEqual(b"MZ", PACKAGE.zip.read(ASSEMBLY)[:2])
        docs = ET.fromstring(PACKAGE.zip.read(DOCS))
        self.assertEqual("CognitoFeedback", docs.findtext("assembly/name"))
        members = [m.get("name") for m in docs.iter("member")]
        self.assertIn("T:CognitoFeedback.AmazonCognitoIdentityProviderClient", members)

    @staticmethod
    def readelf(data, option):
        with tempfile.NamedTemporaryFile(suffix=".so") as f:
            f.write(data)
            f.flush()
            return subprocess.run(
                ["readelf", "--wide", option, f.name], check=True, capture_output=True, text=True
            ).stdout


class Report(unittest.TextTestResult):
    """PASS/FAIL lines like the C# runner's."""

    def addSuccess(self, test):
        super().addSuccess(test)
        self.stream.writeln(f"PASS {self.name(test)}")

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self.stream.writeln(f"FAIL {self.name(test)}: {err[1]}")

    def addError(self, test, err):
        super().addError(test, err)
        self.stream.writeln(f"FAIL {self.name(test)}: {err[0].__name__}: {err[1]}")

    @staticmethod
    def name(test):
        method = getattr(test, "_testMethodName", None)
        return f"{type(test).__name__}.{method}" if method else str(test)


def main(argv):
    global NUPKG, ROOT
    if len(argv) != 3:
        print("usage: check_nupkg.py NUPKG REPOSITORY_ROOT", file=sys.stderr)
        return 2
    NUPKG, ROOT = argv[1], argv[2]
    suite = unittest.defaultTestLoader.loadTestsFromModule(sys.modules[__name__])
    result = unittest.TextTestRunner(stream=sys.stdout, verbosity=0, resultclass=Report).run(suite)
    failed = len(result.failures) + len(result.errors)
    print(f"{result.testsRun - failed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
