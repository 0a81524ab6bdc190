-- One GiST index over geometry and the item's time interval: a search with a spatial filter and a datetime
-- interval then finds exactly the items that meet both in the index, instead of reading every item in the box
-- from the table to check its dates (at a million items, a 10° box over six years holds about six times more
-- items than a one-year window of it). Geometry-only searches use the same index. btree_gist gives GiST the
-- timestamp operators.
CREATE EXTENSION IF NOT EXISTS btree_gist;
CREATE INDEX items_geometry_datetime_idx ON pqe.items USING gist (geometry, datetime, end_datetime);
DROP INDEX pqe.items_geometry_idx;
