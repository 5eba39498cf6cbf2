"""Every subcommand that `hpcpp --help` lists has its page under docs/, and each page names
every option its subcommand's --help lists, so a new option cannot go undocumented."""
import re

from conftest import SOURCE_DIR

DOCS = SOURCE_DIR / "docs"
COMMON_GROUP = "Profiling"  # options every subcommand takes: documented in docs/profile.md


def help_text(hpcpp, *words):
    result = hpcpp(*words, "--help")
    assert result.returncode == 0, result.stderr
    return result.stdout


def subcommands(text):
    names, listing = [], False
    for line in text.splitlines():
        if line.startswith("Subcommands:"):
            listing = True
        elif listing and re.match(r"^  \S", line):
            names.append(line.split()[0])
        elif listing and line.strip() == "":
            listing = False
    return names


def options(text):
    """The options of one --help text: (own options, options of the common group)."""
    own, common, group = set(), set(), None
    for line in text.splitlines():
        if line.startswith("[Option Group:"):
            group = line.strip("[]").split(":", 1)[1].strip()
        elif line.strip() == "":
            group = None
        found = re.match(r"^\s+(?:-\w,)?(--[\w-]+)", line)
        if found and found.group(1) != "--help":
            (common if group == COMMON_GROUP else own).add(found.group(1))
    return own, common


def shared_pages(text):
    """Pages that `hpcpp --help` names for several subcommands: {subcommand: page}."""
    pages = {}
    for page, names in re.findall(r"docs/([\w-]+\.md): ([^;)]+)", " ".join(text.split())):
        for name in re.split(r",\s*|\s+and\s+", names):
            pages[name.strip()] = page
    return pages


def mentions(page_text, option):
    return re.search(rf"(?<![\w-]){re.escape(option)}(?![\w-])", page_text) is not None


def test_parsers_see_what_help_prints():
    text = "Options:\n  -h,--help  Print\n  --n INT  N\n[Option Group: Profiling]\n  Options:\n    --profile  P\n\n"
    assert options(text) == ({"--n"}, {"--profile"})
    assert subcommands("Subcommands:\n  a   x\n  b-c y\n\nMore\n  d\n") == ["a", "b-c"]
    assert shared_pages("see (docs/fork.md: firstfork and\nsecondfork; docs/m.md: a, b and c).") == {
        "firstfork": "fork.md", "secondfork": "fork.md", "a": "m.md", "b": "m.md", "c": "m.md"}
    assert mentions("use `--n N`", "--n") and not mentions("use --no-fuse", "--n")


def test_every_page_the_help_names_exists(hpcpp):
    text = help_text(hpcpp)
    assert "docs/SUBCOMMAND.md" in text
    named = set(re.findall(r"docs/([\w-]+\.md)", text)) - {"SUBCOMMAND.md"}
    assert named, text
    for page in named:
        assert (DOCS / page).is_file(), page


def test_every_subcommand_has_a_page_naming_each_option(hpcpp):
    top = help_text(hpcpp)
    pages = shared_pages(top)
    names = subcommands(top)
    assert len(names) >= 14 and "firstfork" in pages and "pool-map" in pages
    missing, common = [], set()
    for name in names:
        page = DOCS / pages.get(name, f"{name}.md")
        assert page.is_file(), f"{name}: no {page}"
        page_text = page.read_text()
        assert "## Example" in page_text or "$ hpcpp" in page_text or "    hpcpp" in page_text, f"{page}: no example"
        text = help_text(hpcpp, name)
        commands = [[name]] + [[name, sub] for sub in subcommands(text)]  # bigfile's own subcommands
        for words in commands:
            own, shared = options(help_text(hpcpp, *words))
            common |= shared
            missing += [f"{page.name}: {' '.join(words)} {option}" for option in sorted(own) if not mentions(page_text, option)]
    assert missing == []
    assert {"--profile", "--profile-sort", "--profile-trace"} <= common
    profile_page = (DOCS / "profile.md").read_text()
    assert [option for option in sorted(common) if not mentions(profile_page, option)] == []
