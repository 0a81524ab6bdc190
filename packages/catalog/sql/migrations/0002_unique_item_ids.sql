-- Item ids are unique per collection. Collections without time partitions get a UNIQUE index on id in their
-- partition, so that PostgreSQL itself refuses a duplicate (and a load need not look ids up first); time-partitioned
-- collections keep a plain index on id, and the loader checks them. This replaces the index on the parent.

DROP INDEX IF EXISTS pqe.items_id_idx;

CREATE OR REPLACE FUNCTION pqe.ensure_item_partition(_collection text, _datetime timestamptz) RETURNS text
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
      EXECUTE format('CREATE UNIQUE INDEX %I ON pqe.%I (id)', _parent || '_id_key', _parent);
    ELSE
      EXECUTE format('CREATE TABLE pqe.%I PARTITION OF pqe.items FOR VALUES IN (%L) PARTITION BY RANGE (datetime)', _parent, _collection);
      EXECUTE format('CREATE INDEX %I ON pqe.%I (id)', _parent || '_id_idx', _parent);
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

-- The partitions made before this migration get their index now.
DO $$
DECLARE
  c record;
BEGIN
  FOR c IN SELECT key, partition_trunc FROM pqe.collections LOOP
    IF to_regclass('pqe.items_c' || c.key) IS NOT NULL THEN
      IF c.partition_trunc IS NULL THEN
        EXECUTE format('CREATE UNIQUE INDEX IF NOT EXISTS %I ON pqe.%I (id)', 'items_c' || c.key || '_id_key', 'items_c' || c.key);
      ELSE
        EXECUTE format('CREATE INDEX IF NOT EXISTS %I ON pqe.%I (id)', 'items_c' || c.key || '_id_idx', 'items_c' || c.key);
      END IF;
    END IF;
  END LOOP;
END;
$$;
