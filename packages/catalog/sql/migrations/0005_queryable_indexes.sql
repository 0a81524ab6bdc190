-- Indexes for the queryables configured with property_index_type 'BTREE': a sort on such a property walks the index
-- and stops when the page is full, instead of reading and sorting every item the other conditions leave. The
-- indexed expression is the one searches sort by (a missing property is JSON null), so the planner can match it.
-- A queryable for all collections is indexed on pqe.items (every partition, present and future, inherits it); one
-- for some collections on their partitions. Index names are derived from the property name, so a second run finds
-- them; indexes of queryables no longer configured are dropped.
CREATE FUNCTION pqe.sync_queryable_indexes(_collections text[] DEFAULT NULL) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  target record;
  made integer := 0;
BEGIN
  CREATE TEMP TABLE IF NOT EXISTS pqe_wanted_indexes (table_name text, index_name text, path text[]) ON COMMIT DROP;
  TRUNCATE pqe_wanted_indexes;
  INSERT INTO pqe_wanted_indexes
  SELECT t.table_name, t.table_name || '_q_' || left(md5(bare), 12), ARRAY['properties'] || string_to_array(bare, '.')
    FROM (
      SELECT regexp_replace(q.name, '^properties\.', '') AS bare, q.collection_ids
        FROM pqe.queryables AS q
       WHERE upper(q.property_index_type) = 'BTREE'
    ) AS q
    CROSS JOIN LATERAL (
      SELECT 'items' AS table_name WHERE q.collection_ids IS NULL
      UNION ALL
      SELECT 'items_c' || c.key FROM pqe.collections AS c WHERE c.id = ANY(q.collection_ids)
    ) AS t
   WHERE q.bare NOT IN ('id', 'collection', 'datetime', 'start_datetime', 'end_datetime', 'geometry')
     AND to_regclass('pqe.' || t.table_name) IS NOT NULL;

  FOR target IN
    SELECT i.indexname FROM pg_indexes AS i
     WHERE i.schemaname = 'pqe' AND i.indexname ~ '^items(_c[0-9]+)?_q_[0-9a-f]{12}$'
       AND NOT EXISTS (SELECT 1 FROM pqe_wanted_indexes AS w WHERE w.index_name = i.indexname)
  LOOP
    EXECUTE format('DROP INDEX pqe.%I', target.indexname);
  END LOOP;

  FOR target IN
    SELECT w.* FROM pqe_wanted_indexes AS w
     WHERE to_regclass('pqe.' || w.index_name) IS NULL
       AND (_collections IS NULL OR w.table_name = 'items'
            OR w.table_name IN (SELECT 'items_c' || c.key FROM pqe.collections AS c WHERE c.id = ANY(_collections)))
  LOOP
    EXECUTE format('CREATE INDEX %I ON pqe.%I ((coalesce(content #> %L::text[], %L::jsonb)))', target.index_name, target.table_name, target.path, 'null');
    made := made + 1;
  END LOOP;
  RETURN made;
END;
$$;
