"""The same notes give the same site, byte for byte."""

from __future__ import annotations

from helpers import FIXTURES, briefing, make_project, tree_bytes


def test_two_clean_builds_are_byte_identical(tmp_path):
    sites = []
    for name in ("a", "b"):
        root = make_project(tmp_path / name, FIXTURES / "mini" / "seeds")
        result = briefing(root, "build")
        assert result.returncode == 0, result.stderr
        sites.append(tree_bytes(root / "site"))
    assert sorted(sites[0]) == sorted(sites[1])
    different = [path for path in sites[0] if sites[0][path] != sites[1][path]]
    assert different == []
    assert "sitemap.xml.gz" in sites[0]
