"""Every table of the database in one list, in the order parents come before children."""

from models.disclosures import DisclosedRecord, Disclosure
from models.records.audit import AuditEntry
from models.records.conflicts import Conflict
from models.records.installation import Setting
from models.records.merged_files import MergedFile
from models.records.people import Assignment, Cadre, Household, MicroGrid, Resident, ResponsibleUnit, Shop
from models.records.places import Building, Community, Grid, SubDistrict, Unit
from models.records.work import (
    Demand,
    DemandCategory,
    DemandGroup,
    Dispatch,
    ProgressNote,
    ReturnVisit,
    Visit,
    VisitVisitor,
)

SYNCED_MODELS = (
    SubDistrict,
    Community,
    Grid,
    Building,
    Unit,
    Cadre,
    MicroGrid,
    Household,
    Resident,
    Shop,
    ResponsibleUnit,
    Assignment,
    Visit,
    VisitVisitor,
    DemandCategory,
    DemandGroup,
    Demand,
    Dispatch,
    ProgressNote,
    ReturnVisit,
    AuditEntry,
)

LOCAL_MODELS = (Setting, Conflict, MergedFile, Disclosure, DisclosedRecord)

ALL_MODELS = SYNCED_MODELS + LOCAL_MODELS

MODEL_BY_TABLE = {model._meta.table_name: model for model in ALL_MODELS}
