"""Small places for tests: one sub-district, one community, grids and buildings on demand."""

from models.records.places import Building, Community, Grid, SubDistrict


def new_grid(name: str = "一网格", community: Community | None = None) -> Grid:
    """A grid in 海滨社区 of 南长山街道 (created the first time), or in `community`."""
    if community is None:
        sub_district = SubDistrict(name="南长山街道")
        sub_district.save()
        community = Community(sub_district=sub_district, name="海滨社区")
        community.save()
    grid = Grid(community=community, name=name)
    grid.save()
    return grid


def new_building(grid: Grid, name: str = "3号楼") -> Building:
    building = Building(grid=grid, name=name)
    building.save()
    return building
