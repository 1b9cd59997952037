"""`lianxin import-shops` as the office runs it: the report on stdout, refusals in one line, exit status."""

from __future__ import annotations

from desktop.cli import run
from models.database import close_database, open_database
from models.records.people import Shop
from models.records.places import Community, SubDistrict
from tests.places import new_grid
from tests.test_shop_import import shop_list, shop_rows


def two_communities(db_path):
    """海滨社区 (with 一网格) and 北城社区: a list naming a new grid without a community is ambiguous here."""
    open_database(db_path)
    new_grid("一网格")
    Community.create(sub_district=SubDistrict.create(name="北长山乡"), name="北城社区")
    close_database()


def shop_names(db_path) -> set[str]:
    open_database(db_path)
    try:
        return {shop.name for shop in Shop.select()}
    finally:
        close_database()


def test_a_list_imports_into_the_community_named(tmp_path, capsys):
    db_path = tmp_path / "x.db"
    two_communities(db_path)
    path = shop_list(tmp_path / "shops.xlsx", shop_rows())
    assert run(["--db", str(db_path), "import-shops", str(path)]) == 1
    refusal = capsys.readouterr().err.strip().splitlines()[-1]  # (after the progress lines)
    assert refusal.startswith("import-shops: shops.xlsx") and "实验学校" in refusal and "--community" in refusal
    assert shop_names(db_path) == set()
    assert run(["--db", str(db_path), "import-shops", str(path), "--community", "北城社区", "--dry-run"]) == 0
    assert "试导入" in capsys.readouterr().out and shop_names(db_path) == set()
    assert run(["--db", str(db_path), "import-shops", str(path), "--community", "北长山乡/北城社区"]) == 0
    out = capsys.readouterr().out
    assert "商铺：新增 4" in out and "新建专属网格 2 个" in out
    assert shop_names(db_path) == {"老王海鲜", "渔港超市", "校园文具店", "学生餐厅"}
    assert run(["--db", str(db_path), "import-shops", str(path), "--community", "北城社区"]) == 0
    assert "无变化 4" in capsys.readouterr().out


def test_an_unknown_community_and_a_corrupt_file_are_refused_in_one_line(tmp_path, capsys):
    db_path = tmp_path / "x.db"
    two_communities(db_path)
    path = shop_list(tmp_path / "shops.xlsx", shop_rows())
    assert run(["--db", str(db_path), "import-shops", str(path), "--community", "西城社区"]) == 1
    assert capsys.readouterr().err.strip() == "import-shops: 社区“西城社区”在登记册中没有"
    cut = tmp_path / "cut.xlsx"
    cut.write_bytes(path.read_bytes()[:400])
    assert run(["--db", str(db_path), "import-shops", str(cut), "--community", "北城社区"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("import-shops: cut.xlsx") and len(err.splitlines()) == 1
    assert shop_names(db_path) == set()
