-- 005: what register data a plan run read. A plan run on every record,
-- drafts included, is itself a draft ("draf") on its pages and exports; a
-- plan run on the walidata's verified records only may be adopted as the
-- programme and published.

CREATE TABLE plan_basis (
    plan_id         INTEGER PRIMARY KEY REFERENCES plan_run(id),
    verified_only   INTEGER NOT NULL,      -- 1: the plan read Network.Verified()
    pending         INTEGER NOT NULL       -- unverified records the plan read (0 when verified_only)
);
