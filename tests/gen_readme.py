"""Write each addon's README.rst and Apps page (``static/description/index.html``)
from its manifest and ``readme/`` fragments.

    python tests/gen_readme.py            # rewrite every addon's README.rst and index.html
    python tests/gen_readme.py crm_coal   # one addon

The fragments (DESCRIPTION.md, CONFIGURE.md, USAGE.md, CONTRIBUTORS.md) are kept to
the part of Markdown that is also valid reStructuredText: paragraphs and ``-``
lists, ``*emphasis*`` and double-backquoted code.  The Apps page shows the description and
the screenshots the manifest lists in ``images`` (``static/description/*.png``),
each with its caption from ``readme/SCREENSHOTS.md`` (``file.png: caption`` lines).
Tier 1 checks that every README.rst and index.html is the one this script renders.
"""

import ast
import html
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
SECTIONS = (
    ("DESCRIPTION.md", None),
    ("CONFIGURE.md", "Configuration"),
    ("USAGE.md", "Usage"),
)


def read_manifest(addon_dir):
    return ast.literal_eval((addon_dir / "__manifest__.py").read_text(encoding="utf-8"))


def render_readme(addon_dir):
    addon_dir = pathlib.Path(addon_dir)
    manifest = read_manifest(addon_dir)
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
    contributors = addon_dir / "readme" / "CONTRIBUTORS.md"
    if contributors.exists():
        lines += [
            "Contributors:",
            "",
            contributors.read_text(encoding="utf-8").strip(),
            "",
        ]
    return "\n".join(lines)


def _inline(text):
    text = html.escape(text, quote=False)
    text = re.sub(r"``(.+?)``", r"<code>\1</code>", text)
    return re.sub(r"\*(.+?)\*", r"<em>\1</em>", text)


def _blocks(markdown):
    """HTML of a fragment: paragraphs and ``-`` lists (items may wrap)."""
    out, items, para = [], [], []

    def flush():
        if para:
            out.append(f"<p>{_inline(' '.join(para))}</p>")
            para.clear()
        if items:
            lis = "".join(f"<li>{_inline(' '.join(i))}</li>" for i in items)
            out.append(f"<ul>{lis}</ul>")
            items.clear()

    for raw in markdown.splitlines():
        line = raw.strip()
        if not line:
            flush()
        elif line.startswith("- "):
            if para:
                flush()
            items.append([line[2:]])
        elif items and raw.startswith(" "):
            items[-1].append(line)
        else:
            if items:
                flush()
            para.append(line)
    flush()
    return "\n".join(out)


def screenshot_captions(addon_dir):
    path = pathlib.Path(addon_dir) / "readme" / "SCREENSHOTS.md"
    captions = {}
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            name, sep, caption = line.partition(":")
            if sep:
                captions[name.strip()] = caption.strip()
    return captions


def render_index(addon_dir):
    """The Apps page of an addon (static/description/index.html)."""
    addon_dir = pathlib.Path(addon_dir)
    manifest = read_manifest(addon_dir)
    captions = screenshot_captions(addon_dir)
    parts = [
        '<section class="oe_container">',
        '<div class="oe_row oe_spaced">',
        f'<h2 class="oe_slogan">{html.escape(manifest["name"])}</h2>',
        f'<h3 class="oe_slogan">{html.escape(manifest.get("summary", ""))}</h3>',
        '<div class="oe_span12">',
    ]
    for fragment, heading in SECTIONS:
        path = addon_dir / "readme" / fragment
        if not path.exists():
            continue
        if heading:
            parts.append(f"<h3>{html.escape(heading)}</h3>")
        parts.append(_blocks(path.read_text(encoding="utf-8")))
    parts += ["</div>", "</div>", "</section>"]
    for image in manifest.get("images", []):
        name = pathlib.PurePosixPath(image).name
        caption = html.escape(captions.get(name, ""))
        parts += [
            '<section class="oe_container">',
            '<div class="oe_row oe_spaced">',
            f'<h3 class="oe_slogan">{caption}</h3>',
            '<div class="oe_span12">',
            f'<img class="oe_picture oe_screenshot" src="{html.escape(name)}" alt="{caption}"/>',
            "</div>",
            "</div>",
            "</section>",
        ]
    return "\n".join(parts) + "\n"


def main(argv):
    names = argv or sorted(
        p.name for p in (ROOT / "addons").iterdir() if (p / "__manifest__.py").exists()
    )
    for name in names:
        addon_dir = ROOT / "addons" / name
        (addon_dir / "README.rst").write_text(
            render_readme(addon_dir), encoding="utf-8"
        )
        index = addon_dir / "static" / "description" / "index.html"
        index.write_text(render_index(addon_dir), encoding="utf-8")
        print(f"wrote addons/{name}/README.rst and static/description/index.html")


if __name__ == "__main__":
    main(sys.argv[1:])
