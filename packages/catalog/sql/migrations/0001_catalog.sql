-- The catalog: collections, their items (partitioned by collection, optionally by time), registered searches,
-- render configs and queryables. Items are stored dehydrated: what the collection's base item already says is
-- not repeated per item (see packages/catalog/src/stac/dehydrate.ts).

CREATE EXTENSION IF NOT EXISTS postgis;

CREATE TABLE pqe.collections (
  id text PRIMARY KEY,
  -- Names the collection's item partitions (pqe.items_c<key>), so that ids never appear in DDL.
  key integer GENERATED ALWAYS AS IDENTITY UNIQUE,
  content jsonb NOT NULL,
  -- What hydration adds back to every item; frozen while the collection has items.
  base_item jsonb NOT NULL,
  partition_trunc text CHECK (partition_trunc IN ('year', 'month')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE pqe.items (
  collection text NOT NULL,
  id text NOT NULL,
  geometry geometry(Geometry, 4326) NOT NULL,
  -- The item's instant, or the start of its interval when it has only start/end datetimes.
  datetime timestamptz NOT NULL,
  end_datetime timestamptz NOT NULL,
  -- The item without id, collection and geometry (kept in the columns above), minus the base item.
  content jsonb NOT NULL,
  CONSTRAINT items_interval_ordered CHECK (end_datetime >= datetime)
) PARTITION BY LIST (collection);

CREATE INDEX items_id_idx ON pqe.items (id);
CREATE INDEX items_geometry_idx ON pqe.items USING gist (geometry);
CREATE INDEX items_datetime_idx ON pqe.items (datetime DESC, end_datetime);
CREATE INDEX items_end_datetime_idx ON pqe.items (end_datetime);

-- Creates (once) the partition of a collection and, for time-partitioned collections, the range partition that
-- holds `_datetime`. Called with parameters; identifiers and literals are quoted here by format().
CREATE FUNCTION pqe.ensure_item_partition(_collection text, _datetime timestamptz) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
  _key integer;
  _trunc text;
  _parent text;
  _leaf text;
  _start timestamptz;
  _end timestamptz;
BEGIN
  SELECT key, partition_trunc INTO _key, _trunc FROM pqe.collections WHERE id = _collection;
  IF _key IS NULL THEN
    RAISE EXCEPTION 'unknown collection %', _collection USING ERRCODE = 'foreign_key_violation';
  END IF;
  _parent := 'items_c' || _key;
  IF to_regclass('pqe.' || _parent) IS NULL THEN
    IF _trunc IS NULL THEN
      EXECUTE format('CREATE TABLE pqe.%I PARTITION OF pqe.items FOR VALUES IN (%L)', _parent, _collection);
    ELSE
      EXECUTE format('CREATE TABLE pqe.%I PARTITION OF pqe.items FOR VALUES IN (%L) PARTITION BY RANGE (datetime)', _parent, _collection);
    END IF;
  END IF;
  IF _trunc IS NULL OR _datetime IS NULL THEN
    RETURN _parent;
  END IF;
  _start := date_trunc(_trunc, _datetime, 'UTC');
  _end := _start + ('1 ' || _trunc)::interval;
  _leaf := _parent || '_' || to_char(_start AT TIME ZONE 'UTC', CASE _trunc WHEN 'year' THEN 'YYYY' ELSE 'YYYYMM' END);
  IF to_regclass('pqe.' || _leaf) IS NULL THEN
    EXECUTE format('CREATE TABLE pqe.%I PARTITION OF pqe.%I FOR VALUES FROM (%L) TO (%L)', _leaf, _parent, _start, _end);
  END IF;
  RETURN _leaf;
END;
$$;

-- Registered searches (the mosaic endpoints' /register), keyed by a stable hash of the normalized search.
CREATE TABLE pqe.searches (
  hash text PRIMARY KEY,
  search jsonb NOT NULL,
  metadata jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used timestamptz NOT NULL DEFAULT now(),
  use_count bigint NOT NULL DEFAULT 0
);

-- Per-collection render configs and mosaic info, in the shape of the Planetary Computer's collection config.
CREATE TABLE pqe.collection_configs (
  collection_id text PRIMARY KEY,
  render_config jsonb NOT NULL,
  mosaic_info jsonb,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Configured queryables; the ones not configured are derived from the data.
CREATE TABLE pqe.queryables (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name text NOT NULL,
  -- NULL: applies to every collection.
  collection_ids text[],
  definition jsonb NOT NULL,
  property_wrapper text CHECK (property_wrapper IN ('to_text', 'to_int', 'to_float', 'to_tstz')),
  property_index_type text,
  CONSTRAINT queryables_name_unique UNIQUE NULLS NOT DISTINCT (name, collection_ids)
);
