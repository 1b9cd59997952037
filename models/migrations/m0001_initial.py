"""Migration 1: the whole domain as decided by the foundation.

The statements are frozen text, not generated from today's models, so this
migration creates the same tables however the models grow later.  Foreign keys
are deferred to the end of the transaction: a merge may bring a child before its
parent, and only the finished transaction must be consistent.
"""

VERSION = 1

STATEMENTS = (
    'CREATE TABLE "sub_district" ("uuid" TEXT NOT NULL PRIMARY KEY, "hlc" INTEGER NOT NULL DEFAULT 0, "device" TEXT NOT NULL DEFAULT \'\', "vv" TEXT NOT NULL DEFAULT \'\', "deleted" INTEGER NOT NULL DEFAULT 0, "name" TEXT NOT NULL DEFAULT \'\', "code" TEXT NOT NULL DEFAULT \'\')',
    'CREATE TABLE "community" ("uuid" TEXT NOT NULL PRIMARY KEY, "hlc" INTEGER NOT NULL DEFAULT 0, "device" TEXT NOT NULL DEFAULT \'\', "vv" TEXT NOT NULL DEFAULT \'\', "deleted" INTEGER NOT NULL DEFAULT 0, "sub_district_id" TEXT NOT NULL DEFAULT \'\', "name" TEXT NOT NULL DEFAULT \'\', "hotline" TEXT NOT NULL DEFAULT \'\', "address" TEXT NOT NULL DEFAULT \'\', FOREIGN KEY ("sub_district_id") REFERENCES "sub_district" ("uuid") DEFERRABLE INITIALLY DEFERRED)',
    'CREATE INDEX "community_sub_district_id" ON "community" ("sub_district_id")',
    'CREATE TABLE "grid" ("uuid" TEXT NOT NULL PRIMARY KEY, "hlc" INTEGER NOT NULL DEFAULT 0, "device" TEXT NOT NULL DEFAULT \'\', "vv" TEXT NOT NULL DEFAULT \'\', "deleted" INTEGER NOT NULL DEFAULT 0, "community_id" TEXT NOT NULL DEFAULT \'\', "name" TEXT NOT NULL DEFAULT \'\', "kind" TEXT NOT NULL DEFAULT \'\', FOREIGN KEY ("community_id") REFERENCES "community" ("uuid") DEFERRABLE INITIALLY DEFERRED)',
    'CREATE INDEX "grid_community_id" ON "grid" ("community_id")',
    'CREATE TABLE "cadre" ("uuid" TEXT NOT NULL PRIMARY KEY, "hlc" INTEGER NOT NULL DEFAULT 0, "device" TEXT NOT NULL DEFAULT \'\', "vv" TEXT NOT NULL DEFAULT \'\', "deleted" INTEGER NOT NULL DEFAULT 0, "name" TEXT NOT NULL DEFAULT \'\', "role" TEXT NOT NULL DEFAULT \'\', "work_unit" TEXT NOT NULL DEFAULT \'\', "position" TEXT NOT NULL DEFAULT \'\', "phone" TEXT NOT NULL DEFAULT \'\', "grid_id" TEXT, "notes" TEXT NOT NULL DEFAULT \'\', FOREIGN KEY ("grid_id") REFERENCES "grid" ("uuid") DEFERRABLE INITIALLY DEFERRED)',
    'CREATE INDEX "cadre_grid_id" ON "cadre" ("grid_id")',
    'CREATE TABLE "building" ("uuid" TEXT NOT NULL PRIMARY KEY, "hlc" INTEGER NOT NULL DEFAULT 0, "device" TEXT NOT NULL DEFAULT \'\', "vv" TEXT NOT NULL DEFAULT \'\', "deleted" INTEGER NOT NULL DEFAULT 0, "grid_id" TEXT NOT NULL DEFAULT \'\', "name" TEXT NOT NULL DEFAULT \'\', "address" TEXT NOT NULL DEFAULT \'\', "kind" TEXT NOT NULL DEFAULT \'\', "floors" INTEGER, FOREIGN KEY ("grid_id") REFERENCES "grid" ("uuid") DEFERRABLE INITIALLY DEFERRED)',
    'CREATE INDEX "building_grid_id" ON "building" ("grid_id")',
    'CREATE TABLE "unit" ("uuid" TEXT NOT NULL PRIMARY KEY, "hlc" INTEGER NOT NULL DEFAULT 0, "device" TEXT NOT NULL DEFAULT \'\', "vv" TEXT NOT NULL DEFAULT \'\', "deleted" INTEGER NOT NULL DEFAULT 0, "building_id" TEXT NOT NULL DEFAULT \'\', "name" TEXT NOT NULL DEFAULT \'\', FOREIGN KEY ("building_id") REFERENCES "building" ("uuid") DEFERRABLE INITIALLY DEFERRED)',
    'CREATE INDEX "unit_building_id" ON "unit" ("building_id")',
    'CREATE TABLE "household" ("uuid" TEXT NOT NULL PRIMARY KEY, "hlc" INTEGER NOT NULL DEFAULT 0, "device" TEXT NOT NULL DEFAULT \'\', "vv" TEXT NOT NULL DEFAULT \'\', "deleted" INTEGER NOT NULL DEFAULT 0, "grid_id" TEXT NOT NULL DEFAULT \'\', "building_id" TEXT NOT NULL DEFAULT \'\', "unit_id" TEXT, "room" TEXT NOT NULL DEFAULT \'\', "address" TEXT NOT NULL DEFAULT \'\', "phone" TEXT NOT NULL DEFAULT \'\', "tags" TEXT NOT NULL DEFAULT \'\', "notes" TEXT NOT NULL DEFAULT \'\', FOREIGN KEY ("grid_id") REFERENCES "grid" ("uuid") DEFERRABLE INITIALLY DEFERRED, FOREIGN KEY ("building_id") REFERENCES "building" ("uuid") DEFERRABLE INITIALLY DEFERRED, FOREIGN KEY ("unit_id") REFERENCES "unit" ("uuid") DEFERRABLE INITIALLY DEFERRED)',
    'CREATE INDEX "household_grid_id" ON "household" ("grid_id")',
    'CREATE INDEX "household_building_id" ON "household" ("building_id")',
    'CREATE INDEX "household_unit_id" ON "household" ("unit_id")',
    'CREATE TABLE "assignment" ("uuid" TEXT NOT NULL PRIMARY KEY, "hlc" INTEGER NOT NULL DEFAULT 0, "device" TEXT NOT NULL DEFAULT \'\', "vv" TEXT NOT NULL DEFAULT \'\', "deleted" INTEGER NOT NULL DEFAULT 0, "cadre_id" TEXT NOT NULL DEFAULT \'\', "household_id" TEXT NOT NULL DEFAULT \'\', "since" DATE, "notes" TEXT NOT NULL DEFAULT \'\', FOREIGN KEY ("cadre_id") REFERENCES "cadre" ("uuid") DEFERRABLE INITIALLY DEFERRED, FOREIGN KEY ("household_id") REFERENCES "household" ("uuid") DEFERRABLE INITIALLY DEFERRED)',
    'CREATE INDEX "assignment_cadre_id" ON "assignment" ("cadre_id")',
    'CREATE INDEX "assignment_household_id" ON "assignment" ("household_id")',
    'CREATE TABLE "audit_entry" ("uuid" TEXT NOT NULL PRIMARY KEY, "hlc" INTEGER NOT NULL DEFAULT 0, "device" TEXT NOT NULL DEFAULT \'\', "vv" TEXT NOT NULL DEFAULT \'\', "deleted" INTEGER NOT NULL DEFAULT 0, "at_wall" TEXT NOT NULL DEFAULT \'\', "user" TEXT NOT NULL DEFAULT \'\', "record_type" TEXT NOT NULL DEFAULT \'\', "record_uuid" TEXT NOT NULL DEFAULT \'\', "action" TEXT NOT NULL DEFAULT \'\', "changes" TEXT NOT NULL DEFAULT \'\', "at_hlc" INTEGER NOT NULL DEFAULT 0)',
    'CREATE INDEX "audit_entry_record_uuid" ON "audit_entry" ("record_uuid")',
    'CREATE TABLE "conflict" ("uuid" TEXT NOT NULL PRIMARY KEY, "record_type" TEXT NOT NULL DEFAULT \'\', "record_uuid" TEXT NOT NULL DEFAULT \'\', "payload" TEXT NOT NULL DEFAULT \'\', "hlc" INTEGER NOT NULL DEFAULT 0, "device" TEXT NOT NULL DEFAULT \'\', "vv" TEXT NOT NULL DEFAULT \'\', "status" TEXT NOT NULL DEFAULT \'\', "found_at" TEXT NOT NULL DEFAULT \'\', "source" TEXT NOT NULL DEFAULT \'\')',
    'CREATE INDEX "conflict_record_uuid" ON "conflict" ("record_uuid")',
    'CREATE TABLE "visit" ("uuid" TEXT NOT NULL PRIMARY KEY, "hlc" INTEGER NOT NULL DEFAULT 0, "device" TEXT NOT NULL DEFAULT \'\', "vv" TEXT NOT NULL DEFAULT \'\', "deleted" INTEGER NOT NULL DEFAULT 0, "household_id" TEXT NOT NULL DEFAULT \'\', "visited_on" DATE NOT NULL, "talked_to" TEXT NOT NULL DEFAULT \'\', "topics" TEXT NOT NULL DEFAULT \'\', "notes" TEXT NOT NULL DEFAULT \'\', "recorded_by_id" TEXT, FOREIGN KEY ("household_id") REFERENCES "household" ("uuid") DEFERRABLE INITIALLY DEFERRED, FOREIGN KEY ("recorded_by_id") REFERENCES "cadre" ("uuid") DEFERRABLE INITIALLY DEFERRED)',
    'CREATE INDEX "visit_household_id" ON "visit" ("household_id")',
    'CREATE INDEX "visit_recorded_by_id" ON "visit" ("recorded_by_id")',
    'CREATE TABLE "demand_category" ("uuid" TEXT NOT NULL PRIMARY KEY, "hlc" INTEGER NOT NULL DEFAULT 0, "device" TEXT NOT NULL DEFAULT \'\', "vv" TEXT NOT NULL DEFAULT \'\', "deleted" INTEGER NOT NULL DEFAULT 0, "name" TEXT NOT NULL DEFAULT \'\', "deadline_days" INTEGER NOT NULL DEFAULT 0, "sort_order" INTEGER NOT NULL DEFAULT 0)',
    'CREATE TABLE "demand_group" ("uuid" TEXT NOT NULL PRIMARY KEY, "hlc" INTEGER NOT NULL DEFAULT 0, "device" TEXT NOT NULL DEFAULT \'\', "vv" TEXT NOT NULL DEFAULT \'\', "deleted" INTEGER NOT NULL DEFAULT 0, "name" TEXT NOT NULL DEFAULT \'\', "category_id" TEXT, "notes" TEXT NOT NULL DEFAULT \'\', FOREIGN KEY ("category_id") REFERENCES "demand_category" ("uuid") DEFERRABLE INITIALLY DEFERRED)',
    'CREATE INDEX "demand_group_category_id" ON "demand_group" ("category_id")',
    'CREATE TABLE "demand" ("uuid" TEXT NOT NULL PRIMARY KEY, "hlc" INTEGER NOT NULL DEFAULT 0, "device" TEXT NOT NULL DEFAULT \'\', "vv" TEXT NOT NULL DEFAULT \'\', "deleted" INTEGER NOT NULL DEFAULT 0, "household_id" TEXT NOT NULL DEFAULT \'\', "visit_id" TEXT, "kind" TEXT NOT NULL DEFAULT \'\', "category_id" TEXT, "group_id" TEXT, "description" TEXT NOT NULL DEFAULT \'\', "raised_by" TEXT NOT NULL DEFAULT \'\', "recorded_by_id" TEXT, "urgency" INTEGER NOT NULL DEFAULT 0, "state" TEXT NOT NULL DEFAULT \'\', "reject_reason" TEXT NOT NULL DEFAULT \'\', "raised_on" DATE NOT NULL, "accepted_on" DATE, "deadline" DATE, "closed_on" DATE, "solved_on_spot" INTEGER NOT NULL DEFAULT 0, FOREIGN KEY ("household_id") REFERENCES "household" ("uuid") DEFERRABLE INITIALLY DEFERRED, FOREIGN KEY ("visit_id") REFERENCES "visit" ("uuid") DEFERRABLE INITIALLY DEFERRED, FOREIGN KEY ("category_id") REFERENCES "demand_category" ("uuid") DEFERRABLE INITIALLY DEFERRED, FOREIGN KEY ("group_id") REFERENCES "demand_group" ("uuid") DEFERRABLE INITIALLY DEFERRED, FOREIGN KEY ("recorded_by_id") REFERENCES "cadre" ("uuid") DEFERRABLE INITIALLY DEFERRED)',
    'CREATE INDEX "demand_household_id" ON "demand" ("household_id")',
    'CREATE INDEX "demand_visit_id" ON "demand" ("visit_id")',
    'CREATE INDEX "demand_category_id" ON "demand" ("category_id")',
    'CREATE INDEX "demand_group_id" ON "demand" ("group_id")',
    'CREATE INDEX "demand_recorded_by_id" ON "demand" ("recorded_by_id")',
    'CREATE TABLE "responsible_unit" ("uuid" TEXT NOT NULL PRIMARY KEY, "hlc" INTEGER NOT NULL DEFAULT 0, "device" TEXT NOT NULL DEFAULT \'\', "vv" TEXT NOT NULL DEFAULT \'\', "deleted" INTEGER NOT NULL DEFAULT 0, "name" TEXT NOT NULL DEFAULT \'\', "hotline" TEXT NOT NULL DEFAULT \'\', "contact_person" TEXT NOT NULL DEFAULT \'\', "contact_phone" TEXT NOT NULL DEFAULT \'\', "notes" TEXT NOT NULL DEFAULT \'\')',
    'CREATE TABLE "dispatch" ("uuid" TEXT NOT NULL PRIMARY KEY, "hlc" INTEGER NOT NULL DEFAULT 0, "device" TEXT NOT NULL DEFAULT \'\', "vv" TEXT NOT NULL DEFAULT \'\', "deleted" INTEGER NOT NULL DEFAULT 0, "demand_id" TEXT NOT NULL DEFAULT \'\', "unit_id" TEXT NOT NULL DEFAULT \'\', "contact_person" TEXT NOT NULL DEFAULT \'\', "contact_phone" TEXT NOT NULL DEFAULT \'\', "dispatched_on" DATE NOT NULL, "notes" TEXT NOT NULL DEFAULT \'\', FOREIGN KEY ("demand_id") REFERENCES "demand" ("uuid") DEFERRABLE INITIALLY DEFERRED, FOREIGN KEY ("unit_id") REFERENCES "responsible_unit" ("uuid") DEFERRABLE INITIALLY DEFERRED)',
    'CREATE INDEX "dispatch_demand_id" ON "dispatch" ("demand_id")',
    'CREATE INDEX "dispatch_unit_id" ON "dispatch" ("unit_id")',
    'CREATE TABLE "progress_note" ("uuid" TEXT NOT NULL PRIMARY KEY, "hlc" INTEGER NOT NULL DEFAULT 0, "device" TEXT NOT NULL DEFAULT \'\', "vv" TEXT NOT NULL DEFAULT \'\', "deleted" INTEGER NOT NULL DEFAULT 0, "demand_id" TEXT NOT NULL DEFAULT \'\', "noted_on" DATE NOT NULL, "text" TEXT NOT NULL DEFAULT \'\', "author" TEXT NOT NULL DEFAULT \'\', FOREIGN KEY ("demand_id") REFERENCES "demand" ("uuid") DEFERRABLE INITIALLY DEFERRED)',
    'CREATE INDEX "progress_note_demand_id" ON "progress_note" ("demand_id")',
    'CREATE TABLE "resident" ("uuid" TEXT NOT NULL PRIMARY KEY, "hlc" INTEGER NOT NULL DEFAULT 0, "device" TEXT NOT NULL DEFAULT \'\', "vv" TEXT NOT NULL DEFAULT \'\', "deleted" INTEGER NOT NULL DEFAULT 0, "household_id" TEXT NOT NULL DEFAULT \'\', "name" TEXT NOT NULL DEFAULT \'\', "relation" TEXT NOT NULL DEFAULT \'\', "sex" TEXT NOT NULL DEFAULT \'\', "birth_date" DATE, "id_number" TEXT NOT NULL DEFAULT \'\', "phone" TEXT NOT NULL DEFAULT \'\', "ethnicity" TEXT NOT NULL DEFAULT \'\', "tags" TEXT NOT NULL DEFAULT \'\', "notes" TEXT NOT NULL DEFAULT \'\', FOREIGN KEY ("household_id") REFERENCES "household" ("uuid") DEFERRABLE INITIALLY DEFERRED)',
    'CREATE INDEX "resident_household_id" ON "resident" ("household_id")',
    'CREATE TABLE "return_visit" ("uuid" TEXT NOT NULL PRIMARY KEY, "hlc" INTEGER NOT NULL DEFAULT 0, "device" TEXT NOT NULL DEFAULT \'\', "vv" TEXT NOT NULL DEFAULT \'\', "deleted" INTEGER NOT NULL DEFAULT 0, "demand_id" TEXT NOT NULL DEFAULT \'\', "visited_on" DATE NOT NULL, "method" TEXT NOT NULL DEFAULT \'\', "satisfaction" TEXT NOT NULL DEFAULT \'\', "notes" TEXT NOT NULL DEFAULT \'\', "by" TEXT NOT NULL DEFAULT \'\', FOREIGN KEY ("demand_id") REFERENCES "demand" ("uuid") DEFERRABLE INITIALLY DEFERRED)',
    'CREATE INDEX "return_visit_demand_id" ON "return_visit" ("demand_id")',
    'CREATE TABLE "setting" ("key" TEXT NOT NULL PRIMARY KEY, "value" TEXT NOT NULL DEFAULT \'\')',
    'CREATE TABLE "shop" ("uuid" TEXT NOT NULL PRIMARY KEY, "hlc" INTEGER NOT NULL DEFAULT 0, "device" TEXT NOT NULL DEFAULT \'\', "vv" TEXT NOT NULL DEFAULT \'\', "deleted" INTEGER NOT NULL DEFAULT 0, "grid_id" TEXT NOT NULL DEFAULT \'\', "building_id" TEXT, "name" TEXT NOT NULL DEFAULT \'\', "address" TEXT NOT NULL DEFAULT \'\', "business" TEXT NOT NULL DEFAULT \'\', "owner" TEXT NOT NULL DEFAULT \'\', "phone" TEXT NOT NULL DEFAULT \'\', "notes" TEXT NOT NULL DEFAULT \'\', FOREIGN KEY ("grid_id") REFERENCES "grid" ("uuid") DEFERRABLE INITIALLY DEFERRED, FOREIGN KEY ("building_id") REFERENCES "building" ("uuid") DEFERRABLE INITIALLY DEFERRED)',
    'CREATE INDEX "shop_grid_id" ON "shop" ("grid_id")',
    'CREATE INDEX "shop_building_id" ON "shop" ("building_id")',
    'CREATE TABLE "visit_visitor" ("uuid" TEXT NOT NULL PRIMARY KEY, "hlc" INTEGER NOT NULL DEFAULT 0, "device" TEXT NOT NULL DEFAULT \'\', "vv" TEXT NOT NULL DEFAULT \'\', "deleted" INTEGER NOT NULL DEFAULT 0, "visit_id" TEXT NOT NULL DEFAULT \'\', "cadre_id" TEXT NOT NULL DEFAULT \'\', FOREIGN KEY ("visit_id") REFERENCES "visit" ("uuid") DEFERRABLE INITIALLY DEFERRED, FOREIGN KEY ("cadre_id") REFERENCES "cadre" ("uuid") DEFERRABLE INITIALLY DEFERRED)',
    'CREATE INDEX "visit_visitor_visit_id" ON "visit_visitor" ("visit_id")',
    'CREATE INDEX "visit_visitor_cadre_id" ON "visit_visitor" ("cadre_id")',
    'CREATE INDEX "resident_id_number" ON "resident" ("id_number")',
    'CREATE INDEX "resident_name" ON "resident" ("name")',
    'CREATE INDEX "visit_visited_on" ON "visit" ("visited_on")',
    'CREATE INDEX "demand_state_deadline" ON "demand" ("state", "deadline")',
)


def up(database) -> None:
    for statement in STATEMENTS:
        database.execute_sql(statement)
