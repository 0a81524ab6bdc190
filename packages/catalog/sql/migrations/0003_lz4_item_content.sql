-- Item content is compressed with lz4 where the server has it: reading a property out of every row (a sort on
-- eo:cloud_cover, say) decompresses each one, and lz4 does that about twice as fast as the default pglz.
-- Partitions made later inherit the column's compression.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals)) THEN
    ALTER TABLE pqe.items ALTER COLUMN content SET COMPRESSION lz4;
  END IF;
END;
$$;
