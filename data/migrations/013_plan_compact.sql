-- 013: a plan run's result stored compressed. A ten-year plan of a million
-- sections is a few hundred MB of JSON; gzip keeps it at about a tenth, in
-- result_gz, with result left empty. Runs stored before keep their JSON in
-- result (result_gz NULL) and open as before.

ALTER TABLE plan_run ADD COLUMN result_gz BLOB;
