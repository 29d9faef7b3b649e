"""Write each addon's README.rst from its manifest and ``readme/`` fragments.

    python tests/gen_readme.py            # rewrite every addon's README.rst
    python tests/gen_readme.py crm_coal   # one addon

The fragments (DESCRIPTION.md, CONFIGURE.md, USAGE.md) are kept to the part of
Markdown that is also valid reStructuredText: paragraphs and ``-`` lists.
Tier 1 checks that every README.rst is the one this script renders.
"""

import ast
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
SECTIONS = (
    ("DESCRIPTION.md", None),
    ("CONFIGURE.md", "Configuration"),
    ("USAGE.md", "Usage"),
)


def render_readme(addon_dir):
    addon_dir = pathlib.Path(addon_dir)
    manifest = ast.literal_eval(
        (addon_dir / "__manifest__.py").read_text(encoding="utf-8")
    )
    title = manifest["name"]
    lines = ["=" * len(title), title, "=" * len(title), ""]
    lines += [
        f"*{manifest.get('summary', '')}*",
        "",
        f"| Technical name: ``{addon_dir.name}``",
        f"| Version: {manifest.get('version', '')} -- License: {manifest.get('license', '')}",
        f"| Depends on: {', '.join(manifest.get('depends', []))}",
        "",
    ]
    for fragment, heading in SECTIONS:
        path = addon_dir / "readme" / fragment
        if not path.exists():
            continue
        if heading:
            lines += [heading, "=" * len(heading), ""]
        lines += [path.read_text(encoding="utf-8").strip(), ""]
    lines += ["Credits", "=======", "", f"Authors: {manifest.get('author', '')}", ""]
    return "\n".join(lines)


def main(argv):
    names = argv or sorted(
        p.name for p in (ROOT / "addons").iterdir() if (p / "__manifest__.py").exists()
    )
    for name in names:
        addon_dir = ROOT / "addons" / name
        (addon_dir / "README.rst").write_text(
            render_readme(addon_dir), encoding="utf-8"
        )
        print(f"wrote addons/{name}/README.rst")


if __name__ == "__main__":
    main(sys.argv[1:])
